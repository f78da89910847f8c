using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Caseload.Features.Notes.Objectivity;

/// <summary>
/// The validated rules of the objectivity check: the built-in defaults (an embedded JSON resource) and, combined with
/// them, any rules an administrator adds. Immutable; every pattern has been compiled, so a rule set that exists works.
/// </summary>
public sealed class ObjectivityRuleSet
{
    private const string DefaultResourceName = "Caseload.Features.Notes.Objectivity.objectivity-rules.json";

    private static readonly Lazy<ObjectivityRuleSet> DefaultRules = new(LoadDefault);

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> RootProperties = new(StringComparer.Ordinal)
    {
        "rules", "speechVerbs", "sourcePhrases", "questionPhrases", "timeFrames",
    };

    private static readonly HashSet<string> RuleProperties = new(StringComparer.Ordinal)
    {
        "id", "category", "patterns", "exceptions", "message", "suggestion", "exceptWithTimeFrame", "enabled",
    };

    private ObjectivityRuleSet(
        IReadOnlyList<CompiledRule> rules,
        IReadOnlyList<PhrasePattern> speechVerbs,
        IReadOnlyList<PhrasePattern> sourcePhrases,
        IReadOnlyList<PhrasePattern> questionPhrases,
        IReadOnlyList<PhrasePattern> timeFrames)
    {
        CompiledRules = rules;
        CompiledSpeechVerbs = speechVerbs;
        CompiledSourcePhrases = sourcePhrases;
        CompiledQuestionPhrases = questionPhrases;
        CompiledTimeFrames = timeFrames;
        Rules = [.. rules.Select(r => r.Rule)];
        SpeechVerbs = [.. speechVerbs.Select(p => p.Source)];
        SourcePhrases = [.. sourcePhrases.Select(p => p.Source)];
        QuestionPhrases = [.. questionPhrases.Select(p => p.Source)];
        TimeFrames = [.. timeFrames.Select(p => p.Source)];
    }

    /// <summary>The built-in rules.</summary>
    public static ObjectivityRuleSet Default => DefaultRules.Value;

    public IReadOnlyList<ObjectivityRule> Rules { get; }

    /// <summary>Phrases after which, given a named speaker, the rest of the sentence is that person's words.</summary>
    public IReadOnlyList<string> SpeechVerbs { get; }

    /// <summary>Phrases that attribute a whole sentence to a source ("according to").</summary>
    public IReadOnlyList<string> SourcePhrases { get; }

    /// <summary>Phrases after which the rest of the clause is a question, not an assertion ("I asked dad whether…").</summary>
    public IReadOnlyList<string> QuestionPhrases { get; }

    /// <summary>Phrases that give a sentence a time frame, which makes "never" or "always" checkable.</summary>
    public IReadOnlyList<string> TimeFrames { get; }

    internal IReadOnlyList<CompiledRule> CompiledRules { get; }

    internal IReadOnlyList<PhrasePattern> CompiledSpeechVerbs { get; }

    internal IReadOnlyList<PhrasePattern> CompiledSourcePhrases { get; }

    internal IReadOnlyList<PhrasePattern> CompiledQuestionPhrases { get; }

    internal IReadOnlyList<PhrasePattern> CompiledTimeFrames { get; }

    /// <summary>Reads and validates rules data.</summary>
    /// <exception cref="ObjectivityRuleSetException">The data is not valid; <see cref="ObjectivityRuleSetException.Errors"/> lists every problem.</exception>
    public static ObjectivityRuleSet Parse(string json) =>
        TryParse(json, out var ruleSet, out var errors) ? ruleSet : throw new ObjectivityRuleSetException(errors);

