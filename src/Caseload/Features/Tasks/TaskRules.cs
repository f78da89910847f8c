namespace Caseload.Features.Tasks;

public enum TaskStanding { Open, DueToday, Overdue, Done, NotDone }

public static class TaskRules
{
    public const int MaxActionLength = 500;
    /// <summary>The name of someone outside Caseload who does a task, such as "Mum (Sarah Jones)" or "School nurse, Hill Primary".</summary>
    public const int MaxExternalOwnerLength = 200;
    public const int MaxOutcomeLength = 2_000;
    public const int MaxReasonLength = 1_000;

    public static string? ValidateOutcome(CaseTaskStatus status, string? outcome)
    {
        if (string.IsNullOrWhiteSpace(outcome))
        {
            return status == CaseTaskStatus.Done ? "Enter what was done" : "Enter why it was not done";
        }

        return outcome.Trim().Length > MaxOutcomeLength ? $"The outcome must be {MaxOutcomeLength:N0} characters or fewer" : null;
    }

    /// <summary>
    /// How a task stands today in words and as a GOV.UK tag's class: overdue, due today, open (due later), done or not done.
    /// </summary>
    public static (string Text, string TagClass) Standing(CaseTaskStatus status, DateOnly dueOn, DateOnly today) => StandingOn(status, dueOn, today) switch
    {
        TaskStanding.Overdue => ("Overdue", "govuk-tag govuk-tag--red"),
        TaskStanding.DueToday => ("Due today", "govuk-tag govuk-tag--yellow"),
        TaskStanding.Open => ("Open", "govuk-tag govuk-tag--blue"),
        TaskStanding.Done => ("Done", "govuk-tag govuk-tag--green"),
        TaskStanding.NotDone => ("Not done", "govuk-tag govuk-tag--grey"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The one rule of how a task stands on a day, which the pages' words and the API's status code both follow.</summary>
    public static TaskStanding StandingOn(CaseTaskStatus status, DateOnly dueOn, DateOnly today) => status switch
    {
        CaseTaskStatus.Open when dueOn < today => TaskStanding.Overdue,
        CaseTaskStatus.Open when dueOn == today => TaskStanding.DueToday,
        CaseTaskStatus.Open => TaskStanding.Open,
        CaseTaskStatus.Done => TaskStanding.Done,
        CaseTaskStatus.NotDone => TaskStanding.NotDone,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>
    /// The API's <c>status</c>: <c>due-today</c> for an open task due today, as the pages say "Due today"; otherwise <c>open</c>,
    /// <c>done</c> or <c>not-done</c> (an overdue task stays <c>open</c>, as it always was: its <c>dueOn</c> says by how much).
    /// </summary>
    public static string StatusCode(CaseTaskStatus status, DateOnly dueOn, DateOnly today) =>
        StandingOn(status, dueOn, today) == TaskStanding.DueToday ? DueTodayCode : status.ToCode();

    public const string DueTodayCode = "due-today";

    /// <summary>Open and past its due date.</summary>
    public static bool IsOverdue(CaseTask task, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status == CaseTaskStatus.Open && task.DueOn < today;
    }
}
