namespace Caseload.Features.Notes.Objectivity;

/// <summary>Words <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> of a note matched a phrase with <see cref="Payload"/>.</summary>
internal readonly record struct PhraseMatch(int First, int Count, int Payload);

/// <summary>
/// Phrase patterns indexed by their first word, so checking a note costs one dictionary look-up per word
/// plus a short comparison for each phrase that starts with that word.
/// </summary>
internal sealed class PhraseIndex
{
    private const int PrefixKeyLength = PhrasePattern.MinPrefixLength;

    private readonly Dictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> byWord;
    private readonly Dictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> byPrefix;
    private readonly bool hasPrefixes;

    public PhraseIndex(IEnumerable<(PhrasePattern Pattern, int Payload)> patterns)
    {
        var words = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        foreach (var (pattern, payload) in patterns)
        {
            foreach (var variant in pattern.Variants)
            {
                var entry = new Entry(variant, payload);
                foreach (var word in variant[0].Words.Concat(variant[0].Classes.SelectMany(c => c.Words)).Distinct(StringComparer.Ordinal))
                {
                    Add(words, word, entry);
                }

                foreach (var prefix in variant[0].Prefixes)
                {
                    Add(prefixes, prefix[..PrefixKeyLength], entry);
                }
            }
        }

        byWord = words.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        byPrefix = prefixes.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        hasPrefixes = prefixes.Count > 0;
    }

    /// <summary>Adds every phrase that starts at word <paramref name="first"/> and ends before word <paramref name="end"/>.</summary>
    public void FindAt(NoteText note, int first, int end, List<PhraseMatch> into)
    {
        var word = note.Word(first);
        if (byWord.TryGetValue(word, out var entries))
        {
            Collect(entries, note, first, end, into);
        }

        var stem = note.Stem(first);
        if (stem.Length != word.Length && byWord.TryGetValue(stem, out entries))
        {
            Collect(entries, note, first, end, into);
        }

        if (hasPrefixes && word.Length >= PrefixKeyLength && byPrefix.TryGetValue(word[..PrefixKeyLength], out entries))
        {
            Collect(entries, note, first, end, into);
        }
    }

    /// <summary>The number of words of the longest phrase starting at <paramref name="first"/>, or 0.</summary>
    public int LongestAt(NoteText note, int first, int end, List<PhraseMatch> scratch)
    {
        scratch.Clear();
        FindAt(note, first, end, scratch);
        var longest = 0;
        foreach (var match in scratch)
        {
            longest = Math.Max(longest, match.Count);
        }

        return longest;
    }

    public static bool MatchesAt(NoteText note, int first, int end, WordTest[] words)
    {
        if (first < 0 || first + words.Length > end)
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            var index = first + i;
            if (!words[i].Matches(note.Word(index), note.Stem(index), MayBeName(note, index)))
            {
                return false;
            }
        }

        return true;
    }

    // A capitalised word inside a sentence, or opening a list ("Grace, mum and dad"), is taken for a name.
    private static bool MayBeName(NoteText note, int index) =>
        note.Has(index, WordFlags.Capitalised)
        && (!note.Has(index, WordFlags.SentenceStart) || (index + 1 < note.Count && note.Has(index + 1, WordFlags.CommaBefore)));

    private static void Collect(Entry[] entries, NoteText note, int first, int end, List<PhraseMatch> into)
    {
        foreach (var entry in entries)
        {
            if (MatchesAt(note, first, end, entry.Words))
            {
                into.Add(new PhraseMatch(first, entry.Words.Length, entry.Payload));
            }
        }
    }

    private static void Add(Dictionary<string, List<Entry>> index, string key, Entry entry)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(entry);
    }

    private readonly record struct Entry(WordTest[] Words, int Payload);
}
