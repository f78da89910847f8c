using System.Diagnostics.CodeAnalysis;

namespace Caseload.Features.Notes.Objectivity;

/// <summary>
/// One word position of a phrase: any of <see cref="Words"/>, any word starting with one of <see cref="Prefixes"/>, or any
/// word of one of the named <see cref="Classes"/> (<see cref="WordClasses"/>).
/// </summary>
internal sealed class WordTest(string[] words, string[] prefixes, bool anyWord = false, WordClass[]? classes = null)
{
    public const string AnyWordToken = "_";

    public string[] Words { get; } = words;

    public string[] Prefixes { get; } = prefixes;

    public WordClass[] Classes { get; } = classes ?? [];

    /// <summary>Written "_": any one word ("asked _ whether" matches "asked dad whether").</summary>
    public bool AnyWord { get; } = anyWord;

    /// <param name="word">The lower-cased word from the note.</param>
    /// <param name="stem">The word without a possessive "'s", or the word itself.</param>
    /// <param name="mayBeName">Capitalised inside a sentence: "Grace", "Joy" and "Sunny" are names there, not verdicts.</param>
    public bool Matches(ReadOnlySpan<char> word, ReadOnlySpan<char> stem, bool mayBeName = false)
    {
        if (AnyWord)
        {
            return true;
        }

        foreach (var candidate in Words)
        {
            if (word.SequenceEqual(candidate) || stem.SequenceEqual(candidate))
            {
                return true;
            }
        }

        foreach (var prefix in Prefixes)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var wordClass in Classes)
        {
            if (mayBeName && wordClass.IsVerdict)
            {
                continue;
            }

            if (wordClass.Lookup.Contains(word) || wordClass.Lookup.Contains(stem))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A named class of words written "@name" in a pattern.</summary>
internal sealed record WordClass(string Name, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup, IReadOnlyCollection<string> Words)
{
    /// <summary>The classes of verdicts, which a name never belongs to.</summary>
    public bool IsVerdict { get; } = Name is "favourable" or "unfavourable";
}

/// <summary>
/// A phrase pattern from the rules data, compiled to word sequences. The syntax is deliberately small (whole words,
/// alternatives, trailing wildcards, optional words) so that an administrator's rule can never be slow or match
/// inside a word: matching is a linear walk over the note's words, with no regular expressions.
/// </summary>
internal sealed class PhrasePattern
{
    public const int MaxTerms = 8;
    public const int MaxOptionalTerms = 3;
    public const int MinPrefixLength = 3;
    public const char WordClassMark = '@';

    private PhrasePattern(string source, IReadOnlyList<WordTest[]> variants)
    {
        Source = source;
        Variants = variants;
    }

    public string Source { get; }

    /// <summary>Every word sequence the pattern stands for, optional words expanded.</summary>
    public IReadOnlyList<WordTest[]> Variants { get; }

    /// <summary>Does the pattern name a word class ("@favourable")? Such a pattern is broad, and yields to a listed phrase.</summary>
    public bool UsesWordClasses => Variants.Any(v => v.Any(w => w.Classes.Length > 0));

    public static bool TryParse(string source, [NotNullWhen(true)] out PhrasePattern? pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = null;
        var terms = source.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            error = "is empty";
            return false;
        }

        if (terms.Length > MaxTerms)
        {
            error = $"has more than {MaxTerms} words";
            return false;
        }

        // Each term becomes one or more word positions (a hyphenated word is several) and may be optional.
        var slots = new List<(WordTest[] Words, bool Optional)>(terms.Length);
        foreach (var term in terms)
        {
            var optional = term.Length >= 2 && term[0] == '[' && term[^1] == ']';
            var inner = optional ? term[1..^1] : term;
            if (inner.Contains('[', StringComparison.Ordinal) || inner.Contains(']', StringComparison.Ordinal))
            {
                error = $"has a misplaced bracket in \"{term}\" (write an optional word as [word] or [a|b])";
                return false;
            }

            var alternatives = inner.Split('|');
            if (alternatives.Length > 1 && alternatives.Any(a => a.Contains('-', StringComparison.Ordinal)))
            {
                error = $"has a hyphenated word among alternatives in \"{term}\" (write it as a pattern of its own)";
                return false;
            }

            if (alternatives.Length == 1 && inner.Contains('-', StringComparison.Ordinal))
            {
                if (optional)
                {
                    error = $"has an optional hyphenated word \"{term}\" (write it as a pattern of its own)";
                    return false;
                }

                // A hyphen separates words, as it does in the note: "attention-seeking" also matches "attention seeking".
                var parts = inner.Split('-');
                var positions = new WordTest[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!TryParseWordTest([parts[i]], term, out var test, out error))
                    {
                        return false;
                    }

                    positions[i] = test;
                }

                slots.Add((positions, false));
                continue;
            }

            if (!TryParseWordTest(alternatives, term, out var single, out error))
            {
                return false;
            }

            slots.Add(([single], optional));
        }

        var optionalCount = slots.Count(s => s.Optional);
        if (optionalCount > MaxOptionalTerms)
        {
            error = $"has more than {MaxOptionalTerms} optional words";
            return false;
        }

        if (optionalCount == slots.Count)
        {
            error = "has only optional words";
            return false;
        }

        var variants = new List<WordTest[]>(1 << optionalCount);
        for (var mask = 0; mask < 1 << optionalCount; mask++)
        {
            var words = new List<WordTest>();
            var optionalIndex = 0;
            foreach (var (positions, isOptional) in slots)
            {
                if (isOptional && (mask & (1 << optionalIndex++)) == 0)
                {
                    continue;
                }

                words.AddRange(positions);
            }

            if (words[0].AnyWord)
            {
                error = $"starts with \"{WordTest.AnyWordToken}\" (a pattern must start with a word)";
                return false;
            }

            variants.Add([.. words]);
        }

        pattern = new PhrasePattern(source, variants);
        error = null;
        return true;
    }

