using System.Globalization;

namespace Caseload.Features.Supervision;

/// <summary>How supervision standing is shown: a tag in words and colour, never colour alone.</summary>
public static class SupervisionDisplay
{
    public static (string Class, string Text) DueTag(SupervisionDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return due.State switch
        {
            SupervisionDueState.NotYetSupervised => ("govuk-tag govuk-tag--red", "No session recorded"),
            SupervisionDueState.Overdue => ("govuk-tag govuk-tag--red", due.WorkingDaysOverdue == 1 ? "Overdue by 1 working day" : $"Overdue by {due.WorkingDaysOverdue} working days"),
            SupervisionDueState.DueSoon => ("govuk-tag govuk-tag--yellow", due.WorkingDaysLeft == 0 ? "Due today" : "Due soon"),
            _ => ("govuk-tag govuk-tag--green", "Up to date"),
        };
    }

    /// <summary>"Every 4 weeks" for whole weeks of working days, else "Every 7 working days".</summary>
    public static string Frequency(int everyWorkingDays) => everyWorkingDays % 5 == 0
        ? everyWorkingDays == 5 ? "Every week" : $"Every {(everyWorkingDays / 5).ToString(CultureInfo.InvariantCulture)} weeks"
        : $"Every {everyWorkingDays.ToString(CultureInfo.InvariantCulture)} working days";
}
