using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Cases;

public abstract class CasesApiTests(CaseloadApp app)
{
    private async Task<(TestUser Practitioner, HttpClient Client, TestUser Supervisor, int Team)> PractitionerAsync()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        return (practitioner, await app.ClientForAsync(practitioner), supervisor, team);
    }

    [Fact]
    public async Task Creating_a_case_answers_201_with_its_location_and_an_etag_and_audits_it_in_the_same_commit()
    {
        var (p, client, _, team) = await PractitionerAsync();
        var person = await client.CreatePersonAsync("Jordan", "Price", "2011-02-03", "young-carer", "send-support");
        var response = await client.PostAsJsonAsync("/api/v1/cases", new { personId = person, service = "early-help", allocatedTo = p.UserName, risk = "red", restricted = false, expectedContactEveryWorkingDays = 10 });

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/cases/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("open", body["status"]!.GetValue<string>());
        Assert.Equal("red", body["risk"]!.GetValue<string>());
        Assert.Equal(p.UserName, body["allocatedTo"]!.GetValue<string>());
        Assert.Equal(["send-support", "young-carer"], body["person"]!["characteristics"]!.AsArray().Select(c => c!.GetValue<string>()));
        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == id));
        Assert.Equal(team, stored.TeamId);
        Assert.Equal(new DateOnly(2026, 11, 23), stored.OpenedOn);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == id && e.Action == AuditActions.CaseCreated && e.UserName == p.UserName)));
    }

    [Fact]
    public async Task Get_returns_the_case_with_an_etag_that_changes_when_the_case_changes()
    {
        var (p, client, _, _) = await PractitionerAsync();
        var id = await client.CreateCaseIdAsync(p.UserName);
        var first = await client.GetAsync($"/api/v1/cases/{id}");
        await first.ShouldBeAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;

        var patch = await client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red", riskReason = "Police notification of domestic abuse incident on 22 November" }, etag);
        await patch.ShouldBeAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, patch.Headers.ETag!.Tag);
        var body = await patch.JsonAsync();
        Assert.Equal("red", body["risk"]!.GetValue<string>());
        var history = body["riskHistory"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal("amber", history[1]!["from"]!.GetValue<string>());
        Assert.Equal(p.UserName, history[1]!["changedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_etag_gets_412_and_the_first_change_is_kept()
    {
        var (p, client, _, _) = await PractitionerAsync();
        var id = await client.CreateCaseIdAsync(p.UserName);
        var etag = (await client.GetAsync($"/api/v1/cases/{id}")).Headers.ETag!.Tag;

        (await client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red" }, etag)).EnsureSuccessStatusCode();
        var second = await client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "green" }, etag);

        await second.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("stale-etag", (await second.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.Equal(Risk.Red, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Risk).SingleAsync()));
    }

    [Fact]
    public async Task Patch_without_if_match_is_refused_with_428()
    {
        var (p, client, _, _) = await PractitionerAsync();
        var id = await client.CreateCaseIdAsync(p.UserName);
        var response = await client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red" }, null);
        await response.ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(Risk.Amber, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Risk).SingleAsync()));
    }

    [Fact]
    public async Task Concurrent_changes_with_the_same_etag_never_both_succeed()
    {
        var (p, client, _, _) = await PractitionerAsync();
        var id = await client.CreateCaseIdAsync(p.UserName);
        var etag = (await client.GetAsync($"/api/v1/cases/{id}")).Headers.ETag!.Tag;
        var other = await app.ClientForAsync(p);

        var results = await Task.WhenAll(
            client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red" }, etag),
            other.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "green" }, etag));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task Closing_needs_a_reason_and_records_it_with_the_date()
    {
        var (p, client, _, _) = await PractitionerAsync();
        var id = await client.CreateCaseIdAsync(p.UserName);

        var noReason = await client.PostJsonTextAsync($"/api/v1/cases/{id}/close", "{}");
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["reason"]);

        var closed = await client.PostJsonTextAsync($"/api/v1/cases/{id}/close", """{"reason":"Needs met and outcomes achieved"}""");
        await closed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await closed.JsonAsync();
        Assert.Equal("closed", body["status"]!.GetValue<string>());
        Assert.Equal("2026-11-23", body["closedOn"]!.GetValue<string>());
        Assert.Equal("Needs met and outcomes achieved", body["closureReason"]!.GetValue<string>());

        var again = await client.PostJsonTextAsync($"/api/v1/cases/{id}/close", """{"reason":"Other"}""");
        await again.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_unallocated_case_from_a_supervisor_is_a_referral_until_allocated_to_a_practitioner_in_their_team()
    {
        var (p, _, supervisor, _) = await PractitionerAsync();
        var sup = await app.ClientForAsync(supervisor);
        var person = await sup.CreatePersonAsync();
        var created = await sup.CreateCaseAsync(person, allocatedTo: null);
        Assert.Equal("referred", created["status"]!.GetValue<string>());
        var id = created["id"]!.GetValue<Guid>();

        var allocate = await sup.PatchJsonAsync($"/api/v1/cases/{id}", new { allocatedTo = p.UserName }, "\"1\"");
        await allocate.ShouldBeAsync(HttpStatusCode.OK);
        var body = await allocate.JsonAsync();
        Assert.Equal("open", body["status"]!.GetValue<string>());
        Assert.Equal(p.UserName, body["allocatedTo"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == id && e.Action == AuditActions.CaseUpdated)));
    }

    [Fact]
    public async Task A_supervisor_cannot_allocate_to_a_practitioner_in_a_team_they_do_not_supervise()
    {
        var (_, _, supervisor, _) = await PractitionerAsync();
        var (otherTeam, _) = await app.CreateTeamAsync();
        var outsider = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var sup = await app.ClientForAsync(supervisor);
        var id = (await sup.CreateCaseAsync(await sup.CreatePersonAsync(), allocatedTo: null))["id"]!.GetValue<Guid>();

        var response = await sup.PatchJsonAsync($"/api/v1/cases/{id}", new { allocatedTo = outsider.UserName }, "\"1\"");
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Null(await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.AllocatedToId).SingleAsync()));
    }

    [Fact]
    public async Task A_practitioner_cannot_allocate_a_case_to_a_colleague()
    {
        var (p, client, _, team) = await PractitionerAsync();
        var colleague = await app.CreateUserAsync(Roles.Practitioner, team);
        var id = await client.CreateCaseIdAsync(p.UserName);
        var response = await client.PatchJsonAsync($"/api/v1/cases/{id}", new { allocatedTo = colleague.UserName }, "\"1\"");
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var created = await client.PostAsJsonAsync("/api/v1/cases", new { personId = await client.CreatePersonAsync(), service = "send", allocatedTo = colleague.UserName });
        await created.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task List_filters_by_status_and_counts_only_what_the_caller_may_see()
    {
        var (p, client, _, _) = await PractitionerAsync();
        var open = await client.CreateCaseIdAsync(p.UserName);
        var toClose = await client.CreateCaseIdAsync(p.UserName);
        (await client.PostJsonTextAsync($"/api/v1/cases/{toClose}/close", """{"reason":"Moved out of the area"}""")).EnsureSuccessStatusCode();

        var all = await (await client.GetAsync("/api/v1/cases")).JsonAsync();
        Assert.Equal(2, all["total"]!.GetValue<int>());
        var closed = await (await client.GetAsync("/api/v1/cases?status=closed")).JsonAsync();
        Assert.Equal([toClose], closed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.DoesNotContain(open, closed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        var bad = await client.GetAsync("/api/v1/cases?status=pending");
        await bad.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await bad.JsonAsync())["errors"]!["status"]);
    }
}

public sealed class CasesApiTests_Sqlite(SqliteApp app) : CasesApiTests(app);

public sealed class CasesApiTests_Postgres(PostgresApp app) : CasesApiTests(app);
