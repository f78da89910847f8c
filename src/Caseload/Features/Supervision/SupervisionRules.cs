using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Tasks;
using Caseload.Features.Worklist;
using Caseload.Platform.Time;

namespace Caseload.Features.Supervision;

public sealed record SupervisionActionInput(string? Action, string? Owner, DateOnly? DueOn);

public sealed record CaseDiscussionInput(Guid? CaseId, string? Discussion, string? Decision, string? Rationale, IReadOnlyList<SupervisionActionInput>? Actions);

public sealed record WellbeingInput(int? Rating, string? Notes);

/// <summary>A session's record as given (API or form): checked by <see cref="SupervisionRules.Validate"/> before anything is stored.</summary>
public sealed record SessionContent(
    DateOnly? OccurredOn,
    string? Kind,
    IReadOnlyList<CaseDiscussionInput>? CaseDiscussions,
    WellbeingInput? Wellbeing,
    string? Workload,
    string? Learning,
    DateOnly? NextSessionOn);

public enum SupervisionDueState
{
    /// <summary>No session has been recorded for the practitioner.</summary>
    NotYetSupervised,
    Overdue,
    DueSoon,
    UpToDate,
}

/// <summary>When a practitioner's next supervision is due, and how it stands today.</summary>
public sealed record SupervisionDue(SupervisionDueState State, DateOnly? DueOn, int WorkingDaysOverdue, int WorkingDaysLeft);

/// <summary>Why a case is offered for the agenda: the reasons in words, and when it was last discussed.</summary>
public sealed record AgendaReasons(IReadOnlyList<string> Reasons, DateOnly? LastDiscussedOn)
{
    public bool Any => Reasons.Count > 0;
}

/// <summary>The rules of supervision records, frequency and agenda: no I/O.</summary>
public static class SupervisionRules
{
    public const int MaxTextLength = 4_000;
    public const int MaxDecisionLength = 2_000;
    public const int MaxCommentLength = 2_000;
    public const int MaxReasonLength = 1_000;
    public const int MaxCaseDiscussions = 30;
    public const int MaxActions = 10;

    /// <summary>Every 4 working weeks, unless the practitioner's supervisor sets otherwise (e.g. weekly for the newly qualified).</summary>
    public const int DefaultEveryWorkingDays = 20;
    public const int MinEveryWorkingDays = 5;
    public const int MaxEveryWorkingDays = 65;

    /// <summary>A session due within this many working days is shown as due soon.</summary>
    public const int DueSoonWorkingDays = 5;

    /// <summary>A case not discussed in supervision for this long is offered for the agenda.</summary>
    public const int NotDiscussedMonths = 3;

