namespace Caseload.Features.Notes.Objectivity;

/// <summary>
/// Points out language in a case note that records opinion or judgement rather than fact, before the note is saved.
/// Pure and deterministic: the same text, rules and model weights always give the same findings, each explained by its
/// rule, or for a sentence no rule flags, by the words that weighed most in the <see cref="ObjectivityModel"/>.
/// Built once from a rule set, then safe to share between threads: all state of a check is local to the call.
/// </summary>
/// <remarks>
/// Words that are someone else's are never flagged:
/// <list type="bullet">
/// <item>text in quotation marks;</item>
/// <item>reported speech: the rest of the sentence after a speech verb ("said", "told", "described", "feels") whose speaker
/// is named and is not the practitioner ("Mum said she is always tired"). "I" and "we" are the practitioner's own voice,
/// and a bare passive ("he was described as lazy") has no source, so both stay checkable. The reported clause ends at the
/// end of the sentence, at a semicolon, or where the practitioner's voice resumes ("…, and I think…");</item>
/// <item>a whole sentence with a named source ("according to the school, …").</item>
/// </list>
/// An indirect question ("I asked dad whether he is always this tired") asserts nothing, so it is not checked either.
/// </remarks>
public sealed class ObjectivityCheck
{
    private static readonly Lazy<ObjectivityCheck> DefaultCheck = new(() => new ObjectivityCheck(ObjectivityRuleSet.Default, ObjectivityModel.Shipped));