    public static bool TryParse(string json, [NotNullWhen(true)] out ObjectivityRuleSet? ruleSet, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ruleSet = null;
        var problems = new List<string>();
        errors = problems;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            problems.Add($"The rules are not valid JSON: {exception.Message}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("The rules must be a JSON object with a \"rules\" array.");
                return false;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!IsComment(property.Name) && !RootProperties.Contains(property.Name))
                {
                    problems.Add($"Unknown property \"{property.Name}\" (expected rules, speechVerbs, sourcePhrases, questionPhrases or timeFrames).");
                }
            }

            var rules = ReadRules(root, problems);
            var speechVerbs = ReadPatternList(root, "speechVerbs", problems);
            var sourcePhrases = ReadPatternList(root, "sourcePhrases", problems);
            var questionPhrases = ReadPatternList(root, "questionPhrases", problems);
            var timeFrames = ReadPatternList(root, "timeFrames", problems);
            if (problems.Count > 0)
            {
                return false;
            }

            ruleSet = new ObjectivityRuleSet(rules, speechVerbs, sourcePhrases, questionPhrases, timeFrames);
            return true;
        }
    }

    /// <summary>
    /// A rule set from rules already held as records (an administrator's stored rules), validated exactly as the rules
    /// data is: the same problems are reported for a record as for its JSON.
    /// </summary>
    public static bool TryCreate(IEnumerable<ObjectivityRule> rules, [NotNullWhen(true)] out ObjectivityRuleSet? ruleSet, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var json = JsonSerializer.Serialize(new
        {
            rules = rules.Select(r => new
            {
                id = r.Id,
                category = r.Category.ToCode(),
                patterns = r.Patterns,
                exceptions = r.Exceptions,
                message = r.Message,
                suggestion = r.Suggestion,
                exceptWithTimeFrame = r.ExceptWithTimeFrame,
                enabled = r.Enabled,
            }),
        });
        return TryParse(json, out ruleSet, out errors);
    }

    /// <summary>Whether <paramref name="pattern"/> is a valid phrase pattern; if not, why not ("has the character '(' in …").</summary>
    public static bool IsValidPattern(string pattern, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return PhrasePattern.TryParse(pattern, out _, out error);
    }

    /// <summary>
    /// These rules with <paramref name="extra"/> added: a rule with the id of an existing one replaces it (so an
    /// administrator can reword, refine or disable a default rule); speech verbs, source phrases and time frames are combined.
    /// </summary>
    public ObjectivityRuleSet CombineWith(ObjectivityRuleSet extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var replacements = extra.CompiledRules.ToDictionary(r => r.Rule.Id, StringComparer.Ordinal);
        var rules = CompiledRules
            .Select(r => replacements.Remove(r.Rule.Id, out var replacement) ? replacement : r)
            .Concat(extra.CompiledRules.Where(r => replacements.ContainsKey(r.Rule.Id)))
            .ToList();
        return new ObjectivityRuleSet(
            rules,
            Union(CompiledSpeechVerbs, extra.CompiledSpeechVerbs),
            Union(CompiledSourcePhrases, extra.CompiledSourcePhrases),
            Union(CompiledQuestionPhrases, extra.CompiledQuestionPhrases),
            Union(CompiledTimeFrames, extra.CompiledTimeFrames));
    }

    private static ObjectivityRuleSet LoadDefault()
    {
        using var stream = typeof(ObjectivityRuleSet).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static List<CompiledRule> ReadRules(JsonElement root, List<string> problems)
    {
        var rules = new List<CompiledRule>();
        if (!root.TryGetProperty("rules", out var array))
        {
            return rules;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"rules\" must be an array of rules.");
            return rules;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var rule = ReadRule(element, index, problems);
            if (rule is not null && !ids.Add(rule.Rule.Id))
            {
                problems.Add($"rules[{index}]: the id \"{rule.Rule.Id}\" is used by another rule.");
            }
            else if (rule is not null)
            {
                rules.Add(rule);
            }

            index++;
        }

        return rules;
    }

    private static CompiledRule? ReadRule(JsonElement element, int index, List<string> problems)
    {
        var where = $"rules[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: a rule must be a JSON object.");
            return null;
        }

        var id = ReadString(element, "id");
        if (!string.IsNullOrWhiteSpace(id))
        {
            where = $"rules[{index}] (\"{id}\")";
        }

        var before = problems.Count;
        foreach (var property in element.EnumerateObject())
        {
            if (!IsComment(property.Name) && !RuleProperties.Contains(property.Name))
            {
                problems.Add($"{where}: unknown property \"{property.Name}\".");
            }
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{where}: enter an id.");
        }
        else if (!id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add($"{where}: the id must use only lower-case letters, digits and hyphens.");
        }

        var categoryCode = ReadString(element, "category");
        ObjectivityCategory? category = null;
        if (categoryCode is null)
        {
            problems.Add($"{where}: enter a category ({string.Join(", ", ObjectivityCategoryCodes.All)}).");
        }
        else if (!ObjectivityCategoryCodes.TryParse(categoryCode, out category))
        {
            problems.Add($"{where}: the category \"{categoryCode}\" is not one of {string.Join(", ", ObjectivityCategoryCodes.All)}.");
        }

        var message = ReadString(element, "message");
        if (string.IsNullOrWhiteSpace(message))
        {
            problems.Add($"{where}: enter a message that explains the problem.");
        }

        var suggestion = ReadString(element, "suggestion");
        if (string.IsNullOrWhiteSpace(suggestion))
        {
            problems.Add($"{where}: enter a suggestion of what to record instead.");
        }

        var patterns = ReadPatterns(element, "patterns", where, problems, required: true);
        var exceptions = ReadPatterns(element, "exceptions", where, problems, required: false);
        var exceptWithTimeFrame = ReadBoolean(element, "exceptWithTimeFrame", where, problems, fallback: false);
        var enabled = ReadBoolean(element, "enabled", where, problems, fallback: true);

        if (problems.Count > before || category is null)
        {
            return null;
        }

        var rule = new ObjectivityRule(
            id!,
            category.Value,
            [.. patterns.Select(p => p.Source)],
            [.. exceptions.Select(p => p.Source)],
            message!.Trim(),
            suggestion!.Trim(),
            exceptWithTimeFrame,
            enabled);
        return new CompiledRule(rule, patterns, exceptions);
    }

    private static List<PhrasePattern> ReadPatternList(JsonElement root, string name, List<string> problems) =>
        ReadPatterns(root, name, name, problems, required: false);

    private static List<PhrasePattern> ReadPatterns(JsonElement owner, string name, string where, List<string> problems, bool required)
    {
        var patterns = new List<PhrasePattern>();
        if (!owner.TryGetProperty(name, out var array))
        {
            if (required)
            {
                problems.Add($"{where}: enter at least one pattern in \"{name}\".");
            }

            return patterns;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where}: \"{name}\" must be an array of strings.");
            return patterns;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{where}: {name}[{index}] must be a string.");
            }
            else if (PhrasePattern.TryParse(item.GetString()!, out var pattern, out var error))
            {
                patterns.Add(pattern);
            }
            else
            {
                problems.Add($"{where}: {name}[{index}] \"{item.GetString()}\" {error}.");
            }

            index++;
        }

        if (required && index == 0)
        {
            problems.Add($"{where}: enter at least one pattern in \"{name}\".");
        }

        return patterns;
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool ReadBoolean(JsonElement element, string name, string where, List<string> problems, bool fallback)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        problems.Add($"{where}: \"{name}\" must be true or false.");
        return fallback;
    }

    private static bool IsComment(string propertyName) => propertyName.StartsWith('$');

    private static PhrasePattern[] Union(IReadOnlyList<PhrasePattern> first, IReadOnlyList<PhrasePattern> second) =>
        [.. first.Concat(second).DistinctBy(p => p.Source, StringComparer.Ordinal)];
}

/// <summary>A rule with its patterns and exceptions compiled.</summary>
internal sealed record CompiledRule(ObjectivityRule Rule, IReadOnlyList<PhrasePattern> Patterns, IReadOnlyList<PhrasePattern> Exceptions);
