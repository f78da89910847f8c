using System.Text.RegularExpressions;
using Caseload.Features.Notes.Objectivity;

namespace Caseload.Tests.Features.Notes.Objectivity;

/// <summary>
/// The objectivity corpus (see README.md beside the files): a development set, read and tuned on, and, when it is
/// present, a hold-out written by someone who has not seen the rules. The hold-out's sentences are never printed, only
/// its figures; while it is absent, the tests that need it say so and pass.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    public const string Development = "corpus-development.tsv";
    public const string HoldOut = "corpus-holdout.tsv";

    public static bool HasHoldOut => CorpusSentence.Exists(HoldOut);

    public static TheoryData<string> Files => HasHoldOut ? [Development, HoldOut] : [Development];

    private static IReadOnlyList<CorpusSentence> LoadHoldOut() => HasHoldOut ? CorpusSentence.Load(HoldOut) : [];

    [Fact]
    public void Corpus_loads_with_at_least_600_development_sentences_and_a_hold_out_if_present_of_at_least_300()
    {
        var development = CorpusSentence.Load(Development);

        Assert.True(development.Count >= 600, $"development set has {development.Count} sentences");
        if (HasHoldOut)
        {
            var holdOut = CorpusSentence.Load(HoldOut);
            Assert.True(holdOut.Count >= 300, $"hold-out has {holdOut.Count} sentences");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void At_least_40_percent_of_each_file_are_hard_negatives_and_opinions_are_between_40_and_60_percent(string file)
    {
        var sentences = CorpusSentence.Load(file);
        var hardNegatives = sentences.Count(s => s.IsHardNegative);
        var opinions = sentences.Count(s => s.IsOpinion);

        Assert.True(hardNegatives * 10 >= sentences.Count * 4, $"{file}: {hardNegatives} of {sentences.Count} are hard negatives");
        Assert.InRange(opinions, sentences.Count * 4 / 10, sentences.Count * 6 / 10);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_context_opinion_category_and_kind_of_factual_sentence_is_in_each_file(string file)
    {
        var sentences = CorpusSentence.Load(file);

        Assert.All(CorpusSentence.Contexts, context => Assert.True(
            sentences.Count(s => s.Context == context) >= 50, $"{file}: fewer than 50 {context} sentences"));
        Assert.All(CorpusSentence.OpinionCategories, category => Assert.True(
            sentences.Count(s => s.IsOpinion && s.Category == category) >= 10, $"{file}: fewer than 10 {category} opinions"));
        Assert.All(CorpusSentence.FactualKinds, kind => Assert.True(
            sentences.Count(s => !s.IsOpinion && s.Category == kind) >= 10, $"{file}: fewer than 10 {kind} factual sentences"));
    }

    [Fact]
    public void No_sentence_appears_twice_in_either_file_or_in_both_or_in_the_older_labelled_sets()
    {
        var corpus = CorpusSentence.Load(Development).Concat(LoadHoldOut()).ToList();
        var older = LabelledSentence.Load("labelled-sentences.tsv").Concat(LabelledSentence.Load("holdout-sentences.tsv"))
            .Select(s => Normalise(s.Text))
            .ToHashSet(StringComparer.Ordinal);

        var repeated = corpus.GroupBy(s => Normalise(s.Text), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" and ", g.Select(s => $"{s.FileName} line {s.Line}")))
            .ToList();
        var reused = corpus.Where(s => older.Contains(Normalise(s.Text))).Select(s => $"{s.FileName} line {s.Line}").ToList();

        Assert.True(repeated.Count == 0, "repeated: " + string.Join("; ", repeated));
        Assert.True(reused.Count == 0, "already in the older labelled sets: " + string.Join("; ", reused));
    }

    [Fact]
    public void Development_set_is_classified_with_precision_of_at_least_97_percent_and_recall_of_at_least_95_percent()
    {
        var score = CorpusScore.Of(ObjectivityCheck.Default, CorpusSentence.Load(Development));

        Assert.True(score.Precision >= 0.97, score.Describe("Corpus development set"));
        Assert.True(score.Recall >= 0.95, score.Describe("Corpus development set"));
    }

    [Fact]
    public void Current_check_is_scored_over_every_sentence_of_the_development_set_and_of_the_hold_out_if_present()
    {
        // Misses and false alarms are listed for the development set only: the hold-out is not read while rules are
        // changed, so only its figures are printed.
        var development = CorpusSentence.Load(Development);
        var developmentScore = CorpusScore.Of(ObjectivityCheck.Default, development);
        output.WriteLine(developmentScore.Describe("Corpus development set"));
        foreach (var error in developmentScore.Errors)
        {
            output.WriteLine(error);
        }

        AssertCovers(developmentScore, development);

        if (!HasHoldOut)
        {
            output.WriteLine($"Corpus hold-out: {HoldOut} is not present.");
            return;
        }

        var holdOut = CorpusSentence.Load(HoldOut);
        var holdOutScore = CorpusScore.Of(ObjectivityCheck.Default, holdOut);
        output.WriteLine(holdOutScore.Describe("Corpus hold-out"));
        AssertCovers(holdOutScore, holdOut);
    }

    private static void AssertCovers(CorpusScore score, IReadOnlyList<CorpusSentence> sentences)
    {
        Assert.Equal(sentences.Count, score.Sentences);
        Assert.Equal(sentences.Count(s => s.IsOpinion), score.Opinions);
        Assert.Equal(sentences.Count(s => !s.IsOpinion), score.Factuals);
        Assert.Equal(score.Sentences, score.TruePositives + score.FalseNegatives + score.FalsePositives + score.TrueNegatives);
        Assert.InRange(score.Precision, 0, 1);
        Assert.InRange(score.Recall, 0, 1);
    }

    private static string Normalise(string text) => Spaces().Replace(text.Trim(), " ").ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
