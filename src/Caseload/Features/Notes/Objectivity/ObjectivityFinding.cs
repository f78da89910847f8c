namespace Caseload.Features.Notes.Objectivity;

/// <summary>
/// Words in a case note that record opinion or judgement rather than fact.
/// <see cref="Start"/> and <see cref="Length"/> index the original text, so a page can highlight exactly those words.
/// </summary>
public sealed record ObjectivityFinding(
    int Start,
    int Length,
    ObjectivityCategory Category,
    string RuleId,
    string Message,
    string Suggestion);
