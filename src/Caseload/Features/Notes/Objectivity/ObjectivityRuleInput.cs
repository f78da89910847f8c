namespace Caseload.Features.Notes.Objectivity;

/// <summary>A rule as an administrator types it: phrases and exceptions one per line.</summary>
public sealed record ObjectivityRuleInput(string? Category, string? Phrases, string? Exceptions, string? Message, string? Suggestion);

/// <summary>
/// Validates an administrator's rule field by field, in GOV.UK wording, and makes the <see cref="ObjectivityRule"/>.
/// Pure. Phrases use the restricted phrase syntax (whole words, alternatives, optional words, trailing wildcards), never
/// regular expressions, so no rule can be slow to match.
/// </summary>
public static class ObjectivityRuleInputRules
{
    public const int MaxPhrases = 30;
    public const int MaxPhraseLength = 100;
    public const int MaxMessageLength = 400;
    public const int MaxSuggestionLength = 400;

    /// <summary>Errors keyed by field (category, phrases, exceptions, message, suggestion); empty when <paramref name="rule"/> is made.</summary>
    public static IReadOnlyDictionary<string, string> Validate(string id, ObjectivityRuleInput input, out ObjectivityRule? rule)
    {
        ArgumentNullException.ThrowIfNull(input);
        rule = null;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Category)) errors["category"] = "Select a category";
        else if (!ObjectivityCategoryCodes.TryParse(input.Category.Trim(), out _)) errors["category"] = $"Select a category: {string.Join(", ", ObjectivityCategoryCodes.All)}";

        var phrases = Lines(input.Phrases);
        if (phrases.Count == 0) errors["phrases"] = "Enter at least one phrase to look for";
        else if (PhraseError(phrases, "Phrase") is { } phraseError) errors["phrases"] = phraseError;

        var exceptions = Lines(input.Exceptions);
        if (PhraseError(exceptions, "Exception") is { } exceptionError) errors["exceptions"] = exceptionError;

        if (string.IsNullOrWhiteSpace(input.Message)) errors["message"] = "Enter a message that explains why the phrase records opinion rather than fact";
        else if (input.Message.Trim().Length > MaxMessageLength) errors["message"] = $"The message must be {MaxMessageLength} characters or fewer";
        if (string.IsNullOrWhiteSpace(input.Suggestion)) errors["suggestion"] = "Enter a suggestion of what to record instead";
        else if (input.Suggestion.Trim().Length > MaxSuggestionLength) errors["suggestion"] = $"The suggestion must be {MaxSuggestionLength} characters or fewer";
        if (errors.Count > 0) return errors;

        var category = ObjectivityCategoryCodes.TryParse(input.Category!.Trim(), out var parsed) ? parsed.Value : throw new InvalidOperationException("Checked above.");
        var candidate = new ObjectivityRule(id, category, phrases, exceptions, input.Message!.Trim(), input.Suggestion!.Trim());
        // The same validation as the rules data, so a stored rule can always be loaded.
        if (!ObjectivityRuleSet.TryCreate([candidate], out _, out var problems))
        {
            errors["phrases"] = $"The rule cannot be used: {string.Join("; ", problems)}";
            return errors;
        }

        rule = candidate;
        return errors;
    }

    /// <summary>The non-empty lines of a text box, trimmed, without repeats.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        text is null
            ? []
            : [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string? PhraseError(IReadOnlyList<string> phrases, string what)
    {
        if (phrases.Count > MaxPhrases) return $"Enter {MaxPhrases} {what.ToLowerInvariant()}s or fewer";
        for (var i = 0; i < phrases.Count; i++)
        {
            if (phrases[i].Length > MaxPhraseLength) return $"{what} {i + 1} must be {MaxPhraseLength} characters or fewer";
            if (!ObjectivityRuleSet.IsValidPattern(phrases[i], out var error)) return $"{what} {i + 1} (\u201c{phrases[i]}\u201d) {error}";
        }

        return null;
    }
}
