using Caseload.Features.DataProtection.SubjectAccess;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Tests.Features.Deadlines;

namespace Caseload.Tests.Features.DataProtection.SubjectAccess;

public class SubjectAccessClockTests
{
    private static SubjectAccessClockState On(string received, string? identity, string today, bool extended = false, Division division = Division.EnglandAndWales,
        params (string From, string? Resumed)[] stops) =>
        SubjectAccessClock.On(WorkingDayCalendar.Shipped(division), IsoDate.Parse(received), identity is null ? null : IsoDate.Parse(identity),
            stops.Select(s => new ClockStop(IsoDate.Parse(s.From), s.Resumed is null ? null : IsoDate.Parse(s.Resumed))), extended, IsoDate.Parse(today));

    [Theory]
    [InlineData("2026-10-31", "2026-11-10", "2026-11-30", false)] // no 31 November: the month's last day
    [InlineData("2026-10-31", "2026-11-30", "2026-11-30", false)] // due today is not yet overdue
    [InlineData("2026-10-31", "2026-12-01", "2026-11-30", true)]
    [InlineData("2026-09-03", "2026-09-04", "2026-10-05", false)] // 3 October is a Saturday: the Monday
    [InlineData("2026-11-25", "2026-11-26", "2026-12-29", false)] // Christmas Day, the weekend and Boxing Day's substitute
    public void Identity_confirmed_on_receipt_starts_the_clock_on_the_day_of_receipt(string received, string today, string due, bool overdue)
    {
        var state = On(received, received, today);

        Assert.Equal(IsoDate.Parse(received), state.StartsOn);
        Assert.Equal(IsoDate.Parse(due), state.DueOn);
        Assert.Equal(overdue, state.Overdue);
        Assert.Null(state.Awaiting);
    }

    [Theory]
    [InlineData(Division.EnglandAndWales, "2026-10-30", "2026-11-30")] // St Andrew's Day is not a holiday in England and Wales
    [InlineData(Division.Scotland, "2026-10-30", "2026-12-01")] // but is in Scotland
    [InlineData(Division.EnglandAndWales, "2026-07-31", "2026-09-01")] // the summer bank holiday is the last Monday of August there
    [InlineData(Division.Scotland, "2026-07-31", "2026-08-31")] // and the first Monday in Scotland
    public void The_authoritys_division_decides_which_bank_holidays_move_the_due_date(Division division, string received, string due) =>
        Assert.Equal(IsoDate.Parse(due), On(received, received, "2026-11-23", division: division).DueOn);

    [Fact]
    public void Identity_confirmed_after_receipt_makes_that_day_day_one()
    {
        var state = On("2026-10-01", "2026-10-05", "2026-10-20");

        Assert.Equal(new DateOnly(2026, 10, 5), state.StartsOn);
        Assert.Equal(new DateOnly(2026, 11, 5), state.DueOn);
        Assert.Contains("Identity was confirmed on", state.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_awaited_has_not_started_the_clock_and_its_due_date_is_as_if_confirmed_today()
    {
        var state = On("2026-10-01", null, "2026-10-08");

        Assert.Equal(SubjectAccessClock.AwaitingIdentity, state.Awaiting);
        Assert.Equal(new DateOnly(2026, 10, 8), state.StartsOn);
        Assert.Equal(new DateOnly(2026, 11, 9), state.DueOn); // 8 November is a Sunday
        Assert.False(state.Overdue);
        Assert.StartsWith("The clock has not started", state.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stop_for_clarification_moves_the_due_date_on_by_the_days_it_stood()
    {
        var state = On("2026-09-03", "2026-09-03", "2026-11-23", stops: ("2026-09-10", "2026-09-14"));

        Assert.Equal(4, state.DaysPaused);
        Assert.Equal(new DateOnly(2026, 10, 7), state.DueOn); // 3 October + 4 days, a Wednesday
        Assert.Null(state.Awaiting);
        Assert.Contains("stopped for 4 days", state.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_stop_counts_to_today_and_says_clarification_is_awaited()
    {
        var state = On("2026-09-03", "2026-09-03", "2026-09-20", stops: ("2026-09-10", null));

        Assert.Equal(10, state.DaysPaused);
        Assert.Equal(new DateOnly(2026, 10, 13), state.DueOn);
        Assert.Equal(SubjectAccessClock.AwaitingClarification, state.Awaiting);
    }

    [Fact]
    public void Stops_add_up_and_one_before_day_one_counts_only_from_day_one()
    {
        var state = On("2026-10-01", "2026-10-05", "2026-11-23", stops: [("2026-10-02", "2026-10-06"), ("2026-10-20", "2026-10-22")]);

        Assert.Equal(3, state.DaysPaused); // 5→6 October and 20→22 October
        Assert.Equal(new DateOnly(2026, 11, 9), state.DueOn); // 5 November + 3 days is Sunday 8th: the Monday
    }

    [Fact]
    public void An_extension_is_in_time_only_within_the_first_month()
    {
        var state = On("2026-10-01", "2026-10-01", "2026-10-20");

        Assert.Equal(new DateOnly(2026, 11, 2), state.FirstMonthEndsOn); // 1 November is a Sunday
        Assert.True(SubjectAccessClock.ExtensionInTime(state, new DateOnly(2026, 11, 2)));
        Assert.False(SubjectAccessClock.ExtensionInTime(state, new DateOnly(2026, 11, 3)));
    }

    [Theory]
    [InlineData(Division.EnglandAndWales, "2027-01-04")] // 1 January 2027 is a Friday holiday: the Monday
    [InlineData(Division.Scotland, "2027-01-05")] // 2 January's substitute is Monday 4th in Scotland
    public void An_extended_request_is_due_three_months_from_day_one_and_keeps_its_first_month(Division division, string due)
    {
        var state = On("2026-10-01", "2026-10-01", "2026-10-20", extended: true, division: division);

        Assert.Equal(IsoDate.Parse(due), state.DueOn);
        Assert.Equal(new DateOnly(2026, 11, 2), state.FirstMonthEndsOn);
    }

    [Fact]
    public void A_completed_request_is_never_overdue()
    {
        var state = SubjectAccessClock.On(WorkingDayCalendar.Shipped(Division.EnglandAndWales), new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 1), [], false,
            new DateOnly(2026, 12, 1), completed: true);

        Assert.False(state.Overdue);
    }
}
