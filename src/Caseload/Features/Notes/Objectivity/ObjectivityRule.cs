namespace Caseload.Features.Notes.Objectivity;

/// <summary>
/// One rule as written in the rules data: the phrases it flags, the longer phrases in which it does not apply,
/// and what to tell the practitioner. Patterns use the phrase syntax described in objectivity-rules.json.
/// </summary>
public sealed record ObjectivityRule(
    string Id,
    ObjectivityCategory Category,
    IReadOnlyList<string> Patterns,
    IReadOnlyList<string> Exceptions,
    string Message,
    string Suggestion,
    bool ExceptWithTimeFrame = false,
    bool Enabled = true);
