namespace Caseload.Features.Deadlines;

/// <summary>
/// What the rules need to know about one deadline: when it is due, whether and when it was met (and, if late,
/// why), and any pause. A pause does not move <see cref="Due"/>: when the clock restarts, the service sets a new
/// due date.
/// </summary>
public sealed record Deadline(DateOnly Due, DateOnly? MetOn = null, string? MissedReason = null, DeadlinePause? Pause = null);

/// <summary>The clock stopped for a reason from <see cref="From"/> to <see cref="Until"/> inclusive (open-ended when null).</summary>
public sealed record DeadlinePause(string Reason, DateOnly From, DateOnly? Until = null)
{
    public bool IsActiveOn(DateOnly day) => From <= day && (Until is null || day <= Until);
}

public enum DeadlineStatus
{
    Upcoming = 0,
    DueSoon = 1,
    DueToday = 2,
    Overdue = 3,
    Met = 4,

    /// <summary>Met, but after the due date.</summary>
    Missed = 5,
    Paused = 6,
}

/// <summary>
/// A deadline's state on a given day, with the figures behind it.
/// <see cref="WorkingDaysLeft"/> counts after today up to the due date (Upcoming, DueSoon);
/// <see cref="WorkingDaysLate"/> counts after the due date up to today (Overdue) or to the day it was met (Missed).
/// Both are 0 in other states. A due date on a weekend (calendar-day timescales) can be overdue by 0 working days.
/// </summary>
public sealed record DeadlineState(
    DeadlineStatus Status,
    DateOnly Due,
    int WorkingDaysLeft,
    int WorkingDaysLate,
    DateOnly? MetOn,
    string? MissedReason,
    DeadlinePause? Pause,
    string Summary);

/// <summary>
/// Where a deadline stands on a day (<see cref="DeadlineRules.StatusOn"/>), without the words: what lists and the worklist
/// sort and filter by. The working-day figures mean what they mean in <see cref="DeadlineState"/>.
/// </summary>
public readonly record struct DeadlineStanding(DeadlineStatus Status, int WorkingDaysLeft, int WorkingDaysLate);
