using System.Globalization;
using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Features.Capacity.Escalations;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Supervision;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>The supervision report's pure rules: how many sessions a period requires, and how fast an escalation was answered. No I/O.</summary>
public static class SupervisionReportRules
{
    /// <summary>The bands of the response-time chart, in working days from raising to the response, by their upper bound.</summary>
    public static readonly IReadOnlyList<(string Label, int UpTo)> ResponseBands =
        [("The same day", 0), ("1 working day", 1), ("2 to 5 working days", 5), ("6 to 10 working days", 10), ("More than 10 working days", int.MaxValue)];

    /// <summary>
    /// Sessions a period requires at a frequency: one for each whole <paramref name="everyWorkingDays"/> working days in it (a
    /// period shorter than the frequency requires none, so a month's report does not call a six-weekly supervisee overdue).
    /// </summary>
    public static int Required(int workingDaysInPeriod, int everyWorkingDays) =>
        everyWorkingDays <= 0 || workingDaysInPeriod <= 0 ? 0 : workingDaysInPeriod / everyWorkingDays;

    /// <summary>The working days from the day an escalation was raised to the day it was answered (0: the same day).</summary>
    public static int DaysToRespond(WorkingDayCalendar calendar, DateTimeOffset raisedAt, DateTimeOffset respondedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Math.Max(0, calendar.CountWorkingDays(UkTime.DateOf(raisedAt), UkTime.DateOf(respondedAt)));
    }

    public static string BandOf(int days) => ResponseBands.First(b => days <= b.UpTo).Label;
}