    /// <summary>
    /// The record's fields, keyed as the API names them (<c>caseDiscussions[0].actions[1].dueOn</c>). A session happens on a
    /// day within the last two years (or, for an amendment, on the day the session was first recorded for) and never in the
    /// future; wellbeing is rated in every one-to-one; each case discussion has a decision and its rationale; each action an
    /// owner and a due date on or after the session, within two years.
    /// </summary>
    public static Dictionary<string, string> Validate(SessionContent content, DateOnly today, DateOnly? originalOccurredOn = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var earliest = today.AddYears(-2);
        if (originalOccurredOn is { } original && original < earliest) earliest = original;
        if (content.OccurredOn is not { } occurred) errors["occurredOn"] = "Enter the date of the session";
        else if (occurred > today) errors["occurredOn"] = "The date of the session must be today or in the past";
        else if (occurred < earliest) errors["occurredOn"] = "The date of the session must be within the last 2 years";

        var kindKnown = SupervisionCodes.TryParseKind(content.Kind, out var kind);
        if (!kindKnown) errors["kind"] = "Select the kind of session: one-to-one, group or ad-hoc";

        var rating = content.Wellbeing?.Rating;
        if (rating is null)
        {
            if (kindKnown && kind == SupervisionKind.OneToOne) errors["wellbeing.rating"] = "Rate the supervisee's wellbeing from 1 to 5";
        }
        else if (rating is < 1 or > 5)
        {
            errors["wellbeing.rating"] = "The wellbeing rating must be from 1 to 5";
        }

        Limit(errors, "wellbeing.notes", "Wellbeing", content.Wellbeing?.Notes, MaxTextLength);
        Limit(errors, "workload", "Workload and capacity", content.Workload, MaxTextLength);
        Limit(errors, "learning", "Learning and development", content.Learning, MaxTextLength);

        if (content.NextSessionOn is { } next)
        {
            if (content.OccurredOn is { } on && next <= on) errors["nextSessionOn"] = "The next session must be after this one";
            else if (next > today.AddYears(1)) errors["nextSessionOn"] = "The next session must be within a year";
        }

        var discussions = content.CaseDiscussions ?? [];
        if (discussions.Count > MaxCaseDiscussions) errors["caseDiscussions"] = $"Record {MaxCaseDiscussions} case discussions or fewer";
        var seen = new HashSet<Guid>();
        for (var i = 0; i < Math.Min(discussions.Count, MaxCaseDiscussions); i++)
        {
            var d = discussions[i];
            var key = $"caseDiscussions[{i}]";
            var n = i + 1;
            if (d.CaseId is not { } caseId || caseId == Guid.Empty) errors[$"{key}.caseId"] = $"Select the case of case discussion {n}";
            else if (!seen.Add(caseId)) errors[$"{key}.caseId"] = $"Case discussion {n} is about a case already discussed in this session: record it once";
            Required(errors, $"{key}.discussion", $"Enter what was discussed in case discussion {n}", $"What was discussed in case discussion {n}", d.Discussion, MaxTextLength);
            Required(errors, $"{key}.decision", $"Enter the decision in case discussion {n}", $"The decision in case discussion {n}", d.Decision, MaxDecisionLength);
            Required(errors, $"{key}.rationale", $"Enter the rationale for the decision in case discussion {n}", $"The rationale in case discussion {n}", d.Rationale, MaxTextLength);

            var actions = d.Actions ?? [];
            if (actions.Count > MaxActions) errors[$"{key}.actions"] = $"Record {MaxActions} actions or fewer in case discussion {n}";
            for (var j = 0; j < Math.Min(actions.Count, MaxActions); j++)
            {
                var a = actions[j];
                var akey = $"{key}.actions[{j}]";
                var what = $"action {j + 1} of case discussion {n}";
                Required(errors, $"{akey}.action", $"Enter {what}: what will be done", $"Action {j + 1} of case discussion {n}", a.Action, TaskRules.MaxActionLength);
                if (string.IsNullOrWhiteSpace(a.Owner)) errors[$"{akey}.owner"] = $"Select who will do {what}";
                if (a.DueOn is not { } due) errors[$"{akey}.dueOn"] = $"Enter the date {what} is due by";
                else if (content.OccurredOn is { } on && due < on) errors[$"{akey}.dueOn"] = $"The due date of {what} must be on or after the day of the session";
                else if (due > today.AddYears(2)) errors[$"{akey}.dueOn"] = $"The due date of {what} must be within 2 years";
            }
        }

        return errors;
    }

    public static string? ValidateReason(string? reason, string missing) =>
        string.IsNullOrWhiteSpace(reason) ? missing : FreeText.Check(reason, "The reason", MaxReasonLength);


