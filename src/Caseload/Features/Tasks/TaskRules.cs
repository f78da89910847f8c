namespace Caseload.Features.Tasks;

public static class TaskRules
{
    public const int MaxActionLength = 500;
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

    /// <summary>Open and past its due date.</summary>
    public static bool IsOverdue(CaseTask task, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status == CaseTaskStatus.Open && task.DueOn < today;
    }
}
