namespace Caseload.Features.Deadlines.WorkingDays;

/// <summary>
/// Bank holidays as GOV.UK published them, for every division, each list in date order. Built only by
/// <see cref="BankHolidayFile"/>, so it always holds a file that passed every check.
/// </summary>
public sealed class PublishedBankHolidays
{
    private readonly Dictionary<Division, IReadOnlyList<BankHoliday>> _byDivision;

    internal PublishedBankHolidays(Dictionary<Division, IReadOnlyList<BankHoliday>> byDivision) => _byDivision = byDivision;

    public IReadOnlyList<BankHoliday> For(Division division) =>
        _byDivision.TryGetValue(division, out var holidays) ? holidays : [];

    /// <summary>The years the division's list covers; the calendar works out any other year by rule.</summary>
    public IReadOnlyList<int> YearsCovered(Division division) =>
        [.. For(division).Select(h => h.Date.Year).Distinct().Order()];
}
