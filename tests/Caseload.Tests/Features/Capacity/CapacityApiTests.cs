using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Capacity;

/// <summary>Complexity on cases, weighted caseloads against capacity, settings with If-Match and agreed adjustments, through the API.</summary>
public abstract class CapacityApiTests(CaseloadApp app)
{
    private static Task<HttpResponseMessage> PutSettingsAsync(HttpClient client, string userName, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/capacity/{userName}/settings")
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static object Adjustment(string agreedBy, string kind = "reduction", int? points = 10, int? percent = null, string from = "2026-11-23", string? until = null) =>
        new { kind, points, percent, reason = "Practice educator for a student this term", from, until, agreedBy };

    [Fact]
    public async Task Complexity_is_set_on_opening_and_changed_only_with_a_reason_kept_in_its_history()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var fresh = await team.PractitionerApi.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{team.CaseId}");
        Assert.Equal("medium", fresh.GetProperty("complexity").GetString());
        Assert.False(fresh.GetProperty("complexityAssessed").GetBoolean());

        var person = await team.PractitionerApi.CreatePersonAsync("Riley", "Stone");
        var created = await team.PractitionerApi.PostAsJsonAsync("/api/v1/cases", new { personId = person, service = "early-help", risk = "amber", complexity = "very-high" });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        Assert.Equal("very-high", body["complexity"]!.GetValue<string>());
        Assert.True(body["complexityAssessed"]!.GetValue<bool>());
        Assert.Single(body["complexityHistory"]!.AsArray());

        var wrong = await team.PractitionerApi.PostAsJsonAsync("/api/v1/cases", new { personId = person, service = "early-help", risk = "amber", complexity = "huge" });
        await wrong.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True((await wrong.JsonAsync())["errors"]!["complexity"] is not null);

        var noReason = await team.PractitionerApi.PatchJsonAsync($"/api/v1/cases/{team.CaseId}", new { complexity = "high" }, fresh.GetProperty("version").GetInt32() is var v ? $"\"{v}\"" : null);
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Enter why the complexity has changed", (await noReason.JsonAsync())["errors"]!["complexityReason"]![0]!.GetValue<string>());
        Assert.Null(await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).Select(c => c.Complexity).SingleAsync()));

        var changed = await team.PractitionerApi.PatchJsonAsync($"/api/v1/cases/{team.CaseId}", new { complexity = "high", complexityReason = "Police now involved after a second incident" }, $"\"{v}\"");
        await changed.ShouldBeAsync(HttpStatusCode.OK);
        var after = await changed.JsonAsync();
        Assert.Equal("high", after["complexity"]!.GetValue<string>());
        var history = after["complexityHistory"]!.AsArray();
        Assert.Equal("Police now involved after a second incident", Assert.Single(history)!["reason"]!.GetValue<string>());
        Assert.Null(history[0]!["from"]);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == team.CaseId && e.Action == "case.updated" && e.Details!.Contains("complexity -→high"))));
    }

    [Fact]
    public async Task A_practitioner_sees_each_cases_points_with_why_and_their_utilisation()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var person = await team.PractitionerApi.CreatePersonAsync("Casey", "Hart", "2015-03-02", "child-protection-plan");
        var created = await team.PractitionerApi.PostAsJsonAsync("/api/v1/cases", new { personId = person, service = "early-help", risk = "red", complexity = "high", allocatedTo = team.Practitioner.UserName });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var heavy = (await created.JsonAsync())["id"]!.GetValue<Guid>();

        var response = await team.PractitionerApi.GetAsync(new Uri($"/api/v1/capacity/{team.Practitioner.UserName}", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"0\"", response.Headers.ETag!.Tag);
        var capacity = await response.JsonAsync();
        Assert.Equal(team.Practitioner.UserName, capacity["userName"]!.GetValue<string>());
        Assert.Equal(1m, capacity["fte"]!.GetValue<decimal>());
        Assert.Equal(90m, capacity["capacityPoints"]!.GetValue<decimal>());
        Assert.Equal(12m, capacity["loadPoints"]!.GetValue<decimal>());
        Assert.Equal(0.133m, capacity["utilisation"]!.GetValue<decimal>());
        Assert.Equal("under", capacity["band"]!.GetValue<string>());
        Assert.Empty(capacity["openEscalations"]!.AsArray());
        Assert.Empty(capacity["adjustments"]!.AsArray());
        var cases = capacity["cases"]!.AsArray();
        Assert.Equal(2, cases.Count);
        Assert.Equal(heavy, cases[0]!["caseId"]!.GetValue<Guid>());
        Assert.Equal(8m, cases[0]!["points"]!.GetValue<decimal>());
        Assert.Equal("Early help, high complexity: 6; child protection plan: +2", cases[0]!["explanation"]!.GetValue<string>());
        Assert.Equal("Early help, complexity not assessed (counts as medium): 4", cases[1]!["explanation"]!.GetValue<string>());
        // One event for the view: whose capacity, with the cases it showed.
        var practitionerDetail = $"practitioner={team.Practitioner.UserName};";
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == team.Practitioner.UserName && e.Action == "capacity.viewed"
            && e.Details!.StartsWith(practitionerDetail) && db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == heavy))));
    }

    [Fact]
    public async Task The_supervisor_chain_and_the_services_managers_read_a_capacity_and_nobody_else_learns_it_exists()
    {
        var parent = await app.CreateTeamAsync();
        var team = await SupervisedTeam.CreateAsync(app, parent.TeamId);
        var url = new Uri($"/api/v1/capacity/{team.Practitioner.UserName}", UriKind.Relative);
        await (await team.SupervisorApi.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
        await (await (await app.ClientForAsync(parent.Supervisor)).GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
        await (await (await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "early-help"))).GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

        var otherService = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "send"));
        await (await otherService.GetAsync(url)).ShouldBeAsync(HttpStatusCode.NotFound);
        var colleague = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, team.TeamId));
        await (await colleague.GetAsync(url)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await colleague.GetAsync(new Uri("/api/v1/capacity/nobody-of-that-name", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_restricted_case_the_reader_is_not_named_on_weighs_on_the_load_without_its_id()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var person = await team.PractitionerApi.CreatePersonAsync("Quinn", "Hale");
        var hidden = (await team.PractitionerApi.CreateCaseAsync(person, team.Practitioner.UserName, restricted: true))["id"]!.GetValue<Guid>();

        var own = await team.PractitionerApi.GetFromJsonAsync<JsonElement>($"/api/v1/capacity/{team.Practitioner.UserName}");
        Assert.Contains(own.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetString() == hidden.ToString()
            && c.GetProperty("explanation").GetString() == "Early help, complexity not assessed (counts as medium): 4; restricted case: +1");

        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;
        var seen = await team.SupervisorApi.GetFromJsonAsync<JsonElement>($"/api/v1/capacity/{team.Practitioner.UserName}");
        Assert.Equal(9m, seen.GetProperty("loadPoints").GetDecimal());
        var cases = seen.GetProperty("cases").EnumerateArray().ToList();
        Assert.DoesNotContain(cases, c => c.GetProperty("caseId").GetString() == hidden.ToString());
        var unnamed = Assert.Single(cases, c => c.GetProperty("caseId").ValueKind == JsonValueKind.Null);
        Assert.Equal("A restricted case you are not named on: 5 points", unnamed.GetProperty("explanation").GetString());
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Id > before && e.CaseId == hidden)));
    }

    [Fact]
    public async Task Settings_change_with_if_match_and_a_reason_by_the_supervisor_only()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var settings = new { fte = 0.8m, newlyQualified = true, reason = "Four days a week in the first year after qualifying" };
        await (await PutSettingsAsync(team.SupervisorApi, team.Practitioner.UserName, settings, null)).ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        await (await PutSettingsAsync(team.SupervisorApi, team.Practitioner.UserName, settings, "\"3\"")).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        await (await PutSettingsAsync(team.PractitionerApi, team.Practitioner.UserName, settings, "\"0\"")).ShouldBeAsync(HttpStatusCode.Forbidden);

        var invalid = await PutSettingsAsync(team.SupervisorApi, team.Practitioner.UserName, new { fte = 1.5m, newlyQualified = true, reason = "" }, "\"0\"");
        await invalid.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await invalid.JsonAsync())["errors"]!;
        Assert.NotNull(errors["fte"]);
        Assert.NotNull(errors["reason"]);

        var saved = await PutSettingsAsync(team.SupervisorApi, team.Practitioner.UserName, settings, "\"0\"");
        await saved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", saved.Headers.ETag!.Tag);
        var body = await saved.JsonAsync();
        Assert.Equal(0.8m, body["fte"]!.GetValue<decimal>());
        Assert.Equal(29.6m, body["hours"]!.GetValue<decimal>());
        Assert.True(body["newlyQualified"]!.GetValue<bool>());
        Assert.Equal(57.6m, body["capacityPoints"]!.GetValue<decimal>());

        // The same ETag again is stale: the first save moved the version on.
        await (await PutSettingsAsync(team.SupervisorApi, team.Practitioner.UserName, settings, "\"0\"")).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == team.Supervisor.UserName && e.Action == "capacity.settings-changed" && e.EntityId == team.Practitioner.UserName)));
    }

    [Fact]
    public async Task An_agreed_adjustment_is_recorded_and_reduces_capacity_while_it_lasts()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var url = $"/api/v1/capacity/{team.Practitioner.UserName}/adjustments";
        await (await team.PractitionerApi.PostAsJsonAsync(url, Adjustment(team.Supervisor.UserName))).ShouldBeAsync(HttpStatusCode.Forbidden);

        var both = await team.SupervisorApi.PostAsJsonAsync(url, Adjustment(team.Supervisor.UserName, percent: 20));
        await both.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await both.JsonAsync())["errors"]!["percent"]);
        var badKind = await team.SupervisorApi.PostAsJsonAsync(url, Adjustment("nobody-at-all", kind: "holiday"));
        await badKind.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await badKind.JsonAsync())["errors"]!;
        Assert.NotNull(errors["kind"]);
        Assert.NotNull(errors["agreedBy"]);
        var backwards = await team.SupervisorApi.PostAsJsonAsync(url, Adjustment(team.Supervisor.UserName, from: "2026-12-01", until: "2026-11-30"));
        await backwards.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await backwards.JsonAsync())["errors"]!["until"]);
        Assert.False(await app.WithDbAsync(db => db.Set<Caseload.Features.Capacity.CapacityAdjustment>().AnyAsync(a => a.AgreedByName == team.Supervisor.UserName)));

        var created = await team.SupervisorApi.PostAsJsonAsync(url, Adjustment(team.Supervisor.UserName));
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var adjustment = await created.JsonAsync();
        Assert.Equal("reduction", adjustment["kind"]!.GetValue<string>());
        Assert.True(adjustment["active"]!.GetValue<bool>());
        var leave = await team.SupervisorApi.PostAsJsonAsync(url, Adjustment(team.Practitioner.UserName, kind: "leave", points: null, percent: 100, from: "2026-12-21", until: "2027-01-01"));
        await leave.ShouldBeAsync(HttpStatusCode.Created);

        var capacity = await team.PractitionerApi.GetFromJsonAsync<JsonElement>($"/api/v1/capacity/{team.Practitioner.UserName}");
        Assert.Equal(80m, capacity.GetProperty("capacityPoints").GetDecimal());
        Assert.Equal(2, capacity.GetProperty("adjustments").GetArrayLength());

        // Leave that has started takes its capacity now (the clock is shared by every test, so another practitioner's leave starts today).
        var away = await SupervisedTeam.CreateAsync(app);
        var today = await away.SupervisorApi.PostAsJsonAsync($"/api/v1/capacity/{away.Practitioner.UserName}/adjustments", Adjustment(away.Supervisor.UserName, kind: "leave", points: null, percent: 100, until: "2026-11-27"));
        await today.ShouldBeAsync(HttpStatusCode.Created);
        var onLeave = await away.PractitionerApi.GetFromJsonAsync<JsonElement>($"/api/v1/capacity/{away.Practitioner.UserName}");
        Assert.Equal(0m, onLeave.GetProperty("capacityPoints").GetDecimal());
        Assert.Equal("over", onLeave.GetProperty("band").GetString());
        Assert.Equal(JsonValueKind.Null, onLeave.GetProperty("utilisation").ValueKind);

        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == team.Supervisor.UserName && e.Action == "capacity.adjustment-agreed")));
    }

    [Fact]
    public async Task A_supervisor_lists_their_teams_capacity_and_a_practitioner_may_not()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var response = await team.SupervisorApi.GetAsync(new Uri("/api/v1/capacity", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var row = Assert.Single((await response.JsonAsync())["items"]!.AsArray());
        Assert.Equal(team.Practitioner.UserName, row!["userName"]!.GetValue<string>());
        Assert.Equal(1, row["cases"]!.GetValue<int>());
        Assert.Equal(4m, row["loadPoints"]!.GetValue<decimal>());
        Assert.Equal(90m, row["capacityPoints"]!.GetValue<decimal>());
        Assert.Equal("under", row["band"]!.GetValue<string>());
        Assert.Null(row["caseList"]);
        await (await team.PractitionerApi.GetAsync(new Uri("/api/v1/capacity", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class CapacityApiTests_Sqlite(SqliteApp app) : CapacityApiTests(app);

public sealed class CapacityApiTests_Postgres(PostgresApp app) : CapacityApiTests(app);
