using Caseload.Features.Plans;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caseload.Features.Closure;

/// <summary>
/// The closing form's reason (a code of the service's list, with words needed for "other") and the outcome of each goal of the
/// plan in force, shared by closing a case and asking for its closure: what the page shows and how it reads what was sent.
/// </summary>
public sealed record ClosureForm(IReadOnlyList<ClosureReasonOption> Reasons, string? Reason, IReadOnlyList<GoalToClose> Goals, IReadOnlyDictionary<Guid, string> Outcomes)
{
    /// <summary>
    /// The form's values named <c>{name}[{id}]</c>, by id. Read from the form itself: a bound dictionary would fall back to
    /// every field of the form when none is named so.
    /// </summary>
    public static Dictionary<Guid, string> Indexed(Microsoft.AspNetCore.Http.IFormCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        var found = new Dictionary<Guid, string>();
        foreach (var (key, value) in form)
        {
            if (key.Length == name.Length + 38 && key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']')
                && Guid.TryParse(key.AsSpan(name.Length + 1, 36), out var id) && value.ToString() is { Length: > 0 } text)
            {
                found[id] = text;
            }
        }

        return found;
    }

    public static string FieldOf(GoalToClose goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return $"GoalOutcome-{goal.Number}";
    }

    /// <summary>Checks the form's choices, adding GOV.UK errors; the input for the service.</summary>
    public ClosureOutcomeInput Read(string? details, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        // The code, as the radios send it; a reason's words are taken too (as forms posted before the list had codes).
        var chosen = Reasons.FirstOrDefault(r => r.Code == Reason) ?? Reasons.FirstOrDefault(r => r.Title == Reason || r.Label == Reason);
        if (chosen is null) modelState.AddModelError("Reason", "Select the reason for closing the case");
        else if (chosen.Code == ClosureReasonList.Other && string.IsNullOrWhiteSpace(details)) modelState.AddModelError("Details", "Enter the details of why the case is closing");
        var given = new List<GoalOutcomeInput?>();
        foreach (var goal in Goals)
        {
            if (Outcomes.TryGetValue(goal.Id, out var outcome) && GoalOutcomeCodes.All.Any(o => o.Code == outcome)) given.Add(new GoalOutcomeInput(goal.Id, outcome));
            else if (!PlanCodes.IsClosed(goal.Status)) modelState.AddModelError(FieldOf(goal), $"Select the outcome of goal {goal.Number + 1}");
        }

        return new ClosureOutcomeInput(chosen?.Code, given);
    }

    /// <summary>The service's keys on the form's fields.</summary>
    public IReadOnlyDictionary<string, string> Renames => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reasonCode"] = "Reason",
        ["reason"] = "Details",
        ["status"] = "Reason",
        ["goalOutcomes"] = Goals.FirstOrDefault(g => !Outcomes.ContainsKey(g.Id)) is { } missing ? FieldOf(missing) : "Reason",
    };
}
