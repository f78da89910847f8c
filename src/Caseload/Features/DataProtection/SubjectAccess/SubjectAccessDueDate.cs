using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>When a subject access request must be answered, and why.</summary>
public sealed record SubjectAccessDue(DateOnly Received, bool Extended, DateOnly CorrespondingDate, DateOnly Due, string Explanation);

/// <summary>
/// The ICO's rule for the time limit of a subject access request (UK GDPR Art. 12(3); ICO, "Time limits for responding"):
/// the day of receipt is day one, so the limit is the corresponding calendar date one month later, or that month's last day
/// when it has none (31 October → 30 November); a limit on a weekend or bank holiday moves to the next working day. An
/// extension for a complex request adds two further months, so the corresponding date three months after receipt.
/// </summary>
public static class SubjectAccessDueDate
{
    public const int Months = 1;
    public const int ExtendedMonths = 3;

    /// <summary>The latest day a request may be received on: its extended limit, moved on past holidays, must stay in the calendar.</summary>
    public static DateOnly LastReceivable { get; } = new(WorkingDayCalendar.LastYear - 1, 12, 31);

    public static SubjectAccessDue For(WorkingDayCalendar calendar, DateOnly received, bool extended) => For(calendar, received, extended, 0);

    /// <summary>
    /// As <see cref="For(WorkingDayCalendar, DateOnly, bool)"/> for a request whose clock was stopped for <paramref name="daysPaused"/>
    /// days (clarification awaited): the limit moves on by those days before it is moved to a working day (see <see cref="SubjectAccessClock"/>).
    /// </summary>
    public static SubjectAccessDue For(WorkingDayCalendar calendar, DateOnly received, bool extended, int daysPaused)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(received, WorkingDayCalendar.FirstDate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(received, LastReceivable);
        ArgumentOutOfRangeException.ThrowIfNegative(daysPaused);
        var months = extended ? ExtendedMonths : Months;
        // DateOnly.AddMonths gives the month's last day when the corresponding date does not exist.
        var corresponding = received.AddMonths(months);
        var due = corresponding.AddDays(daysPaused);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(due, new DateOnly(WorkingDayCalendar.LastYear, 12, 1), nameof(daysPaused));
        var passed = new List<string>();
        while (!calendar.IsWorkingDay(due))
        {
            var holiday = calendar.BankHolidayOn(due);
            passed.Add(holiday is null ? $"{UkDateText.Date(due)} (weekend)" : $"{UkDateText.Date(due)} ({holiday.Name})");
            due = due.AddDays(1);
        }

        var span = extended ? "three months (one month and a two-month extension)" : "one month";
        var start = $"Received {UkDateText.Date(received)}, counted as day one; {span} later is ";
        var target = corresponding.Day == received.Day
            ? $"the corresponding date, {UkDateText.Date(corresponding)}."
            : $"{UkDateText.Date(corresponding)}, the last day of {UkDateText.MonthName(corresponding.Month)}, as that month has no {Ordinal(received.Day)}.";
        var paused = daysPaused == 0
            ? ""
            : $" The clock was stopped for {daysPaused} day{(daysPaused == 1 ? "" : "s")}, so the limit moves on to {UkDateText.Date(corresponding.AddDays(daysPaused))}.";
        var moved = passed.Count == 0
            ? ""
            : $" That is not a working day in {calendar.Division.Title()}, so the request is due on the next working day, {UkDateText.Date(due)} (after {UkDateText.List(passed)}).";
        return new SubjectAccessDue(received, extended, corresponding, due, start + target + paused + moved);
    }

    private static string Ordinal(int day) => day switch
    {
        1 or 21 or 31 => $"{day}st",
        2 or 22 => $"{day}nd",
        3 or 23 => $"{day}rd",
        _ => $"{day}th",
    };
}
