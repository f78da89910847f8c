using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>The demand report's pure rules: how the period is cut into weeks or months, and averages around an event. No I/O.</summary>
public static class DemandReportRules
{
    /// <summary>Periods up to this many days are shown week by week; longer ones month by month.</summary>
    public const int WeeklyUpToDays = 16 * 7;

    public static bool Monthly(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1 > WeeklyUpToDays;

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    public static DateOnly BucketOf(DateOnly day, bool monthly) => monthly ? MonthStart(day) : WeekStart(day);

    /// <summary>The start of each week (Monday) or month that the period touches, in order.</summary>
    public static IReadOnlyList<DateOnly> Buckets(DateOnly from, DateOnly to, bool monthly)
    {
        var list = new List<DateOnly>();
        for (var b = BucketOf(from, monthly); b <= to; b = monthly ? b.AddMonths(1) : b.AddDays(7)) list.Add(b);
        return list;
    }

    public static string Label(DateOnly bucket, bool monthly) =>
        monthly ? UkTime.FormatMonth(bucket) : bucket.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The mean of the values before the event's point and of those from it on (to one place); null on a side with none. The
    /// event's own week or month counts as after: it is the first that could show the change.
    /// </summary>
    public static (decimal? Before, decimal? After) BeforeAfter(IReadOnlyList<int> values, int point)
    {
        ArgumentNullException.ThrowIfNull(values);
        decimal? Mean(IEnumerable<int> xs) => xs.ToList() is { Count: > 0 } l ? Math.Round((decimal)l.Sum() / l.Count, 1, MidpointRounding.AwayFromZero) : null;
        return (Mean(values.Take(point)), Mean(values.Skip(point)));
    }

    /// <summary>The mean of the same calendar month in the years before (each year from the first with any referral counts, a year with none as 0).</summary>
    public static decimal? SameMonthEarlierYears(IReadOnlyDictionary<(int Year, int Month), int> counts, int year, int month, int firstYear)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (firstYear >= year) return null;
        var years = Enumerable.Range(firstYear, year - firstYear).ToList();
        return Math.Round((decimal)years.Sum(y => counts.GetValueOrDefault((y, month))) / years.Count, 1, MidpointRounding.AwayFromZero);
    }
}

