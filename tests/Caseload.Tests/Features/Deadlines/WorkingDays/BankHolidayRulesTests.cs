using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Tests.Features.Deadlines.WorkingDays;

public class BankHolidayRulesTests
{
    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2016, "2016-03-27")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2031, "2031-04-13")]
    [InlineData(2032, "2032-03-28")]
    [InlineData(2033, "2033-04-17")]
    [InlineData(2034, "2034-04-09")]
    [InlineData(2035, "2035-03-25")]
    [InlineData(2038, "2038-04-25")] // the latest Easter this century
    [InlineData(2285, "2285-03-22")] // the earliest possible date
    public void Easter_Sunday_follows_the_Gregorian_computus(int year, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), BankHolidayRules.EasterSunday(year));

    /// <summary>
    /// The rules must give exactly what GOV.UK published for 2019 to 2027, except the holidays only a
    /// proclamation could create or move. Those are listed here one by one, so any other difference fails.
    /// </summary>
    [Theory]
    [InlineData(Division.EnglandAndWales)]
    [InlineData(Division.Scotland)]
    [InlineData(Division.NorthernIreland)]
    public void Rules_reproduce_the_published_list_for_2019_to_2027_except_the_one_off_holidays(Division division)
    {
        (DateOnly, string, bool)[] publishedOnly =
        [
            (new(2020, 5, 8), "Early May bank holiday (VE day)", false), // moved from Monday 4 May for VE day's 75th anniversary
            (new(2022, 6, 2), "Spring bank holiday", false), // moved from Monday 30 May for the Platinum Jubilee
            (new(2022, 6, 3), "Platinum Jubilee bank holiday", false),
            (new(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II", false),
            (new(2023, 5, 8), "Bank holiday for the coronation of King Charles III", false),
        ];
        (DateOnly, string, bool)[] rulesOnly =
        [
            (new(2020, 5, 4), "Early May bank holiday", false),
            (new(2022, 5, 30), "Spring bank holiday", false),
        ];

        var published = BankHolidayFile.Shipped.For(division).Select(Key).ToHashSet();
        var calculated = Enumerable.Range(2019, 9).SelectMany(year => BankHolidayRules.For(division, year)).Select(Key).ToHashSet();

        Assert.Equal(publishedOnly, published.Except(calculated).Order());
        Assert.Equal(rulesOnly, calculated.Except(published).Order());

        static (DateOnly, string, bool) Key(BankHoliday h) => (h.Date, h.Title, h.IsSubstitute);
    }

    [Fact]
    public void Every_calculated_holiday_is_marked_calculated_and_falls_on_a_weekday()
    {
        var all = DivisionCodes.All.SelectMany(d => Enumerable.Range(2000, 100).SelectMany(y => BankHolidayRules.For(d, y))).ToList();

        Assert.All(all, h => Assert.True(h.IsCalculated));
        Assert.DoesNotContain(all, h => h.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Theory]
    [InlineData(Division.EnglandAndWales, 8)]
    [InlineData(Division.Scotland, 9)]
    [InlineData(Division.NorthernIreland, 10)]
    public void Each_division_has_its_standing_number_of_holidays_every_year(Division division, int count) =>
        Assert.All(Enumerable.Range(2000, 100), year => Assert.Equal(count, BankHolidayRules.For(division, year).Count));

    [Fact]
    public void Scotland_has_no_Easter_Monday_but_2_January_and_St_Andrews_Day()
    {
        var titles = BankHolidayRules.For(Division.Scotland, 2030).Select(h => h.Title).ToList();

        Assert.DoesNotContain(BankHolidayRules.EasterMonday, titles);
        Assert.Contains(BankHolidayRules.SecondOfJanuary, titles);
        Assert.Contains(BankHolidayRules.StAndrewsDay, titles);
    }

    [Theory]
    [InlineData(Division.EnglandAndWales, "2030-08-26")]
    [InlineData(Division.NorthernIreland, "2030-08-26")]
    [InlineData(Division.Scotland, "2030-08-05")]
    public void Summer_bank_holiday_is_the_first_Monday_of_August_in_Scotland_and_the_last_elsewhere(Division division, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), BankHolidayRules.For(division, 2030).Single(h => h.Title == BankHolidayRules.Summer).Date);

    [Fact]
    public void Northern_Ireland_keeps_St_Patricks_Day_and_the_Battle_of_the_Boyne_with_substitutes()
    {
        // 2029: 17 March is a Saturday; 2028: 12 July is a Wednesday.
        var in2029 = BankHolidayRules.For(Division.NorthernIreland, 2029);
        var in2028 = BankHolidayRules.For(Division.NorthernIreland, 2028);

        Assert.Contains(new BankHoliday(new(2029, 3, 19), BankHolidayRules.StPatricksDay, "Substitute day", true), in2029);
        Assert.Contains(new BankHoliday(new(2028, 7, 12), BankHolidayRules.BattleOfTheBoyne, "", true), in2028);
        Assert.DoesNotContain(BankHolidayRules.For(Division.EnglandAndWales, 2028), h => h.Title == BankHolidayRules.BattleOfTheBoyne);
    }

    [Fact]
    public void Christmas_and_Boxing_Day_on_a_weekend_move_to_Monday_and_Tuesday()
    {
        // 2032: Christmas Day is a Saturday and Boxing Day a Sunday.
        var december = BankHolidayRules.For(Division.EnglandAndWales, 2032).Where(h => h.Date.Month == 12).ToList();

        Assert.Equal(
            [
                new BankHoliday(new(2032, 12, 27), BankHolidayRules.ChristmasDay, "Substitute day", true),
                new BankHoliday(new(2032, 12, 28), BankHolidayRules.BoxingDay, "Substitute day", true),
            ],
            december);
    }

    [Fact]
    public void Christmas_on_a_Sunday_moves_past_Boxing_Day_on_Monday()
    {
        // 2033: Christmas Day is a Sunday, so Boxing Day keeps Monday 26th and Christmas takes Tuesday 27th.
        var december = BankHolidayRules.For(Division.EnglandAndWales, 2033).Where(h => h.Date.Month == 12).ToList();

        Assert.Equal(
            [
                new BankHoliday(new(2033, 12, 26), BankHolidayRules.BoxingDay, "", true),
                new BankHoliday(new(2033, 12, 27), BankHolidayRules.ChristmasDay, "Substitute day", true),
            ],
            december);
    }

    [Fact]
    public void In_Scotland_New_Years_Day_on_a_Saturday_pushes_2_January_to_Tuesday()
    {
        // 2033: 1 January is a Saturday.
        var january = BankHolidayRules.For(Division.Scotland, 2033).Where(h => h.Date.Month == 1).ToList();

        Assert.Equal(
            [
                new BankHoliday(new(2033, 1, 3), BankHolidayRules.NewYearsDay, "Substitute day", true),
                new BankHoliday(new(2033, 1, 4), BankHolidayRules.SecondOfJanuary, "Substitute day", true),
            ],
            january);
    }

    [Fact]
    public void St_Andrews_Day_on_a_Sunday_moves_to_Monday()
    {
        // 2036: 30 November is a Sunday.
        var standrews = BankHolidayRules.For(Division.Scotland, 2036).Single(h => h.Title == BankHolidayRules.StAndrewsDay);

        Assert.Equal(new DateOnly(2036, 12, 1), standrews.Date);
        Assert.True(standrews.IsSubstitute);
    }
}
