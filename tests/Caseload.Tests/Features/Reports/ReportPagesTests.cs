using System.Net;
using Caseload.Features.Cases;
using Caseload.Features.Reports;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Reports;

/// <summary>
/// The pages around the reports: a service manager records an event on a GOV.UK form (errors in the summary, nothing stored)
/// and sees it marked on the demand report; the dashboard shows every report's key figures, linked, and audits each; the demand
/// chart's axis and table fit its columns.
/// </summary>
public abstract class ReportPagesTests(CaseloadApp app)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_service_manager_records_an_event_on_the_page_and_sees_it_marked_on_the_demand_report()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, Services.EarlyHelp);
        var pages = await PageClient.SignInAsync(app, manager);
        var form = await pages.GetStringAsync(Url("/Reports/Events"));
        Assert.Contains("name=\"Services\"", form, StringComparison.Ordinal);
        var title = $"Early help grant cut {Guid.NewGuid():N}"[..32];

        var refused = await pages.PostFormAsync("/Reports/Events", new() { ["OnDay"] = "30", ["OnMonth"] = "2", ["OnYear"] = "2026", ["Kind"] = "", ["Title"] = title });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#On\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Kind\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{title}\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ReportEvent>().CountAsync(e => e.Title == title)));

        var recorded = await pages.PostFormFieldsAsync("/Reports/Events",
        [
            new("OnDay", "5"), new("OnMonth", "10"), new("OnYear", "2026"), new("Kind", "funding"), new("Title", title),
            new("Description", "The grant for family support workers fell by a fifth"), new("Services", "early-help"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("/Reports/demand?from=2026-08-24&to=2026-11-16", recorded.Headers.Location!.OriginalString);
        // (A date outside the weeks other report tests look at, since the test classes share their database's events.)
        var stored = await app.WithDbAsync(db => db.Set<ReportEvent>().SingleAsync(e => e.Title == title));
        Assert.Equal((new DateOnly(2026, 10, 5), "funding", "early-help"), (stored.On, stored.Kind, stored.Services));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ReportEventRecorded && e.EntityId == stored.Id.ToString())));

        var demand = await pages.GetStringAsync(recorded.Headers.Location);
        Assert.Contains("data-testid=\"demand-trend-events\"", demand, StringComparison.Ordinal);
        Assert.Contains($"5 Oct 2026: funding change, {title}.", demand, StringComparison.Ordinal);
        Assert.Contains(">E", demand, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_service_managers_open_the_page_to_record_events()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var supervisor = await PageClient.SignInAsync(app, team.Supervisor);
        Assert.NotEqual(HttpStatusCode.OK, (await supervisor.GetAsync(Url("/Reports/Events"))).StatusCode);
        var practitioner = await PageClient.SignInAsync(app, team.Practitioner);
        Assert.NotEqual(HttpStatusCode.OK, (await practitioner.GetAsync(Url("/Reports/Events"))).StatusCode);
    }

    /// <summary>A report as its JSON gives it, its rows typed by their columns, for the dashboard's rules to read.</summary>
    private static ReportData FromJson(System.Text.Json.Nodes.JsonNode json)
    {
        var columns = json["columns"]!.AsArray().Select(c => new ReportColumn(c!["key"]!.GetValue<string>(), c["title"]!.GetValue<string>(),
            Enum.Parse<ColumnKind>(c["kind"]!.GetValue<string>(), ignoreCase: true))).ToList();
        var rows = json["rows"]!.AsArray().Select(r => (IReadOnlyList<object?>)columns.Select(c => r![c.Key] is not { } v ? null : c.Kind switch
        {
            ColumnKind.Count => (object?)v.GetValue<int>(),
            ColumnKind.Text => v.GetValue<string>(),
            _ => v.GetValue<decimal>(),
        }).ToList()).ToList();
        var filters = json["filters"]!;
        var filter = new ReportFilter(DateOnly.Parse(filters["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(filters["to"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), null, null, null, null, null);
        return new ReportData(json["name"]!.GetValue<string>(), json["title"]!.GetValue<string>(), json["summary"]!.GetValue<string>(), filter, columns, rows, []);
    }

    /// <summary>The figures of a dashboard panel, as (label, value), in order.</summary>
    private static List<(string Label, string Value)> FiguresOf(string panel) =>
        System.Text.RegularExpressions.Regex.Matches(panel,
                "<li data-testid=\"dashboard-figure\">\\s*<span[^>]*>(?<value>[^<]*)</span>\\s*<span[^>]*>(?<label>[^<]*)</span>")
            .Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups["label"].Value), System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();

    [Fact]
    public async Task The_dashboard_shows_each_reports_key_figures_linked_to_it_and_audits_each_report_read()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        // Something to count on each side: a second case referred and closed in the period, and the same person back since.
        var closed = await team.PractitionerApi.CreateCaseIdAsync(team.Practitioner.UserName);
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == closed).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CaseStatus.Closed).SetProperty(c => c.ClosedOn, new DateOnly(2026, 11, 2)).SetProperty(c => c.ClosureReasonCode, "needs-met")));
        var person = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == closed).Select(c => c.PersonId).SingleAsync());
        await team.PractitionerApi.CreateCaseAsync(person, team.Practitioner.UserName);
        var pages = await PageClient.SignInAsync(app, team.Supervisor);
        var mark = await app.WithDbAsync(async db => await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0);
        var response = await pages.GetAsync(Url("/Reports/Dashboard"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var name in ReportNames.Titles.Keys)
        {
            Assert.Contains($"data-testid=\"dashboard-{name}\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/Reports/{name}\"", html, StringComparison.Ordinal);
        }

        var read = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > mark && e.UserName == team.Supervisor.UserName).ToListAsync());
        Assert.Equal(ReportNames.Titles.Keys.Order(StringComparer.Ordinal), read.Select(e => e.EntityId).Order(StringComparer.Ordinal));
        Assert.All(read, e => Assert.Equal(AuditActions.ReportViewed, e.Action));
        Assert.All(read, e => Assert.StartsWith("dashboard;", e.Details, StringComparison.Ordinal));

        // Each panel says what its report says: the figures the dashboard counts for itself are those read from the report's rows.
        foreach (var name in ReportNames.Titles.Keys)
        {
            var json = await (await team.SupervisorApi.GetAsync(Url($"/api/v1/reports/{name}"))).JsonAsync();
            var panel = html[html.IndexOf($"data-testid=\"dashboard-{name}\"", StringComparison.Ordinal)..];
            panel = panel[..panel.IndexOf("</section>", StringComparison.Ordinal)];
            var expected = DashboardFigures.Of(FromJson(json));
            Assert.Equal(3, expected.Count);
            Assert.Equal(expected.Select(f => (f.Label, f.Value)), FiguresOf(panel));
        }

        Assert.Contains("href=\"/Reports/Dashboard\"", html, StringComparison.Ordinal);

        var practitioner = await PageClient.SignInAsync(app, team.Practitioner);
        Assert.NotEqual(HttpStatusCode.OK, (await practitioner.GetAsync(Url("/Reports/Dashboard"))).StatusCode);
    }

    [Fact]
    public async Task The_demand_trend_of_13_weeks_labels_every_other_week_and_puts_its_table_below_the_chart()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var pages = await PageClient.SignInAsync(app, team.Supervisor);
        var html = await pages.GetStringAsync(Url("/Reports/demand?from=2026-08-24&to=2026-11-22"));
        var svg = html[html.IndexOf("id=\"demand-trend\"", StringComparison.Ordinal)..];
        svg = svg[..svg.IndexOf("</svg>", StringComparison.Ordinal)];
        Assert.Contains(">2026-08-24<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">2026-08-31<", svg, StringComparison.Ordinal);
        Assert.Contains(">2026-09-07<", svg, StringComparison.Ordinal);
        // Every week is still in the table.
        var table = html[html.IndexOf("data-testid=\"demand-trend-table\"", StringComparison.Ordinal)..];
        Assert.Contains(">2026-08-31<", table, StringComparison.Ordinal);
        var before = html[..html.IndexOf("<div class=\"caseload-table-scroll\" role=\"region\" aria-label=\"Referrals, cases opened and cases closed week by week: data\"", StringComparison.Ordinal)];
        Assert.EndsWith("<div class=\"govuk-grid-column-full\">", before.TrimEnd(), StringComparison.Ordinal);
    }
}

public sealed class ReportPagesTests_Sqlite(SqliteApp app) : ReportPagesTests(app);

public sealed class ReportPagesTests_Postgres(PostgresApp app) : ReportPagesTests(app);
