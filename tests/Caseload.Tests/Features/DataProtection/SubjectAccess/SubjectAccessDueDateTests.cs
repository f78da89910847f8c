using Caseload.Features.DataProtection.SubjectAccess;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Tests.Features.Deadlines;

namespace Caseload.Tests.Features.DataProtection.SubjectAccess;

public class SubjectAccessDueDateTests
{
    private static SubjectAccessDue Due(string received, bool extended = false, Division division = Division.EnglandAndWales) =>
        SubjectAccessDueDate.For(WorkingDayCalendar.Shipped(division), IsoDate.Parse(received), extended);

    [Fact]
    public void Received_31_October_2026_is_due_30_November_the_last_day_of_a_month_with_no_31st()
    {
        var due = Due("2026-10-31");

        Assert.Equal(new DateOnly(2026, 11, 30), due.Due);
        Assert.Equal(new DateOnly(2026, 11, 30), due.CorrespondingDate);
        Assert.Contains("the last day of November", due.Explanation, StringComparison.Ordinal);
        Assert.Contains("day one", due.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-03", "2026-02-03")] // the corresponding date, a Tuesday
    [InlineData("2030-01-31", "2030-02-28")] // no 31 February: the month's last day, a Thursday
    [InlineData("2028-01-31", "2028-02-29")] // a leap year's February ends on the 29th, a Tuesday
    [InlineData("2028-01-29", "2028-02-29")]
    [InlineData("2030-01-29", "2030-02-28")]
    public void The_limit_is_the_corresponding_date_next_month_or_that_months_last_day(string received, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), Due(received).Due);

    [Fact]
    public void A_limit_on_a_saturday_moves_to_the_monday()
    {
        var due = Due("2026-01-31"); // 28 February 2026 is a Saturday

        Assert.Equal(new DateOnly(2026, 2, 28), due.CorrespondingDate);
        Assert.Equal(new DateOnly(2026, 3, 2), due.Due);
        Assert.Contains("28 Feb 2026 (weekend)", due.Explanation, StringComparison.Ordinal);
        Assert.Contains("next working day, 2 Mar 2026", due.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_on_christmas_day_moves_past_the_weekend_and_the_boxing_day_substitute()
    {
        var due = Due("2026-11-25");

        Assert.Equal(new DateOnly(2026, 12, 25), due.CorrespondingDate);
        Assert.Equal(new DateOnly(2026, 12, 29), due.Due);
        Assert.Contains("Christmas Day", due.Explanation, StringComparison.Ordinal);
        Assert.Contains("Boxing Day (substitute day)", due.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Division.EnglandAndWales, "2027-01-04")]
    [InlineData(Division.Scotland, "2027-01-05")] // 2 January is a Scottish bank holiday: its substitute is Monday 4th
    public void The_division_decides_which_bank_holidays_move_the_limit(Division division, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), Due("2026-12-02", division: division).Due);

    [Fact]
    public void An_extension_makes_it_three_months_from_receipt_moved_to_a_working_day()
    {
        var due = Due("2026-10-31", extended: true);

        Assert.Equal(new DateOnly(2027, 1, 31), due.CorrespondingDate); // a Sunday
        Assert.Equal(new DateOnly(2027, 2, 1), due.Due);
        Assert.True(due.Extended);
        Assert.Contains("two-month extension", due.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_outside_the_calendar_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Due("2099-01-01"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Due("1999-12-31"));
    }
}