/// <summary>
/// The demand report over the cases the reader may see (<see cref="CaseAccess.VisibleCases"/>): referrals week by week (periods up
/// to 16 weeks) or month by month, by service and by source (the children in need census sources, in broad groups), cases opened
/// and closed (net flow), the complexity mix of the referrals, each month against the same month in earlier years, and the events
/// service managers recorded (<see cref="ReportEvent"/>) drawn on the trend with the average before and after each. Counted in
/// SQL by day or month, service and source: rows are days × services × sources at most, never cases.
/// </summary>
public sealed class DemandReport(CaseloadDb db, ReportEventService events)
{
    public const int SeasonalYears = 5;

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("periodStarting", "Week or month starting", ColumnKind.Text), new("service", "Service", ColumnKind.Text),
        new("referrals", "Referrals", ColumnKind.Count), new("opened", "Cases opened", ColumnKind.Count), new("closed", "Cases closed", ColumnKind.Count),
        new("netFlow", "Net flow (opened less closed)", ColumnKind.Count),
        new("fromFamilyOrSelf", "Referred by family, self or another individual", ColumnKind.Count), new("fromEducation", "Referred by schools and education", ColumnKind.Count),
        new("fromHealth", "Referred by health services", ColumnKind.Count), new("fromPoliceOrLegal", "Referred by police and legal agencies", ColumnKind.Count),
        new("fromLocalAuthority", "Referred by local authority services and housing", ColumnKind.Count), new("fromOther", "Referred by others, anonymously or unknown", ColumnKind.Count),
        new("sourceNotRecorded", "Referral source not recorded", ColumnKind.Count),
    ];

    private sealed class Dated
    {
        public DateOnly Day { get; init; }
        public required string Service { get; init; }
        public string? Source { get; init; }
    }

    private sealed record Counted(DateOnly Bucket, string Service, string? Source, int Count);

    public async Task<ReportData> BuildAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var cases = ReportFilters.CasesInView(db, user, filter);
        var (first, last) = (filter.From, filter.To);
        var monthly = DemandReportRules.Monthly(first, last);
        var buckets = DemandReportRules.Buckets(first, last, monthly);

        var referred = await CountAsync(cases.Where(c => c.ReferredOn >= first && c.ReferredOn <= last)
            .Select(c => new Dated { Day = c.ReferredOn, Service = c.Service, Source = c.ReferralSource }), monthly, ct);
        var opened = await CountAsync(cases.Where(c => c.OpenedOn != null && c.OpenedOn >= first && c.OpenedOn <= last)
            .Select(c => new Dated { Day = c.OpenedOn!.Value, Service = c.Service, Source = null }), monthly, ct);
        var closed = await CountAsync(cases.Where(c => c.Status == CaseStatus.Closed && c.ClosedOn != null && c.ClosedOn >= first && c.ClosedOn <= last)
            .Select(c => new Dated { Day = c.ClosedOn!.Value, Service = c.Service, Source = null }), monthly, ct);
        var complexity = await cases.Where(c => c.ReferredOn >= first && c.ReferredOn <= last).GroupBy(c => c.Complexity)
            .Select(g => new { Complexity = g.Key, Count = g.Count() }).ToListAsync(ct);
        // Each month of the period against the same month in the years before: referrals by year and month over at most five years back.
        var since = DemandReportRules.MonthStart(first).AddYears(-SeasonalYears);
        var seasonal = (await cases.Where(c => c.ReferredOn >= since && c.ReferredOn <= last)
                .GroupBy(c => new { c.ReferredOn.Year, c.ReferredOn.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => (x.Year, x.Month), x => x.Count);

        var services = referred.Select(r => r.Service).Concat(opened.Select(o => o.Service)).Concat(closed.Select(c => c.Service)).Distinct()
            .OrderBy(Services.Title, StringComparer.Ordinal).ToList();
        int Sum(IEnumerable<Counted> xs) => xs.Sum(x => x.Count);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var bucket in buckets)
        {
            foreach (var s in services)
            {
                var inRow = referred.Where(r => r.Bucket == bucket && r.Service == s).ToList();
                var (o, c) = (Sum(opened.Where(x => x.Bucket == bucket && x.Service == s)), Sum(closed.Where(x => x.Bucket == bucket && x.Service == s)));
                if (inRow.Count == 0 && o == 0 && c == 0) continue;
                var bySource = ReferralSources.Groups.Select(g => (object?)Sum(inRow.Where(r => r.Source is not null && ReferralSources.GroupOf(r.Source) == g))).ToList();
                rows.Add([DemandReportRules.Label(bucket, monthly), Services.Title(s), Sum(inRow), o, c, o - c, .. bySource, Sum(inRow.Where(r => r.Source is null))]);
            }
        }

        var labels = buckets.Select(b => DemandReportRules.Label(b, monthly)).ToList();
        var referralsPerBucket = buckets.Select(b => Sum(referred.Where(r => r.Bucket == b))).ToList();
        var openedPerBucket = buckets.Select(b => Sum(opened.Where(r => r.Bucket == b))).ToList();
        var closedPerBucket = buckets.Select(b => Sum(closed.Where(r => r.Bucket == b))).ToList();
        var totalReferred = referralsPerBucket.Sum();

        var recorded = await events.ListAsync(first, last, filter.Service, ct);
        var markers = recorded.Select((e, i) =>
        {
            var point = buckets.Count(b => b <= e.On) - 1;
            var (before, after) = DemandReportRules.BeforeAfter(referralsPerBucket, point);
            var unit = monthly ? "a month" : "a week";
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{UkTime.Format(e.On)}: {ReportEventRules.Kinds.First(k => k.Code == e.Kind).Title.ToLowerInvariant()}, {e.Title}. Referrals {unit}: {(before is { } b ? b.ToString("0.#", CultureInfo.InvariantCulture) : "none")} before, {(after is { } a ? a.ToString("0.#", CultureInfo.InvariantCulture) : "none")} from then on.");
            return new ReportMarker(Math.Max(0, point), string.Create(CultureInfo.InvariantCulture, $"E{i + 1}"), text);
        }).ToList();

        var sourceCounts = ReferralSources.Groups.Append(ReferralSources.NotRecorded)
            .Select(g => (decimal?)Sum(referred.Where(r => (r.Source is null ? ReferralSources.NotRecorded : ReferralSources.GroupOf(r.Source)) == g))).ToList();
        var serviceCounts = services.Select(s => (decimal?)Sum(referred.Where(r => r.Service == s))).ToList();
        Complexity?[] mixOrder = [Complexity.Low, Complexity.Medium, Complexity.High, Complexity.VeryHigh, null];
        var mix = mixOrder.Select(m => (decimal?)complexity.Where(x => x.Complexity == m).Sum(x => x.Count)).ToList();

        var months = DemandReportRules.Buckets(first, last, monthly: true);
        var firstYear = seasonal.Count == 0 ? last.Year : seasonal.Keys.Min(k => k.Year);
        var seasonalSeries = new List<ReportSeries>
        {
            new("Referrals", months.Select(m => (decimal?)seasonal.GetValueOrDefault((m.Year, m.Month))).ToList()),
            new("Same month, average of earlier years", months.Select(m => DemandReportRules.SameMonthEarlierYears(seasonal, m.Year, m.Month, firstYear)).ToList()),
        };

        var period = $"{UkTime.Format(first)} to {UkTime.Format(last)}";
        var (totalOpened, totalClosed) = (openedPerBucket.Sum(), closedPerBucket.Sum());
        var busiest = sourceCounts.Take(ReferralSources.Groups.Count).Select((v, i) => (Group: ReferralSources.Groups[i], Count: v ?? 0)).OrderByDescending(x => x.Count).First();
        var summary = totalReferred == 0 && totalOpened == 0 && totalClosed == 0
            ? $"No case you report on was referred, opened or closed from {period}."
            : string.Create(CultureInfo.InvariantCulture,
                $"{ReportText.Plural(totalReferred, "referral", "referrals")} from {period}, {OutcomesReportRules.Average(totalReferred, buckets.Count):0.#} {(monthly ? "a month" : "a week")} on average")
              + (busiest.Count > 0 ? $", most from {busiest.Group.ToLowerInvariant()} ({busiest.Count})" : "")
              + $"; {totalOpened} opened and {totalClosed} closed, a net flow of {(totalOpened - totalClosed >= 0 ? "+" : "")}{totalOpened - totalClosed}"
              + (markers.Count == 0 ? "." : $"; {ReportText.Plural(markers.Count, "event", "events")} recorded in the period.");

        var unitTitle = monthly ? "Month" : "Week starting";
        ReportChart[] charts =
        [
            new("demand-trend", $"Referrals, cases opened and cases closed {(monthly ? "month by month" : "week by week")}",
                $"Referrals, cases opened and cases closed in each {(monthly ? "month" : "week")} from {period}{(markers.Count > 0 ? ", with the events recorded marked E1, E2 and so on" : "")}. The table after the chart gives the same figures.",
                ChartKind.CountLines, unitTitle, labels,
                [new("Referrals", referralsPerBucket.Select(v => (decimal?)v).ToList()), new("Cases opened", openedPerBucket.Select(v => (decimal?)v).ToList()),
                 new("Cases closed", closedPerBucket.Select(v => (decimal?)v).ToList())], markers),
            new("demand-sources", "Referrals by source", $"How many of the {totalReferred} referrals from {period} came from each group of sources. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Source", [.. ReferralSources.Groups, ReferralSources.NotRecorded], [new ReportSeries("Referrals", sourceCounts)]),
            new("demand-services", "Referrals by service", $"How many of the {totalReferred} referrals from {period} each service received. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Service", services.Select(Services.Title).ToList(), [new ReportSeries("Referrals", serviceCounts)]),
            new("demand-complexity", "Complexity of the cases referred", $"How many of the {totalReferred} cases referred from {period} were assessed at each complexity. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Complexity", mixOrder.Select(ComplexityCodes.Text).ToList(), [new ReportSeries("Cases referred", mix)]),
            new("demand-seasonal", "Each month against the same month in earlier years",
                $"Referrals in each month from {period} beside the average for the same month over the earlier years (up to {SeasonalYears}), so term-time and holiday patterns show. The table after the chart gives the same figures.",
                ChartKind.CountLines, "Month", months.Select(m => DemandReportRules.Label(m, monthly: true)).ToList(), seasonalSeries),
        ];
        return new ReportData(ReportNames.Demand, ReportNames.Titles[ReportNames.Demand], summary, filter, Columns, rows, charts);
    }

    /// <summary>
    /// The dashboard's figures of this report (<see cref="DashboardFigures.Demand"/>): referrals, cases opened and cases closed in
    /// the period, the sums of the report's columns, counted in one pass over the cases in view.
    /// </summary>
    public async Task<IReadOnlyList<KeyFigure>> KeyFiguresAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var (first, last) = (filter.From, filter.To);
        var counts = await ReportFilters.CasesInView(db, user, filter)
            .Where(c => (c.ReferredOn >= first && c.ReferredOn <= last) || (c.OpenedOn != null && c.OpenedOn >= first && c.OpenedOn <= last)
                        || (c.ClosedOn != null && c.ClosedOn >= first && c.ClosedOn <= last))
            .GroupBy(c => 1)
            .Select(g => new
            {
                Referred = g.Count(c => c.ReferredOn >= first && c.ReferredOn <= last),
                Opened = g.Count(c => c.OpenedOn != null && c.OpenedOn >= first && c.OpenedOn <= last),
                Closed = g.Count(c => c.Status == CaseStatus.Closed && c.ClosedOn != null && c.ClosedOn >= first && c.ClosedOn <= last),
            }).SingleOrDefaultAsync(ct);
        return DashboardFigures.Demand(counts?.Referred ?? 0, counts?.Opened ?? 0, counts?.Closed ?? 0);
    }

    /// <summary>Counts by week or month, service and source: grouped by day in SQL for weeks (a week starts on a Monday) and by year and month for months.</summary>
    private static async Task<List<Counted>> CountAsync(IQueryable<Dated> q, bool monthly, CancellationToken ct)
    {
        if (monthly)
        {
            var months = await q.GroupBy(x => new { x.Day.Year, x.Day.Month, x.Service, x.Source })
                .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Service, g.Key.Source, Count = g.Count() }).ToListAsync(ct);
            return months.Select(m => new Counted(new DateOnly(m.Year, m.Month, 1), m.Service, m.Source, m.Count)).ToList();
        }

        var days = await q.GroupBy(x => new { x.Day, x.Service, x.Source })
            .Select(g => new { g.Key.Day, g.Key.Service, g.Key.Source, Count = g.Count() }).ToListAsync(ct);
        return days.GroupBy(d => (Week: DemandReportRules.WeekStart(d.Day), d.Service, d.Source))
            .Select(g => new Counted(g.Key.Week, g.Key.Service, g.Key.Source, g.Sum(x => x.Count))).ToList();
    }
}
