using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Capacity;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Platform.Audit;
using Caseload.Platform.Hosting;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Features.Capacity;

/// <summary>
/// The team view: each practitioner's load with what needs attention, team totals, the heat map and weekly utilisation from
/// the snapshots kept by the weekly job. The job writes over the whole database, so this class has an app of its own.
/// </summary>
public abstract class TeamViewTests(CaseloadApp app)
{
    private static readonly DateOnly ThisWeek = new(2026, 11, 23);

    private async Task<int> SnapshotAsync(DateTimeOffset at)
    {
        using var scope = app.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<CapacitySnapshotJob>(scope.ServiceProvider, new FakeTimeProvider(at));
        return await job.RecordWeekAsync();
    }

    private Task<List<CapacitySnapshot>> SnapshotsOfAsync(params string[] userIds) =>
        app.WithDbAsync(db => db.Set<CapacitySnapshot>().AsNoTracking().Where(s => userIds.Contains(s.UserId)).OrderBy(s => s.WeekStart).ThenBy(s => s.UserId).ToListAsync());

    [Fact]
    public async Task Each_practitioner_shows_cases_points_capacity_red_overdue_drifting_supervision_and_escalations_with_team_totals()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var red = (await team.PractitionerApi.CreateCaseAsync(await team.PractitionerApi.CreatePersonAsync("Rowan", "Red"), team.Practitioner.UserName, risk: "red"))["id"]!.GetValue<Guid>();
        var other = await app.CreateUserAsync(Roles.Practitioner, team.TeamId);
        await app.WithDbAsync(async db =>
        {
            db.Set<CaseDeadline>().Add(new CaseDeadline { Id = Guid.CreateVersion7(), CaseId = red, Title = "Assessment", DueDate = ThisWeek.AddDays(-3), CreatedAt = CaseloadApp.Start, CreatedByName = "test" });
            db.Set<DriftSignalRecord>().Add(new DriftSignalRecord { CaseId = team.CaseId, Code = DriftCodes.ReviewOverdue, Since = ThisWeek.AddDays(-10), FoundAt = CaseloadApp.Start, Detail = "Review overdue" });
            return await db.SaveChangesAsync();
        });
        await team.SupervisorApi.RecordAsync(SupervisionApi.Session(team.Practitioner.UserName, team.CaseId, team.Practitioner.UserName, occurredOn: "2026-11-20"));
        var raised = await team.SupervisorApi.PostAsJsonAsync("/api/v1/escalations", new { practitioner = team.Practitioner.UserName, reason = "Two court cases at once this month" });
        await raised.ShouldBeAsync(HttpStatusCode.Created);

