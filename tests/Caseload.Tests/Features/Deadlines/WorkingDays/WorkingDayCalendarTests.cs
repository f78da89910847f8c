using System.Globalization;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Tests.Features.Deadlines.WorkingDays;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar EnglandAndWales = WorkingDayCalendar.Shipped(Division.EnglandAndWales);
    private static readonly WorkingDayCalendar Scotland = WorkingDayCalendar.Shipped(Division.Scotland);
    private static readonly WorkingDayCalendar NorthernIreland = WorkingDayCalendar.Shipped(Division.NorthernIreland);

    private static WorkingDayCalendar For(Division division) => WorkingDayCalendar.Shipped(division);

    [Fact]
    public void Four_working_days_after_21_December_2026_skip_Christmas_and_the_Boxing_Day_substitute()
    {
        var added = EnglandAndWales.AddWorkingDaysExplained(new DateOnly(2026, 12, 21), 4);

        Assert.Equal(new DateOnly(2026, 12, 29), added.Due);
        Assert.Equal([("Christmas Day", new DateOnly(2026, 12, 25)), ("Boxing Day", new DateOnly(2026, 12, 28))], added.Skipped.Select(h => (h.Title, h.Date)));
        Assert.True(added.Skipped[1].IsSubstitute);
    }

    [Theory]
    [InlineData(Division.EnglandAndWales, "2027-01-04")]
    [InlineData(Division.NorthernIreland, "2027-01-04")]
    [InlineData(Division.Scotland, "2027-01-05")] // 2 January 2027 is a Saturday: its substitute is Monday 4th
    public void The_first_working_day_of_2027_depends_on_the_division(Division division, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), For(division).AddWorkingDays(new DateOnly(2026, 12, 31), 1));

    [Theory]
    [InlineData(Division.EnglandAndWales, "2026-04-07")]
    [InlineData(Division.NorthernIreland, "2026-04-07")]
    [InlineData(Division.Scotland, "2026-04-06")] // no Easter Monday in Scotland
    public void Easter_Monday_is_a_working_day_only_in_Scotland(Division division, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), For(division).AddWorkingDays(new DateOnly(2026, 4, 2), 1));

    [Theory]
    [InlineData(Division.EnglandAndWales, "2026-07-13")]
    [InlineData(Division.Scotland, "2026-07-13")]
    [InlineData(Division.NorthernIreland, "2026-07-14")] // the Battle of the Boyne's substitute day
    public void The_Twelfth_is_a_holiday_only_in_Northern_Ireland(Division division, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), For(division).AddWorkingDays(new DateOnly(2026, 7, 10), 1));

    [Theory]
    [InlineData(Division.EnglandAndWales, "2026-11-30")]
    [InlineData(Division.NorthernIreland, "2026-11-30")]
    [InlineData(Division.Scotland, "2026-12-01")]
    public void St_Andrews_Day_is_a_holiday_only_in_Scotland(Division division, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), For(division).AddWorkingDays(new DateOnly(2026, 11, 27), 1));

    [Fact]
    public void St_Patricks_Day_is_a_holiday_only_in_Northern_Ireland()
    {
        var day = new DateOnly(2027, 3, 17);

        Assert.False(NorthernIreland.IsWorkingDay(day));
        Assert.True(EnglandAndWales.IsWorkingDay(day));
        Assert.True(Scotland.IsWorkingDay(day));
    }

    [Theory]
    [InlineData(Division.EnglandAndWales, "2026-08-03", true)]
    [InlineData(Division.EnglandAndWales, "2026-08-31", false)]
    [InlineData(Division.Scotland, "2026-08-03", false)]
    [InlineData(Division.Scotland, "2026-08-31", true)]
    public void Summer_bank_holiday_differs_between_Scotland_and_the_rest(Division division, string date, bool working) =>
        Assert.Equal(working, For(division).IsWorkingDay(IsoDate.Parse(date)));

    [Theory]
    [InlineData("2026-05-09", 1, "2026-05-11")] // Saturday + 1 = Monday
    [InlineData("2026-05-10", 1, "2026-05-11")] // Sunday + 1 = Monday
    [InlineData("2026-05-02", 1, "2026-05-05")] // Saturday before the early May bank holiday + 1 = Tuesday
    [InlineData("2026-05-04", 1, "2026-05-05")] // starting on the holiday itself
    [InlineData("2026-12-25", 1, "2026-12-29")] // Christmas Day + 1 steps over the weekend and the substitute day
    [InlineData("2026-05-08", 1, "2026-05-11")] // Friday + 1 = Monday
    [InlineData("2026-05-11", 5, "2026-05-18")] // a plain week
    public void Starts_on_weekends_and_holidays_count_from_the_next_working_day(string start, int days, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), EnglandAndWales.AddWorkingDays(IsoDate.Parse(start), days));

    [Fact]
    public void Zero_working_days_is_the_start_itself_even_on_a_weekend()
    {
        var saturday = new DateOnly(2026, 5, 9);

        Assert.Equal(saturday, EnglandAndWales.AddWorkingDays(saturday, 0));
        Assert.Empty(EnglandAndWales.AddWorkingDaysExplained(saturday, 0).Skipped);
    }

    [Theory]
    [InlineData("2026-05-11", -1, "2026-05-08")] // Monday - 1 = Friday
    [InlineData("2026-05-05", -1, "2026-05-01")] // Tuesday after the early May bank holiday - 1 = Friday
    [InlineData("2026-05-09", -1, "2026-05-08")] // Saturday - 1 = Friday
    [InlineData("2026-12-29", -4, "2026-12-21")] // undoes Four_working_days_after_21_December_2026...
    public void Negative_days_count_back_without_counting_the_start(string start, int days, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), EnglandAndWales.AddWorkingDays(IsoDate.Parse(start), days));

    [Fact]
    public void Counting_back_explains_the_holidays_it_stepped_over()
    {
        var added = EnglandAndWales.AddWorkingDaysExplained(new DateOnly(2026, 12, 29), -4);

        Assert.Equal(new DateOnly(2026, 12, 21), added.Due);
        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)], added.Skipped.Select(h => h.Date));
    }

    [Theory]
    [InlineData(10_001)]
    [InlineData(-10_001)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void An_absurd_number_of_working_days_is_rejected(int workingDays) =>
        Assert.Throws<ArgumentOutOfRangeException>("days", () => EnglandAndWales.AddWorkingDays(new DateOnly(2026, 1, 5), workingDays));

    [Fact]
    public void A_result_beyond_the_calendar_is_rejected_rather_than_guessed()
    {
        Assert.Throws<ArgumentOutOfRangeException>("days", () => EnglandAndWales.AddWorkingDays(new DateOnly(2099, 12, 1), 30));
        Assert.Throws<ArgumentOutOfRangeException>("days", () => EnglandAndWales.AddWorkingDays(new DateOnly(2000, 1, 10), -10));
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("2100-01-01")]
    public void Dates_outside_2000_to_2099_are_rejected(string text)
    {
        var day = IsoDate.Parse(text);

        Assert.Throws<ArgumentOutOfRangeException>("start", () => EnglandAndWales.AddWorkingDays(day, 1));
        Assert.Throws<ArgumentOutOfRangeException>("date", () => EnglandAndWales.IsWorkingDay(day));
        Assert.Throws<ArgumentOutOfRangeException>("to", () => EnglandAndWales.CountWorkingDays(new DateOnly(2026, 1, 1), day));
    }

    [Fact]
    public void Ten_thousand_working_days_is_accepted()
    {
        var due = EnglandAndWales.AddWorkingDays(new DateOnly(2026, 1, 5), WorkingDayCalendar.MaxWorkingDays);

        Assert.Equal(WorkingDayCalendar.MaxWorkingDays, EnglandAndWales.CountWorkingDays(new DateOnly(2026, 1, 5), due));
    }

    [Fact]
    public void Counting_working_days_excludes_the_first_day_and_includes_the_last()
    {
        Assert.Equal(4, EnglandAndWales.CountWorkingDays(new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 29)));
        Assert.Equal(0, EnglandAndWales.CountWorkingDays(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 28)));
        Assert.Equal(1, EnglandAndWales.CountWorkingDays(new DateOnly(2026, 5, 9), new DateOnly(2026, 5, 11)));
        Assert.Equal(0, EnglandAndWales.CountWorkingDays(new DateOnly(2026, 5, 11), new DateOnly(2026, 5, 11)));
    }

    [Fact]
    public void Counting_backwards_gives_a_negative_count()
    {
        Assert.Equal(-4, EnglandAndWales.CountWorkingDays(new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 21)));
    }

    [Fact]
    public void A_year_has_the_weekdays_less_the_bank_holidays_that_fall_on_them()
    {
        // 2026 has 261 weekdays; England and Wales has 8 bank holidays, all on weekdays.
        Assert.Equal(253, EnglandAndWales.CountWorkingDays(new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31)));
        Assert.Equal(252, Scotland.CountWorkingDays(new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31)));
        Assert.Equal(251, NorthernIreland.CountWorkingDays(new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void The_one_off_holidays_in_the_published_list_are_not_working_days()
    {
        Assert.All(
            DivisionCodes.All,
            division =>
            {
                var calendar = For(division);
                Assert.False(calendar.IsWorkingDay(new DateOnly(2020, 5, 8)));  // VE day
                Assert.True(calendar.IsWorkingDay(new DateOnly(2020, 5, 4)));   // the early May holiday it replaced
                Assert.False(calendar.IsWorkingDay(new DateOnly(2022, 6, 2)));  // spring bank holiday, moved
                Assert.False(calendar.IsWorkingDay(new DateOnly(2022, 6, 3)));  // Platinum Jubilee
                Assert.True(calendar.IsWorkingDay(new DateOnly(2022, 5, 30)));
                Assert.False(calendar.IsWorkingDay(new DateOnly(2022, 9, 19))); // the Queen's state funeral
                Assert.False(calendar.IsWorkingDay(new DateOnly(2023, 5, 8)));  // the coronation
            });
    }

    [Fact]
    public void Years_beyond_the_published_list_are_calculated_and_marked_so()
    {
        var published = EnglandAndWales.BankHolidays(2027);
        var calculated = EnglandAndWales.BankHolidays(2028);

        Assert.All(published, h => Assert.False(h.IsCalculated));
        Assert.All(calculated, h => Assert.True(h.IsCalculated));
        Assert.Equal(
            ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"],
            calculated.Select(h => h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.Equal(new DateOnly(2028, 12, 27), EnglandAndWales.AddWorkingDays(new DateOnly(2028, 12, 22), 1));
    }

    [Fact]
    public void Years_before_the_published_list_are_calculated_too()
    {
        var holidays = EnglandAndWales.BankHolidays(2018);

        Assert.All(holidays, h => Assert.True(h.IsCalculated));
        Assert.Contains(holidays, h => h.Date == new DateOnly(2018, 3, 30) && h.Title == "Good Friday");
    }

    [Fact]
    public void Holidays_between_two_dates_include_both_ends()
    {
        var holidays = EnglandAndWales.HolidaysBetween(new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1));

        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 1)], holidays.Select(h => h.Date));
        Assert.Empty(EnglandAndWales.HolidaysBetween(new DateOnly(2027, 1, 1), new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void The_bank_holiday_on_a_day_is_found_by_date()
    {
        Assert.Equal("Boxing Day (substitute day)", EnglandAndWales.BankHolidayOn(new DateOnly(2026, 12, 28))?.Name);
        Assert.Null(EnglandAndWales.BankHolidayOn(new DateOnly(2026, 12, 29)));
    }

    [Fact]
    public void A_calendar_can_be_built_from_holidays_given_directly()
    {
        var calendar = new WorkingDayCalendar(Division.EnglandAndWales, [new BankHoliday(new(2030, 6, 14), "A one-off holiday", "", false)]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2030, 6, 14)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2030, 12, 25))); // 2030 is now "published", with one holiday
        Assert.False(calendar.IsWorkingDay(new DateOnly(2031, 12, 25))); // other years still follow the rules
    }

    [Fact]
    public void Two_holidays_on_one_date_are_rejected()
    {
        BankHoliday[] twice = [new(new(2030, 6, 14), "One", "", false), new(new(2030, 6, 14), "Two", "", false)];

        Assert.Throws<ArgumentException>("published", () => new WorkingDayCalendar(Division.Scotland, twice));
    }

    [Theory]
    [InlineData("2027-01-31", 1, "2027-02-28")] // no 31 February: the last day of the month
    [InlineData("2028-01-31", 1, "2028-02-29")] // leap year
    [InlineData("2026-11-30", 3, "2027-02-28")]
    [InlineData("2026-08-31", 6, "2027-02-28")]
    [InlineData("2026-03-15", 3, "2026-06-15")] // the corresponding date
    [InlineData("2027-02-28", 1, "2027-03-28")] // from a month end, the corresponding date, not the month end
    [InlineData("2026-05-20", 12, "2027-05-20")]
    public void Adding_months_keeps_the_date_or_uses_the_last_day_of_a_shorter_month(string start, int months, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), WorkingDayCalendar.AddMonths(IsoDate.Parse(start), months));

    [Fact]
    public void Weeks_and_calendar_days_count_every_day()
    {
        Assert.Equal(new DateOnly(2026, 12, 28), WorkingDayCalendar.AddWeeks(new DateOnly(2026, 12, 21), 1));
        Assert.Equal(new DateOnly(2027, 1, 18), WorkingDayCalendar.AddCalendarDays(new DateOnly(2026, 12, 21), 28));
    }
}
