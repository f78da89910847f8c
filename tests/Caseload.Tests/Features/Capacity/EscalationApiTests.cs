using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Capacity;
using Caseload.Features.Capacity.Escalations;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.Capacity;

/// <summary>
/// Capacity escalations through the API: raised in words or by the system when a change puts a practitioner over capacity, answered
/// by the current recipient only, passed up the chain when unanswered. This class moves its app's clock, so it has an app of its own.
/// </summary>
public abstract class EscalationApiTests(CaseloadApp app)
{
    private const string Concern = "Two court cases at once and a child death review: I am not sleeping and cannot take more";

    private static async Task<JsonNode> RaiseAsync(HttpClient client, string? practitioner = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/escalations", new { practitioner, reason = Concern });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> RespondAsync(HttpClient client, Guid id, object body) =>
        client.PostAsJsonAsync($"/api/v1/escalations/{id}/response", body);

    /// <summary>Makes the practitioner 0.1 FTE (9 points of capacity, 4 of them used by their one case).</summary>
    private static async Task MakePartTimeAsync(SupervisedTeam team)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/capacity/{team.Practitioner.UserName}/settings")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { fte = 0.1m, newlyQualified = false, reason = "Phased return" }, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        await (await team.SupervisorApi.SendAsync(request)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_practitioner_raises_a_concern_with_the_figures_then_and_it_goes_to_their_line_manager()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var raised = await RaiseAsync(team.PractitionerApi);
        Assert.Equal(team.Practitioner.UserName, raised["practitioner"]!.GetValue<string>());
        Assert.Equal(Concern, raised["reason"]!.GetValue<string>());
        Assert.Equal(4m, raised["loadPoints"]!.GetValue<decimal>());
        Assert.Equal(90m, raised["capacityPoints"]!.GetValue<decimal>());
        Assert.Equal("under", raised["band"]!.GetValue<string>());
        Assert.Equal("open", raised["status"]!.GetValue<string>());
        Assert.Equal((await SupervisorNameAsync(team)), raised["recipient"]!.GetValue<string>());
        Assert.Equal(RespondBy().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), raised["respondBy"]!.GetValue<string>());
        Assert.False(raised["raisedBySystem"]!.GetValue<bool>());
        var id = raised["id"]!.GetValue<Guid>();

        var capacity = await team.PractitionerApi.GetFromJsonAsync<JsonElement>($"/api/v1/capacity/{team.Practitioner.UserName}");
        Assert.Equal(id, capacity.GetProperty("openEscalations")[0].GetProperty("id").GetGuid());

