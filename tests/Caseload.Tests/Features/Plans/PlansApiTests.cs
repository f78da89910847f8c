using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Drift;
using Caseload.Features.Plans;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static Caseload.Tests.Features.Drift.DriftArrange;

namespace Caseload.Tests.Features.Plans;

/// <summary>/api/v1/cases/{id}/plans end to end on each database: versions, SMART checks, progress, tasks, chronology, drift, access and audit. Today is 23 Nov 2026.</summary>
public abstract class PlansApiTests(CaseloadApp app)
{
    public static JsonObject Goal(string description = "Jordan gets to school on time every day", string? measure = "scale", decimal? baseline = 3, decimal? target = 8,
        string? targetDate = "2027-03-27") => new()
    {
        ["description"] = description,
        ["personsWords"] = "I want to stop being late so I don't get detentions",
        ["measure"] = measure,
        ["baseline"] = baseline,
        ["target"] = target,
        ["targetDate"] = targetDate,
        ["agreedBy"] = "Jordan and Mum",
    };

    public static JsonObject Plan(string owner, params JsonObject[] goals) => new()
    {
        ["goals"] = Array(goals.Length == 0 ? [Goal()] : goals),
        ["actions"] = new JsonArray(
            new JsonObject { ["action"] = "Walk to school together on Mondays", ["owner"] = "Mum", ["dueOn"] = "2026-12-07", ["goalIndex"] = 0 },
            new JsonObject { ["action"] = "Ask the school for the attendance figures", ["owner"] = owner, ["dueOn"] = "2026-12-04" }),
        ["reviewOn"] = "2027-01-18",
    };

    private static JsonArray Array(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(item);
        return array;
    }

    public static JsonObject Progress(string recordedOn = "2026-11-23", decimal? value = 5, string status = "on-track", string? reason = null) => new()
    {
        ["recordedOn"] = recordedOn,
        ["value"] = value,
        ["personsView"] = "Jordan says mornings are easier now",
        ["comment"] = "Late twice this week, down from every day",
        ["status"] = status,
        ["reason"] = reason,
    };

