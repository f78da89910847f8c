using System.Buffers;

namespace Caseload.Features.Notes.Objectivity;

[Flags]
internal enum WordFlags : byte
{
    None = 0,

    /// <summary>Inside quotation marks: someone's own words.</summary>
    InQuote = 1,

    /// <summary>In a clause that reports what a named person said or thinks.</summary>
    Attributed = 2,

    HasDigit = 4,
    Capitalised = 8,
    CommaBefore = 16,
    SentenceStart = 32,

    /// <summary>Matched by a rule that a listed exception, a time frame or a switched-off rule lets through: the rules have
    /// decided these words, so the statistical model leaves them out.</summary>
    Decided = 64,
}

internal struct NoteWord
{
    public int Start;
    public int Length;
    public WordFlags Flags;
}

/// <summary>
/// A case note split into words and sentences for one check. Words index the original text; their lower-cased form
/// (with curly apostrophes made straight) is a slice of <see cref="Lower"/>, which has the same length as the original.
/// Owns a pooled buffer: dispose it.
/// </summary>
internal sealed class NoteText : IDisposable
{
    // Abbreviations after which a full stop does not end a sentence ("Mr. Khan", "approx. 3 cm").
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "mx", "dr", "prof", "st", "approx", "no", "vs", "cllr", "tel", "ref",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private NoteWord[] words;

    private NoteText(string original, string lower, NoteWord[] words, int count)
    {
        Original = original;
        Lower = lower;
        this.words = words;
        Count = count;
    }

    public string Original { get; }

    public string Lower { get; }

    public int Count { get; }

    public static string Normalise(string value) => value.ToLowerInvariant().Replace('’', '\'');

    public static NoteText Read(string text)
    {
        var lower = string.Create(text.Length, text, static (span, source) =>
        {
            source.AsSpan().ToLowerInvariant(span);
            span.Replace('’', '\'');
        });

        var quotes = QuotedSpans.Find(text);
        var words = ArrayPool<NoteWord>.Shared.Rent((text.Length / 2) + 1);
        var count = 0;
        var quote = 0;
        var sentenceStart = true;
        var commaBefore = false;
        var i = 0;
        while (i < lower.Length)
        {
            var c = lower[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var hasDigit = false;
                while (i < lower.Length)
                {
                    c = lower[i];
                    if (char.IsLetterOrDigit(c))
                    {
                        hasDigit |= char.IsAsciiDigit(c);
                        i++;
                    }
                    else if (c == '\'' && i + 1 < lower.Length && char.IsLetterOrDigit(lower[i + 1]))
                    {
                        // An apostrophe inside a word ("family's", "don't") belongs to the word.
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                while (quote < quotes.Count && quotes[quote].End <= start)
                {
                    quote++;
                }

                var flags = WordFlags.None;
                if (quote < quotes.Count && quotes[quote].Start <= start)
                {
                    flags |= WordFlags.InQuote;
                }

                if (hasDigit)
                {
                    flags |= WordFlags.HasDigit;
                }

                if (char.IsUpper(text[start]))
                {
                    flags |= WordFlags.Capitalised;
                }

                if (sentenceStart)
                {
                    flags |= WordFlags.SentenceStart;
                }

                if (commaBefore)
                {
                    flags |= WordFlags.CommaBefore;
                }

                words[count++] = new NoteWord { Start = start, Length = i - start, Flags = flags };
                sentenceStart = false;
                commaBefore = false;
                continue;
            }

            switch (c)
            {
                case ',':
                    commaBefore = true;
                    break;
                case '\n' or '!' or '?' or ';':
                    // A semicolon starts a new clause with its own voice ("…; mum said he fell"), so it is treated as a sentence end.
                    sentenceStart = true;
                    break;
                case '.' when EndsSentence(lower, i, count == 0 ? default : words[count - 1]):
                    sentenceStart = true;
                    break;
                default:
                    break;
            }

            i++;
        }

        return new NoteText(text, lower, words, count);
    }

    public ReadOnlySpan<char> Word(int index)
    {
        var word = words[index];
        return Lower.AsSpan(word.Start, word.Length);
    }

    /// <summary>The word without a possessive "'s", so "family" in a pattern matches "family's".</summary>
    public ReadOnlySpan<char> Stem(int index)
    {
        var word = Word(index);
        return word.Length > 2 && word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word;
    }

    public int StartOf(int index) => words[index].Start;

    public int EndOf(int index) => words[index].Start + words[index].Length;

    public bool Has(int index, WordFlags flag) => (words[index].Flags & flag) != 0;

    /// <summary>Quoted or reported words are someone else's and never flagged.</summary>
    public bool IsExcluded(int index) => (words[index].Flags & (WordFlags.InQuote | WordFlags.Attributed)) != 0;

    public void Mark(int from, int to, WordFlags flag)
    {
        for (var i = from; i < to; i++)
        {
            words[i].Flags |= flag;
        }
    }

    /// <summary>The index after the last word of the sentence that starts at <paramref name="start"/>.</summary>
    public int SentenceEnd(int start)
    {
        var i = start + 1;
        while (i < Count && (words[i].Flags & WordFlags.SentenceStart) == 0)
        {
            i++;
        }

        return i;
    }

    public void Dispose()
    {
        if (words.Length > 0)
        {
            ArrayPool<NoteWord>.Shared.Return(words);
            words = [];
        }
    }

    private static bool EndsSentence(string lower, int dot, NoteWord previous)
    {
        // "2.5", "e.g.x" and "www.x" have no space after the dot: not a sentence end.
        var next = dot + 1;
        while (next < lower.Length && lower[next] is '"' or '\'' or '”' or ')' or ']')
        {
            next++;
        }

        if (next < lower.Length && !char.IsWhiteSpace(lower[next]))
        {
            return false;
        }

        // A dot straight after an initial or a known abbreviation ("J. Khan", "e.g. ", "Mr. ") does not end a sentence.
        if (previous.Length > 0 && previous.Start + previous.Length == dot)
        {
            var word = lower.AsSpan(previous.Start, previous.Length);
            if (word.Length == 1 && char.IsLetter(word[0]))
            {
                return false;
            }

            if (AbbreviationLookup.Contains(word))
            {
                return false;
            }
        }

        return true;
    }
}
