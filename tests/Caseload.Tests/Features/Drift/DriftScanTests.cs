using System.Diagnostics;
using Caseload.Features.Drift;
using Caseload.Platform.Audit;
using Caseload.Platform.Hosting;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static Caseload.Tests.Features.Drift.DriftArrange;

namespace Caseload.Tests.Features.Drift;

/// <summary>
/// The daily scan records when each signal started and clears it when it goes; the lists then say since when, and the
/// supervisor's home shows the team's new drift. The scan runs over a whole database, so this class has an app of its own:
/// a scan on the shared apps would add drift records under other classes' checks of what their requests stored.
/// </summary>
public abstract class DriftScanTests(CaseloadApp app)
{
    private async Task<DriftScan.Result> ScanAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DriftScan>().ScanAsync();
    }

    private Task<List<DriftSignalRecord>> RecordsAsync(Guid caseId) =>
        app.WithDbAsync(db => db.Set<DriftSignalRecord>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Code).ToListAsync());

    [Fact]
    public async Task The_scan_records_when_each_signal_started_the_list_shows_that_start_and_a_cleared_signal_is_closed()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(practitioner);
        var caseId = await CaseAsync(client, practitioner.UserName, "Scanned");
        await OpenedAgoAsync(app, caseId, 22);

        await ScanAsync();
        var records = await RecordsAsync(caseId);
        Assert.Equal([DriftCodes.NoContact, DriftCodes.NoRecording], records.Select(r => r.Code));
        Assert.All(records, r => Assert.Null(r.ClearedAt));
        Assert.All(records, r => Assert.Equal(CaseloadApp.Start, r.FoundAt));
        var started = Calendar.AddWorkingDays(WorkingDaysAgo(22), 20);
        Assert.All(records, r => Assert.Equal(started, r.Since));
        Assert.Contains("22 working days", records[0].Detail, StringComparison.Ordinal);

        // A second run settles nothing new: still one open record per signal.
        await ScanAsync();
        Assert.Equal(2, (await RecordsAsync(caseId)).Count);

        // The list's "since" is the recorded start, not recomputed.
        var earlier = new DateOnly(2026, 10, 1);
        await app.WithDbAsync(db => db.Set<DriftSignalRecord>().Where(r => r.CaseId == caseId && r.Code == DriftCodes.NoContact)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Since, earlier)));
        var item = Item(await DriftAsync(client), caseId)!;
        Assert.Equal("2026-10-01", Signal(item, DriftCodes.NoContact)["since"]!.GetValue<string>());
        Assert.Equal(started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Signal(item, DriftCodes.NoRecording)["since"]!.GetValue<string>());

        // A visit ends both signals; the next scan closes their records and keeps them as history.
        await client.CreateNoteAsync(caseId);
        Assert.Null(Item(await DriftAsync(client), caseId));
        await ScanAsync();
        var cleared = await RecordsAsync(caseId);
        Assert.Equal(2, cleared.Count);
        Assert.All(cleared, r => Assert.Equal(CaseloadApp.Start, r.ClearedAt));
        using var browser = await PageClient.SignInAsync(app, supervisor);
        Assert.DoesNotContain("Scanned Drift", await (await browser.GetAsync(new Uri("/Team", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signal_whose_start_the_facts_cannot_tell_is_recorded_from_the_day_the_scan_found_it()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var leaver = await app.CreateUserAsync(Roles.Practitioner, team);
        var supervisorClient = await app.ClientForAsync(supervisor);
        var caseId = await CaseAsync(supervisorClient, leaver.UserName, "Leaver");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == leaver.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        await ScanAsync();
        var record = Assert.Single(await RecordsAsync(caseId));
        Assert.Equal(DriftCodes.AllocatedToInactiveUser, record.Code);
        Assert.Equal(Today, record.Since);

        // A closed case's drift is over.
        var etag = (await supervisorClient.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).Headers.ETag!.Tag;
        var close = await supervisorClient.PostJsonAsync($"/api/v1/cases/{caseId}/close", new { reason = "Needs met and outcomes achieved" }, etag);
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        await ScanAsync();
        Assert.NotNull(Assert.Single(await RecordsAsync(caseId)).ClearedAt);
    }

    [Fact]
    public async Task The_daily_scan_runs_on_one_of_two_instances_when_it_falls_due()
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var caseId = await CaseAsync(await app.ClientForAsync(practitioner), practitioner.UserName, "Leased");
        await ReviewDueAsync(app, caseId, Today.AddDays(-2));

        // The app ran the scan when it started and made it due a day later; two more instances whose clocks say a day has
        // passed both check the lease as they start. One runs the scan; the other finds it held or already done.
        var tomorrow = CaseloadApp.Start.AddDays(1);
        await using var a = Instance(tomorrow);
        await using var b = Instance(tomorrow);
        var outcomes = await Task.WhenAll(CheckedAsync(a, tomorrow), CheckedAsync(b, tomorrow));
        Assert.Single(outcomes, o => o == LeasedJobOutcome.Ran);
        Assert.Single(outcomes, o => o is LeasedJobOutcome.HeldElsewhere or LeasedJobOutcome.NotDue);
        var lease = await app.WithDbAsync(db => db.Set<WorkLease>().AsNoTracking().SingleAsync(l => l.Name == DriftScan.JobName));
        Assert.Equal(tomorrow, lease.LastCompletedAt);
        Assert.Equal(tomorrow.AddDays(1), lease.DueAt);
        var record = Assert.Single(await RecordsAsync(caseId));
        Assert.Equal((DriftCodes.ReviewOverdue, tomorrow), (record.Code, record.FoundAt));
    }

    private WebApplicationFactory<Program> Instance(DateTimeOffset now)
    {
        var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now))));
        _ = factory.Server;
        return factory;
    }

    private static async Task<LeasedJobOutcome> CheckedAsync(WebApplicationFactory<Program> instance, DateTimeOffset at)
    {
        var runner = instance.Services.GetServices<IHostedService>().OfType<LeasedJobRunner>().Single(r => r.Name == DriftScan.JobName);
        // Real time bounds how long the test waits for the instance's first check; the app's time is its fake clock.
        var waited = Stopwatch.StartNew();
        while (runner.LastCheck?.At != at)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail("The instance did not check the drift scan's lease.");
            await Task.Delay(20);
        }

        return runner.LastCheck.Outcome;
    }

    [Fact]
    public async Task New_drift_appears_on_the_supervisors_team_page_newest_first_in_words()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(practitioner);
        var older = await CaseAsync(client, practitioner.UserName, "Olderdrift");
        await ReviewDueAsync(app, older, Today.AddDays(-9));
        await ScanAsync();
        await app.WithDbAsync(db => db.Set<DriftSignalRecord>().Where(r => r.CaseId == older)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FoundAt, CaseloadApp.Start.AddDays(-3))));
        var newer = await CaseAsync(client, practitioner.UserName, "Newerdrift");
        await OpenedAgoAsync(app, newer, 21);
        await ScanAsync();

        using var browser = await PageClient.SignInAsync(app, supervisor);
        var html = await (await browser.GetAsync(new Uri("/Team", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Drifting cases", html, StringComparison.Ordinal);
        var panel = html[html.IndexOf("data-testid=\"team-drift\"", StringComparison.Ordinal)..];
        Assert.True(panel.IndexOf("Newerdrift", StringComparison.Ordinal) < panel.IndexOf("Olderdrift", StringComparison.Ordinal), "the newest drift comes first");
        Assert.Contains("No contact recorded in the 21 working days", panel, StringComparison.Ordinal);
        Assert.Contains("Case review was due on 14 Nov 2026", panel, StringComparison.Ordinal);
        // The page is one list view; the drifting cases it showed are among its cases.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == supervisor.Id && e.EntityType == AuditTrail.ListEntityType
            && db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == older))));
    }

    [Fact]
    public async Task A_service_managers_team_page_counts_what_the_daily_scan_found_in_their_services_and_shows_it_assessed_now()
    {
        // Youth support cases are this test's own in this app: the counts below are of every drifting case of the service.
        const string service = "youth-support";
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(practitioner);
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, service);
        async Task<Guid> YouthCaseAsync(string given)
        {
            var person = await client.CreatePersonAsync(given, "Drift");
            return (await client.CreateCaseAsync(person, practitioner.UserName, service: service))["id"]!.GetValue<Guid>();
        }

        var found = await YouthCaseAsync("Scanfound");
        await OpenedAgoAsync(app, found, 21);
        var resolved = await YouthCaseAsync("Sinceseen");
        await OpenedAgoAsync(app, resolved, 21);
        await ScanAsync();
        var lastScan = CaseloadApp.Start.AddHours(-1);
        await app.WithDbAsync(db => db.Set<WorkLease>().Where(l => l.Name == DriftScan.JobName)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.AcquiredAt, lastScan).SetProperty(l => l.LastCompletedAt, lastScan.AddMinutes(1))));
        // After the scan: one case starts drifting, and another is seen (opened today again, so nothing has stalled).
        var unscanned = await YouthCaseAsync("Unscanned");
        await OpenedAgoAsync(app, unscanned, 21);
        await OpenedAgoAsync(app, resolved, 0);

        using var managerBrowser = await PageClient.SignInAsync(app, manager);
        var html = await (await managerBrowser.GetAsync(new Uri("/Team", UriKind.Relative))).Content.ReadAsStringAsync();
        var summary = html[html.IndexOf("data-testid=\"new-drift-summary\"", StringComparison.Ordinal)..];
        summary = summary[..summary.IndexOf("</p>", StringComparison.Ordinal)];
        // The scan found two drifting cases, both new since it began; what changed since is for the next scan to count.
        Assert.Contains("Last daily scan: 23 Nov 2026, 09:00.", summary, StringComparison.Ordinal);
        Assert.Contains("It found 2 drifting cases.", summary, StringComparison.Ordinal);
        Assert.Contains("2 cases have new drift.", summary, StringComparison.Ordinal);
        // The list is of the scan's cases as they are now: the one seen since has gone, the one drifting since is not yet there.
        var panel = html[html.IndexOf("data-testid=\"team-drift\"", StringComparison.Ordinal)..];
        panel = panel[..panel.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("Scanfound", panel, StringComparison.Ordinal);
        Assert.Contains("No contact recorded in the 21 working days", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("Sinceseen", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("Unscanned", panel, StringComparison.Ordinal);
        Assert.Contains("See all 2 drifting cases in your services", html, StringComparison.Ordinal);
        // The cases shown are audited as the page's list view; the one it did not show is not.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == manager.Id && e.EntityType == AuditTrail.ListEntityType
            && db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == found))));
        Assert.False(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(x => x.CaseId == resolved
            && db.AuditEvents.Any(e => e.Id == x.AuditEventId && e.UserId == manager.Id))));

        // The supervisor's team is assessed now in full: the case drifting since the scan is there.
        using var supervisorBrowser = await PageClient.SignInAsync(app, supervisor);
        var supervisorPage = await (await supervisorBrowser.GetAsync(new Uri("/Team", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Unscanned", supervisorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_page_says_when_the_last_daily_scan_ran_and_marks_the_drift_it_found_as_new()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(practitioner);
        var known = await CaseAsync(client, practitioner.UserName, "Knownstall");
        await ReviewDueAsync(app, known, Today.AddDays(-9));
        await ScanAsync();
        await app.WithDbAsync(db => db.Set<DriftSignalRecord>().Where(r => r.CaseId == known)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FoundAt, CaseloadApp.Start.AddDays(-3))));
        var fresh = await CaseAsync(client, practitioner.UserName, "Freshstall");
        await OpenedAgoAsync(app, fresh, 21);
        await ScanAsync();
        // The last daily scan began an hour ago: what it found is new; what an earlier scan found is not.
        var lastScan = CaseloadApp.Start.AddHours(-1);
        await app.WithDbAsync(db => db.Set<WorkLease>().Where(l => l.Name == DriftScan.JobName)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.AcquiredAt, lastScan).SetProperty(l => l.LastCompletedAt, lastScan.AddMinutes(1))));

        using var browser = await PageClient.SignInAsync(app, supervisor);
        var html = await (await browser.GetAsync(new Uri("/Team", UriKind.Relative))).Content.ReadAsStringAsync();
        var summary = html[html.IndexOf("data-testid=\"new-drift-summary\"", StringComparison.Ordinal)..];
        summary = summary[..summary.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Contains("Last daily scan: 23 Nov 2026, 09:00.", summary, StringComparison.Ordinal);
        Assert.Contains("1 case has new drift.", summary, StringComparison.Ordinal);
        string Row(string name)
        {
            var row = html[html.IndexOf(name, StringComparison.Ordinal)..];
            return row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        }

        Assert.Contains(">New</strong>", Row("Freshstall"), StringComparison.Ordinal);
        Assert.DoesNotContain(">New</strong>", Row("Knownstall"), StringComparison.Ordinal);
        Assert.True(html.IndexOf("Freshstall", StringComparison.Ordinal) < html.IndexOf("Knownstall", StringComparison.Ordinal), "new drift comes first");
    }
}

public sealed class DriftScanTests_Sqlite(DriftScanSqliteApp app) : DriftScanTests(app), IClassFixture<DriftScanSqliteApp>;

public sealed class DriftScanTests_Postgres(DriftScanPostgresApp app) : DriftScanTests(app), IClassFixture<DriftScanPostgresApp>;

/// <summary>An app and database of its own for the drift scan's tests.</summary>
public sealed class DriftScanSqliteApp : SqliteApp;

/// <summary>An app and database of its own for the drift scan's tests, on PostgreSQL.</summary>
public sealed class DriftScanPostgresApp : PostgresApp;
