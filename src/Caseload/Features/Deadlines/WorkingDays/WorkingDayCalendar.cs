namespace Caseload.Features.Deadlines.WorkingDays;

/// <summary>
/// Working days in one division, 2000 to 2099: weekdays that are not one of the division's bank holidays.
/// Holidays come from GOV.UK's published list where it covers a year, and from <see cref="BankHolidayRules"/>
/// otherwise (marked as calculated). Immutable and safe to share; every question is answered from lookup tables
/// built once, so adding or counting working days costs a few array reads, however long the period.
/// </summary>
/// <remarks>
/// The convention of every statutory timescale: "N working days after" a day does not count that day, then
/// counts N working days, skipping weekends and bank holidays. The start may itself be a weekend or a holiday.
/// </remarks>
public sealed class WorkingDayCalendar
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    /// <summary>About forty years of working days: any longer period is a mistake, not a timescale.</summary>
    public const int MaxWorkingDays = 10_000;

    // From the constants, not FirstDate: static fields are initialised in the order they are written.
    private static readonly int FirstDayNumber = new DateOnly(FirstYear, 1, 1).DayNumber;
    private static readonly Lazy<WorkingDayCalendar>[] ShippedCalendars =
        [.. DivisionCodes.All.Select(d => new Lazy<WorkingDayCalendar>(() => Create(d, BankHolidayFile.Shipped)))];

    // _workingDaysUpTo[i + 1] = working days from FirstDate to FirstDate + i, inclusive; _workingDaysUpTo[0] = 0.
    private readonly int[] _workingDaysUpTo;

    // _workingDays[k] = offset from FirstDate of the (k + 1)th working day.
    private readonly int[] _workingDays;

    private readonly BankHoliday[] _holidays;
    private readonly DateOnly[] _holidayDates;

    /// <param name="division">The division whose holidays are skipped.</param>
    /// <param name="published">The division's published holidays. A year with any published holiday is taken as
    /// published in full; every other year is worked out by rule.</param>
    public WorkingDayCalendar(Division division, IEnumerable<BankHoliday> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        Division = division;

        var byYear = published
            .Where(h => h.Date >= FirstDate && h.Date <= LastDate)
            .GroupBy(h => h.Date.Year)
            .ToDictionary(g => g.Key, g => g.ToList());

        var holidays = new List<BankHoliday>();
        for (var year = FirstYear; year <= LastYear; year++)
        {
            holidays.AddRange(byYear.TryGetValue(year, out var listed) ? listed : BankHolidayRules.For(division, year));
        }

        _holidays = [.. holidays.OrderBy(h => h.Date)];
        _holidayDates = [.. _holidays.Select(h => h.Date)];
        for (var i = 1; i < _holidayDates.Length; i++)
        {
            if (_holidayDates[i] == _holidayDates[i - 1])
            {
                throw new ArgumentException($"Two bank holidays are on {_holidayDates[i]:yyyy-MM-dd}.", nameof(published));
            }
        }

        var days = LastDate.DayNumber - FirstDayNumber + 1;
        var isHoliday = new bool[days];
        foreach (var date in _holidayDates)
        {
            isHoliday[date.DayNumber - FirstDayNumber] = true;
        }

        _workingDaysUpTo = new int[days + 1];
        var working = new List<int>(days * 5 / 7);
        var dayOfWeek = FirstDate.DayOfWeek;
        for (var offset = 0; offset < days; offset++)
        {
            if (dayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !isHoliday[offset])
            {
                working.Add(offset);
            }

            _workingDaysUpTo[offset + 1] = working.Count;
            dayOfWeek = dayOfWeek == DayOfWeek.Saturday ? DayOfWeek.Sunday : dayOfWeek + 1;
        }

        _workingDays = [.. working];
    }

    public static DateOnly FirstDate { get; } = new(FirstYear, 1, 1);

    public static DateOnly LastDate { get; } = new(LastYear, 12, 31);

    public Division Division { get; }

    public static WorkingDayCalendar Create(Division division, PublishedBankHolidays published)
    {
        ArgumentNullException.ThrowIfNull(published);
        return new WorkingDayCalendar(division, published.For(division));
    }

    /// <summary>The calendar built from the GOV.UK list shipped with Caseload; built once per division.</summary>
    public static WorkingDayCalendar Shipped(Division division) => ShippedCalendars[(int)division].Value;

    public bool IsWorkingDay(DateOnly date)
    {
        var offset = Offset(date, nameof(date));
        return _workingDaysUpTo[offset + 1] != _workingDaysUpTo[offset];
    }

    /// <summary>
    /// The day <paramref name="days"/> working days after <paramref name="start"/>, not counting the start
    /// (Friday + 1 is Monday; Saturday + 1 is Monday too). Zero days gives the start itself, working day or not.
    /// Negative days count back the same way: −1 is the last working day before the start. Counting back from a
    /// working day undoes counting forward; from a weekend or holiday it cannot, as several starts share a due date.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The start or the result is outside 2000 to 2099, or
    /// <paramref name="days"/> is beyond ±<see cref="MaxWorkingDays"/>.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        var offset = Offset(start, nameof(start));
        if (days is > MaxWorkingDays or < -MaxWorkingDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"A number of working days must be between −{MaxWorkingDays} and {MaxWorkingDays}.");
        }

        if (days == 0)
        {
            return start;
        }

        // Index of the answer in _workingDays: counting forward from the working days up to and including the
        // start, or back from those strictly before it.
        var index = days > 0 ? _workingDaysUpTo[offset + 1] + days - 1 : _workingDaysUpTo[offset] + days;
        if ((uint)index >= (uint)_workingDays.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"{days} working days from {start:yyyy-MM-dd} is outside the calendar ({FirstYear} to {LastYear}).");
        }

        return DateOnly.FromDayNumber(FirstDayNumber + _workingDays[index]);
    }

    /// <summary><see cref="AddWorkingDays"/>, with the bank holidays it stepped over, for explaining a due date.</summary>
    public WorkingDaysAdded AddWorkingDaysExplained(DateOnly start, int days)
    {
        var due = AddWorkingDays(start, days);
        var skipped = days switch
        {
            > 0 => HolidaysBetween(start.AddDays(1), due),
            < 0 => HolidaysBetween(due, start.AddDays(-1)),
            _ => [],
        };
        return new WorkingDaysAdded(start, days, due, skipped);
    }

    /// <summary>
    /// Working days after <paramref name="from"/> up to and including <paramref name="to"/>, so that
    /// <c>CountWorkingDays(start, AddWorkingDays(start, n)) == n</c> for n ≥ 0. Negative when
    /// <paramref name="to"/> is earlier: <c>CountWorkingDays(a, b) == -CountWorkingDays(b, a)</c>.
    /// </summary>
    public int CountWorkingDays(DateOnly from, DateOnly to) =>
        _workingDaysUpTo[Offset(to, nameof(to)) + 1] - _workingDaysUpTo[Offset(from, nameof(from)) + 1];

    /// <summary>The bank holidays from <paramref name="from"/> to <paramref name="to"/> inclusive, by date; none when to is earlier.</summary>
    public IReadOnlyList<BankHoliday> HolidaysBetween(DateOnly from, DateOnly to)
    {
        Offset(from, nameof(from));
        Offset(to, nameof(to));
        if (to < from)
        {
            return [];
        }

        var first = FirstHolidayOnOrAfter(from);
        var end = FirstHolidayOnOrAfter(to.AddDays(1));
        return _holidays[first..end];
    }

    public IReadOnlyList<BankHoliday> BankHolidays(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        return HolidaysBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    /// <summary>The bank holiday observed on <paramref name="date"/>, if there is one.</summary>
    public BankHoliday? BankHolidayOn(DateOnly date)
    {
        Offset(date, nameof(date));
        var index = Array.BinarySearch(_holidayDates, date);
        return index >= 0 ? _holidays[index] : null;
    }

    public static DateOnly AddCalendarDays(DateOnly date, int days) => date.AddDays(days);

    public static DateOnly AddWeeks(DateOnly date, int weeks) => date.AddDays(checked(weeks * 7));

    /// <summary>
    /// The corresponding date <paramref name="months"/> months on or, when that month is too short, its last day
    /// (31 January + 1 month = 28 or 29 February): the usual legal reading of "within N months".
    /// </summary>
    public static DateOnly AddMonths(DateOnly date, int months) => date.AddMonths(months);

    private static int Offset(DateOnly date, string parameter)
    {
        if (date < FirstDate || date > LastDate)
        {
            throw new ArgumentOutOfRangeException(parameter, date, $"Working days are known from {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}.");
        }

        return date.DayNumber - FirstDayNumber;
    }

    private int FirstHolidayOnOrAfter(DateOnly date)
    {
        var index = Array.BinarySearch(_holidayDates, date);
        return index >= 0 ? index : ~index;
    }
}

/// <summary>The answer to "N working days after the start", with the bank holidays skipped on the way, by date.</summary>
public sealed record WorkingDaysAdded(DateOnly Start, int Days, DateOnly Due, IReadOnlyList<BankHoliday> Skipped);
