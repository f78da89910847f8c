using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Capacity;

/// <summary>
/// Allocation by capacity: the ranked options for a case, and the rationale an allocation over capacity needs on every route that
/// allocates (opening a case for someone, PATCH allocatedTo, the allocate and open pages), recorded and escalated.
/// </summary>
public abstract class AllocationApiTests(CaseloadApp app)
{
    private const string Rationale = "Only worker who knows the family; two of her cases close next week";

    /// <summary>0.1 FTE: 9 points of capacity. With the team's first case (4 points) an 8-point case takes them over.</summary>
    private static async Task MakePartTimeAsync(HttpClient supervisor, string userName, bool newlyQualified = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/capacity/{userName}/settings")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { fte = 0.1m, newlyQualified, reason = "Phased return" }, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        await (await supervisor.SendAsync(request)).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>A referral (nobody allocated) in the supervisor's team: early help, very high complexity, 8 points.</summary>
    private static async Task<Guid> ReferralAsync(HttpClient supervisor, string service = "early-help", string complexity = "very-high")
    {
        var person = await supervisor.CreatePersonAsync("Morgan", "Reid");
        var created = await supervisor.PostAsJsonAsync("/api/v1/cases", new { personId = person, service, risk = "amber", complexity });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        Assert.Equal("referred", body["status"]!.GetValue<string>());
        return body["id"]!.GetValue<Guid>();
    }

    private static JsonObject Option(JsonNode options, string userName) =>
        options["items"]!.AsArray().Single(i => i!["userName"]!.GetValue<string>() == userName)!.AsObject();

    private static List<string> Warnings(JsonObject option) => option["warnings"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Options_rank_whom_the_supervisor_may_allocate_to_by_headroom_after_with_points_and_warnings()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var newcomer = await app.CreateUserAsync(Roles.Practitioner, team.TeamId);
        await MakePartTimeAsync(team.SupervisorApi, newcomer.UserName, newlyQualified: true);
        var referral = await ReferralAsync(team.SupervisorApi);

        var response = await team.SupervisorApi.GetAsync(new Uri($"/api/v1/cases/{referral}/allocation-options", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var options = await response.JsonAsync();
        Assert.Equal(8m, options["points"]!.GetValue<decimal>());
        Assert.Contains("very high complexity: 8", options["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(options["skillsConsidered"]!.GetValue<bool>());
        var items = options["items"]!.AsArray();
        var headroom = items.Select(i => i!["headroomAfter"]!.GetValue<decimal>()).ToList();
        Assert.Equal(headroom.OrderByDescending(h => h).ToList(), headroom);

        var practitioner = Option(options, team.Practitioner.UserName);
        Assert.Equal(8m, practitioner["points"]!.GetValue<decimal>());
        Assert.Equal(4m, practitioner["loadPoints"]!.GetValue<decimal>());
        Assert.Equal(12m, practitioner["loadPointsAfter"]!.GetValue<decimal>());
        Assert.Equal(90m, practitioner["capacityPoints"]!.GetValue<decimal>());
        Assert.Equal(0.133m, practitioner["utilisationAfter"]!.GetValue<decimal>());
        Assert.Equal("under", practitioner["bandAfter"]!.GetValue<string>());
        Assert.Empty(Warnings(practitioner));

        // 0.1 FTE, newly qualified: 9 points less the protection, so an 8-point case takes them over, and it is very complex work.
        var protectedOne = Option(options, newcomer.UserName);
        Assert.Equal("over", protectedOne["bandAfter"]!.GetValue<string>());
        Assert.Equal(["over-capacity", "newly-qualified-protection"], Warnings(protectedOne));
        Assert.Contains("very high complexity", protectedOne["warnings"]![1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(newcomer.UserName, items[^1]!["userName"]!.GetValue<string>());

        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == referral && e.Action == "allocation-options.viewed").ToListAsync());
        var read = Assert.Single(audited);
        Assert.Contains($"{newcomer.UserName} 8/7.2 over", read.Details, StringComparison.Ordinal);

        // A case in another service: the practitioner works in early help only.
        var send = await ReferralAsync(team.SupervisorApi, service: "send", complexity: "medium");
        var sendOptions = await team.SupervisorApi.GetFromJsonAsync<JsonNode>($"/api/v1/cases/{send}/allocation-options");
        var mismatch = Option(sendOptions!, team.Practitioner.UserName);
        Assert.Equal(["service-mismatch"], Warnings(mismatch));
        Assert.Contains("Holds no open SEND", mismatch["warnings"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_those_who_may_allocate_the_case_see_its_options()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var referral = await ReferralAsync(team.SupervisorApi);
        await (await team.PractitionerApi.GetAsync(new Uri($"/api/v1/cases/{team.CaseId}/allocation-options", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
        var other = await SupervisedTeam.CreateAsync(app);
        await (await other.SupervisorApi.GetAsync(new Uri($"/api/v1/cases/{referral}/allocation-options", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "early-help"));
        await (await manager.GetAsync(new Uri($"/api/v1/cases/{referral}/allocation-options", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == team.CaseId && e.Action == "allocation-options.viewed")));

        var closed = await team.SupervisorApi.PostAsJsonAsync($"/api/v1/cases/{referral}/close", new { reason = "Referred in error" });
        await closed.ShouldBeAsync(HttpStatusCode.OK);
        var onClosed = await team.SupervisorApi.GetAsync(new Uri($"/api/v1/cases/{referral}/allocation-options", UriKind.Relative));
        await onClosed.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await onClosed.JsonAsync())["errors"]!["status"]);
    }

    [Fact]
    public async Task Allocating_over_capacity_without_a_rationale_is_refused_and_with_one_is_recorded_and_escalated()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        await MakePartTimeAsync(team.SupervisorApi, team.Practitioner.UserName);
        var referral = await ReferralAsync(team.SupervisorApi);

        var refused = await team.SupervisorApi.PatchJsonAsync($"/api/v1/cases/{referral}", new { allocatedTo = team.Practitioner.UserName }, "\"1\"");
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var message = (await refused.JsonAsync())["errors"]!["overCapacityRationale"]![0]!.GetValue<string>();
        Assert.Contains("12 points against a capacity of 9", message, StringComparison.Ordinal);
        var untouched = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == referral));
        Assert.Null(untouched.AllocatedToId);
        Assert.Equal(CaseStatus.Referred, untouched.Status);
        Assert.Equal(1, untouched.Version);

        var allocated = await team.SupervisorApi.PatchJsonAsync($"/api/v1/cases/{referral}",
            new { allocatedTo = team.Practitioner.UserName, overCapacityRationale = Rationale }, "\"1\"");
        await allocated.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(team.Practitioner.UserName, (await allocated.JsonAsync())["allocatedTo"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == referral && e.Action == "case.updated" && e.Details!.EndsWith("overCapacityRationale=" + Rationale))));

        var chronology = await team.SupervisorApi.GetFromJsonAsync<JsonNode>($"/api/v1/cases/{referral}/chronology?kinds=allocation");
        var entry = Assert.Single(chronology!["items"]!.AsArray());
        Assert.Contains($"over capacity, with the rationale: {Rationale}", entry!["summary"]!.GetValue<string>(), StringComparison.Ordinal);

        var open = await team.SupervisorApi.GetFromJsonAsync<JsonNode>("/api/v1/escalations?status=open");
        var escalation = Assert.Single(open!["items"]!.AsArray(), e => e!["practitioner"]!.GetValue<string>() == team.Practitioner.UserName)!;
        Assert.True(escalation["raisedBySystem"]!.GetValue<bool>());
        Assert.Equal(12m, escalation["loadPoints"]!.GetValue<decimal>());
        Assert.Contains(Rationale, escalation["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(team.Supervisor.UserName, escalation["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Opening another case for them over capacity: refused without a rationale, nothing stored; with one, the open escalation gets it.
        var person = await team.SupervisorApi.CreatePersonAsync("Avery", "Lane");
        var refusedOpen = await team.SupervisorApi.PostAsJsonAsync("/api/v1/cases", new { personId = person, service = "early-help", risk = "green", allocatedTo = team.Practitioner.UserName });
        await refusedOpen.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await refusedOpen.JsonAsync())["errors"]!["overCapacityRationale"]);
        Assert.False(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.PersonId == person)));
        const string second = "Sibling of a child she already works with";
        var opened = await team.SupervisorApi.PostAsJsonAsync("/api/v1/cases",
            new { personId = person, service = "early-help", risk = "green", allocatedTo = team.Practitioner.UserName, overCapacityRationale = second });
        await opened.ShouldBeAsync(HttpStatusCode.Created);
        var still = await team.SupervisorApi.GetFromJsonAsync<JsonNode>($"/api/v1/escalations/{escalation["id"]!.GetValue<Guid>()}");
        Assert.Contains(still!["steps"]!.AsArray(), s => s!["why"]!.GetValue<string>().Contains(second, StringComparison.Ordinal));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "capacity-escalation.allocation-noted" && e.UserName == team.Supervisor.UserName)));
        Assert.Equal(1, (await team.SupervisorApi.GetFromJsonAsync<JsonNode>("/api/v1/escalations?status=open"))!["items"]!.AsArray()
            .Count(e => e!["practitioner"]!.GetValue<string>() == team.Practitioner.UserName));

        // Taking a case yourself is not allocating over someone's capacity: no rationale is asked of the practitioner.
        var own = await team.PractitionerApi.CreateCaseIdAsync(team.Practitioner.UserName);
        Assert.NotEqual(Guid.Empty, own);
    }

