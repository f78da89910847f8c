using System.Globalization;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reports;

/// <summary>One key figure of a report on the dashboard: what it counts and its value as the report's page writes it.</summary>
public sealed record KeyFigure(string Label, string Value);

/// <summary>A report's panel on the dashboard: its name, what it covers and its key figures.</summary>
public sealed record DashboardPanel(string Name, string Title, string Description, IReadOnlyList<KeyFigure> Figures);

/// <summary>A report's key figures for the dashboard, over the filters they were counted with.</summary>
public sealed record ReportKeyFigures(ReportFilter Filter, IReadOnlyList<KeyFigure> Figures);

/// <summary>The key figures of each report, read from its rows (sums of its columns), so the dashboard says what the report says. No I/O.</summary>
public static class DashboardFigures
{
    public static IReadOnlyList<KeyFigure> Of(ReportData report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int Sum(string key) => Index(report, key) is var i and >= 0 ? report.Rows.Sum(r => r[i] is int v ? v : 0) : 0;
        decimal SumDecimal(string key) => Index(report, key) is var i and >= 0 ? report.Rows.Sum(r => r[i] switch { decimal d => d, int n => n, _ => 0m }) : 0m;
        string Count(string key) => Sum(key).ToString(CultureInfo.InvariantCulture);
        string Share(int part, int whole) => ReportText.Share(part, whole) is { } s ? ReportText.Percent(s) : NoFigure;
        return report.Name switch
        {
            ReportNames.Workload => Workload(Sum("openCases"), SumDecimal("points"), SumDecimal("capacity"), report.Rows.Count(r => r[Index(report, "band")] is "over")),
            ReportNames.Deadlines =>
            [
                new("Deadlines due", Count("due")),
                new("Met on time, of those due by today", Share(Sum("metOnTime"), Sum("due") - Sum("stillOpen"))),
                new("Overdue", Count("overdue")),
            ],
            ReportNames.Outcomes => Outcomes(Sum("closed"), Sum("goalsAchieved"), Sum("goalsPartlyAchieved"), Sum("goalsNotAchieved"), Sum("reReferred")),
            ReportNames.Demand => Demand(Sum("referrals"), Sum("opened"), Sum("closed")),
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

    /// <summary>The workload's figures: open cases, load over capacity, and practitioners over capacity.</summary>
    public static IReadOnlyList<KeyFigure> Workload(int openCases, decimal points, decimal capacity, int over) =>
    [
        new("Open cases", openCases.ToString(CultureInfo.InvariantCulture)),
        new("Utilisation", ReportText.Share(points, capacity) is { } u ? ReportText.Percent(u) : NoFigure),
        new("Practitioners over capacity", over.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The outcomes' figures: cases closed, goals achieved of those with an outcome, and re-referrals.</summary>
    public static IReadOnlyList<KeyFigure> Outcomes(int closed, int achieved, int partly, int notAchieved, int reReferred) =>
    [
        new("Cases closed", closed.ToString(CultureInfo.InvariantCulture)),
        new("Goals achieved, of those with an outcome", ReportText.Share(achieved, achieved + partly + notAchieved) is { } s ? ReportText.Percent(s) : NoFigure),
        new("Re-referred within 12 months", reReferred.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The demand's figures: referrals, cases opened and cases closed.</summary>
    public static IReadOnlyList<KeyFigure> Demand(int referrals, int opened, int closed) =>
    [
        new("Referrals", referrals.ToString(CultureInfo.InvariantCulture)),
        new("Cases opened", opened.ToString(CultureInfo.InvariantCulture)),
        new("Cases closed", closed.ToString(CultureInfo.InvariantCulture)),
    ];

    private const string NoFigure = "No figure";

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
/// linking to its report. The figures are counted for the dashboard alone where the report is costly (workload, outcomes,
/// demand: <see cref="ReportsService.KeyFiguresAsync"/>), not read from the whole report. Each report it reads is audited as a
/// view (report.viewed, channel dashboard, with the filters).
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
            var outcome = await reports.KeyFiguresAsync(user, name, new ReportQuery(null, null, null, null, null), ct);
            if (!outcome.Succeeded) return Forbid();
            Filter = outcome.Value!.Filter;
            panels.Add(new DashboardPanel(name, ReportNames.Titles[name], ReportNames.Descriptions[name], outcome.Value.Figures));
        }

        Panels = panels;
        return Page();
    }
}
