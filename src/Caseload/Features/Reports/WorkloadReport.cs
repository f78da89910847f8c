using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Shared;
using Caseload.Features.Supervision;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>
/// The workload report: each practitioner's open cases and weighted points against their capacity today (the capacity feature's
/// figures, gathered set-wise), how utilisation is spread, red and drifting cases, each team's utilisation, and utilisation week
/// by week over the period from the weekly capacity snapshots (summed in SQL: load over capacity, never a mean of members' shares).
/// </summary>
public sealed class WorkloadReport(CaseloadDb db, ReportFilters filters, TeamCapacityService capacity, CapacityService loads)
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("practitioner", "Practitioner", ColumnKind.Text), new("team", "Team", ColumnKind.Text),
        new("openCases", "Open cases", ColumnKind.Count), new("points", "Weighted points", ColumnKind.Points),
        new("capacity", "Capacity points", ColumnKind.Points), new("utilisation", "Utilisation", ColumnKind.Share),
        new("band", "Band", ColumnKind.Text), new("redCases", "Red cases", ColumnKind.Count),
        new("driftingCases", "Drifting cases", ColumnKind.Count), new("overdueDeadlines", "Overdue deadlines", ColumnKind.Count),
    ];

    /// <summary>The utilisation bands of the distribution chart, by their lower bound (a share).</summary>
    public static readonly IReadOnlyList<(string Label, decimal From)> Buckets =
        [("Below 50%", 0m), ("50% to 79%", 0.5m), ("80% to 99%", 0.8m), ("100% to 119%", 1m), ("120% or more", 1.2m)];

    public const string NoCapacityBucket = "No capacity set";

    public async Task<ReportData> BuildAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var inView = filters.PractitionersInView(user, filter);

        var people = await inView
            .OrderBy(u => u.Team!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new TeamCapacityService.Member(new Supervisee(u.Id, u.UserName!, u.DisplayName, u.TeamId, u.IsActive), u.Team!.Name))
            .ToListAsync(ct);
        var today = filters.Today;
        var figures = await capacity.FiguresAsync(people, today, ct);
        var rules = capacity.Rules;
        var rows = figures.Select(r => (IReadOnlyList<object?>)
        [
            r.Practitioner.DisplayName, r.Team ?? "No team", r.Cases, r.LoadPoints, r.CapacityPoints, Round(r.Utilisation), r.Band.ToCode(),
            r.RedCases, r.DriftingCases, r.OverdueDeadlines,
        ]).ToList();

        var teams = figures.GroupBy(r => r.Team ?? "No team", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => TeamViewRules.Totals(g.First().Practitioner.TeamId, g.Key, g.ToList(), rules)).ToList();
        var total = TeamViewRules.Totals(null, "All", figures, rules);

        var distribution = Buckets.Select(b => (decimal?)figures.Count(r => r.Utilisation is { } u && BucketOf(u) == b.Label)).ToList();
        distribution.Add(figures.Count(r => r.Utilisation is null));

        var (weeks, series) = await TrendAsync(inView.Select(u => u.Id), filter, ct);
        var summary = figures.Count == 0
            ? "Nobody in the teams and services you report on matches these filters."
            : $"{ReportText.Plural(figures.Count, "practitioner", "practitioners")} in {ReportText.Plural(teams.Count, "team", "teams")} {(figures.Count == 1 ? "holds" : "hold")} "
              + $"{ReportText.Plural(total.Cases, "open case", "open cases")} weighing {CapacityRules.Format(total.LoadPoints)} of "
              + $"{CapacityRules.Format(total.CapacityPoints)} capacity points ({(total.Utilisation is { } u ? ReportText.Percent(Round(u)!.Value) : "no capacity set")}); "
              + $"{total.Over} over capacity, {total.RedCases} red and {total.DriftingCases} drifting cases.";

        ReportChart[] charts =
        [
            new("workload-distribution", "How utilisation is spread", $"Number of practitioners in each utilisation band today, of {figures.Count}. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Utilisation", [.. Buckets.Select(b => b.Label), NoCapacityBucket], [new ReportSeries("Practitioners", distribution)]),
            new("workload-teams", "Utilisation by team", "Each team's weighted points over its capacity today. The table after the chart gives the same figures.",
                ChartKind.ShareBars, "Team", teams.Select(t => t.Team).ToList(), [new ReportSeries("Utilisation", teams.Select(t => Round(t.Utilisation)).ToList())]),
            new("workload-trend", "Utilisation week by week",
                $"Weighted points over capacity each week from the weekly snapshots, {weeks.Count} weeks from {(weeks.Count > 0 ? Label(weeks[0]) : "")}. The table after the chart gives the same figures.",
                ChartKind.ShareLines, "Week starting", weeks.Select(Label).ToList(), series),
        ];
        return new ReportData(ReportNames.Workload, ReportNames.Titles[ReportNames.Workload], summary, filter, Columns, rows, charts);
    }

    /// <summary>
    /// The dashboard's figures of this report (<see cref="DashboardFigures.Workload"/>): open cases, utilisation and practitioners
    /// over capacity, from the one capacity loader alone (no overdue, drift, supervision or escalation counts, and no trend). The
    /// same loads and bands as the report's rows: a practitioner the loader does not answer for has no load and the default capacity.
    /// </summary>
    public async Task<IReadOnlyList<KeyFigure>> KeyFiguresAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var ids = await filters.PractitionersInView(user, filter).Select(u => u.Id).ToListAsync(ct);
        var held = ids.Count == 0 ? new Dictionary<string, HolderLoad>() : await loads.LoadsAsync(db.Users.Where(u => EF.Parameter(ids).Contains(u.Id)).Select(u => u.Id), ct);
        var none = loads.NoLoad(filters.Today);
        var rules = capacity.Rules;
        var each = ids.Select(id => held.GetValueOrDefault(id) ?? none).ToList();
        return DashboardFigures.Workload(each.Sum(l => l.Cases), each.Sum(l => l.LoadPoints), each.Sum(l => l.CapacityPoints),
            each.Count(l => rules.Band(l.LoadPoints, l.CapacityPoints) == CapacityBand.Over));
    }

    public static string BucketOf(decimal utilisation) => Buckets.Last(b => utilisation >= b.From).Label;

    private static decimal? Round(decimal? share) => share is { } s ? Math.Round(s, 3, MidpointRounding.AwayFromZero) : null;

    private static string Label(DateOnly week) => week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Utilisation a week over the period, a line per team (the team each snapshot recorded) or one for all when there are more
    /// teams than a chart tells apart. Load and capacity are summed in SQL per team and week: rows are teams × weeks, not people.
    /// </summary>
    private async Task<(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<ReportSeries> Series)> TrendAsync(IQueryable<string> ids, ReportFilter filter, CancellationToken ct)
    {
        var first = TeamViewRules.WeekStart(filter.From);
        var last = TeamViewRules.WeekStart(filter.To);
        var weeks = new List<DateOnly>();
        for (var w = first; w <= last; w = w.AddDays(7)) weeks.Add(w);
        // SQLite keeps decimals as text and cannot sum them: sum as doubles (points have one decimal place) and round back.
        var sums = await db.Set<CapacitySnapshot>().AsNoTracking()
            .Where(s => s.WeekStart >= first && s.WeekStart <= last && ids.Contains(s.UserId))
            .GroupBy(s => new { s.TeamId, s.WeekStart })
            .Select(g => new { g.Key.TeamId, g.Key.WeekStart, Load = g.Sum(s => (double)s.LoadPoints), Capacity = g.Sum(s => (double)s.CapacityPoints) })
            .ToListAsync(ct);
        var teamIds = sums.Where(s => s.TeamId != null).Select(s => s.TeamId!.Value).Distinct().ToList();
        var names = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var lines = sums.Select(s => s.TeamId).Distinct().Count();
        string NameOf(int? team) => lines > Charts.MaxLines ? $"All {lines} teams" : team is { } id && names.TryGetValue(id, out var n) ? n : "No team";
        var series = sums.GroupBy(s => NameOf(s.TeamId), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var byWeek = g.GroupBy(s => s.WeekStart).ToDictionary(w => w.Key, w => (Load: (decimal)w.Sum(x => x.Load), Capacity: (decimal)w.Sum(x => x.Capacity)));
                return new ReportSeries(g.Key, weeks.Select(w => byWeek.TryGetValue(w, out var f) ? Round(CapacityRules.Utilisation(f.Load, f.Capacity)) : null).ToList());
            }).ToList();
        return (weeks, series);
    }
}
