using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Closure;
using Caseload.Features.Plans;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>
/// The outcomes report, by team and service over the cases the reader may see (<see cref="CaseAccess.VisibleCases"/>): cases
/// closed in the period, the outcome of their plan's goals at closure (the set recorded at the last closing), why they closed,
/// how long they were open; cases referred in the period that came back to the same service within 12 months of a closing;
/// and the feedback received in the period with its ratings. Every figure is counted or summed in SQL, grouped by team and service.
/// </summary>
public sealed class OutcomesReport(CaseloadDb db, ClosureReasonList reasons)
{
    public const int ReasonsShown = 8;
    public const int ReReferralMonths = 12;
    public const string NoListedReason = "No reason from the list";

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("team", "Team", ColumnKind.Text), new("service", "Service", ColumnKind.Text),
        new("closed", "Cases closed", ColumnKind.Count), new("goalsAchieved", "Goals achieved", ColumnKind.Count),
        new("goalsPartlyAchieved", "Goals partly achieved", ColumnKind.Count), new("goalsNotAchieved", "Goals not achieved", ColumnKind.Count),
        new("achievedShare", "Goals achieved, of those with an outcome", ColumnKind.Share), new("averageDaysOpen", "Average days from referral to closure", ColumnKind.Days),
        new("referred", "Cases referred", ColumnKind.Count), new("reReferred", "Re-referred within 12 months of a closing", ColumnKind.Count),
        new("feedback", "Feedback received", ColumnKind.Count), new("averageRating", "Average rating (1 to 5)", ColumnKind.Number),
    ];

    private sealed record Key(int? TeamId, string Service);

    public async Task<ReportData> BuildAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var cases = ReportFilters.CasesInView(db, user, filter);
        var (first, last) = (filter.From, filter.To);
        var closed = Closed(cases, first, last);

        var closures = await closed.GroupBy(c => new { c.TeamId, c.Service })
            .Select(g => new { g.Key.TeamId, g.Key.Service, Closed = g.Count(), Days = g.Sum(c => c.ClosedOn!.Value.DayNumber - c.ReferredOn.DayNumber) })
            .ToListAsync(ct);

        var goals = await GoalsAsync(closed, ct);

        var reasonCounts = await closed.GroupBy(c => new { c.Service, c.ClosureReasonCode })
            .Select(g => new { g.Key.Service, Code = g.Key.ClosureReasonCode, Count = g.Count() })
            .ToListAsync(ct);

        var referrals = await ReferralsAsync(user, cases, first, last, ct);

        var feedback = from f in db.Set<CaseFeedback>()
                       join c in cases on f.CaseId equals c.Id
                       where f.ReceivedOn >= first && f.ReceivedOn <= last
                       select new { c.TeamId, c.Service, f.Rating };
        var feedbackGroups = await feedback.GroupBy(x => new { x.TeamId, x.Service })
            .Select(g => new { g.Key.TeamId, g.Key.Service, Count = g.Count(), Ratings = g.Sum(x => x.Rating) })
            .ToListAsync(ct);
        var ratings = await feedback.GroupBy(x => x.Rating).Select(g => new { Rating = g.Key, Count = g.Count() }).ToListAsync(ct);

        var keys = closures.Select(x => new Key(x.TeamId, x.Service))
            .Concat(goals.Select(x => new Key(x.TeamId, x.Service)))
            .Concat(referrals.Select(x => new Key(x.TeamId, x.Service)))
            .Concat(feedbackGroups.Select(x => new Key(x.TeamId, x.Service)))
            .Distinct().ToList();
        var teamIds = keys.Where(k => k.TeamId != null).Select(k => k.TeamId!.Value).Distinct().ToList();
        var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string TeamName(int? id) => id is { } i && teamNames.TryGetValue(i, out var n) ? n : "No team";

        int GoalCount(Key k, string outcome) => goals.Where(g => g.TeamId == k.TeamId && g.Service == k.Service && g.Outcome == outcome).Sum(g => g.Count);
        var rows = keys.OrderBy(k => TeamName(k.TeamId), StringComparer.Ordinal).ThenBy(k => Services.Title(k.Service), StringComparer.Ordinal).Select(k =>
        {
            var c = closures.FirstOrDefault(x => x.TeamId == k.TeamId && x.Service == k.Service);
            var r = referrals.FirstOrDefault(x => x.TeamId == k.TeamId && x.Service == k.Service);
            var f = feedbackGroups.FirstOrDefault(x => x.TeamId == k.TeamId && x.Service == k.Service);
            var (achieved, partly, not) = (GoalCount(k, GoalOutcomeCodes.Achieved), GoalCount(k, GoalOutcomeCodes.PartlyAchieved), GoalCount(k, GoalOutcomeCodes.NotAchieved));
            return (IReadOnlyList<object?>)
            [
                TeamName(k.TeamId), Services.Title(k.Service), c?.Closed ?? 0, achieved, partly, not, ReportText.Share(achieved, achieved + partly + not),
                c is null ? null : OutcomesReportRules.Average(c.Days, c.Closed), r?.Referred ?? 0, r?.Again ?? 0, f?.Count ?? 0,
                f is null ? null : OutcomesReportRules.Average(f.Ratings, f.Count),
            ];
        }).ToList();

        var totalClosed = closures.Sum(c => c.Closed);
        var (totalAchieved, totalPartly, totalNot) = (goals.Where(g => g.Outcome == GoalOutcomeCodes.Achieved).Sum(g => g.Count),
            goals.Where(g => g.Outcome == GoalOutcomeCodes.PartlyAchieved).Sum(g => g.Count), goals.Where(g => g.Outcome == GoalOutcomeCodes.NotAchieved).Sum(g => g.Count));
        var averageDays = OutcomesReportRules.Average(closures.Sum(c => c.Days), totalClosed);
        var (totalReferred, totalAgain) = (referrals.Sum(r => r.Referred), referrals.Sum(r => r.Again));
        var (totalFeedback, averageRating) = (feedbackGroups.Sum(f => f.Count), OutcomesReportRules.Average(feedbackGroups.Sum(f => f.Ratings), feedbackGroups.Sum(f => f.Count)));

        // Reasons are counted by service and code in SQL, then labelled from each service's list (a code means one reason in its list).
        var grouped = reasonCounts.GroupBy(r => ReasonLabel(r.Service, r.Code), StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Count: g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var shown = grouped.Take(ReasonsShown).ToList();
        if (grouped.Count > ReasonsShown) shown.Add(("Other reasons", grouped.Skip(ReasonsShown).Sum(r => r.Count)));

        var period = $"{UkTime.Format(first)} to {UkTime.Format(last)}";
        var withOutcome = totalAchieved + totalPartly + totalNot;
        var summary = (totalClosed == 0
                ? $"No case you report on closed from {period}"
                : $"{ReportText.Plural(totalClosed, "case", "cases")} closed from {period}"
                  + string.Create(CultureInfo.InvariantCulture, $" after an average of {averageDays:0.#} days")
                  + (withOutcome == 0 ? ", with no plan goals to record" : $"; of their {ReportText.Plural(withOutcome, "goal", "goals")}, {totalAchieved} achieved, {totalPartly} partly and {totalNot} not achieved"))
            + $"; {totalAgain} of {ReportText.Plural(totalReferred, "case", "cases")} referred came back within {ReReferralMonths} months of a closing"
            + (totalFeedback == 0 ? "; no feedback received." : string.Create(CultureInfo.InvariantCulture, $"; {ReportText.Plural(totalFeedback, "piece", "pieces")} of feedback rated {averageRating:0.#} out of 5 on average."));

        ReportChart[] charts =
        [
            new("outcomes-goals", "Goals at closure by outcome", $"Number of the plan goals of the cases closed from {period} by their outcome at closure. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Outcome", GoalOutcomeCodes.All.Select(o => o.Title).ToList(), [new ReportSeries("Goals", [totalAchieved, totalPartly, totalNot])]),
            new("outcomes-reasons", "Reasons for closing", $"How many cases closed from {period} gave each reason, the {ReasonsShown} most given first. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Reason", shown.Select(r => r.Label).ToList(), [new ReportSeries("Cases closed", shown.Select(r => (decimal?)r.Count).ToList())]),
            new("outcomes-ratings", "Feedback ratings", $"How many pieces of feedback received from {period} gave each rating, from 1 (not helpful at all) to 5 (very helpful). The table after the chart gives the same figures.",
                ChartKind.CountBars, "Rating", FeedbackCodes.Ratings.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rating} – {r.Title}")).ToList(),
                [new ReportSeries("Feedback", FeedbackCodes.Ratings.Select(r => (decimal?)ratings.Where(x => x.Rating == r.Rating).Sum(x => x.Count)).ToList())]),
        ];
        return new ReportData(ReportNames.Outcomes, ReportNames.Titles[ReportNames.Outcomes], summary, filter, Columns, rows, charts);
    }

    /// <summary>
    /// The dashboard's figures of this report (<see cref="DashboardFigures.Outcomes"/>): cases closed, goals achieved of those with
    /// an outcome, and re-referrals, by the report's own queries, without its reasons, durations, feedback or team names.
    /// </summary>
    public async Task<IReadOnlyList<KeyFigure>> KeyFiguresAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var cases = ReportFilters.CasesInView(db, user, filter);
        var closed = Closed(cases, filter.From, filter.To);
        var closedCount = await closed.CountAsync(ct);
        var goals = await GoalsAsync(closed, ct);
        var referrals = await ReferralsAsync(user, cases, filter.From, filter.To, ct);
        int Goals(string outcome) => goals.Where(g => g.Outcome == outcome).Sum(g => g.Count);
        return DashboardFigures.Outcomes(closedCount, Goals(GoalOutcomeCodes.Achieved), Goals(GoalOutcomeCodes.PartlyAchieved), Goals(GoalOutcomeCodes.NotAchieved),
            referrals.Sum(r => r.Again));
    }

    private static IQueryable<Case> Closed(IQueryable<Case> cases, DateOnly first, DateOnly last) =>
        cases.Where(c => c.Status == CaseStatus.Closed && c.ClosedOn != null && c.ClosedOn >= first && c.ClosedOn <= last);

    private sealed record GoalCount(int? TeamId, string Service, string Outcome, int Count);

    private sealed record ReferralCount(int? TeamId, string Service, int Referred, int Again);

    /// <summary>The outcomes recorded at the case's last closing: a case closed, reopened and closed again has a set for each closing.</summary>
    private async Task<List<GoalCount>> GoalsAsync(IQueryable<Case> closed, CancellationToken ct)
    {
        var outcomes = db.Set<GoalOutcome>();
        return await (from o in outcomes
                      join c in closed on o.CaseId equals c.Id
                      where o.RecordedAt == outcomes.Where(x => x.CaseId == o.CaseId).Max(x => x.RecordedAt)
                      group o by new { c.TeamId, c.Service, o.Outcome } into g
                      select new GoalCount(g.Key.TeamId, g.Key.Service, g.Key.Outcome, g.Count())).ToListAsync(ct);
    }

    /// <summary>Cases referred in the period, and the re-referrals among them: the same person came back to the same service within 12 months of one of its cases closing.</summary>
    private async Task<List<ReferralCount>> ReferralsAsync(CurrentUser user, IQueryable<Case> cases, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var everCases = db.VisibleCases(user);
        return await cases.Where(c => c.ReferredOn >= first && c.ReferredOn <= last)
            .Select(c => new
            {
                c.TeamId, c.Service,
                Again = everCases.Any(p => p.PersonId == c.PersonId && p.Service == c.Service && p.Id != c.Id && p.ClosedOn != null
                    && p.ClosedOn <= c.ReferredOn && p.ClosedOn >= c.ReferredOn.AddMonths(-ReReferralMonths)),
            })
            .GroupBy(x => new { x.TeamId, x.Service })
            .Select(g => new ReferralCount(g.Key.TeamId, g.Key.Service, g.Count(), g.Count(x => x.Again)))
            .ToListAsync(ct);
    }

    private string ReasonLabel(string service, string? code) => code is null ? NoListedReason : reasons.Find(service, code)?.Label ?? code;
}

/// <summary>The outcomes report's pure rules. No I/O.</summary>
public static class OutcomesReportRules
{
    /// <summary>A mean to one decimal place; null when there is nothing to average.</summary>
    public static decimal? Average(long total, int count) => count <= 0 ? null : Math.Round((decimal)total / count, 1, MidpointRounding.AwayFromZero);
}