        var received = await team.SupervisorApi.GetFromJsonAsync<JsonElement>("/api/v1/escalations?status=open");
        Assert.Contains(received.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        var closed = await team.SupervisorApi.GetFromJsonAsync<JsonElement>("/api/v1/escalations?status=closed");
        Assert.DoesNotContain(closed.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "capacity-escalation.raised" && e.EntityId == id.ToString() && e.UserName == team.Practitioner.UserName)));

        var bad = await team.PractitionerApi.PostAsJsonAsync("/api/v1/escalations", new { reason = " " });
        await bad.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await bad.JsonAsync())["errors"]!["reason"]);
        var badStatus = await team.SupervisorApi.GetAsync(new Uri("/api/v1/escalations?status=sideways", UriKind.Relative));
        await badStatus.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_supervisor_raises_one_for_a_supervisee_but_a_colleague_cannot()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var raised = await RaiseAsync(team.SupervisorApi, team.Practitioner.UserName);
        Assert.Equal(team.Practitioner.UserName, raised["practitioner"]!.GetValue<string>());

        var colleague = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, team.TeamId));
        var refused = await colleague.PostAsJsonAsync("/api/v1/escalations", new { practitioner = team.Practitioner.UserName, reason = Concern });
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await refused.JsonAsync())["errors"]!["practitioner"]);
    }

    [Fact]
    public async Task Opening_a_case_for_a_practitioner_that_puts_a_practitioner_over_capacity_raises_one_escalation_and_not_another_while_it_is_open()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        await MakePartTimeAsync(team);
        Assert.Equal(0, await OpenCountAsync(team));

        var person = await team.SupervisorApi.CreatePersonAsync("Morgan", "Reid");
        var created = await team.SupervisorApi.PostAsJsonAsync("/api/v1/cases",
            new { personId = person, service = "early-help", risk = "amber", complexity = "very-high", allocatedTo = team.Practitioner.UserName,
                overCapacityRationale = "The only worker free to start this week" });
        await created.ShouldBeAsync(HttpStatusCode.Created);

        var open = await team.SupervisorApi.GetFromJsonAsync<JsonElement>("/api/v1/escalations?status=open");
        var auto = Assert.Single(open.GetProperty("items").EnumerateArray(), e => e.GetProperty("practitioner").GetString() == team.Practitioner.UserName);
        Assert.True(auto.GetProperty("raisedBySystem").GetBoolean());
        Assert.Equal("over", auto.GetProperty("band").GetString());
        Assert.Equal(12m, auto.GetProperty("loadPoints").GetDecimal());
        Assert.Equal(9m, auto.GetProperty("capacityPoints").GetDecimal());
        Assert.Contains("a case was opened for them", auto.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var another = await team.SupervisorApi.PostAsJsonAsync("/api/v1/cases", new
        {
            personId = await team.SupervisorApi.CreatePersonAsync(), service = "early-help", risk = "green", allocatedTo = team.Practitioner.UserName,
            overCapacityRationale = "A sibling of a child they already work with",
        });
        await another.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(1, await OpenCountAsync(team));
    }

    [Fact]
    public async Task An_adjustment_that_puts_a_practitioner_over_raises_an_escalation()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var added = await team.SupervisorApi.PostAsJsonAsync($"/api/v1/capacity/{team.Practitioner.UserName}/adjustments",
            new { kind = "leave", percent = 100, reason = "Annual leave", from = Today, until = Today.AddDays(4), agreedBy = (await SupervisorNameAsync(team)) });
        await added.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(1, await OpenCountAsync(team));
    }

    [Fact]
    public async Task Only_the_current_recipient_answers_and_nobody_without_a_part_learns_it_exists()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var id = (await RaiseAsync(team.PractitionerApi))["id"]!.GetValue<Guid>();
        var body = new { decision = "additional-support", rationale = "Weekly check-ins", actions = Array.Empty<object>() };

        await (await RespondAsync(team.PractitionerApi, id, body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        var stranger = await app.ClientForAsync(await app.CreateUserAsync(Roles.Supervisor));
        await (await RespondAsync(stranger, id, body)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync(new Uri($"/api/v1/escalations/{id}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        var colleague = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, team.TeamId));
        await (await colleague.GetAsync(new Uri($"/api/v1/escalations/{id}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await colleague.GetFromJsonAsync<JsonElement>("/api/v1/escalations")).GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        await (await team.PractitionerApi.GetAsync(new Uri($"/api/v1/escalations/{id}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);

        var noDecision = await RespondAsync(team.SupervisorApi, id, new { rationale = "x" });
        await noDecision.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await noDecision.JsonAsync())["errors"]!["decision"]);

        var answered = await RespondAsync(team.SupervisorApi, id, body);
        await answered.ShouldBeAsync(HttpStatusCode.OK);
        var json = await answered.JsonAsync();
        Assert.Equal("closed", json["status"]!.GetValue<string>());
        Assert.Equal("additional-support", json["decision"]!.GetValue<string>());
        await (await RespondAsync(team.SupervisorApi, id, body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "capacity-escalation.responded" && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_temporary_reduction_creates_the_adjustment_and_actions_are_kept_for_their_owners()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var id = (await RaiseAsync(team.PractitionerApi))["id"]!.GetValue<Guid>();
        var missing = await RespondAsync(team.SupervisorApi, id, new { decision = "temporary-reduction", rationale = "Two weeks lighter" });
        await missing.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await missing.JsonAsync())["errors"]!["until"]);

        var answered = await RespondAsync(team.SupervisorApi, id, new
        {
            decision = "temporary-reduction", rationale = "Two weeks with no new allocations while the court work settles", points = 20, from = Today, until = Today.AddDays(11),
            actions = new[] { new { action = "Review caseload together", owner = team.Practitioner.UserName, dueOn = Today.AddDays(11) } },
        });
        await answered.ShouldBeAsync(HttpStatusCode.OK);
        var json = await answered.JsonAsync();
        Assert.Equal("closed", json["status"]!.GetValue<string>());
        var adjustmentId = json["adjustmentId"]!.GetValue<Guid>();
        Assert.Equal(team.Practitioner.UserName, json["actions"]![0]!["owner"]!.GetValue<string>());
        var adjustment = await app.WithDbAsync(db => db.Set<CapacityAdjustment>().SingleAsync(a => a.Id == adjustmentId));
        Assert.Equal(AdjustmentKind.Reduction, adjustment.Kind);
        Assert.Equal(20m, adjustment.Points);
        Assert.Equal(Today.AddDays(11), adjustment.Until);
        Assert.Equal(team.Practitioner.Id, adjustment.UserId);
    }

    [Fact]
    public async Task Escalate_passes_it_to_the_parent_teams_supervisor_who_may_then_answer()
    {
        var parent = await app.CreateTeamAsync();
        var team = await SupervisedTeam.CreateAsync(app, parent.TeamId);
        var id = (await RaiseAsync(team.PractitionerApi))["id"]!.GetValue<Guid>();
        var up = await RespondAsync(team.SupervisorApi, id, new { decision = "escalate", rationale = "Needs a decision on agency cover above my budget" });
        await up.ShouldBeAsync(HttpStatusCode.OK);
        var json = await up.JsonAsync();
        Assert.Equal("open", json["status"]!.GetValue<string>());
        var parentName = await app.WithDbAsync(db => db.Users.Where(u => u.Id == parent.Supervisor.Id).Select(u => u.UserName).SingleAsync());
        Assert.Equal(parentName, json["recipient"]!.GetValue<string>());

        await (await RespondAsync(team.SupervisorApi, id, new { decision = "reallocate", rationale = "x" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        var parentApi = await app.ClientForAsync(parent.Supervisor);
        var done = await RespondAsync(parentApi, id, new { decision = "accept-with-mitigation", rationale = "Agency cover for four weeks" });
        await done.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("closed", (await done.JsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unanswered_after_five_working_days_the_job_passes_it_up_the_chain_and_records_why()
    {
        var parent = await app.CreateTeamAsync();
        var team = await SupervisedTeam.CreateAsync(app, parent.TeamId);
        var id = (await RaiseAsync(team.PractitionerApi))["id"]!.GetValue<Guid>();

        await PassUpAsync();
        Assert.Equal(team.Supervisor.Id, await RecipientAsync(id));

        app.Clock.Advance(TimeSpan.FromDays(8));
        await PassUpAsync();
        Assert.Equal(parent.Supervisor.Id, await RecipientAsync(id));
        var steps = await app.WithDbAsync(db => db.Set<EscalationStep>().Where(s => s.EscalationId == id).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(2, steps.Count);
        Assert.StartsWith("Unanswered by", steps[1].Why, StringComparison.Ordinal);
        Assert.Contains("after 5 working days", steps[1].Why, StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow(), steps[1].At);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "capacity-escalation.passed-up" && e.EntityId == id.ToString())));
    }

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Five working days from today, as the working-day calendar counts them.</summary>
    private DateOnly RespondBy()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EscalationRouting>().RespondByFrom(Today);
    }

    private async Task PassUpAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EscalationScan>().PassUpOverdueAsync();
    }

    private Task<string?> RecipientAsync(Guid id) => app.WithDbAsync(db => db.Set<CapacityEscalation>().Where(e => e.Id == id).Select(e => e.RecipientId).SingleAsync());

    private Task<string> SupervisorNameAsync(SupervisedTeam team) => app.WithDbAsync(db => db.Users.Where(u => u.Id == team.Supervisor.Id).Select(u => u.UserName!).SingleAsync());

    private Task<int> OpenCountAsync(SupervisedTeam team) =>
        app.WithDbAsync(db => db.Set<CapacityEscalation>().CountAsync(e => e.PractitionerId == team.Practitioner.Id && e.Status == EscalationStatus.Open));
}

public sealed class EscalationApiTests_Sqlite(EscalationSqliteApp app) : EscalationApiTests(app), IClassFixture<EscalationSqliteApp>;

public sealed class EscalationApiTests_Postgres(EscalationPostgresApp app) : EscalationApiTests(app), IClassFixture<EscalationPostgresApp>;

/// <summary>An app of its own for the escalation tests, whose clock they move.</summary>
public sealed class EscalationSqliteApp : SqliteApp;

/// <summary>An app of its own for the escalation tests, on PostgreSQL.</summary>
public sealed class EscalationPostgresApp : PostgresApp;