    private async Task<(TestUser Practitioner, HttpClient Api, Guid CaseId)> CaseAsync(bool restricted = false)
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        return (p, api, await api.CreateCaseIdAsync(p.UserName, restricted));
    }

    private static async Task<JsonNode> AgreeAsync(HttpClient api, Guid caseId, JsonObject plan)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", plan);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    private static async Task<JsonNode> PlansAsync(HttpClient api, Guid caseId)
    {
        var response = await api.GetAsync($"/api/v1/cases/{caseId}/plans");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_plan_is_agreed_as_a_version_its_caseload_actions_become_tasks_and_a_new_version_keeps_the_old_one_readable()
    {
        var (p, api, caseId) = await CaseAsync();
        Assert.Null((await PlansAsync(api, caseId))["current"]);

        var first = await AgreeAsync(api, caseId, Plan(p.UserName, Goal(), Goal("Jordan is in school for more days", "% attendance", 62, 90)));
        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.Equal("2026-11-23", first["agreedOn"]!.GetValue<string>());
        var goals = first["goals"]!.AsArray();
        Assert.Equal(["scale", "number"], goals.Select(g => g!["measure"]!.GetValue<string>()));
        Assert.Equal("% attendance", goals[1]!["unit"]!.GetValue<string>());
        Assert.Equal("Jordan and Mum", goals[0]!["agreedBy"]!.GetValue<string>());
        var actions = first["actions"]!.AsArray();
        Assert.Null(actions[0]!["taskId"]);
        Assert.Equal("Mum", actions[0]!["owner"]!.GetValue<string>());
        Assert.Equal(0, actions[0]!["goalIndex"]!.GetValue<int>());
        var taskId = actions[1]!["taskId"]!.GetValue<Guid>();
        var task = await app.WithDbAsync(db => db.Set<CaseTask>().SingleAsync(t => t.Id == taskId));
        Assert.Equal((caseId, p.Id, "Ask the school for the attendance figures", new DateOnly(2026, 12, 4)), (task.CaseId, task.OwnerId, task.Action, task.DueOn));

        var second = await AgreeAsync(api, caseId, Plan("Mum", Goal("Jordan gets to school on time four days a week")));
        Assert.Equal(2, second["version"]!.GetValue<int>());
        var plans = await PlansAsync(api, caseId);
        Assert.Equal(second["id"]!.GetValue<Guid>(), plans["current"]!["id"]!.GetValue<Guid>());
        var history = plans["history"]!.AsArray();
        Assert.Equal([1], history.Select(h => h!["version"]!.GetValue<int>()));
        Assert.Equal(2, history[0]!["goals"]!.AsArray().Count);
        Assert.Equal("Jordan gets to school on time every day", history[0]!["goals"]![0]!["description"]!.GetValue<string>());

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == p.UserName).Select(e => new { e.Action, e.EntityId, e.Details }).ToListAsync());
        var agreed = events.Where(e => e.Action == AuditActions.PlanAgreed).ToList();
        Assert.Equal(2, agreed.Count);
        Assert.Contains(agreed, e => e.EntityId == first["id"]!.GetValue<string>() && e.Details!.Contains("version=1; goals=2; actions=2; tasks=1", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Action == AuditActions.TaskCreated && e.EntityId == taskId.ToString());
        Assert.Contains(events, e => e.Action == AuditActions.PlanListed && e.Details == "plans=2");
    }

    [Fact]
    public async Task A_goal_missing_its_measure_target_or_date_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var (p, api, caseId) = await CaseAsync();
        var missing = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plan(p.UserName, Goal(measure: null, target: null, targetDate: null)));
        await missing.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var body = await missing.JsonAsync();
        Assert.Equal("validation-failed", body["errorCode"]!.GetValue<string>());
        Assert.Equal(["goals[0].measure", "goals[0].target", "goals[0].targetDate"], body["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plan(p.UserName, Goal(), Goal(targetDate: "2026-11-22"))), "goals[1].targetDate");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plan(p.UserName, Goal(baseline: 0))), "goals[0].baseline");
        var none = Plan(p.UserName);
        none["goals"] = new JsonArray();
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", none), "goals");
        var noReview = Plan(p.UserName);
        noReview.Remove("reviewOn");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", noReview), "reviewOn");
        var badGoal = Plan(p.UserName);
        badGoal["actions"]![0]!["goalIndex"] = 3;
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", badGoal), "actions[0].goalIndex");
        // A Caseload user who cannot see the case cannot own an action of it.
        var stranger = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plan(stranger.UserName)), "actions[1].owner");

        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Caseload.Features.Plans.Plan>().CountAsync(x => x.CaseId == caseId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseTask>().CountAsync(t => t.CaseId == caseId && t.Action == "Ask the school for the attendance figures")));
    }

    private static async Task AssertOnlyErrorAsync(HttpResponseMessage response, string field)
    {
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([field], (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Progress_comes_back_in_date_order_an_abandoned_goal_needs_a_reason_and_each_record_is_audited()
    {
        var (p, api, caseId) = await CaseAsync();
        var plan = await AgreeAsync(api, caseId, Plan(p.UserName));
        var planId = plan["id"]!.GetValue<Guid>();
        var goalId = plan["goals"]![0]!["id"]!.GetValue<Guid>();
        // The plan was agreed three weeks ago, so progress can be dated since.
        await app.WithDbAsync(db => db.Set<Caseload.Features.Plans.Plan>().Where(x => x.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(x => x.AgreedOn, new DateOnly(2026, 11, 2))));
        var url = $"/api/v1/cases/{caseId}/plans/{planId}/goals/{goalId}/progress";

        foreach (var (on, value) in new[] { ("2026-11-20", 6m), ("2026-11-09", 4m), ("2026-11-16", 5m) })
        {
            var created = await api.PostAsJsonAsync(url, Progress(on, value));
            await created.ShouldBeAsync(HttpStatusCode.Created);
            Assert.Equal("on-track", (await created.JsonAsync())["status"]!.GetValue<string>());
        }

        await AssertOnlyErrorAsync(await api.PostAsJsonAsync(url, Progress(status: "abandoned", value: null)), "reason");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync(url, Progress(status: "stalled")), "status");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync(url, Progress(value: 11)), "value");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync(url, Progress(recordedOn: "2026-11-24")), "recordedOn");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync(url, Progress(recordedOn: "2026-11-01")), "recordedOn");
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{planId}/goals/{Guid.NewGuid()}/progress", Progress())).ShouldBeAsync(HttpStatusCode.NotFound);

        var goal = (await PlansAsync(api, caseId))["current"]!["goals"]![0]!;
        Assert.Equal(["2026-11-09", "2026-11-16", "2026-11-20"], goal["progress"]!.AsArray().Select(x => x!["recordedOn"]!.GetValue<string>()));
        Assert.Equal([4m, 5m, 6m], goal["progress"]!.AsArray().Select(x => x!["value"]!.GetValue<decimal>()));
        Assert.Equal("Jordan says mornings are easier now", goal["progress"]![0]!["personsView"]!.GetValue<string>());

        var abandoned = await api.PostAsJsonAsync(url, Progress(status: "abandoned", value: null, reason: "Jordan moved to a school he can walk to"));
        await abandoned.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("Jordan moved to a school he can walk to", (await abandoned.JsonAsync())["reason"]!.GetValue<string>());
        Assert.Equal("abandoned", (await PlansAsync(api, caseId))["current"]!["goals"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(4, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == caseId && e.UserName == p.UserName && e.Action == AuditActions.GoalProgressRecorded)));

        // A goal of an earlier version takes no more progress.
        await AgreeAsync(api, caseId, Plan("Mum"));
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync(url, Progress()), "planId");
    }

    [Fact]
    public async Task A_closed_case_takes_no_plan_or_progress_naming_its_status()
    {
        var (p, api, caseId) = await CaseAsync();
        var plan = await AgreeAsync(api, caseId, Plan(p.UserName));
        await (await api.PostJsonTextAsync($"/api/v1/cases/{caseId}/close",
            $$"""{"reason":"Needs met: the plan is in place","goalOutcomes":[{"goalId":"{{plan["goals"]![0]!["id"]}}","outcome":"achieved"}]}""")).ShouldBeAsync(HttpStatusCode.OK);
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plan(p.UserName)), "status");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{plan["id"]}/goals/{plan["goals"]![0]!["id"]}/progress", Progress()), "status");
        Assert.NotNull((await PlansAsync(api, caseId))["current"]);
    }

    [Fact]
    public async Task Another_practitioner_cannot_see_or_change_a_restricted_cases_plan_through_any_route_and_nothing_is_recorded()
    {
        var (owner, api, caseId) = await CaseAsync(restricted: true);
        var plan = await AgreeAsync(api, caseId, Plan(owner.UserName));
        var progressUrl = $"/api/v1/cases/{caseId}/plans/{plan["id"]}/goals/{plan["goals"]![0]!["id"]}/progress";
        var (team, supervisor) = await app.CreateTeamAsync();
        var other = await app.CreateUserAsync(Roles.Practitioner, team);
        var otherApi = await app.ClientForAsync(other);

        await (await otherApi.GetAsync($"/api/v1/cases/{caseId}/plans")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await otherApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plan(other.UserName))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await otherApi.PostAsJsonAsync(progressUrl, Progress())).ShouldBeAsync(HttpStatusCode.NotFound);
        var pages = await PageClient.SignInAsync(app, other);
        await (await pages.GetAsync(new Uri($"/Cases/{caseId}/Plan", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await pages.GetAsync(new Uri($"/Cases/{caseId}/Plan/New", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await pages.GetAsync(new Uri($"/Cases/{caseId}/Plan/{plan["id"]}/Goals/{plan["goals"]![0]!["id"]}/Progress", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        var chronology = await otherApi.GetAsync($"/api/v1/cases/{caseId}/chronology");
        await chronology.ShouldBeAsync(HttpStatusCode.NotFound);

        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Caseload.Features.Plans.Plan>().CountAsync(x => x.CaseId == caseId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<GoalProgress>().CountAsync(x => x.CaseId == caseId)));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.UserName == other.UserName)));
    }

    [Fact]
    public async Task The_plan_and_each_progress_are_on_the_chronology()
    {
        var (p, api, caseId) = await CaseAsync();
        var plan = await AgreeAsync(api, caseId, Plan(p.UserName));
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{plan["id"]}/goals/{plan["goals"]![0]!["id"]}/progress", Progress(value: 6))).ShouldBeAsync(HttpStatusCode.Created);
        var response = await api.GetAsync($"/api/v1/cases/{caseId}/chronology");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        var items = body["items"]!.AsArray();
        var agreed = Assert.Single(items, i => i!["kind"]!.GetValue<string>() == PlansChronology.PlanAgreed)!;
        Assert.Equal("Plan version 1 agreed: 1 goal; review 18 Jan 2027", agreed["summary"]!.GetValue<string>());
        var progress = Assert.Single(items, i => i!["kind"]!.GetValue<string>() == PlansChronology.Progress)!;
        Assert.Equal("Progress on \"Jordan gets to school on time every day\": on track, 6 out of 10", progress["summary"]!.GetValue<string>());
        Assert.Contains(body["kinds"]!.AsArray(), k => k!["code"]!.GetValue<string>() == PlansChronology.Progress);
    }

    [Fact]
    public async Task A_goal_with_no_progress_for_six_weeks_or_the_same_score_three_times_running_is_plan_stalled_drift()
    {
        var (p, api, caseId) = await CaseAsync();
        var plan = await AgreeAsync(api, caseId, Plan(p.UserName));
        var planId = plan["id"]!.GetValue<Guid>();
        var goalId = plan["goals"]![0]!["id"]!.GetValue<Guid>();
        Assert.DoesNotContain(DriftCodes.PlanStalled, Item(await DriftAsync(api), caseId) is { } fresh ? Codes(fresh) : []);

        // Agreed seven weeks ago with nothing recorded since.
        var agreed = Today.AddDays(-49);
        await app.WithDbAsync(db => db.Set<Caseload.Features.Plans.Plan>().Where(x => x.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(x => x.AgreedOn, agreed)));
        await app.WithDbAsync(db => db.Set<PlanGoal>().Where(g => g.Id == goalId).ExecuteUpdateAsync(s => s.SetProperty(g => g.LastActivityOn, agreed)));
        var stalled = Signal(Item(await DriftAsync(api), caseId)!, DriftCodes.PlanStalled);
        Assert.Equal("A goal of the plan has had no progress recorded for 7 weeks, since 5 Oct 2026; the limit is 6 weeks", stalled["detail"]!.GetValue<string>());
        Assert.Equal("2026-11-16", stalled["since"]!.GetValue<string>());

        // Progress today ends it; the same score at three records running starts it again.
        var url = $"/api/v1/cases/{caseId}/plans/{planId}/goals/{goalId}/progress";
        await (await api.PostAsJsonAsync(url, Progress(value: 4))).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync(url, Progress(value: 4))).ShouldBeAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(DriftCodes.PlanStalled, Item(await DriftAsync(api), caseId) is { } moving ? Codes(moving) : []);
        await (await api.PostAsJsonAsync(url, Progress(value: 4))).ShouldBeAsync(HttpStatusCode.Created);
        Assert.Contains("same score at 3 progress records running", Signal(Item(await DriftAsync(api), caseId)!, DriftCodes.PlanStalled)["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // An achieved goal no longer stalls the plan.
        await (await api.PostAsJsonAsync(url, Progress(value: 8, status: "achieved"))).ShouldBeAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(DriftCodes.PlanStalled, Item(await DriftAsync(api), caseId) is { } done ? Codes(done) : []);
    }
}

public sealed class PlansApiTests_Sqlite(SqliteApp app) : PlansApiTests(app);

public sealed class PlansApiTests_Postgres(PostgresApp app) : PlansApiTests(app);
