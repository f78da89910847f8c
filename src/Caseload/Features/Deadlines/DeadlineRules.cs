using System.Globalization;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Features.Deadlines;

/// <summary>
/// Due dates from timescales, and a deadline's state on a given day. Pure: "today" is always passed in and the
/// working days come from the calendar of the person's division.
/// </summary>
public static class DeadlineRules
{
    public const int DefaultDueSoonWorkingDays = 2;

    /// <summary>The due date alone, for lists and worklists: no text is built.</summary>
    public static DateOnly DueDate(Timescale timescale, DateOnly start, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(timescale);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(timescale.Length, 1, nameof(timescale));
        return timescale.Unit switch
        {
            TimescaleUnit.WorkingDays => calendar.AddWorkingDays(start, timescale.Length),
            TimescaleUnit.CalendarDays => WorkingDayCalendar.AddCalendarDays(start, timescale.Length),
            TimescaleUnit.Weeks => WorkingDayCalendar.AddWeeks(start, timescale.Length),
            TimescaleUnit.Months => WorkingDayCalendar.AddMonths(start, timescale.Length),
            _ => throw new ArgumentOutOfRangeException(nameof(timescale), timescale.Unit, "Not a timescale unit."),
        };
    }

    /// <summary>The due date with the bank holidays it skips and a plain-English explanation of how it was reached.</summary>
    public static DueDateCalculation Calculate(Timescale timescale, DateOnly start, WorkingDayCalendar calendar)
    {
        var due = DueDate(timescale, start, calendar);
        IReadOnlyList<BankHoliday> skipped = timescale.Unit == TimescaleUnit.WorkingDays
            ? calendar.HolidaysBetween(start.AddDays(1), due)
            : [];
        return new DueDateCalculation(start, due, skipped, Explain(timescale, start, due, skipped, calendar));
    }

    /// <summary>
    /// Where a deadline stands on <paramref name="today"/>: the one rule behind the deadline pages, the API and the worklist.
    /// A met deadline stays met (or missed) whatever today is; otherwise a pause covering today wins; otherwise a deadline is
    /// due by the end of its due date, working day or not, and overdue from the day after: due on a Saturday, it is overdue on
    /// the Sunday, by no working days until the Monday (or the next working day after a bank holiday). "Due soon" means within
    /// <paramref name="dueSoonWorkingDays"/> working days. No text is built, so lists and worklists can judge many deadlines.
    /// </summary>
    public static DeadlineStanding StatusOn(
        Deadline deadline, DateOnly today, WorkingDayCalendar calendar, int dueSoonWorkingDays = DefaultDueSoonWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(dueSoonWorkingDays);
        var due = deadline.Due;
        if (deadline.MetOn is { } metOn)
        {
            return metOn <= due ? new(DeadlineStatus.Met, 0, 0) : new(DeadlineStatus.Missed, 0, calendar.CountWorkingDays(due, metOn));
        }

        if (deadline.Pause is { } pause && pause.IsActiveOn(today)) return new(DeadlineStatus.Paused, 0, 0);
        if (today == due) return new(DeadlineStatus.DueToday, 0, 0);
        if (today > due) return new(DeadlineStatus.Overdue, 0, calendar.CountWorkingDays(due, today));
        var left = calendar.CountWorkingDays(today, due);
        return new(left <= dueSoonWorkingDays ? DeadlineStatus.DueSoon : DeadlineStatus.Upcoming, left, 0);
    }

    /// <summary>The deadline's state on <paramref name="today"/> by <see cref="StatusOn"/>, with a plain-English summary.</summary>
    public static DeadlineState Evaluate(
        Deadline deadline, DateOnly today, WorkingDayCalendar calendar, int dueSoonWorkingDays = DefaultDueSoonWorkingDays)
    {
        var standing = StatusOn(deadline, today, calendar, dueSoonWorkingDays);
        var due = deadline.Due;
        var dueText = UkDateText.Date(due);
        var late = standing.WorkingDaysLate;
        var left = standing.WorkingDaysLeft;
        var summary = standing.Status switch
        {
            DeadlineStatus.Met => $"Met on {UkDateText.Date(deadline.MetOn!.Value)} (due {dueText})",
            DeadlineStatus.Missed => Missed(deadline.MetOn!.Value, deadline.MissedReason),
            DeadlineStatus.Paused => Paused(deadline.Pause!),
            DeadlineStatus.DueToday => $"Due today ({dueText})",
            DeadlineStatus.Overdue => late > 0 ? $"Overdue by {UkDateText.Count(late, "working day", "working days")}: due {dueText}" : $"Overdue: due {dueText}",
            DeadlineStatus.DueSoon => $"Due soon: {dueText}, in {UkDateText.Count(left, "working day", "working days")}",
            DeadlineStatus.Upcoming => $"Due {dueText}, in {UkDateText.Count(left, "working day", "working days")}",
            _ => throw new ArgumentOutOfRangeException(nameof(deadline), standing.Status, "Not a deadline status."),
        };
        return new(standing.Status, due, left, late, deadline.MetOn, deadline.MissedReason, deadline.Pause, summary);

        string Missed(DateOnly metOn, string? missedReason)
        {
            var lateness = late > 0 ? $"{UkDateText.Count(late, "working day", "working days")} late" : "after the due date";
            var reason = string.IsNullOrWhiteSpace(missedReason) ? "No reason recorded." : $"Reason: {missedReason.Trim()}";
            return $"Missed: met on {UkDateText.Date(metOn)}, {lateness} (due {dueText}). {reason}";
        }

        string Paused(DeadlinePause pause)
        {
            var until = pause.Until is { } end ? $" until {UkDateText.Date(end)}" : "";
            return $"Paused from {UkDateText.Date(pause.From)}{until}: {pause.Reason.Trim()} (due {dueText})";
        }
    }

