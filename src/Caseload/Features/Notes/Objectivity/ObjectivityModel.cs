using System.Globalization;
using System.Reflection;
using System.Text;

namespace Caseload.Features.Notes.Objectivity;

/// <summary>A labelled sentence to train the model on: its text, whether it is opinion, and if so which kind.</summary>
public sealed record ObjectivityTrainingSentence(string Text, bool IsOpinion, ObjectivityCategory? Category);

/// <summary>How the model is trained. <see cref="ObjectivityModelOptions.Default"/> made the shipped weights.</summary>
/// <remarks><paramref name="RatioOffset"/>: each feature enters training scaled by this plus the size of its log-count ratio
/// (how much more often it is seen in opinion than in fact, or the other way), so telling features are penalised less by
/// <paramref name="L2"/> than common ones; a negative value trains on the plain binary features.</remarks>
public sealed record ObjectivityModelOptions(int Iterations, double LearningRate, double L2, int MinimumSentences, double Threshold, double RatioOffset)
{
    public static ObjectivityModelOptions Default { get; } = new(Iterations: 800, LearningRate: 0.5, L2: 0.0002, MinimumSentences: 2, Threshold: 0.8, RatioOffset: 0.5);
}

/// <summary>
/// A small regularised logistic regression beside the rules: it reads the practitioner's own words in a sentence (never
/// quoted or reported ones, which <see cref="ObjectivityCheck"/> scopes first) and scores how much the sentence reads as
/// opinion. Features are lower-cased words, crude stems, pairs of neighbouring words, numbers as one token, the word
/// classes (<see cref="WordClasses"/>: verdicts from AFINN-165 and VADER, degree, future, copula, person, place; never
/// for a capitalised name such as "Joy"), pairs of classes side by side or one word apart ("copula unfavourable",
/// "person copula"), and markers for a sentence that quotes or reports someone.
/// </summary>
/// <remarks>
/// Deterministic: training is full-batch AdaGrad over features in ordinal order for a fixed number of iterations, with
/// sums taken in a fixed order and an exponential written out in plain arithmetic, and the weights are rounded to four
/// places; so the same corpus gives the same weights on every machine. The shipped weights
/// (objectivity-model.tsv, an embedded resource) are what <see cref="Train(IReadOnlyList{ObjectivityTrainingSentence})"/>
/// gives on the development corpus, and a test holds them to that. A finding names the words that weighed most.
/// </remarks>
public sealed class ObjectivityModel
{
    public const string RuleId = "model-opinion-words";
    private const string ResourceName = "Caseload.Features.Notes.Objectivity.objectivity-model.tsv";
    private const int MaxWordLength = 40;

    private static readonly Lazy<ObjectivityModel> ShippedModel = new(LoadShipped);

    private static readonly string[] ClassNames = ["favourable", "unfavourable", "degree", "future", "copula", "person", "place"];

    private static readonly Lazy<HashSet<string>.AlternateLookup<ReadOnlySpan<char>>[]> ClassLookups = new(() =>
        [.. ClassNames.Select(name => WordClasses.TryGet(name, out var lookup, out _) ? lookup : throw new InvalidOperationException(name))]);

    private readonly string[] features;
    private readonly double[] weights;
    private readonly ObjectivityCategory[] categories;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> index;

