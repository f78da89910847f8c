using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>A row's working days, for the medians: taken from start to met, and allowed from start to due.</summary>
public readonly record struct DeadlineDays(int Taken, int Allowed);

/// <summary>The deadlines report's pure rules: medians of working days. No I/O.</summary>
public static class DeadlinesReportRules
{
    /// <summary>The median of some whole numbers (the mean of the middle two when there is an even count, to one place); null for none.</summary>
    public static decimal? Median(IReadOnlyCollection<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : Math.Round((sorted[mid - 1] + sorted[mid]) / 2m, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>A lateness reason as it is grouped: trimmed, lower case, "" when none was given.</summary>
    public static string ReasonKey(string? reason) => (reason ?? "").Trim().ToLowerInvariant();

    public static string ReasonLabel(string key) => key.Length == 0 ? "No reason given" : char.ToUpperInvariant(key[0]) + key[1..];
}

/// <summary>
/// The deadlines report: deadlines due in the period on the cases the reader may see (<see cref="CaseAccess.VisibleCases"/>), by
/// timescale and team — met on time, met late, missed (never met, and the case closed), still open (not yet due, or paused) and
/// overdue — counted in SQL; the lateness reasons grouped in SQL; and the median working days taken against the timescale, from
/// the start, due and met dates of the deadlines met (working days need the bank holidays of each case's nation).
/// </summary>
public sealed class DeadlinesReport(CaseloadDb db, ReportFilters filters, ServiceStandards standards, Calendars calendars)
{
    public const int ReasonsShown = 8;
    public const string OneOff = "One-off deadlines";

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("timescale", "Timescale", ColumnKind.Text), new("team", "Team", ColumnKind.Text), new("due", "Due in period", ColumnKind.Count),
        new("metOnTime", "Met on time", ColumnKind.Count), new("metLate", "Met late", ColumnKind.Count), new("missed", "Missed", ColumnKind.Count),
        new("stillOpen", "Still open", ColumnKind.Count), new("overdue", "Overdue", ColumnKind.Count),
        new("onTimeShare", "On time, of those due by today", ColumnKind.Share),
        new("medianWorkingDaysTaken", "Median working days taken", ColumnKind.Days), new("medianWorkingDaysAllowed", "Median working days allowed", ColumnKind.Days),
    ];

    public static readonly IReadOnlyList<string> Outcomes = ["Met on time", "Met late", "Missed", "Still open", "Overdue"];

    public async Task<ReportData> BuildAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var cases = ReportFilters.CasesInView(db, user, filter);
        var (first, last, today) = (filter.From, filter.To, filters.Today);
        var due = from d in db.Set<CaseDeadline>()
                  join c in cases on d.CaseId equals c.Id
                  where d.DueDate >= first && d.DueDate <= last
                  select new
                  {
                      d.TimescaleCode, c.TeamId, c.Service, d.StartDate, d.DueDate, d.MetOn, d.MissedReason,
                      Closed = c.Status == CaseStatus.Closed,
                      Paused = d.PausedFrom != null && d.PausedFrom <= today && (d.PausedUntil == null || d.PausedUntil >= today),
                  };
        var groups = await due.GroupBy(x => new { x.TimescaleCode, x.TeamId })
            .Select(g => new
            {
                g.Key.TimescaleCode, g.Key.TeamId, Due = g.Count(),
                OnTime = g.Count(x => x.MetOn != null && x.MetOn <= x.DueDate),
                Late = g.Count(x => x.MetOn != null && x.MetOn > x.DueDate),
                Missed = g.Count(x => x.MetOn == null && x.Closed),
                Open = g.Count(x => x.MetOn == null && !x.Closed && (x.DueDate >= today || x.Paused)),
                Overdue = g.Count(x => x.MetOn == null && !x.Closed && x.DueDate < today && !x.Paused),
            }).ToListAsync(ct);
        var reasons = await due.Where(x => x.MetOn != null && x.MetOn > x.DueDate)
            .GroupBy(x => x.MissedReason)
            .Select(g => new { Reason = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        // Reasons are counted by their exact words in SQL, then grouped trimmed and in lower case here (a handful of rows).
        // Medians need working days, which depend on each nation's bank holidays: three dates a met deadline, no text.
        var met = await due.Where(x => x.MetOn != null && x.StartDate != null)
            .Select(x => new { x.TimescaleCode, x.TeamId, x.Service, Start = x.StartDate!.Value, x.DueDate, Met = x.MetOn!.Value })
            .ToListAsync(ct);
        var days = met.GroupBy(m => (m.TimescaleCode, m.TeamId)).ToDictionary(g => g.Key, g => g.Select(m =>
        {
            var calendar = calendars.ForService(m.Service);
            return new DeadlineDays(calendar.CountWorkingDays(m.Start, m.Met), calendar.CountWorkingDays(m.Start, m.DueDate));
        }).ToList());

        var catalogue = await standards.CatalogueAsync(ct);
        var teamIds = groups.Where(g => g.TeamId != null).Select(g => g.TeamId!.Value).Distinct().ToList();
        var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string TimescaleTitle(string? code) => code is null ? OneOff : catalogue.Find(code)?.Title ?? code;
        string TeamName(int? id) => id is { } i && teamNames.TryGetValue(i, out var n) ? n : "No team";

        var ordered = groups.OrderBy(g => TimescaleTitle(g.TimescaleCode), StringComparer.Ordinal).ThenBy(g => TeamName(g.TeamId), StringComparer.Ordinal).ToList();
        var rows = ordered.Select(g =>
        {
            var d = days.GetValueOrDefault((g.TimescaleCode, g.TeamId)) ?? [];
            return (IReadOnlyList<object?>)
            [
                TimescaleTitle(g.TimescaleCode), TeamName(g.TeamId), g.Due, g.OnTime, g.Late, g.Missed, g.Open, g.Overdue,
                ReportText.Share(g.OnTime, g.Due - g.Open), DeadlinesReportRules.Median(d.Select(x => x.Taken).ToList()),
                DeadlinesReportRules.Median(d.Select(x => x.Allowed).ToList()),
            ];
        }).ToList();

        var totals = (Due: groups.Sum(g => g.Due), OnTime: groups.Sum(g => g.OnTime), Late: groups.Sum(g => g.Late), Missed: groups.Sum(g => g.Missed),
            Open: groups.Sum(g => g.Open), Overdue: groups.Sum(g => g.Overdue));
        var grouped = reasons.GroupBy(r => DeadlinesReportRules.ReasonKey(r.Reason), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Count: g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var shown = grouped.Take(ReasonsShown).Select(r => (Label: DeadlinesReportRules.ReasonLabel(r.Key), r.Count)).ToList();
        if (grouped.Count > ReasonsShown) shown.Add(("Other reasons", grouped.Skip(ReasonsShown).Sum(r => r.Count)));
        var allTaken = days.Values.SelectMany(v => v).ToList();
        var medianTaken = DeadlinesReportRules.Median(allTaken.Select(x => x.Taken).ToList());
        var medianAllowed = DeadlinesReportRules.Median(allTaken.Select(x => x.Allowed).ToList());

        var period = $"{UkTime.Format(first)} to {UkTime.Format(last)}";
        var summary = totals.Due == 0
            ? $"No deadline on the cases you report on was due from {period}."
            : $"Of {ReportText.Plural(totals.Due, "deadline", "deadlines")} due from {period}: {totals.OnTime} met on time, {totals.Late} met late, {totals.Missed} missed, "
              + $"{totals.Open} still open and {totals.Overdue} overdue"
              + (medianTaken is { } t ? string.Create(CultureInfo.InvariantCulture, $"; those met took a median of {t:0.#} working days against {medianAllowed:0.#} allowed.") : ".");

        ReportChart[] charts =
        [
            new("deadlines-outcomes", "Deadlines due in the period by outcome", $"Number of the {totals.Due} deadlines due from {period} by where they stand. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Outcome", Outcomes, [new ReportSeries("Deadlines", [totals.OnTime, totals.Late, totals.Missed, totals.Open, totals.Overdue])]),
            new("deadlines-reasons", "Reasons given for lateness", $"How many deadlines met late gave each reason, the {ReasonsShown} most given first. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Reason", shown.Select(r => r.Label).ToList(), [new ReportSeries("Deadlines met late", shown.Select(r => (decimal?)r.Count).ToList())]),
        ];
        return new ReportData(ReportNames.Deadlines, ReportNames.Titles[ReportNames.Deadlines], summary, filter, Columns, rows, charts);
    }
}