    private static bool TryParseWordTest(string[] alternatives, string term, [NotNullWhen(true)] out WordTest? test, [NotNullWhen(false)] out string? error)
    {
        test = null;
        if (alternatives is [WordTest.AnyWordToken])
        {
            test = new WordTest([], [], anyWord: true);
            error = null;
            return true;
        }

        var words = new List<string>();
        var prefixes = new List<string>();
        var classes = new List<WordClass>();
        foreach (var raw in alternatives)
        {
            if (raw.Length == 0)
            {
                error = $"has an empty word in \"{term}\"";
                return false;
            }

            if (raw[0] == WordClassMark)
            {
                if (!WordClasses.TryGet(raw[1..], out var lookup, out var members))
                {
                    error = $"has an unknown word class \"{raw}\" (known: {string.Join(", ", WordClasses.Names.Select(n => WordClassMark + n))})";
                    return false;
                }

                classes.Add(new WordClass(raw[1..], lookup, members));
                continue;
            }

            var isPrefix = raw[^1] == '*';
            var word = NoteText.Normalise(isPrefix ? raw[..^1] : raw);
            foreach (var c in word)
            {
                if (c == '*')
                {
                    error = $"has a '*' that is not at the end of a word in \"{term}\"";
                    return false;
                }

                if (!char.IsLetterOrDigit(c) && c != '\'')
                {
                    error = $"has the character '{c}' in \"{term}\" (use letters, digits, apostrophes, hyphens, '|', '*', '_', '@' before a word class and [ ])";
                    return false;
                }
            }

            if (word.Length == 0 || word[0] == '\'' || word[^1] == '\'')
            {
                error = $"has an incomplete word in \"{term}\"";
                return false;
            }

            if (isPrefix)
            {
                if (word.Length < MinPrefixLength)
                {
                    error = $"has a wildcard with fewer than {MinPrefixLength} letters before '*' in \"{term}\"";
                    return false;
                }

                prefixes.Add(word);
            }
            else
            {
                words.Add(word);
            }
        }

        test = new WordTest([.. words.Distinct(StringComparer.Ordinal)], [.. prefixes.Distinct(StringComparer.Ordinal)], classes: [.. classes]);
        error = null;
        return true;
    }
}
