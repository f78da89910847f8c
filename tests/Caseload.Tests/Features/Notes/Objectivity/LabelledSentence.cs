using Caseload.Features.Notes.Objectivity;

namespace Caseload.Tests.Features.Notes.Objectivity;

/// <summary>One invented case-note sentence with the label a careful reviewer would give it.</summary>
public sealed record LabelledSentence(int Line, bool IsOpinion, ObjectivityCategory? Category, string Context, string Text)
{
    public static readonly IReadOnlyList<string> Contexts = ["early-help", "childrens-social-care", "careers-iag", "send"];

    /// <summary>Reads a tab-separated file of label, category, context, sentence (with a header row).</summary>
    public static IReadOnlyList<LabelledSentence> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Features", "Notes", "Objectivity", fileName);
        var sentences = new List<LabelledSentence>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var columns = lines[i].Split('\t');
            if (columns.Length != 4)
            {
                throw new InvalidDataException($"{fileName} line {i + 1}: expected 4 tab-separated columns, found {columns.Length}.");
            }

            var isOpinion = columns[0] switch
            {
                "opinion" => true,
                "factual" => false,
                _ => throw new InvalidDataException($"{fileName} line {i + 1}: label must be opinion or factual."),
            };

            ObjectivityCategory? category = null;
            if (isOpinion)
            {
                category = ObjectivityCategoryCodes.TryParse(columns[1], out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"{fileName} line {i + 1}: unknown category \"{columns[1]}\".");
            }
            else if (columns[1].Length > 0)
            {
                throw new InvalidDataException($"{fileName} line {i + 1}: a factual sentence has no category.");
            }

            if (!Contexts.Contains(columns[2]))
            {
                throw new InvalidDataException($"{fileName} line {i + 1}: unknown context \"{columns[2]}\".");
            }

            sentences.Add(new LabelledSentence(i + 1, isOpinion, category, columns[2], columns[3]));
        }

        return sentences;
    }
}

/// <summary>How the check did on a labelled set: a sentence counts as flagged when it has at least one finding.</summary>
public sealed record LabelledScore(int Opinions, int Factuals, int TruePositives, int FalsePositives, int CategoryMatches, IReadOnlyList<string> Errors)
{
    public int FalseNegatives => Opinions - TruePositives;

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Opinions == 0 ? 1 : (double)TruePositives / Opinions;

    public static LabelledScore Of(ObjectivityCheck check, IReadOnlyList<LabelledSentence> sentences)
    {
        int opinions = 0, factuals = 0, truePositives = 0, falsePositives = 0, categoryMatches = 0;
        var errors = new List<string>();
        foreach (var sentence in sentences)
        {
            var findings = check.Check(sentence.Text);
            var flagged = string.Join("; ", findings.Select(f => $"{f.Category.ToCode()} \"{sentence.Text.Substring(f.Start, f.Length)}\""));
            if (sentence.IsOpinion)
            {
                opinions++;
                if (findings.Count > 0)
                {
                    truePositives++;
                    if (findings.Any(f => f.Category == sentence.Category))
                    {
                        categoryMatches++;
                    }
                    else
                    {
                        errors.Add($"line {sentence.Line} other category (expected {sentence.Category?.ToCode()}: {flagged}): {sentence.Text}");
                    }
                }
                else
                {
                    errors.Add($"line {sentence.Line} MISSED {sentence.Category?.ToCode()}: {sentence.Text}");
                }
            }
            else
            {
                factuals++;
                if (findings.Count > 0)
                {
                    falsePositives++;
                    errors.Add($"line {sentence.Line} FALSE POSITIVE ({flagged}): {sentence.Text}");
                }
            }
        }

        return new LabelledScore(opinions, factuals, truePositives, falsePositives, categoryMatches, errors);
    }

    public string Describe(string name) =>
        $"{name}: {Opinions} opinion and {Factuals} factual sentences; " +
        $"precision {Precision:P1} ({TruePositives}/{TruePositives + FalsePositives}), " +
        $"recall {Recall:P1} ({TruePositives}/{Opinions}); " +
        $"{FalsePositives} false positive(s), {FalseNegatives} missed; " +
        $"expected category among the findings for {CategoryMatches}/{TruePositives} detected opinions.";
}
