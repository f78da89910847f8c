namespace Caseload.Features.Deadlines.WorkingDays;

/// <summary>
/// The standing bank holidays of each division, worked out by rule for years GOV.UK has not published.
/// One-off holidays (jubilees, a state funeral, a coronation) and one-off moves (VE day 2020, spring 2022) are
/// announced by proclamation and cannot be foreseen: they reach the calendar only through the published list.
/// </summary>
public static class BankHolidayRules
{
    // Titles exactly as GOV.UK writes them (with a typographic apostrophe), so that calculated and published
    // years read the same.
    public const string NewYearsDay = "New Year’s Day";
    public const string SecondOfJanuary = "2nd January";
    public const string StPatricksDay = "St Patrick’s Day";
    public const string GoodFriday = "Good Friday";
    public const string EasterMonday = "Easter Monday";
    public const string EarlyMay = "Early May bank holiday";
    public const string Spring = "Spring bank holiday";
    public const string BattleOfTheBoyne = "Battle of the Boyne (Orangemen’s Day)";
    public const string Summer = "Summer bank holiday";
    public const string StAndrewsDay = "St Andrew’s Day";
    public const string ChristmasDay = "Christmas Day";
    public const string BoxingDay = "Boxing Day";

    /// <summary>The division's bank holidays in <paramref name="year"/>, by date, all marked as calculated.</summary>
    public static IReadOnlyList<BankHoliday> For(Division division, int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583); // the Gregorian computus starts here
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998); // a substitute day must still be a DateOnly

        var easter = EasterSunday(year);
        var scotland = division == Division.Scotland;
        var northernIreland = division == Division.NorthernIreland;

        // Banking and Financial Dealings Act 1971 sch. 1, with the holidays granted each year by proclamation.
        // Days that move with the calendar always land on a weekday; the fixed dates may need a substitute.
        List<(DateOnly Date, string Title)> moving =
        [
            (easter.AddDays(-2), GoodFriday),
            (FirstMonday(year, 5), EarlyMay),
            (LastMonday(year, 5), Spring),
            (scotland ? FirstMonday(year, 8) : LastMonday(year, 8), Summer),
        ];
        if (!scotland)
        {
            moving.Add((easter.AddDays(1), EasterMonday));
        }

        List<(DateOnly Date, string Title)> fixedDates = [(new DateOnly(year, 1, 1), NewYearsDay)];
        if (northernIreland)
        {
            fixedDates.Add((new DateOnly(year, 3, 17), StPatricksDay));
            fixedDates.Add((new DateOnly(year, 7, 12), BattleOfTheBoyne));
        }

        if (scotland)
        {
            fixedDates.Add((new DateOnly(year, 11, 30), StAndrewsDay));
        }

        fixedDates.Add((new DateOnly(year, 12, 25), ChristmasDay));
        fixedDates.Add((new DateOnly(year, 12, 26), BoxingDay));

        var observed = new Dictionary<DateOnly, BankHoliday>();
        void Observe(DateOnly date, string title, bool substitute) =>
            observed.Add(date, new BankHoliday(date, title, substitute ? BankHoliday.SubstituteDayNote : "", IsCalculated: true));

        foreach (var (date, title) in moving)
        {
            Observe(date, title, substitute: false);
        }

        // A fixed date on a weekday keeps its day first, so that a weekend holiday's substitute goes round it:
        // with Christmas on a Sunday, Boxing Day stays on Monday 26th and Christmas moves to Tuesday 27th.
        foreach (var (date, title) in fixedDates.Where(h => !IsWeekend(h.Date)))
        {
            Observe(date, title, substitute: false);
        }

        // Weekend holidays, in date order, take the next weekday that is not already a holiday.
        foreach (var (date, title) in fixedDates.Where(h => IsWeekend(h.Date)))
        {
            Observe(NextFreeWeekday(date, observed), title, substitute: true);
        }

        // Scotland's 2nd January is the weekday after New Year's Day as observed. GOV.UK keeps the two in order:
        // when 1 January is a Sunday, Monday 2nd is New Year's Day's substitute and Tuesday 3rd 2nd January's.
        if (scotland)
        {
            var newYear = observed.Values.Single(h => h.Title == NewYearsDay).Date;
            var second = NextFreeWeekday(newYear, observed);
            Observe(second, SecondOfJanuary, substitute: second != new DateOnly(year, 1, 2));
        }

        return [.. observed.Values.OrderBy(h => h.Date)];
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus, as given by Meeus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly NextFreeWeekday(DateOnly date, Dictionary<DateOnly, BankHoliday> taken)
    {
        var day = date.AddDays(1);
        while (IsWeekend(day) || taken.ContainsKey(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