        var mark = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;
        var response = await team.SupervisorApi.GetAsync(new Uri("/api/v1/capacity", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        var rows = json["items"]!.AsArray();
        Assert.Equal(2, rows.Count);
        var row = rows.Single(r => r!["userName"]!.GetValue<string>() == team.Practitioner.UserName)!;
        Assert.Equal(2, row["cases"]!.GetValue<int>());
        Assert.Equal(8m, row["loadPoints"]!.GetValue<decimal>());
        Assert.Equal(90m, row["capacityPoints"]!.GetValue<decimal>());
        Assert.Equal(0.089m, row["utilisation"]!.GetValue<decimal>());
        Assert.Equal("under", row["band"]!.GetValue<string>());
        Assert.Equal(1, row["redCases"]!.GetValue<int>());
        Assert.Equal(1, row["overdueDeadlines"]!.GetValue<int>());
        Assert.Equal(1, row["driftingCases"]!.GetValue<int>());
        Assert.Equal("2026-11-20", row["lastSupervisionOn"]!.GetValue<string>());
        Assert.Equal(1, row["openEscalations"]!.GetValue<int>());
        var empty = rows.Single(r => r!["userName"]!.GetValue<string>() == other.UserName)!;
        Assert.Equal((0, 0, 0), (empty["cases"]!.GetValue<int>(), empty["driftingCases"]!.GetValue<int>(), empty["openEscalations"]!.GetValue<int>()));
        Assert.Null(empty["lastSupervisionOn"]);

        var totals = json["totals"]!;
        Assert.Equal((2, 2, 8m, 180m), (totals["practitioners"]!.GetValue<int>(), totals["cases"]!.GetValue<int>(), totals["loadPoints"]!.GetValue<decimal>(), totals["capacityPoints"]!.GetValue<decimal>()));
        Assert.Equal(0.044m, totals["utilisation"]!.GetValue<decimal>());
        Assert.Equal((1, 1, 1, 1), (totals["redCases"]!.GetValue<int>(), totals["overdueDeadlines"]!.GetValue<int>(), totals["driftingCases"]!.GetValue<int>(), totals["openEscalations"]!.GetValue<int>()));
        Assert.Equal(team.TeamId, Assert.Single(json["teams"]!.AsArray())!["teamId"]!.GetValue<int>());
        Assert.Equal(TeamViewRules.HistoryWeeks, json["history"]!["weeks"]!.AsArray().Count);

        // One view, one event: a list with the cases behind its figures.
        var view = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > mark && e.UserName == team.Supervisor.UserName).ToListAsync()));
        Assert.Equal((AuditActions.CapacityListed, AuditTrail.ListEntityType), (view.Action, view.EntityType));
        var cases = await app.WithDbAsync(db => db.AuditEventCases.Where(c => c.AuditEventId == view.Id).Select(c => c.CaseId).ToListAsync());
        Assert.Equal(new[] { team.CaseId, red }.Order(), cases.Order());

        await (await team.PractitionerApi.GetAsync(new Uri("/api/v1/capacity", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_service_manager_sees_every_team_holding_cases_in_their_services_and_may_narrow_to_one()
    {
        var north = await SupervisedTeam.CreateAsync(app, service: "youth-support");
        var south = await SupervisedTeam.CreateAsync(app, service: "youth-support");
        var elsewhere = await SupervisedTeam.CreateAsync(app, service: "early-help");
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, "youth-support");
        var api = await app.ClientForAsync(manager);

        var mark = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;
        var all = await (await api.GetAsync(new Uri("/api/v1/capacity", UriKind.Relative))).JsonAsync();
        // Every team as a row a team, no practitioner's row: a team is opened to see its practitioners.
        Assert.True(all["teamsOnly"]!.GetValue<bool>());
        Assert.Empty(all["items"]!.AsArray());
        var teams = all["teams"]!.AsArray().Select(t => t!["teamId"]!.GetValue<int>()).ToList();
        Assert.Contains(north.TeamId, teams);
        Assert.Contains(south.TeamId, teams);
        Assert.DoesNotContain(elsewhere.TeamId, teams);
        Assert.True(all["totals"]!["cases"]!.GetValue<int>() >= 2);
        // An aggregate view: one event with what it counted, and no case named against it.
        var view = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > mark && e.UserName == manager.UserName).ToListAsync()));
        Assert.Equal((AuditActions.CapacityTeamsViewed, TeamCapacityService.TeamsViewEntityType), (view.Action, view.EntityType));
        Assert.Contains("teams=", view.Details, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(c => c.AuditEventId == view.Id)));

        var one = await (await api.GetAsync(new Uri($"/api/v1/capacity?team={north.TeamId}", UriKind.Relative))).JsonAsync();
        Assert.False(one["teamsOnly"]!.GetValue<bool>());
        Assert.Equal(north.Practitioner.UserName, Assert.Single(one["items"]!.AsArray())!["userName"]!.GetValue<string>());
        // Opening a team lists the cases behind its figures, as a supervisor's view does.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Id > mark && e.UserName == manager.UserName && e.Action == AuditActions.CapacityListed
            && db.AuditEventCases.Any(c => c.AuditEventId == e.Id && c.CaseId == north.CaseId))));
        // A team outside the manager's services narrows nothing: it is not theirs to see.
        var notTheirs = await (await api.GetAsync(new Uri($"/api/v1/capacity?team={elsewhere.TeamId}", UriKind.Relative))).JsonAsync();
        Assert.DoesNotContain(elsewhere.Practitioner.UserName, notTheirs["items"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_weekly_snapshot_records_each_practitioner_once_a_week_and_a_second_run_writes_nothing()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var other = await app.CreateUserAsync(Roles.Practitioner, team.TeamId);
        Assert.True(await SnapshotAsync(CaseloadApp.Start) >= 2);
        Assert.Equal(0, await SnapshotAsync(CaseloadApp.Start.AddHours(5)));
        var week = await SnapshotsOfAsync(team.Practitioner.Id, other.Id);
        Assert.Equal(2, week.Count);
        Assert.All(week, s => Assert.Equal(ThisWeek, s.WeekStart));
        var mine = week.Single(s => s.UserId == team.Practitioner.Id);
        Assert.Equal((4m, 90m, 0.044m, (int?)team.TeamId), (mine.LoadPoints, mine.CapacityPoints, mine.Utilisation, mine.TeamId));
        // The supervisor holds no case and is not a practitioner: nothing to record.
        Assert.Empty(await SnapshotsOfAsync(team.Supervisor.Id));

        // Later in the same week (Sunday evening): still nothing new. The next Monday: a new week, one each again.
        Assert.Equal(0, await SnapshotAsync(new DateTimeOffset(2026, 11, 29, 22, 0, 0, TimeSpan.Zero)));
        Assert.True(await SnapshotAsync(CaseloadApp.Start.AddDays(7)) >= 2);
        Assert.Equal(0, await SnapshotAsync(CaseloadApp.Start.AddDays(7)));
        var both = await SnapshotsOfAsync(team.Practitioner.Id, other.Id);
        Assert.Equal(4, both.Count);
        Assert.Equal(2, both.Count(s => s.WeekStart == ThisWeek.AddDays(7)));
    }

    [Fact]
    public async Task Two_runs_at_once_write_one_snapshot_a_practitioner()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var at = CaseloadApp.Start.AddDays(21);
        await Task.WhenAll(SnapshotAsync(at), SnapshotAsync(at));
        Assert.Single(await SnapshotsOfAsync(team.Practitioner.Id), s => s.WeekStart == ThisWeek.AddDays(21));
    }

    [Fact]
    public async Task The_job_runs_on_one_of_two_instances_and_writes_one_snapshot_a_practitioner()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var at = CaseloadApp.Start.AddDays(14);
        await using var a = Instance(at);
        await using var b = Instance(at);
        var outcomes = await Task.WhenAll(CheckedAsync(a, at), CheckedAsync(b, at));
        Assert.Single(outcomes, o => o == LeasedJobOutcome.Ran);
        Assert.Single(outcomes, o => o is LeasedJobOutcome.HeldElsewhere or LeasedJobOutcome.NotDue);
        Assert.Single(await SnapshotsOfAsync(team.Practitioner.Id), s => s.WeekStart == ThisWeek.AddDays(14));
    }

    [Fact]
    public async Task The_page_shows_the_heat_map_and_twelve_weeks_of_utilisation_each_with_its_table()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var teamName = await app.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.Name).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            foreach (var (weeksAgo, load) in new[] { (3, 45m), (2, 81m), (1, 99m) })
            {
                db.Set<CapacitySnapshot>().Add(new CapacitySnapshot
                {
                    WeekStart = ThisWeek.AddDays(-7 * weeksAgo), UserId = team.Practitioner.Id, TeamId = team.TeamId,
                    LoadPoints = load, CapacityPoints = 90m, Utilisation = CapacityRules.Utilisation(load, 90m), RecordedAt = CaseloadApp.Start.AddDays(-7 * weeksAgo),
                });
            }

            return await db.SaveChangesAsync();
        });
        await SnapshotAsync(CaseloadApp.Start);

        using var browser = await PageClient.SignInAsync(app, team.Supervisor);
        var response = await browser.GetAsync(new Uri("/Capacity/Team", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // The heat map: an image with a title and description, values and bands in words, and its table.
        Assert.Contains("id=\"capacity-heat-map\" role=\"img\" aria-labelledby=\"capacity-heat-map-title capacity-heat-map-desc\"", html, StringComparison.Ordinal);
        Assert.Contains(">Drifting cases</text>", html, StringComparison.Ordinal);
        Assert.Contains(">4%</text>", html, StringComparison.Ordinal);
        Assert.Contains(">under</text>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"team-capacity\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"team-totals\"", html, StringComparison.Ordinal);
        Assert.Contains("None recorded", html, StringComparison.Ordinal);
        // The history: a line chart and a table of the 12 weeks, weeks without a snapshot said so.
        Assert.Contains("id=\"capacity-history\" role=\"img\"", html, StringComparison.Ordinal);
        var table = html[html.IndexOf("data-testid=\"history\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(TeamViewRules.HistoryWeeks, table.Split("<th scope=\"row\"").Length - 1);
        Assert.Contains($">{teamName}</th>", table, StringComparison.Ordinal);
        Assert.Contains($"{UkTime.Format(ThisWeek.AddDays(-77))}</th>", table, StringComparison.Ordinal);
        Assert.Contains("No snapshot", table, StringComparison.Ordinal);
        foreach (var percent in new[] { "50%", "90%", "110%", "4%" }) Assert.Contains($">{percent}</td>", table, StringComparison.Ordinal);
        Assert.Contains($"Latest: {teamName} 4%", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Instance(DateTimeOffset now)
    {
        var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now))));
        _ = factory.Server;
        return factory;
    }

    private static async Task<LeasedJobOutcome> CheckedAsync(WebApplicationFactory<Program> instance, DateTimeOffset at)
    {
        var runner = instance.Services.GetServices<IHostedService>().OfType<LeasedJobRunner>().Single(r => r.Name == CapacitySnapshotJob.JobName);
        // Real time bounds how long the test waits for the instance's first check; the app's time is its fake clock.
        var waited = Stopwatch.StartNew();
        while (runner.LastCheck?.At != at)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail("The instance did not check the snapshot job's lease.");
            await Task.Delay(20);
        }

        return runner.LastCheck.Outcome;
    }
}

public sealed class TeamViewTests_Sqlite(TeamViewSqliteApp app) : TeamViewTests(app), IClassFixture<TeamViewSqliteApp>;

public sealed class TeamViewTests_Postgres(TeamViewPostgresApp app) : TeamViewTests(app), IClassFixture<TeamViewPostgresApp>;

/// <summary>An app and database of its own for the team view's tests (the weekly snapshot writes over the whole database).</summary>
public sealed class TeamViewSqliteApp : SqliteApp;

/// <summary>An app and database of its own for the team view's tests, on PostgreSQL.</summary>
public sealed class TeamViewPostgresApp : PostgresApp;