    // Grammar, not vocabulary, so these live in code rather than in the rules data.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PractitionerOrNonPerson = Lookup(
        "i", "we", "my", "our", "it", "there", "this", "that");

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PassiveAuxiliaries = Lookup(
        "is", "was", "were", "are", "be", "been", "being", "am", "get", "got");

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Coordinators = Lookup(
        "and", "but", "or", "nor", "to");

    // Words between a speaker and the speech verb ("Mum has also said", "Dad then told me").
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SkippedBeforeVerb = Lookup(
        "has", "have", "had", "did", "does", "do", "didn't", "doesn't", "don't", "would", "will", "could", "also", "then",
        "later", "again", "just", "previously", "initially", "further", "often", "once", "first", "recently", "now",
        "already", "not", "never", "both", "all", "herself", "himself", "themselves");

    // A conjunction followed by I or we hands the sentence back to the practitioner ("Mum said…, but I think…").
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> VoiceChangers = Lookup(
        "and", "but", "however", "although", "though", "whereas", "so", "because");

    // Verbs of feeling are speech only for a person: "the house feels dirty" is the writer's own impression.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FeelingVerbs = Lookup(
        "feel", "feels", "felt");

    // What may follow a speech verb that closes a sentence ("He is always late, his teacher said to me."): more than
    // these ("…, dad said nothing") makes the verb a report of its own, not an attribution of the words before it.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AfterClosingAttribution = Lookup(
        "to", "me", "us", "him", "her", "them", "later", "again", "today", "yesterday", "afterwards", "then", "too", "also");

    // After a comma these hand a reported clause back to the practitioner ("Mum said he was out, so it is likely…").
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> InferenceMarkers = Lookup(
        "so", "therefore", "which", "hence", "thus");

    // How far back from a speech verb its speaker is looked for; bounds the work on pathological text.
    private const int MaxWordsBeforeVerb = 6;

    private readonly CompiledRule[] rules;
    private readonly PhraseIndex ruleIndex;
    private readonly PhraseIndex switchedOff;
    private readonly bool hasSwitchedOff;
    private readonly PhraseIndex speechVerbs;
    private readonly PhraseIndex sourcePhrases;
    private readonly PhraseIndex questionPhrases;
    private readonly PhraseIndex timeFrames;

    /// <summary>A check with the rules and, if given, the statistical model beside them (a sentence no rule flags is
    /// flagged when the model's score reaches its threshold).</summary>
    public ObjectivityCheck(ObjectivityRuleSet ruleSet, ObjectivityModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        RuleSet = ruleSet;
        Model = model;
        rules = [.. ruleSet.CompiledRules];
        // The payload is the rule's index, doubled, plus one for a broad pattern (one that names a word class).
        ruleIndex = new PhraseIndex(rules
            .Select((rule, index) => (rule, index))
            .Where(r => r.rule.Rule.Enabled)
            .SelectMany(r => r.rule.Patterns.Select(p => (p, (r.index * 2) + (p.UsesWordClasses ? 1 : 0)))));
        switchedOff = new PhraseIndex(rules.Where(r => !r.Rule.Enabled).SelectMany(r => r.Patterns.Select(p => (p, 0))));
        hasSwitchedOff = rules.Any(r => !r.Rule.Enabled);
        speechVerbs = new PhraseIndex(ruleSet.CompiledSpeechVerbs.Select(p => (p, 0)));
        sourcePhrases = new PhraseIndex(ruleSet.CompiledSourcePhrases.Select(p => (p, 0)));
        questionPhrases = new PhraseIndex(ruleSet.CompiledQuestionPhrases.Select(p => (p, 0)));
        timeFrames = new PhraseIndex(ruleSet.CompiledTimeFrames.Select(p => (p, 0)));
    }

    /// <summary>The check with the built-in rules and the shipped model.</summary>
    public static ObjectivityCheck Default => DefaultCheck.Value;

    public ObjectivityRuleSet RuleSet { get; }

    public ObjectivityModel? Model { get; }

    /// <summary>The model's features of the whole text: its own words, with quoted and reported words scoped out first.</summary>
    internal SortedSet<string> FeaturesOf(string text)
    {
        var sink = new ObjectivityModel.KeySink();
        ForEachScopedSentence(text, (note, start, end) => ObjectivityModel.Extract(note, start, end, sink));
        return sink.Keys;
    }

    /// <summary>Each sentence of the text with its quoted and reported words marked, as the check sees them.</summary>
    internal void ForEachScopedSentence(string text, Action<NoteText, int, int> visit)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        using var note = NoteText.Read(text);
        var scratch = new List<PhraseMatch>();
        var candidates = new List<PhraseMatch>();
        List<ObjectivityFinding>? findings = null;
        var start = 0;
        while (start < note.Count)
        {
            var end = note.SentenceEnd(start);
            ScopeSentence(note, start, end, candidates, scratch, ref findings);
            visit(note, start, end);
            start = end;
        }
    }

    /// <summary>Marks the sentence's quoted, reported and decided words and adds the rules' findings in it.</summary>
    private void ScopeSentence(NoteText note, int start, int end, List<PhraseMatch> candidates, List<PhraseMatch> scratch, ref List<ObjectivityFinding>? findings)
    {
        MarkAttributedWords(note, start, end, scratch);
        candidates.Clear();
        for (var i = start; i < end; i++)
        {
            if (!note.IsExcluded(i))
            {
                ruleIndex.FindAt(note, i, end, candidates);
            }
        }

        if (candidates.Count > 0)
        {
            AddFindings(note, start, end, candidates, scratch, ref findings);
        }

        if (hasSwitchedOff && Model is not null)
        {
            // A rule switched off here was judged to raise false alarms on sentences like this one: the model, which learnt
            // from such sentences, does not raise the alarm again in its place, on any of the sentence's words.
            candidates.Clear();
            for (var i = start; i < end && candidates.Count == 0; i++)
            {
                if (!note.IsExcluded(i))
                {
                    switchedOff.FindAt(note, i, end, candidates);
                }
            }

            if (candidates.Count > 0)
            {
                note.Mark(start, end, WordFlags.Decided);
            }
        }
    }

    /// <summary>The findings in <paramref name="text"/>, in order of position, never overlapping.</summary>
    public IReadOnlyList<ObjectivityFinding> Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        using var note = NoteText.Read(text);
        List<ObjectivityFinding>? findings = null;
        var candidates = new List<PhraseMatch>();
        var scratch = new List<PhraseMatch>();
        var start = 0;
        while (start < note.Count)
        {
            var end = note.SentenceEnd(start);
            var before = findings?.Count ?? 0;
            ScopeSentence(note, start, end, candidates, scratch, ref findings);

            if (Model is not null && (findings?.Count ?? 0) == before && Model.FindIn(note, start, end) is { } finding)
            {
                (findings ??= []).Add(finding);
            }

            start = end;
        }

        return findings ?? (IReadOnlyList<ObjectivityFinding>)[];
    }

    private void AddFindings(NoteText note, int start, int end, List<PhraseMatch> candidates, List<PhraseMatch> scratch, ref List<ObjectivityFinding>? findings)
    {
        // Listed phrases before broad patterns (a word class), so "lazy" is pointed at rather than "is lazy"; then earliest
        // first, then longest, then rule order: "bad mother" wins over "bad" and the first rule listed wins a tie.
        candidates.Sort(static (a, b) => (a.Payload & 1) != (b.Payload & 1) ? (a.Payload & 1).CompareTo(b.Payload & 1)
            : a.First != b.First ? a.First.CompareTo(b.First)
            : a.Count != b.Count ? b.Count.CompareTo(a.Count)
            : a.Payload.CompareTo(b.Payload));

        bool? hasTimeFrame = null;
        var firstOfSentence = findings?.Count ?? 0;
        var taken = start;
        var broadPass = false;
        foreach (var match in candidates)
        {
            if (!broadPass && (match.Payload & 1) == 1)
            {
                broadPass = true;
                taken = start;
            }

            if (match.First < taken || !AppliesTo(note, match) || (broadPass && Overlaps(note, findings, firstOfSentence, match)))
            {
                continue;
            }

            var rule = rules[match.Payload >> 1];
            if (IsExcepted(note, start, end, match, rule)
                || (rule.Rule.ExceptWithTimeFrame && (hasTimeFrame ??= HasTimeFrame(note, start, end, scratch))))
            {
                // The rule looked at these words and let them through: the model is not asked about them again.
                note.Mark(match.First, match.First + match.Count, WordFlags.Decided);
                continue;
            }

            var last = match.First + match.Count - 1;
            findings ??= [];
            findings.Add(new ObjectivityFinding(
                note.StartOf(match.First),
                note.EndOf(last) - note.StartOf(match.First),
                rule.Rule.Category,
                rule.Rule.Id,
                rule.Rule.Message,
                rule.Rule.Suggestion));
            taken = last + 1;
        }

        if (broadPass && findings is not null && findings.Count - firstOfSentence > 1)
        {
            findings.Sort(firstOfSentence, findings.Count - firstOfSentence, FindingOrder);
        }
    }

    private static readonly Comparer<ObjectivityFinding> FindingOrder = Comparer<ObjectivityFinding>.Create(static (a, b) => a.Start.CompareTo(b.Start));

    private static bool Overlaps(NoteText note, List<ObjectivityFinding>? findings, int from, PhraseMatch match)
    {
        if (findings is null)
        {
            return false;
        }

        var matchStart = note.StartOf(match.First);
        var matchEnd = note.EndOf(match.First + match.Count - 1);
        for (var i = from; i < findings.Count; i++)
        {
            if (findings[i].Start < matchEnd && matchStart < findings[i].Start + findings[i].Length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AppliesTo(NoteText note, PhraseMatch match)
    {
        for (var i = match.First; i < match.First + match.Count; i++)
        {
            if (note.IsExcluded(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An exception applies when one of its phrases covers all the matched words.</summary>
    private static bool IsExcepted(NoteText note, int start, int end, PhraseMatch match, CompiledRule rule)
    {
        foreach (var exception in rule.Exceptions)
        {
            foreach (var words in exception.Variants)
            {
                var earliest = Math.Max(start, match.First + match.Count - words.Length);
                for (var first = earliest; first <= match.First; first++)
                {
                    if (PhraseIndex.MatchesAt(note, first, end, words))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool HasTimeFrame(NoteText note, int start, int end, List<PhraseMatch> scratch)
    {
        for (var i = start; i < end; i++)
        {
            if (note.Has(i, WordFlags.HasDigit) || timeFrames.LongestAt(note, i, end, scratch) > 0)
            {
                return true;
            }
        }

        return false;
    }

    private void MarkAttributedWords(NoteText note, int start, int end, List<PhraseMatch> scratch)
    {
        for (var i = start; i < end; i++)
        {
            if (!note.Has(i, WordFlags.InQuote) && sourcePhrases.LongestAt(note, i, end, scratch) > 0)
            {
                note.Mark(start, end, WordFlags.Attributed);
                return;
            }
        }

        var lastBy = -2;
        var word = start;
        while (word < end)
        {
            if (note.Has(word, WordFlags.InQuote))
            {
                word++;
                continue;
            }

            var questionLength = questionPhrases.LongestAt(note, word, end, scratch);
            if (questionLength > 0)
            {
                var questionTo = EndOfReportedClause(note, word + questionLength, end);
                note.Mark(word + questionLength, questionTo, WordFlags.Attributed);
                word = Math.Max(questionTo, word + 1);
                continue;
            }

            var verbLength = speechVerbs.LongestAt(note, word, end, scratch);
            if (verbLength == 0 || !HasNamedSpeaker(note, start, end, word, verbLength, ref lastBy))
            {
                word++;
                continue;
            }

            var reportedFrom = word + verbLength;

            // "He is always late, his teacher said." The attribution comes last: the words before the comma are reported.
            if (EndsWithAttribution(note, reportedFrom, end) && TryFindCommaBeforeSpeaker(note, start, word, out var comma))
            {
                note.Mark(start, comma, WordFlags.Attributed);
                return;
            }

            var reportedTo = EndOfReportedClause(note, reportedFrom, end);
            note.Mark(reportedFrom, reportedTo, WordFlags.Attributed);
            word = Math.Max(reportedTo, word + 1);
        }
    }

    /// <summary>Is someone other than the practitioner the speaker of the speech verb at <paramref name="verb"/>?</summary>
    // lastBy: the last "by" of the sentence, found once per sentence (-2 until then, -1 when there is none).
    private static bool HasNamedSpeaker(NoteText note, int start, int end, int verb, int verbLength, ref int lastBy)
    {
        var earliest = Math.Max(start, verb - MaxWordsBeforeVerb);
        var subject = verb - 1;
        while (subject >= earliest && IsSkippedBeforeVerb(note, subject))
        {
            subject--;
        }

        if (subject < earliest)
        {
            return false;
        }

        var word = note.Word(subject);
        if (PractitionerOrNonPerson.Contains(word))
        {
            return false;
        }

        if (FeelingVerbs.Contains(note.Word(verb)) && WordClasses.IsPlace(note.Stem(subject)))
        {
            return false;
        }

        if (PassiveAuxiliaries.Contains(word))
        {
            // "He was described by his teacher as…" names a source; "he was described as…" does not.
            if (lastBy == -2)
            {
                lastBy = -1;
                for (var i = end - 1; i > start; i--)
                {
                    if (note.Word(i).SequenceEqual("by"))
                    {
                        lastBy = i;
                        break;
                    }
                }
            }

            return lastBy >= verb + verbLength;
        }

        if (Coordinators.Contains(word))
        {
            // "Mum came in and said…": the speaker is the subject of the sentence.
            return subject > start && !PractitionerOrNonPerson.Contains(note.Word(start));
        }

        return true;
    }

    private static bool IsSkippedBeforeVerb(NoteText note, int index)
    {
        var word = note.Word(index);
        if (SkippedBeforeVerb.Contains(word))
        {
            return true;
        }

        // A lower-case adverb ("Mum tearfully said"); a capitalised word ending in -ly is more likely a name ("Molly said").
        return word.Length >= 5 && word.EndsWith("ly", StringComparison.Ordinal) && !note.Has(index, WordFlags.Capitalised);
    }

    private static bool EndsWithAttribution(NoteText note, int from, int end)
    {
        if (end - from > 2)
        {
            return false;
        }

        for (var i = from; i < end; i++)
        {
            if (!AfterClosingAttribution.Contains(note.Word(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryFindCommaBeforeSpeaker(NoteText note, int start, int verb, out int comma)
    {
        for (var i = verb - 1; i > start && i >= verb - 4; i--)
        {
            if (note.Has(i, WordFlags.CommaBefore))
            {
                comma = i;
                return true;
            }
        }

        comma = -1;
        return false;
    }

    private static int EndOfReportedClause(NoteText note, int from, int end)
    {
        for (var i = from; i < end; i++)
        {
            var word = note.Word(i);
            if (i > from && note.Has(i, WordFlags.CommaBefore) && InferenceMarkers.Contains(word))
            {
                return i;
            }

            if (!word.SequenceEqual("i") && !word.SequenceEqual("we"))
            {
                continue;
            }

            if (i > from && VoiceChangers.Contains(note.Word(i - 1)))
            {
                return i - 1;
            }

            if (note.Has(i, WordFlags.CommaBefore))
            {
                return i;
            }
        }

        return end;
    }

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(params string[] words) =>
        new HashSet<string>(words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
