namespace Caseload.Features.Tasks;

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
    public static (string Text, string TagClass) Standing(CaseTaskStatus status, DateOnly dueOn, DateOnly today) => status switch
    {
        CaseTaskStatus.Open when dueOn < today => ("Overdue", "govuk-tag govuk-tag--red"),
        CaseTaskStatus.Open when dueOn == today => ("Due today", "govuk-tag govuk-tag--yellow"),
        CaseTaskStatus.Open => ("Open", "govuk-tag govuk-tag--blue"),
        CaseTaskStatus.Done => ("Done", "govuk-tag govuk-tag--green"),
        CaseTaskStatus.NotDone => ("Not done", "govuk-tag govuk-tag--grey"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Open and past its due date.</summary>
    public static bool IsOverdue(CaseTask task, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status == CaseTaskStatus.Open && task.DueOn < today;
    }
}
