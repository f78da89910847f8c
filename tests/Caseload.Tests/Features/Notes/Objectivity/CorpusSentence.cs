using Caseload.Features.Notes.Objectivity;

namespace Caseload.Tests.Features.Notes.Objectivity;

/// <summary>
/// One invented case-note sentence of the objectivity corpus (corpus-development.tsv, and corpus-holdout.tsv when present): its label,
/// and for an opinion the category a careful reviewer would give it, for a factual sentence the kind of sentence it
/// is, which says whether it is a hard negative (someone else's words, an observation, a measurement) or plain.
/// </summary>
public sealed record CorpusSentence(string FileName, int Line, bool IsOpinion, string Category, string Context, string Text)
{
    public static readonly IReadOnlyList<string> Contexts = ["early-help", "childrens-social-care", "careers-iag", "send", "youth-work"];

    /// <summary>Opinion categories the corpus labels before the check has them: a person's future, and praise.</summary>
    public static readonly IReadOnlyList<string> AwaitedOpinionCategories = ["prediction", "favourable-judgement"];

    public static IReadOnlyList<string> OpinionCategories { get; } = [.. ObjectivityCategoryCodes.All.Union(AwaitedOpinionCategories)];

    /// <summary>What kind of factual sentence it is; all but <c>plain</c> are hard negatives.</summary>
    public static readonly IReadOnlyList<string> FactualKinds =
        ["reported-speech", "quoted", "direct-speech", "observed-fact", "measurement", "professional-statement", "plain"];

    public const string Plain = "plain";

    public bool IsHardNegative => !IsOpinion && Category != Plain;

    /// <summary>Whether the file is beside the tests (a hold-out is added only once it is written).</summary>
    public static bool Exists(string fileName) => File.Exists(PathOf(fileName));

    /// <summary>Reads a tab-separated file of label, category, context, sentence (with a header row).</summary>
    public static IReadOnlyList<CorpusSentence> Load(string fileName)
    {
        var path = PathOf(fileName);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != "label\tcategory\tcontext\tsentence")
        {
            throw new InvalidDataException($"{fileName}: the first line must be the header label, category, context, sentence.");
        }

        var sentences = new List<CorpusSentence>();
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

            var categories = isOpinion ? OpinionCategories : FactualKinds;
            if (!categories.Contains(columns[1]))
            {
                throw new InvalidDataException(
                    $"{fileName} line {i + 1}: \"{columns[1]}\" is not one of the {columns[0]} categories ({string.Join(", ", categories)}).");
            }

            if (!Contexts.Contains(columns[2]))
            {
                throw new InvalidDataException($"{fileName} line {i + 1}: unknown context \"{columns[2]}\".");
            }

            if (columns[3].Trim().Length == 0 || columns[3] != columns[3].Trim())
            {
                throw new InvalidDataException($"{fileName} line {i + 1}: the sentence is empty or has spaces around it.");
            }

            sentences.Add(new CorpusSentence(fileName, i + 1, isOpinion, columns[1], columns[2], columns[3]));
        }

        return sentences;
    }

    private static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Features", "Notes", "Objectivity", fileName);
}

/// <summary>How a check did on corpus sentences: a sentence counts as flagged when it has at least one finding.</summary>
public sealed record CorpusScore(int Sentences, int Opinions, int Factuals, int TruePositives, int FalsePositives, int CategoryMatches, IReadOnlyList<string> Errors)
{
    public int FalseNegatives => Opinions - TruePositives;

    public int TrueNegatives => Factuals - FalsePositives;

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Opinions == 0 ? 1 : (double)TruePositives / Opinions;

    public static CorpusScore Of(ObjectivityCheck check, IReadOnlyList<CorpusSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(sentences);
        int opinions = 0, factuals = 0, truePositives = 0, falsePositives = 0, categoryMatches = 0;
        var errors = new List<string>();
        foreach (var sentence in sentences)
        {
            var findings = check.Check(sentence.Text);
            var flagged = string.Join("; ", findings.Select(f => $"{f.Category.ToCode()} \"{sentence.Text.Substring(f.Start, f.Length)}\""));
            if (sentence.IsOpinion)
            {
                opinions++;
                if (findings.Count == 0)
                {
                    errors.Add($"line {sentence.Line} MISSED {sentence.Category}: {sentence.Text}");
                    continue;
                }

                truePositives++;
                if (findings.Any(f => f.Category.ToCode() == sentence.Category))
                {
                    categoryMatches++;
                }
                else
                {
                    errors.Add($"line {sentence.Line} other category (expected {sentence.Category}: {flagged}): {sentence.Text}");
                }
            }
            else
            {
                factuals++;
                if (findings.Count > 0)
                {
                    falsePositives++;
                    errors.Add($"line {sentence.Line} FALSE POSITIVE on {sentence.Category} ({flagged}): {sentence.Text}");
                }
            }
        }

        return new CorpusScore(sentences.Count, opinions, factuals, truePositives, falsePositives, categoryMatches, errors);
    }

    public string Describe(string name) =>
        $"{name}: {Sentences} sentences, {Opinions} opinion and {Factuals} factual; " +
        $"precision {Precision:F3} ({TruePositives}/{TruePositives + FalsePositives}), " +
        $"recall {Recall:F3} ({TruePositives}/{Opinions}); " +
        $"{FalsePositives} false positive(s), {FalseNegatives} missed; " +
        $"expected category among the findings for {CategoryMatches}/{TruePositives} detected opinions.";
}
