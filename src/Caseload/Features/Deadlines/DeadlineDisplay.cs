namespace Caseload.Features.Deadlines;

public static class DeadlineDisplay
{
    /// <summary>A deadline's state as a tag: colour and words, never colour alone.</summary>
    public static (string Class, string Text) Tag(DeadlineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            // Due on a weekend or bank holiday, a deadline is overdue the day after by no working days until the next one.
            DeadlineStatus.Overdue when state.WorkingDaysLate == 0 => ("govuk-tag govuk-tag--red", "Overdue"),
            DeadlineStatus.Overdue => ("govuk-tag govuk-tag--red", $"Overdue by {state.WorkingDaysLate} working {(state.WorkingDaysLate == 1 ? "day" : "days")}"),
            DeadlineStatus.DueToday => ("govuk-tag govuk-tag--red", "Due today"),
            DeadlineStatus.DueSoon => ("govuk-tag govuk-tag--orange", $"Due in {state.WorkingDaysLeft} working {(state.WorkingDaysLeft == 1 ? "day" : "days")}"),
            DeadlineStatus.Upcoming => ("govuk-tag govuk-tag--blue", $"Due in {state.WorkingDaysLeft} working days"),
            DeadlineStatus.Met => ("govuk-tag govuk-tag--green", "Met"),
            DeadlineStatus.Missed => ("govuk-tag govuk-tag--grey", "Met late"),
            DeadlineStatus.Paused => ("govuk-tag govuk-tag--grey", "Paused"),
            _ => ("govuk-tag", state.Status.ToString()),
        };
    }
}
