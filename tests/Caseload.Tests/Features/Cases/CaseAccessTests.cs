using System.Net;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Cases;

/// <summary>Need-to-know: a restricted case is invisible, through every route, to anyone not named on it.</summary>
public abstract class CaseAccessTests(CaseloadApp app)
{
    private async Task<(TestUser A, TestUser B, HttpClient ClientA, HttpClient ClientB, Guid RestrictedOfB, Guid RestrictedOfA)> ArrangeAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var a = await app.CreateUserAsync(Roles.Practitioner, team);
        var b = await app.CreateUserAsync(Roles.Practitioner, team);
        var clientA = await app.ClientForAsync(a);
        var clientB = await app.ClientForAsync(b);
        var ofB = await clientB.CreateCaseIdAsync(b.UserName, restricted: true);
        var ofA = await clientA.CreateCaseIdAsync(a.UserName, restricted: true);
        return (a, b, clientA, clientB, ofB, ofA);
    }

    [Fact]
    public async Task Practitioner_cannot_get_another_practitioners_restricted_case_through_the_api()
    {
        var (_, _, clientA, _, ofB, _) = await ArrangeAsync();
        var response = await clientA.GetAsync(new Uri($"/api/v1/cases/{ofB}", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", (await response.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restricted_case_of_another_practitioner_answers_exactly_as_a_case_that_does_not_exist()
    {
        var (_, _, clientA, _, ofB, _) = await ArrangeAsync();
        var hidden = await clientA.GetAsync(new Uri($"/api/v1/cases/{ofB}", UriKind.Relative));
        var missing = await clientA.GetAsync(new Uri($"/api/v1/cases/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(missing.StatusCode, hidden.StatusCode);
        Assert.Equal((await missing.JsonAsync())["title"]!.GetValue<string>(), (await hidden.JsonAsync())["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Practitioner_cannot_change_or_close_another_practitioners_restricted_case()
    {
        var (_, _, clientA, _, ofB, _) = await ArrangeAsync();
        var patch = await clientA.PatchJsonAsync($"/api/v1/cases/{ofB}", new { risk = "red" }, "\"1\"");
        await patch.ShouldBeAsync(HttpStatusCode.NotFound);
        var close = await clientA.PostJsonTextAsync($"/api/v1/cases/{ofB}/close", """{"reason":"Moved out of the area"}""");
        await close.ShouldBeAsync(HttpStatusCode.NotFound);
        var stillOpen = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == ofB).Select(c => new { c.Status, c.Risk }).SingleAsync());
        Assert.Equal(Caseload.Features.Cases.CaseStatus.Open, stillOpen.Status);
        Assert.Equal(Caseload.Features.Cases.Risk.Amber, stillOpen.Risk);
    }

    [Fact]
    public async Task Practitioner_does_not_find_another_practitioners_restricted_case_in_the_list_but_finds_their_own()
    {
        var (_, _, clientA, _, ofB, ofA) = await ArrangeAsync();
        var list = await (await clientA.GetAsync(new Uri("/api/v1/cases?pageSize=1000", UriKind.Relative))).JsonAsync();
        var ids = list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        Assert.DoesNotContain(ofB, ids);
        Assert.Contains(ofA, ids);
    }

    [Fact]
    public async Task Practitioner_cannot_open_another_practitioners_restricted_case_page()
    {
        var (a, _, _, _, ofB, ofA) = await ArrangeAsync();
        using var browser = await PageClient.SignInAsync(app, a);
        var hidden = await browser.GetAsync(new Uri($"/Cases/{ofB}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var own = await browser.GetAsync(new Uri($"/Cases/{ofA}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var ownList = await browser.GetStringAsync(new Uri("/Cases?scope=all&status=all", UriKind.Relative));
        Assert.Contains($"/Cases/{ofA}", ownList, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Cases/{ofB}", ownList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practitioner_cannot_read_the_audit_trail_of_any_case()
    {
        var (_, _, clientA, _, ofB, ofA) = await ArrangeAsync();
        foreach (var id in new[] { ofA, ofB })
        {
            var response = await clientA.GetAsync(new Uri($"/api/v1/audit?caseId={id}", UriKind.Relative));
            await response.ShouldBeAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Practitioner_cannot_see_the_person_behind_another_practitioners_restricted_case()
    {
        var (_, _, clientA, _, ofB, _) = await ArrangeAsync();
        var personId = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == ofB).Select(c => c.PersonId).SingleAsync());
        var response = await clientA.GetAsync(new Uri($"/api/v1/people/{personId}", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_read_of_own_restricted_case_is_in_the_audit_trail_and_refused_reads_reveal_nothing()
    {
        var (a, _, clientA, _, ofB, ofA) = await ArrangeAsync();
        (await clientA.GetAsync(new Uri($"/api/v1/cases/{ofA}", UriKind.Relative))).EnsureSuccessStatusCode();
        (await clientA.GetAsync(new Uri("/api/v1/cases?pageSize=1000", UriKind.Relative))).EnsureSuccessStatusCode();
        using (var browser = await PageClient.SignInAsync(app, a))
        {
            (await browser.GetAsync(new Uri($"/Cases/{ofA}", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        await clientA.GetAsync(new Uri($"/api/v1/cases/{ofB}", UriKind.Relative));

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == ofA && e.UserName == a.UserName).ToListAsync());
        Assert.Contains(events, e => e.Action == AuditActions.CaseViewed && e.Route == $"GET /api/v1/cases/{ofA}");
        Assert.Contains(events, e => e.Action == AuditActions.CaseViewed && e.Route == $"GET /Cases/{ofA}");
        Assert.Contains(events, e => e.Action == AuditActions.CaseCreated);
        var listed = await app.WithDbAsync(db => (from e in db.AuditEvents
                                                  join x in db.AuditEventCases on e.Id equals x.AuditEventId
                                                  where e.UserName == a.UserName && e.Action == AuditActions.CaseListed
                                                  select new { e.Route, x.CaseId }).ToListAsync());
        Assert.Contains(listed, l => l.CaseId == ofA && l.Route == "GET /api/v1/cases?pageSize=1000");
        var aboutB = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == ofB && e.UserName == a.UserName));
        Assert.Equal(0, aboutB);
        Assert.DoesNotContain(listed, l => l.CaseId == ofB);
    }

    [Fact]
    public async Task Supervisor_of_the_team_cannot_see_a_restricted_case_unless_named()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var a = await app.CreateUserAsync(Roles.Practitioner, team);
        var clientA = await app.ClientForAsync(a);
        var hidden = await clientA.CreateCaseIdAsync(a.UserName, restricted: true);
        var person = await clientA.CreatePersonAsync();
        var shared = (await clientA.CreateCaseAsync(person, a.UserName, restricted: true, restrictedTo: [supervisor.UserName]))["id"]!.GetValue<Guid>();
        var open = await clientA.CreateCaseIdAsync(a.UserName, restricted: false);

        var sup = await app.ClientForAsync(supervisor);
        await (await sup.GetAsync(new Uri($"/api/v1/cases/{hidden}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await sup.GetAsync(new Uri($"/api/v1/cases/{shared}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        await (await sup.GetAsync(new Uri($"/api/v1/cases/{open}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Supervisor_chain_sees_team_cases_but_another_teams_supervisor_does_not()
    {
        var (parent, head) = await app.CreateTeamAsync();
        var (team, _) = await app.CreateTeamAsync(parentTeamId: parent);
        var (_, otherSupervisor) = await app.CreateTeamAsync();
        var a = await app.CreateUserAsync(Roles.Practitioner, team);
        var caseId = await (await app.ClientForAsync(a)).CreateCaseIdAsync(a.UserName);

        await (await (await app.ClientForAsync(head)).GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        await (await (await app.ClientForAsync(otherSupervisor)).GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Service_manager_sees_cases_of_the_services_they_manage_only()
    {
        var (team, _) = await app.CreateTeamAsync();
        var a = await app.CreateUserAsync(Roles.Practitioner, team);
        var clientA = await app.ClientForAsync(a);
        var send = await clientA.CreateCaseIdAsync(a.UserName, service: "send");
        var careers = await clientA.CreateCaseIdAsync(a.UserName, service: "careers-iag");
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "send"));

        await (await manager.GetAsync(new Uri($"/api/v1/cases/{send}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        await (await manager.GetAsync(new Uri($"/api/v1/cases/{careers}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Data_protection_officer_and_administrator_see_no_case_data()
    {
        var (team, _) = await app.CreateTeamAsync();
        var a = await app.CreateUserAsync(Roles.Practitioner, team);
        var caseId = await (await app.ClientForAsync(a)).CreateCaseIdAsync(a.UserName);
        foreach (var role in new[] { Roles.DataProtectionOfficer, Roles.Administrator })
        {
            var client = await app.ClientForAsync(await app.CreateUserAsync(role));
            await (await client.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync(new Uri("/api/v1/cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
    }
}

public sealed class CaseAccessTests_Sqlite(SqliteApp app) : CaseAccessTests(app);

public sealed class CaseAccessTests_Postgres(PostgresApp app) : CaseAccessTests(app);