    private ObjectivityModel(string[] features, double[] weights, ObjectivityCategory[] categories, double bias, double threshold)
    {
        this.features = features;
        this.weights = weights;
        this.categories = categories;
        Bias = bias;
        Threshold = threshold;
        var map = new Dictionary<string, int>(features.Length, StringComparer.Ordinal);
        for (var i = 0; i < features.Length; i++)
        {
            map.Add(features[i], i);
        }

        index = map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The weights shipped with the application, trained on the development corpus.</summary>
    public static ObjectivityModel Shipped => ShippedModel.Value;

    public double Bias { get; }

    /// <summary>A sentence with no rule finding is flagged when its probability of being opinion reaches this.</summary>
    public double Threshold { get; }

    public int FeatureCount => features.Length;

    public ObjectivityModel WithThreshold(double threshold) => new(features, weights, categories, Bias, threshold);

    /// <summary>Trains with <see cref="ObjectivityModelOptions.Default"/>, scoping quoted and reported words with the built-in rules.</summary>
    public static ObjectivityModel Train(IReadOnlyList<ObjectivityTrainingSentence> sentences) => Train(sentences, ObjectivityModelOptions.Default);

    public static ObjectivityModel Train(IReadOnlyList<ObjectivityTrainingSentence> sentences, ObjectivityModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        var scoping = new ObjectivityCheck(ObjectivityRuleSet.Default);
        var keysOf = sentences.Select(s => scoping.FeaturesOf(s.Text)).ToList();

        // The vocabulary: features in at least MinimumSentences sentences, in ordinal order (the order fixes the sums).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var keys in keysOf)
        {
            foreach (var key in keys)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var vocabulary = counts.Where(c => c.Value >= options.MinimumSentences).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
        var id = new Dictionary<string, int>(vocabulary.Length, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++)
        {
            id.Add(vocabulary[i], i);
        }

        var rows = keysOf.Select(keys => keys.Where(id.ContainsKey).Select(k => id[k]).Order().ToArray()).ToArray();
        var labels = sentences.Select(s => s.IsOpinion ? 1.0 : 0.0).ToArray();
        var scale = RatioScale(rows, labels, vocabulary.Length, options.RatioOffset);

        var w = new double[vocabulary.Length];
        var squares = new double[vocabulary.Length];
        var gradient = new double[vocabulary.Length];
        double bias = 0, biasSquares = 0;
        const double Epsilon = 1e-8;
        var n = rows.Length;
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            Array.Clear(gradient);
            double biasGradient = 0;
            for (var r = 0; r < n; r++)
            {
                var z = bias;
                foreach (var f in rows[r])
                {
                    z += w[f] * scale[f];
                }

                var error = Sigmoid(z) - labels[r];
                biasGradient += error;
                foreach (var f in rows[r])
                {
                    gradient[f] += error * scale[f];
                }
            }

            biasGradient /= n;
            biasSquares += biasGradient * biasGradient;
            bias -= options.LearningRate * biasGradient / (Math.Sqrt(biasSquares) + Epsilon);
            for (var f = 0; f < w.Length; f++)
            {
                var g = (gradient[f] / n) + (options.L2 * w[f]);
                squares[f] += g * g;
                w[f] -= options.LearningRate * g / (Math.Sqrt(squares[f]) + Epsilon);
            }
        }

        // Each feature's category: the kind of opinion it appeared in most often (ties to the earlier category).
        var categoryCounts = new int[vocabulary.Length, Enum.GetValues<ObjectivityCategory>().Length];
        for (var r = 0; r < n; r++)
        {
            if (sentences[r].Category is { } category)
            {
                foreach (var f in rows[r])
                {
                    categoryCounts[f, (int)category]++;
                }
            }
        }

        var kept = new List<(string Feature, double Weight, ObjectivityCategory Category)>();
        for (var f = 0; f < vocabulary.Length; f++)
        {
            // The weight a sentence's feature adds at run time: the trained weight times the feature's scale.
            var rounded = Math.Round(w[f] * scale[f], 4, MidpointRounding.ToEven);
            if (rounded == 0)
            {
                continue;
            }

            var best = 0;
            for (var c = 1; c < categoryCounts.GetLength(1); c++)
            {
                if (categoryCounts[f, c] > categoryCounts[f, best])
                {
                    best = c;
                }
            }

            kept.Add((vocabulary[f], rounded, (ObjectivityCategory)best));
        }

        return new ObjectivityModel(
            [.. kept.Select(k => k.Feature)], [.. kept.Select(k => k.Weight)], [.. kept.Select(k => k.Category)],
            Math.Round(bias, 4, MidpointRounding.ToEven), options.Threshold);
    }

    /// <summary>
    /// Each feature's scale in training: <paramref name="offset"/> plus the absolute log-count ratio of the feature in opinion
    /// and factual sentences, with one added to each count (the weighting of Wang and Manning's NBSVM, 2012). All ones when
    /// the offset is negative.
    /// </summary>
    private static double[] RatioScale(int[][] rows, double[] labels, int features, double offset)
    {
        var scale = new double[features];
        if (offset < 0)
        {
            Array.Fill(scale, 1.0);
            return scale;
        }

        var opinion = new double[features];
        var factual = new double[features];
        for (var r = 0; r < rows.Length; r++)
        {
            var counts = labels[r] > 0.5 ? opinion : factual;
            foreach (var f in rows[r])
            {
                counts[f]++;
            }
        }

        double opinionTotal = features, factualTotal = features;
        for (var f = 0; f < features; f++)
        {
            opinionTotal += opinion[f];
            factualTotal += factual[f];
        }

        for (var f = 0; f < features; f++)
        {
            scale[f] = offset + Math.Abs(Log((opinion[f] + 1) / opinionTotal) - Log((factual[f] + 1) / factualTotal));
        }

        return scale;
    }

    /// <summary>The weights as the text of objectivity-model.tsv.</summary>
    public string Write()
    {
        var text = new StringBuilder();
        text.Append("# Objectivity model: logistic regression weights trained on the development corpus by ObjectivityModel.Train.\n");
        text.Append("# Do not edit: a test retrains and compares. Regenerate with CASELOAD_WRITE_OBJECTIVITY_MODEL=1 (see README.md).\n");
        text.Append(CultureInfo.InvariantCulture, $"bias\t{Bias:F4}\n");
        text.Append(CultureInfo.InvariantCulture, $"threshold\t{Threshold:F4}\n");
        for (var i = 0; i < features.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{features[i]}\t{weights[i]:F4}\t{categories[i].ToCode()}\n");
        }

        return text.ToString();
    }

    public static ObjectivityModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double bias = 0, threshold = ObjectivityModelOptions.Default.Threshold;
        var names = new List<string>();
        var values = new List<double>();
        var kinds = new List<ObjectivityCategory>();
        foreach (var raw in text.Split('\n'))
        {
            // A checkout that turns line ends into CR LF still reads.
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var columns = line.Split('\t');
            var value = double.Parse(columns[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (columns.Length == 2 && columns[0] == "bias")
            {
                bias = value;
            }
            else if (columns.Length == 2 && columns[0] == "threshold")
            {
                threshold = value;
            }
            else if (columns.Length == 3 && ObjectivityCategoryCodes.TryParse(columns[2], out var category))
            {
                names.Add(columns[0]);
                values.Add(value);
                kinds.Add(category.Value);
            }
            else
            {
                throw new FormatException($"Objectivity model: cannot read the line \"{line}\".");
            }
        }

        return new ObjectivityModel([.. names], [.. values], [.. kinds], bias, threshold);
    }

    /// <summary>The shipped weights file's text, as embedded in the assembly.</summary>
    public static string ShippedText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static ObjectivityModel LoadShipped() => Parse(ShippedText());

    /// <summary>The highest probability of opinion among the sentences of <paramref name="text"/> (quoted and reported
    /// words scoped by <paramref name="scoping"/>), for tuning the threshold.</summary>
    internal double MaxProbability(string text, ObjectivityCheck scoping)
    {
        var best = 0.0;
        scoping.ForEachScopedSentence(text, (note, start, end) => best = Math.Max(best, Score(note, start, end, null).Probability));
        return best;
    }

    /// <summary>A finding for the sentence from <paramref name="start"/> to <paramref name="end"/> if it reads as opinion.</summary>
    internal ObjectivityFinding? FindIn(NoteText note, int start, int end)
    {
        var matched = new List<(int Feature, int First, int Count)>();
        var (probability, _) = Score(note, start, end, matched);
        if (probability < Threshold)
        {
            return null;
        }

        // The words that weighed most for opinion, heaviest first (the earlier wins a tie). Grammar words (he, is, the)
        // and the grammar classes add weight but explain nothing, so a finding names the heaviest other words.
        matched.Sort((a, b) => weights[a.Feature] != weights[b.Feature] ? weights[b.Feature].CompareTo(weights[a.Feature]) : a.First.CompareTo(b.First));
        matched.RemoveAll(m => weights[m.Feature] <= 0);
        var telling = matched.Where(m => Explains(note, m.Feature, m.First, m.Count)).ToList();
        if (telling.Count == 0)
        {
            // Only grammar weighed ("She is xyzzy."): nothing to name, so nothing to flag.
            return null;
        }

        matched = telling;

        var top = matched[0];
        var startChar = note.StartOf(top.First);
        var endChar = note.EndOf(top.First + top.Count - 1);
        var words = note.Original[startChar..endChar];
        var other = matched.Skip(1)
            .Where(m => weights[m.Feature] > 0 && (m.First + m.Count <= top.First || m.First >= top.First + top.Count))
            .Select(m => note.Original[note.StartOf(m.First)..note.EndOf(m.First + m.Count - 1)])
            .FirstOrDefault(t => !t.Equals(words, StringComparison.OrdinalIgnoreCase));
        var category = categories[top.Feature];
        var message = other is null
            ? $"'{words}' reads as the writer's opinion rather than a record of what was seen or said."
            : $"'{words}' (with '{other}') reads as the writer's opinion rather than a record of what was seen or said.";
        return new ObjectivityFinding(startChar, endChar - startChar, category, RuleId, message, SuggestionFor(category));
    }

    private bool Explains(NoteText note, int feature, int first, int count)
    {
        var key = features[feature].AsSpan();
        if (key.StartsWith("c|") || key.StartsWith("x|"))
        {
            return key is "c|favourable" or "c|unfavourable" or "c|future";
        }

        if (key.StartsWith("k|"))
        {
            // A class pair explains only when it holds a verdict or a forecast ("copula unfavourable"), and names its words.
            return key.Contains("favourable", StringComparison.Ordinal) || key.Contains("future", StringComparison.Ordinal);
        }

        for (var i = first; i < first + count; i++)
        {
            if (!GrammarWords.Contains(WordOf(note, i)))
            {
                return true;
            }
        }

        return false;
    }

    // Pronouns, articles, auxiliaries, prepositions and a few adverbs: they weigh in the score but do not say what reads as
    // opinion.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GrammarWords = new HashSet<string>(
    [
        "#", "i", "i'd", "i'm", "i've", "we", "you", "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their",
        "this", "that", "these", "those", "the", "a", "an", "is", "are", "was", "were", "be", "been", "being", "am", "has",
        "have", "had", "do", "does", "did", "he's", "she's", "it's", "they're", "to", "of", "in", "on", "at", "by", "for",
        "with", "from", "as", "about", "and", "or", "but", "so", "if", "than", "then", "there", "what", "who", "which", "when",
        "mum", "dad", "me", "my", "our", "us", "up", "out", "into", "over", "just", "not", "no", "through", "across", "after",
        "before", "during", "around", "off", "down", "near", "since", "until", "within", "without", "onto", "upon",
        // Adverbs of place, time and focus: "Only Kai here." says nothing evaluative through them.
        "here", "only", "again", "also", "now", "yet", "even", "still", "too",
    ], StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static string SuggestionFor(ObjectivityCategory category) => category switch
    {
        ObjectivityCategory.Prediction => "Record the risk you see and the evidence for it, not a forecast of the person's future.",
        ObjectivityCategory.Speculation => "Record what you observed and where any information came from, not a guess.",
        ObjectivityCategory.Certainty => "Record the evidence itself, so the reader can weigh it.",
        ObjectivityCategory.Generalisation => "Record the specific occasions, with dates, instead of a general pattern.",
        ObjectivityCategory.FavourableJudgement => "Record what the person did or said that was positive, not a verdict.",
        ObjectivityCategory.ValueLaden => "Describe what you saw, heard or smelt in neutral words.",
        _ => "Record what the person did or said, and what you saw, instead of a verdict on them.",
    };

    private (double Probability, int Features) Score(NoteText note, int start, int end, List<(int Feature, int First, int Count)>? matched)
    {
        matched ??= [];
        var sink = new ScoringSink(index, matched);
        Extract(note, start, end, sink);
        var z = Bias;
        foreach (var m in matched)
        {
            z += weights[m.Feature];
        }

        return (Sigmoid(z), matched.Count);
    }

    /// <summary>Where a feature is found: its key and the words it covers.</summary>
    internal abstract class FeatureSink
    {
        public abstract void Add(ReadOnlySpan<char> key, int first, int count);
    }

    private sealed class ScoringSink(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> index, List<(int Feature, int First, int Count)> matched) : FeatureSink
    {
        public override void Add(ReadOnlySpan<char> key, int first, int count)
        {
            if (!index.TryGetValue(key, out var feature))
            {
                return;
            }

            foreach (var m in matched)
            {
                if (m.Feature == feature)
                {
                    return;
                }
            }

            matched.Add((feature, first, count));
        }
    }

    internal sealed class KeySink : FeatureSink
    {
        public SortedSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public override void Add(ReadOnlySpan<char> key, int first, int count) => Keys.Add(key.ToString());
    }

    /// <summary>The features of the practitioner's own words in a sentence whose quoted and reported words are marked.</summary>
    internal static void Extract(NoteText note, int start, int end, FeatureSink sink)
    {
        Span<char> buffer = stackalloc char[(2 * MaxWordLength) + 4];
        var classes = ClassLookups.Value;
        bool quoted = false, reported = false;
        for (var i = start; i < end; i++)
        {
            if (note.IsExcluded(i))
            {
                if (note.Has(i, WordFlags.InQuote) && !quoted)
                {
                    quoted = true;
                    sink.Add("x|quoted", i, 1);
                }
                else if (note.Has(i, WordFlags.Attributed) && !reported)
                {
                    reported = true;
                    sink.Add("x|reported", i, 1);
                }

                continue;
            }

            var word = WordOf(note, i);
            if (word.Length > MaxWordLength || note.Has(i, WordFlags.Decided))
            {
                continue;
            }

            sink.Add(Key(buffer, "w|", word), i, 1);
            var stem = StemOf(word);
            if (stem.Length != word.Length)
            {
                sink.Add(Key(buffer, "s|", stem), i, 1);
            }

            for (var c = 0; c < classes.Length && !IsName(note, i); c++)
            {
                if (classes[c].Contains(word))
                {
                    sink.Add(Key(buffer, "c|", ClassNames[c]), i, 1);
                }
            }

            var kind = KindOf(note, i, end, classes);
            if (i + 1 < end && !note.IsExcluded(i + 1) && !note.Has(i + 1, WordFlags.Decided))
            {
                var next = WordOf(note, i + 1);
                if (next.Length <= MaxWordLength)
                {
                    "b|".CopyTo(buffer);
                    word.CopyTo(buffer[2..]);
                    buffer[2 + word.Length] = ' ';
                    next.CopyTo(buffer[(3 + word.Length)..]);
                    sink.Add(buffer[..(3 + word.Length + next.Length)], i, 2);
                }

                // Word classes side by side ("copula unfavourable", "person copula"), and one word apart ("is a …
                // unfavourable"), so a frame learnt with one insult covers the others in its class.
                var nextKind = KindOf(note, i + 1, end, classes);
                if (kind is not null && nextKind is not null)
                {
                    sink.Add(ClassPair(buffer, kind, " ", nextKind), i, 2);
                }

                var third = KindOf(note, i + 2, end, classes);
                if (kind is not null && third is not null)
                {
                    sink.Add(ClassPair(buffer, kind, " _ ", third), i, 3);
                }
            }
        }
    }

    // The first class of a word for the class pairs, in the order that says most (a verdict before grammar).
    private static readonly int[] KindOrder = [0, 1, 3, 2, 4, 5, 6];

    private static string? KindOf(NoteText note, int i, int end, HashSet<string>.AlternateLookup<ReadOnlySpan<char>>[] classes)
    {
        if (i >= end || note.IsExcluded(i) || note.Has(i, WordFlags.Decided) || IsName(note, i))
        {
            return null;
        }

        var word = WordOf(note, i);
        foreach (var c in KindOrder)
        {
            if (classes[c].Contains(word))
            {
                return ClassNames[c];
            }
        }

        return null;
    }

    private static ReadOnlySpan<char> ClassPair(Span<char> buffer, string first, string between, string second)
    {
        "k|".CopyTo(buffer);
        var at = 2;
        first.CopyTo(buffer[at..]);
        at += first.Length;
        between.CopyTo(buffer[at..]);
        at += between.Length;
        second.CopyTo(buffer[at..]);
        return buffer[..(at + second.Length)];
    }

    // A capitalised word after the first is a name ("with Joy", "at Bright Futures"), not a verdict; "I" is no name.
    private static bool IsName(NoteText note, int i) =>
        note.Has(i, WordFlags.Capitalised) && !note.Has(i, WordFlags.SentenceStart) && WordOf(note, i) is not "i";

    private static ReadOnlySpan<char> WordOf(NoteText note, int i) => note.Has(i, WordFlags.HasDigit) ? "#" : note.Stem(i);

    private static ReadOnlySpan<char> Key(Span<char> buffer, string prefix, ReadOnlySpan<char> word)
    {
        prefix.CopyTo(buffer);
        word.CopyTo(buffer[prefix.Length..]);
        return buffer[..(prefix.Length + word.Length)];
    }

    /// <summary>A crude stem, so "bullying", "bullied" and "bully" share weight: -ing, -ed, -ly, -es, -s off longer words.</summary>
    private static ReadOnlySpan<char> StemOf(ReadOnlySpan<char> word)
    {
        if (word.Length >= 6 && word.EndsWith("ing"))
        {
            return word[..^3];
        }

        if (word.Length >= 5 && (word.EndsWith("ed") || word.EndsWith("ly") || word.EndsWith("es")))
        {
            return word[..^2];
        }

        if (word.Length >= 5 && word[^1] == 's' && word[^2] != 's')
        {
            return word[..^1];
        }

        return word;
    }

    /// <summary>The logistic function with an exponential in plain arithmetic, so it rounds alike on every machine.</summary>
    internal static double Sigmoid(double z) => 1.0 / (1.0 + Exp(-z));

    /// <summary>The natural logarithm of a positive number in plain arithmetic (2 atanh((m - 1) / (m + 1)) for the mantissa m in
    /// [1, 2), plus the exponent times ln 2), so it rounds alike on every machine.</summary>
    internal static double Log(double x)
    {
        const double Ln2 = 0.6931471805599453;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        var exponent = Math.ILogB(x);
        var m = Math.ScaleB(x, -exponent);
        var z = (m - 1) / (m + 1);
        var z2 = z * z;
        var sum = 0.0;
        for (var n = 41; n >= 1; n -= 2)
        {
            sum = (1.0 / n) + (z2 * sum);
        }

        return (2 * z * sum) + (exponent * Ln2);
    }

    internal static double Exp(double x)
    {
        const double Ln2 = 0.6931471805599453;
        x = Math.Clamp(x, -700, 700);
        var k = Math.Round(x / Ln2, MidpointRounding.ToEven);
        var r = x - (k * Ln2);
        var sum = 1.0;
        for (var term = 18; term >= 1; term--)
        {
            sum = 1.0 + (r * sum / term);
        }

        return Math.ScaleB(sum, (int)k);
    }
}