    [Fact]
    public async Task The_allocate_and_open_pages_ask_for_the_rationale_on_the_field_and_store_nothing_without_it()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        await MakePartTimeAsync(team.SupervisorApi, team.Practitioner.UserName);
        var referral = await ReferralAsync(team.SupervisorApi);
        using var browser = await PageClient.SignInAsync(app, team.Supervisor);

        var page = await browser.GetStringAsync(new Uri($"/Cases/{referral}/Allocate", UriKind.Relative));
        Assert.Contains("data-testid=\"allocation-options\"", page, StringComparison.Ordinal);
        Assert.Contains("This case adds <strong>8 points</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Would be over capacity: 12 points against 9", page, StringComparison.Ordinal);

        var refused = await browser.PostFormAsync($"/Cases/{referral}/Allocate", new() { ["AllocatedTo"] = team.Practitioner.UserName });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#OverCapacityRationale\"", refusedPage, StringComparison.Ordinal);
        Assert.Contains("Give a rationale for allocating over capacity", refusedPage, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Cases.Where(c => c.Id == referral).Select(c => c.AllocatedToId).SingleAsync()));

        var allocated = await browser.PostFormAsync($"/Cases/{referral}/Allocate", new() { ["AllocatedTo"] = team.Practitioner.UserName, ["OverCapacityRationale"] = Rationale });
        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
        Assert.Equal(team.Practitioner.Id, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == referral).Select(c => c.AllocatedToId).SingleAsync()));

        var person = await team.SupervisorApi.CreatePersonAsync("Quinn", "Hale");
        var openUrl = $"/Cases/Open?personId={person}";
        var refusedOpen = await browser.PostFormAsync(openUrl, new() { ["Service"] = "early-help", ["AllocatedTo"] = team.Practitioner.UserName, ["Risk"] = "amber" });
        Assert.Equal(HttpStatusCode.BadRequest, refusedOpen.StatusCode);
        Assert.Contains("href=\"#OverCapacityRationale\"", await refusedOpen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.PersonId == person)));
        var opened = await browser.PostFormAsync(openUrl, new() { ["Service"] = "early-help", ["AllocatedTo"] = team.Practitioner.UserName, ["Risk"] = "amber", ["OverCapacityRationale"] = Rationale });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.PersonId == person && c.AllocatedToId == team.Practitioner.Id)));
    }
}

public sealed class AllocationApiTests_Sqlite(SqliteApp app) : AllocationApiTests(app);

public sealed class AllocationApiTests_Postgres(PostgresApp app) : AllocationApiTests(app);