    /// <summary>The supervisee's answer: agreement, or disagreement with what they disagree with.</summary>
    public static Dictionary<string, string> ValidateResponse(bool? agreed, string? comment)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (agreed is null) errors["agreed"] = "Select whether you agree with the record";
        else if (agreed == false && string.IsNullOrWhiteSpace(comment)) errors["comment"] = "Enter what you disagree with";
        Limit(errors, "comment", "Your comment", comment, MaxCommentLength);
        return errors;
    }

    public static Dictionary<string, string> ValidateFrequency(int? everyWorkingDays, string? reason)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (everyWorkingDays is null) errors["everyWorkingDays"] = "Enter how many working days apart sessions should be";
        else if (everyWorkingDays is < MinEveryWorkingDays or > MaxEveryWorkingDays)
        {
            errors["everyWorkingDays"] = $"Sessions must be from {MinEveryWorkingDays} to {MaxEveryWorkingDays} working days apart (1 to 13 weeks)";
        }

        if (ValidateReason(reason, "Enter why the frequency is changing") is { } error) errors["reason"] = error;
        return errors;
    }

    /// <summary>
    /// The next session is due the planned date set at the last session, or the last session's date plus the practitioner's
    /// frequency in working days, whichever is sooner: a plan later than the frequency does not excuse it.
    /// </summary>
    public static SupervisionDue Due(DateOnly? lastOccurredOn, DateOnly? plannedNext, int everyWorkingDays, DateOnly today, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (lastOccurredOn is not { } last) return new SupervisionDue(SupervisionDueState.NotYetSupervised, null, 0, 0);
        var due = calendar.AddWorkingDays(last, everyWorkingDays);
        if (plannedNext is { } planned && planned < due) due = planned;
        if (due < today) return new SupervisionDue(SupervisionDueState.Overdue, due, calendar.CountWorkingDays(due, today), 0);
        var left = calendar.CountWorkingDays(today, due);
        return new SupervisionDue(left <= DueSoonWorkingDays ? SupervisionDueState.DueSoon : SupervisionDueState.UpToDate, due, 0, left);
    }

    /// <summary>
    /// Why a case of the caseload should be discussed: a red priority band, an overdue deadline, or no discussion in
    /// supervision for <see cref="NotDiscussedMonths"/> months (counted from when the case began if it never was).
    /// </summary>
    public static AgendaReasons Agenda(PriorityBand band, string? overdueDeadline, DateOnly? lastDiscussedOn, DateOnly caseBeganOn, DateOnly today)
    {
        var reasons = new List<string>();
        if (band == PriorityBand.Red) reasons.Add("Red priority");
        if (overdueDeadline is not null) reasons.Add($"Overdue deadline: {overdueDeadline}");
        var longAgo = today.AddMonths(-NotDiscussedMonths);
        if (lastDiscussedOn is { } last)
        {
            if (last < longAgo) reasons.Add($"Not discussed in supervision since {UkTime.Format(last)}");
        }
        else if (caseBeganOn < longAgo)
        {
            reasons.Add($"Not discussed in supervision since the case began on {UkTime.Format(caseBeganOn)}");
        }

        return new AgendaReasons(reasons, lastDiscussedOn);
    }

    /// <summary>
    /// An action restated in an amendment keeps the task it made: the same case, words, owner and due date. Anything else
    /// is a new action and makes a new task.
    /// </summary>
    public static bool SameAction(Guid caseId, string action, string ownerId, DateOnly dueOn, Guid previousCaseId, SupervisionAction previous)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(previous);
        return caseId == previousCaseId && string.Equals(action.Trim(), previous.Action, StringComparison.Ordinal)
            && string.Equals(ownerId, previous.OwnerId, StringComparison.Ordinal) && dueOn == previous.DueOn;
    }

    private static void Required(Dictionary<string, string> errors, string key, string missing, string label, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[key] = missing;
        else Limit(errors, key, label, value, max);
    }

    private static void Limit(Dictionary<string, string> errors, string key, string label, string? value, int max)
    {
        if (FreeText.Check(value, label, max) is { } error) errors[key] = error;
    }
}

/// <summary>Free text as a form or the API may send it: within its length, and without a NUL character (never typed; PostgreSQL cannot store it).</summary>
public static class FreeText
{
    public static string? Check(string? value, string label, int max)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (value is null) return null;
        if (value.Contains('\0', StringComparison.Ordinal)) return $"{label} contains a character that cannot be stored: remove it";
        return value.Trim().Length > max ? $"{label} must be {max:N0} characters or fewer" : null;
    }
}