    /// <summary>Why recording a deadline as met on <paramref name="metOn"/> must be refused, in GOV.UK wording; null when it may be recorded.</summary>
    public static string? MetError(DateOnly due, DateOnly metOn, string? missedReason, DateOnly today)
    {
        if (metOn > today)
        {
            return "The date the deadline was met must be today or in the past";
        }

        return metOn > due && string.IsNullOrWhiteSpace(missedReason) ? "Enter why the deadline was missed" : null;
    }

    /// <summary>
    /// How long a pause from <paramref name="from"/> to <paramref name="lastDay"/> (inclusive) lasted in the units the due
    /// date moves by: working days for a working-day timescale, calendar days for the others (days, weeks, months), so that
    /// paused time never counts towards the timescale. 0 when the pause ended before it began.
    /// </summary>
    public static int PausedLength(TimescaleUnit unit, DateOnly from, DateOnly lastDay, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (lastDay < from) return 0;
        return unit == TimescaleUnit.WorkingDays
            ? calendar.CountWorkingDays(from.AddDays(-1), lastDay)
            : lastDay.DayNumber - from.DayNumber + 1;
    }

    /// <summary>The due date moved on (or, for a negative length, back) by paused time measured by <see cref="PausedLength"/>.</summary>
    public static DateOnly MoveDue(TimescaleUnit unit, DateOnly due, int length, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (length == 0) return due;
        return unit == TimescaleUnit.WorkingDays ? calendar.AddWorkingDays(due, length) : due.AddDays(length);
    }

    /// <summary>"5 working days" or "12 days": paused time in the units of <paramref name="unit"/>.</summary>
    public static string PausedLengthText(TimescaleUnit unit, int length) =>
        unit == TimescaleUnit.WorkingDays ? UkDateText.Count(length, "working day", "working days") : UkDateText.Count(length, "day", "days");

    private static string Explain(Timescale timescale, DateOnly start, DateOnly due, IReadOnlyList<BankHoliday> skipped, WorkingDayCalendar calendar)
    {
        var crossesYear = start.Year != due.Year;
        var text = $"Due {UkDateText.Date(due)} — {timescale.LengthText} after {UkDateText.Date(start, crossesYear)}";

        if (skipped.Count > 0)
        {
            var names = skipped
                .Select(h => $"{h.Title} ({(h.IsSubstitute ? "substitute day, " : "")}{UkDateText.Date(h.Date, crossesYear)})")
                .ToList();
            text += $"; skips {UkDateText.List(names)}";
        }

        if (timescale.Unit == TimescaleUnit.Months && due.Day < start.Day)
        {
            text += $"; there is no {start.Day} {UkDateText.MonthName(due.Month)}, so it is the last day of the month";
        }

        // Calendar units can end on a day off; say so, as the meeting or decision will in practice come before it.
        if (timescale.Unit != TimescaleUnit.WorkingDays && due >= WorkingDayCalendar.FirstDate && due <= WorkingDayCalendar.LastDate
            && !calendar.IsWorkingDay(due))
        {
            var dayOff = calendar.BankHolidayOn(due) is { } holiday ? $"a bank holiday, {holiday.Name}" : "a weekend";
            var before = calendar.AddWorkingDays(due, -1);
            text += $"; that is {dayOff}, so the last working day before it is {UkDateText.Date(before, before.Year != due.Year)}";
        }

        var calculatedYears = skipped
            .Where(h => h.IsCalculated)
            .Select(h => h.Date.Year.ToString(CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        if (calculatedYears.Count > 0)
        {
            text += $". Bank holidays in {UkDateText.List(calculatedYears)} are calculated, not yet published";
        }

        return text;
    }
}

/// <summary>A due date, the bank holidays it skips (working-day timescales only) and how it was reached, in words.</summary>
public sealed record DueDateCalculation(DateOnly Start, DateOnly Due, IReadOnlyList<BankHoliday> Skipped, string Explanation);