/// <summary>
/// The supervision report, per practitioner the reader reports on (those of the team capacity view, as the workload report):
/// supervisions held in the period against those their frequency requires, the escalations of their capacity raised in the
/// period, how many were answered and how fast (working days), and the capacity adjustments agreed for them. Sessions and
/// adjustments are counted in SQL per practitioner; escalations are read as a few dates each (they are rare, never one per case).
/// </summary>
public sealed class SupervisionReport(CaseloadDb db, ReportFilters filters, SupervisionService supervision)
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("practitioner", "Practitioner", ColumnKind.Text), new("team", "Team", ColumnKind.Text),
        new("everyWorkingDays", "Supervision every (working days)", ColumnKind.Days), new("required", "Supervisions required", ColumnKind.Count),
        new("held", "Supervisions held", ColumnKind.Count), new("heldShare", "Held, of those required", ColumnKind.Share),
        new("lastHeld", "Last supervision", ColumnKind.Text),
        new("escalationsRaised", "Escalations raised", ColumnKind.Count), new("escalationsResponded", "Escalations responded to", ColumnKind.Count),
        new("escalationsAwaiting", "Escalations awaiting a response", ColumnKind.Count),
        new("medianWorkingDaysToRespond", "Median working days to respond", ColumnKind.Days), new("adjustmentsAgreed", "Capacity adjustments agreed", ColumnKind.Count),
    ];

    public static readonly IReadOnlyList<string> EscalationLabels = ["Raised", "Responded to", "Awaiting a response", "Capacity adjustments agreed"];

    public async Task<ReportData> BuildAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var inView = filters.PractitionersInView(user, filter);

        var (first, last) = (filter.From, filter.To);
        var (since, until) = (UkTime.StartOfDay(first), UkTime.StartOfDay(last.AddDays(1)));
        var ids = inView.Select(u => u.Id);
        var people = await inView.OrderBy(u => u.Team!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.TeamId, Team = u.Team!.Name }).ToListAsync(ct);
        var sessions = (await db.Set<SupervisionSession>().AsNoTracking().Where(s => ids.Contains(s.PractitionerId) && s.OccurredOn <= last)
                .GroupBy(s => s.PractitionerId)
                .Select(g => new { Id = g.Key, Held = g.Count(s => s.OccurredOn >= first), Last = g.Max(s => s.OccurredOn) }).ToListAsync(ct))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
        // The frequency in force: the newest change of each practitioner's (a handful of rows each).
        var frequencies = (await db.Set<SupervisionFrequencyChange>().AsNoTracking().Where(c => ids.Contains(c.PractitionerId))
                .Select(c => new { c.Id, c.PractitionerId, c.EveryWorkingDays }).ToListAsync(ct))
            .GroupBy(c => c.PractitionerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Id)!.EveryWorkingDays, StringComparer.Ordinal);
        var escalations = await db.Set<CapacityEscalation>().AsNoTracking().Where(e => ids.Contains(e.PractitionerId) && e.RaisedAt >= since && e.RaisedAt < until)
            .Select(e => new { e.PractitionerId, e.RaisedAt, e.RespondedAt }).ToListAsync(ct);
        var adjustments = (await db.Set<CapacityAdjustment>().AsNoTracking().Where(a => ids.Contains(a.UserId) && a.RecordedAt >= since && a.RecordedAt < until)
                .GroupBy(a => a.UserId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(a => a.Id, a => a.Count, StringComparer.Ordinal);

        var calendar = supervision.Calendar;
        // Working days in the period, its first day included (the calendar counts days after its start).
        var workingDays = first == new DateOnly(2000, 1, 1) ? calendar.CountWorkingDays(first, last) : calendar.CountWorkingDays(first.AddDays(-1), last);
        var responseDays = escalations.Where(e => e.RespondedAt is not null)
            .Select(e => (e.PractitionerId, Days: SupervisionReportRules.DaysToRespond(calendar, e.RaisedAt, e.RespondedAt!.Value))).ToList();

        var figures = people.Select(p =>
        {
            var every = frequencies.GetValueOrDefault(p.Id, SupervisionRules.DefaultEveryWorkingDays);
            var s = sessions.GetValueOrDefault(p.Id);
            var raised = escalations.Where(e => e.PractitionerId == p.Id).ToList();
            var days = responseDays.Where(r => r.PractitionerId == p.Id).Select(r => r.Days).ToList();
            return new
            {
                p.DisplayName, Team = p.Team ?? "No team", Every = every, Required = SupervisionReportRules.Required(workingDays, every), Held = s?.Held ?? 0, Last = s?.Last,
                Raised = raised.Count, Responded = days.Count, Awaiting = raised.Count(e => e.RespondedAt is null), Median = DeadlinesReportRules.Median(days),
                Adjustments = adjustments.GetValueOrDefault(p.Id),
            };
        }).ToList();
        var rows = figures.Select(f => (IReadOnlyList<object?>)
        [
            f.DisplayName, f.Team, f.Every, f.Required, f.Held, ReportText.Share(f.Held, f.Required),
            f.Last?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.Raised, f.Responded, f.Awaiting, f.Median, f.Adjustments,
        ]).ToList();

        var teams = figures.GroupBy(f => f.Team, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Team: g.Key, Share: ReportText.Share(g.Sum(f => f.Held), g.Sum(f => f.Required)))).ToList();
        var (required, held) = (figures.Sum(f => f.Required), figures.Sum(f => f.Held));
        var (raisedAll, respondedAll, awaitingAll, adjustedAll) = (figures.Sum(f => f.Raised), figures.Sum(f => f.Responded), figures.Sum(f => f.Awaiting), figures.Sum(f => f.Adjustments));
        var median = DeadlinesReportRules.Median(responseDays.Select(r => r.Days).ToList());
        var bands = SupervisionReportRules.ResponseBands.Select(b => (decimal?)responseDays.Count(r => SupervisionReportRules.BandOf(r.Days) == b.Label)).ToList();

        var period = $"{UkTime.Format(first)} to {UkTime.Format(last)}";
        var summary = figures.Count == 0
            ? "Nobody in the teams and services you report on matches these filters."
            : $"{held} of {ReportText.Plural(required, "supervision", "supervisions")} required from {period} were held"
              + (ReportText.Share(held, required) is { } share ? $" ({ReportText.Percent(share)})" : "")
              + $" for {ReportText.Plural(figures.Count, "practitioner", "practitioners")}; {ReportText.Plural(raisedAll, "escalation", "escalations")} raised, {respondedAll} responded to"
              + (median is { } m ? string.Create(CultureInfo.InvariantCulture, $" in a median of {m:0.#} working days") : "")
              + $" and {awaitingAll} awaiting a response; {ReportText.Plural(adjustedAll, "capacity adjustment", "capacity adjustments")} agreed.";

        ReportChart[] charts =
        [
            new("supervision-teams", "Supervisions held against those required, by team",
                $"Each team's supervisions held from {period} over those its members' frequencies required. The table after the chart gives the same figures.",
                ChartKind.ShareBars, "Team", teams.Select(t => t.Team).ToList(), [new ReportSeries("Held, of those required", teams.Select(t => t.Share).ToList())]),
            new("supervision-escalations", "Capacity escalations and adjustments",
                $"Escalations of capacity raised from {period}, how many were responded to and how many await a response, and the capacity adjustments agreed. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Figure", EscalationLabels, [new ReportSeries("Number", [raisedAll, respondedAll, awaitingAll, adjustedAll])]),
            new("supervision-response", "How fast escalations were responded to",
                $"How many of the {respondedAll} escalations responded to took each number of working days from being raised. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Working days to respond", SupervisionReportRules.ResponseBands.Select(b => b.Label).ToList(), [new ReportSeries("Escalations", bands)]),
        ];
        return new ReportData(ReportNames.Supervision, ReportNames.Titles[ReportNames.Supervision], summary, filter, Columns, rows, charts);
    }
}
