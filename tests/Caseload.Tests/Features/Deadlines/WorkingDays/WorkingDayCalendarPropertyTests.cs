using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Tests.Features.Deadlines.WorkingDays;

/// <summary>
/// Properties over many starts and lengths (a fixed seed, so a failure can be replayed), checked against a
/// day-by-day count built separately from the published list and the rules.
/// </summary>
public class WorkingDayCalendarPropertyTests
{
    private const int Cases = 3000;

    public static TheoryData<Division> Divisions => [.. DivisionCodes.All];

    [Theory]
    [MemberData(nameof(Divisions))]
    public void Adding_working_days_matches_a_day_by_day_count(Division division)
    {
        var calendar = WorkingDayCalendar.Shipped(division);
        var reference = new DayByDay(division);
        var random = new Random(20261221 + (int)division);

        for (var i = 0; i < Cases; i++)
        {
            var (start, days) = RandomCase(random);

            Assert.Equal(reference.Add(start, days), calendar.AddWorkingDays(start, days));
        }
    }

    [Theory]
    [MemberData(nameof(Divisions))]
    public void The_due_date_is_always_a_working_day_and_counting_back_to_it_gives_the_days_added(Division division)
    {
        var calendar = WorkingDayCalendar.Shipped(division);
        var random = new Random(42 + (int)division);

        for (var i = 0; i < Cases; i++)
        {
            var (start, days) = RandomCase(random);
            days = Math.Max(days, 1);

            var due = calendar.AddWorkingDays(start, days);

            Assert.True(calendar.IsWorkingDay(due), $"{start} + {days} = {due}, not a working day");
            Assert.True(due > start);
            Assert.Equal(days, calendar.CountWorkingDays(start, due));
            Assert.Equal(-days, calendar.CountWorkingDays(due, start));
        }
    }

    [Theory]
    [MemberData(nameof(Divisions))]
    public void Adding_is_monotonic_in_both_the_start_and_the_length(Division division)
    {
        var calendar = WorkingDayCalendar.Shipped(division);
        var random = new Random(7 + (int)division);

        for (var i = 0; i < Cases; i++)
        {
            var (start, days) = RandomCase(random);
            days = Math.Max(days, 1);
            var later = start.AddDays(random.Next(1, 10));

            Assert.True(calendar.AddWorkingDays(start, days + 1) > calendar.AddWorkingDays(start, days));
            Assert.True(calendar.AddWorkingDays(later, days) >= calendar.AddWorkingDays(start, days));
        }
    }

    [Theory]
    [MemberData(nameof(Divisions))]
    public void Counting_back_from_a_working_day_undoes_counting_forward(Division division)
    {
        var calendar = WorkingDayCalendar.Shipped(division);
        var random = new Random(99 + (int)division);

        for (var i = 0; i < Cases; i++)
        {
            var (start, days) = RandomCase(random);
            start = calendar.AddWorkingDays(start, 1); // a working day
            days = Math.Max(days, 1);

            var back = calendar.AddWorkingDays(start, -days);

            Assert.True(calendar.IsWorkingDay(back));
            Assert.Equal(start, calendar.AddWorkingDays(back, days));
            Assert.Equal(-days, calendar.CountWorkingDays(start, back));
        }
    }

    [Theory]
    [MemberData(nameof(Divisions))]
    public void Counting_matches_a_day_by_day_count(Division division)
    {
        var calendar = WorkingDayCalendar.Shipped(division);
        var reference = new DayByDay(division);
        var random = new Random(1234 + (int)division);

        for (var i = 0; i < Cases; i++)
        {
            var (from, _) = RandomCase(random);
            var to = from.AddDays(random.Next(-400, 400));

            Assert.Equal(reference.Count(from, to), calendar.CountWorkingDays(from, to));
        }
    }

    // Starts from 2004 to 2095 and up to 600 working days (about 2.4 years) keep every answer, back or forward, in the calendar.
    private static (DateOnly Start, int Days) RandomCase(Random random) =>
        (new DateOnly(2004, 1, 1).AddDays(random.Next(0, 92 * 365)), random.Next(0, 600));

    /// <summary>The obvious, slow way: step a day at a time over the holidays from the file and the rules.</summary>
    private sealed class DayByDay
    {
        private readonly HashSet<DateOnly> _holidays;

        public DayByDay(Division division)
        {
            var published = BankHolidayFile.Shipped.For(division);
            var publishedYears = published.Select(h => h.Date.Year).ToHashSet();
            _holidays =
            [
                .. published.Select(h => h.Date),
                .. Enumerable.Range(2000, 100).Where(y => !publishedYears.Contains(y)).SelectMany(y => BankHolidayRules.For(division, y)).Select(h => h.Date),
            ];
        }

        public DateOnly Add(DateOnly start, int days)
        {
            var day = start;
            for (var counted = 0; counted < days;)
            {
                day = day.AddDays(1);
                if (IsWorkingDay(day))
                {
                    counted++;
                }
            }

            return day;
        }

        public int Count(DateOnly from, DateOnly to)
        {
            var (low, high, sign) = from <= to ? (from, to, 1) : (to, from, -1);
            var count = 0;
            for (var day = low.AddDays(1); day <= high; day = day.AddDays(1))
            {
                count += IsWorkingDay(day) ? 1 : 0;
            }

            return sign * count;
        }

        private bool IsWorkingDay(DateOnly day) =>
            day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);
    }
}
