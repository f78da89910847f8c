using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reports;

/// <summary>One key figure of a report on the dashboard: what it counts and its value as the report's page writes it.</summary>
public sealed record KeyFigure(string Label, string Value);

/// <summary>A report's panel on the dashboard: its name, its summary sentence and its key figures.</summary>
public sealed record DashboardPanel(string Name, string Title, string Summary, IReadOnlyList<KeyFigure> Figures);

/// <summary>The key figures of each report, read from its rows (sums of its columns), so the dashboard says what the report says. No I/O.</summary>
public static class DashboardFigures
{
    public static IReadOnlyList<KeyFigure> Of(ReportData report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int Sum(string key) => Index(report, key) is var i and >= 0 ? report.Rows.Sum(r => r[i] is int v ? v : 0) : 0;
        decimal SumDecimal(string key) => Index(report, key) is var i and >= 0 ? report.Rows.Sum(r => r[i] switch { decimal d => d, int n => n, _ => 0m }) : 0m;
        string Count(string key) => Sum(key).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Share(int part, int whole) => ReportText.Share(part, whole) is { } s ? ReportText.Percent(s) : "No figure";
        return report.Name switch
        {
            ReportNames.Workload =>
            [
                new("Open cases", Count("openCases")),
                new("Utilisation", ReportText.Share(SumDecimal("points"), SumDecimal("capacity")) is { } u ? ReportText.Percent(u) : "No figure"),
                new("Practitioners over capacity", report.Rows.Count(r => r[Index(report, "band")] is "over").ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            ReportNames.Deadlines =>
            [
                new("Deadlines due", Count("due")),
                new("Met on time, of those due by today", Share(Sum("metOnTime"), Sum("due") - Sum("stillOpen"))),
                new("Overdue", Count("overdue")),
            ],
            ReportNames.Outcomes =>
            [
                new("Cases closed", Count("closed")),
                new("Goals achieved, of those with an outcome", Share(Sum("goalsAchieved"), Sum("goalsAchieved") + Sum("goalsPartlyAchieved") + Sum("goalsNotAchieved"))),
                new("Re-referred within 12 months", Count("reReferred")),
            ],
            ReportNames.Demand =>
            [
                new("Referrals", Count("referrals")),
                new("Cases opened", Count("opened")),
                new("Cases closed", Count("closed")),
            ],
            ReportNames.Supervision =>
            [
                new("Supervisions held, of those required", Share(Sum("held"), Sum("required"))),
                new("Escalations raised", Count("escalationsRaised")),
                new("Escalations awaiting a response", Count("escalationsAwaiting")),
            ],
            ReportNames.Recording =>
            [
                new("Notes written", Count("notes")),
                new("Written late", Share(Sum("late"), Sum("notes"))),
                new("Saved with objectivity findings", Count("savedWithFindings")),
            ],
            _ => [],
        };
    }

    private static int Index(ReportData report, string key)
    {
        for (var i = 0; i < report.Columns.Count; i++)
        {
            if (report.Columns[i].Key == key) return i;
        }

        return -1;
    }
}

/// <summary>
/// The dashboard for supervisors and service managers: each report's key figures over the last 12 weeks, side by side, each
/// linking to its report. Each report it reads is audited as a view (report.viewed, channel dashboard, with the filters).
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class DashboardModel(ReportsService reports, CurrentUserAccessor users) : PageModel
{
    public IReadOnlyList<DashboardPanel> Panels { get; private set; } = [];
    public ReportFilter? Filter { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!ReportFilters.MayReport(user)) return Forbid();
        var panels = new List<DashboardPanel>();
        foreach (var name in ReportNames.Titles.Keys)
        {
            var outcome = await reports.RunAsync(user, name, new ReportQuery(null, null, null, null, null), ReportChannel.Dashboard, ct);
            if (!outcome.Succeeded) return Forbid();
            var report = outcome.Value!;
            Filter = report.Filter;
            panels.Add(new DashboardPanel(name, report.Title, report.Summary, DashboardFigures.Of(report)));
        }

        Panels = panels;
        return Page();
    }
}
