using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Bench.Rules;

/// <summary>
/// The working-day calendar against the obvious day-by-day loop over a set of holiday dates, which is the
/// baseline of each group. Target: 250 working days (about a year) added in well under 1 µs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WorkingDayBenchmarks
{
    private const string Add = "Add 250 working days";
    private const string Count = "Count working days over a year";

    private WorkingDayCalendar _calendar = null!;
    private HashSet<DateOnly> _holidays = null!;
    private DateOnly _start;
    private DateOnly _yearLater;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = WorkingDayCalendar.Shipped(Division.EnglandAndWales);
        _holidays = [.. Enumerable.Range(2024, 6).SelectMany(year => _calendar.BankHolidays(year)).Select(h => h.Date)];
        _start = new DateOnly(2026, 3, 2);
        _yearLater = _start.AddYears(1);
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Add)]
    public DateOnly DayByDayAdd()
    {
        var day = _start;
        for (var counted = 0; counted < 250;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    [Benchmark, BenchmarkCategory(Add)]
    public DateOnly AddWorkingDays() => _calendar.AddWorkingDays(_start, 250);

    [Benchmark(Baseline = true), BenchmarkCategory(Count)]
    public int DayByDayCount()
    {
        var count = 0;
        for (var day = _start.AddDays(1); day <= _yearLater; day = day.AddDays(1))
        {
            count += IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    }

    [Benchmark, BenchmarkCategory(Count)]
    public int CountWorkingDays() => _calendar.CountWorkingDays(_start, _yearLater);

    private bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);
}
