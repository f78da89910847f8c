using Caseload.Features.Notes.Objectivity;

namespace Caseload.Tests.Features.Notes.Objectivity;

public sealed class LabelledSentencesTests(ITestOutputHelper output)
{
    [Fact]
    public void Hold_out_sentences_are_classified_with_precision_and_recall_of_at_least_90_percent()
    {
        // The hold-out set was written before the rules and is never used to tune them.
        var score = LabelledScore.Of(ObjectivityCheck.Default, LabelledSentence.Load("holdout-sentences.tsv"));
        Report(score, "Hold-out set");

        Assert.True(score.Precision >= 0.90, score.Describe("Hold-out set"));
        Assert.True(score.Recall >= 0.90, score.Describe("Hold-out set"));
    }

    private void Report(LabelledScore score, string name)
    {
        output.WriteLine(score.Describe(name));
        foreach (var error in score.Errors)
        {
            output.WriteLine(error);
        }
    }
}
