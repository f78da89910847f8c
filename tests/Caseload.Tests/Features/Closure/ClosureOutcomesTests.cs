using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Closure;
using Caseload.Tests.Features.Plans;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Closure;

/// <summary>Closing a case with a reason from its service's list and the outcome of each goal of its plan, directly and through approval, on both databases.</summary>
public abstract class ClosureOutcomesTests(CaseloadApp app)
{
    private static async Task<(Guid PlanId, Guid[] Goals)> PlanAsync(HttpClient api, Guid caseId, string owner)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans",
            PlansApiTests.Plan(owner, PlansApiTests.Goal(), PlansApiTests.Goal("Jordan is in school for more days", "% attendance", 62, 90)));
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var plan = await response.JsonAsync();
        return (plan["id"]!.GetValue<Guid>(), plan["goals"]!.AsArray().Select(g => g!["id"]!.GetValue<Guid>()).ToArray());
    }

    private static JsonObject Outcome(Guid goalId, string outcome) => new() { ["goalId"] = goalId, ["outcome"] = outcome };

    [Fact]
    public async Task Closing_needs_a_reason_of_the_services_list_and_an_outcome_for_each_open_goal_and_records_them_on_the_case()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var (planId, goals) = await PlanAsync(team.PractitionerApi, team.CaseId, team.Practitioner.UserName);
        // The first goal is already achieved: it takes that outcome unless another is given.
        await (await team.PractitionerApi.PostAsJsonAsync($"/api/v1/cases/{team.CaseId}/plans/{planId}/goals/{goals[0]}/progress",
            PlansApiTests.Progress(value: 8, status: "achieved"))).ShouldBeAsync(HttpStatusCode.Created);
        var url = $"/api/v1/cases/{team.CaseId}/close";

        // A census code is not an early help reason; the open goal's outcome is missing.
        var refused = await team.PractitionerApi.PostAsJsonAsync(url, new JsonObject { ["reasonCode"] = "RC1" });
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["goalOutcomes", "reasonCode"], (await refused.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        var badOutcome = await team.PractitionerApi.PostAsJsonAsync(url, new JsonObject
        {
            ["reasonCode"] = "needs-met", ["goalOutcomes"] = new JsonArray(Outcome(goals[1], "mostly"), Outcome(Guid.NewGuid(), "achieved")),
        });
        await badOutcome.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["goalOutcomes[0].outcome", "goalOutcomes[1].goalId"], (await badOutcome.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("open", (await (await team.PractitionerApi.GetAsync($"/api/v1/cases/{team.CaseId}")).JsonAsync())["status"]!.GetValue<string>());

        var closed = await team.PractitionerApi.PostAsJsonAsync(url, new JsonObject
        {
            ["reasonCode"] = "needs-met", ["reason"] = "Back in school every day", ["goalOutcomes"] = new JsonArray(Outcome(goals[1], "partly-achieved")),
        });
        await closed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await closed.JsonAsync();
        Assert.Equal(("closed", "needs-met", "Needs met and outcomes achieved: Back in school every day"),
            (body["status"]!.GetValue<string>(), body["closureReasonCode"]!.GetValue<string>(), body["closureReason"]!.GetValue<string>()));
        Assert.Equal([(goals[0], "achieved"), (goals[1], "partly-achieved")],
            body["goalOutcomes"]!.AsArray().Select(o => (o!["goalId"]!.GetValue<Guid>(), o["outcome"]!.GetValue<string>())));

        var chronology = (await (await team.PractitionerApi.GetAsync($"/api/v1/cases/{team.CaseId}/chronology")).JsonAsync())["items"]!.AsArray();
        var entry = Assert.Single(chronology, i => i!["kind"]!.GetValue<string>() == ClosureChronology.Outcomes)!;
        Assert.Equal("Goal outcomes at closure: goal 1 achieved; goal 2 partly achieved", entry["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task In_childrens_social_care_the_request_carries_a_census_reason_and_the_outcomes_which_the_approval_records_on_the_case()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: ClosureApiTests.CareService);
        var (planId, goals) = await PlanAsync(team.PractitionerApi, team.CaseId, team.Practitioner.UserName);
        // Children's social care plans are in force once a supervisor approves them.
        await (await team.SupervisorApi.PostAsJsonAsync($"/api/v1/cases/{team.CaseId}/plans/{planId}/decision", new { approve = true })).ShouldBeAsync(HttpStatusCode.OK);
        var ask = $"/api/v1/cases/{team.CaseId}/closure-request";
        var local = await team.PractitionerApi.PostAsJsonAsync(ask, new JsonObject
        {
            ["reasonCode"] = "needs-met", ["summary"] = "Settled at home", ["goalOutcomes"] = new JsonArray(Outcome(goals[0], "achieved"), Outcome(goals[1], "achieved")),
        });
        await local.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["reasonCode"], (await local.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ToList());

        var asked = await team.PractitionerApi.PostAsJsonAsync(ask, new JsonObject
        {
            ["reasonCode"] = "RC7", ["summary"] = "Settled at home", ["goalOutcomes"] = new JsonArray(Outcome(goals[0], "achieved"), Outcome(goals[1], "not-achieved")),
        });
        await asked.ShouldBeAsync(HttpStatusCode.Accepted);
        var request = await asked.JsonAsync();
        Assert.Equal(("RC7", "RC7 – Services ceased for any other reason, including child no longer in need"), (request["reasonCode"]!.GetValue<string>(), request["reason"]!.GetValue<string>()));
        Assert.Equal(2, request["goalOutcomes"]!.AsArray().Count);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<GoalOutcome>().CountAsync(o => o.CaseId == team.CaseId)));

        // The waiting request's proposed outcomes are on the case page, for the practitioner and for the supervisor deciding it.
        foreach (var user in new[] { team.Practitioner, team.Supervisor })
        {
            using var pages = await PageClient.SignInAsync(app, user);
            var casePage = await pages.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
            var proposed = casePage[casePage.IndexOf("data-testid=\"proposed-goal-outcomes\"", StringComparison.Ordinal)..];
            Assert.Contains("Goal 1: Jordan gets to school on time every day: <strong>Achieved</strong>", proposed, StringComparison.Ordinal);
            Assert.Contains("Goal 2: Jordan is in school for more days: <strong>Not achieved</strong>", proposed, StringComparison.Ordinal);
        }

        await (await team.SupervisorApi.PostAsJsonAsync($"{ask}/decision", new { approve = true })).ShouldBeAsync(HttpStatusCode.OK);
        var closed = await (await team.SupervisorApi.GetAsync($"/api/v1/cases/{team.CaseId}")).JsonAsync();
        Assert.Equal(("closed", "RC7"), (closed["status"]!.GetValue<string>(), closed["closureReasonCode"]!.GetValue<string>()));
        Assert.Equal([(goals[0], "achieved"), (goals[1], "not-achieved")],
            closed["goalOutcomes"]!.AsArray().Select(o => (o!["goalId"]!.GetValue<Guid>(), o["outcome"]!.GetValue<string>())));
    }

    [Fact]
    public async Task The_close_page_offers_the_services_reasons_and_asks_each_open_goals_outcome()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var (_, goals) = await PlanAsync(team.PractitionerApi, team.CaseId, team.Practitioner.UserName);
        var pages = await PageClient.SignInAsync(app, team.Practitioner);
        var form = await pages.GetStringAsync(new Uri($"/Cases/{team.CaseId}/Close", UriKind.Relative));
        Assert.Contains("Stepped down to universal or targeted services", form, StringComparison.Ordinal);
        Assert.DoesNotContain("RC1", form, StringComparison.Ordinal);
        Assert.Contains("Goal 2: Jordan is in school for more days", form, StringComparison.Ordinal);

        var missing = await pages.PostFormAsync($"/Cases/{team.CaseId}/Close", new() { ["Reason"] = "needs-met", [$"GoalOutcome[{goals[0]}]"] = "achieved" });
        await missing.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Select the outcome of goal 2", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var closed = await pages.PostFormAsync($"/Cases/{team.CaseId}/Close", new()
        {
            ["Reason"] = "needs-met", [$"GoalOutcome[{goals[0]}]"] = "achieved", [$"GoalOutcome[{goals[1]}]"] = "partly-achieved",
        });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var page = await pages.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
        Assert.Contains("Needs met and outcomes achieved", page, StringComparison.Ordinal);
        Assert.Contains("Goal 2: Jordan is in school for more days: <strong>Partly achieved</strong>", page, StringComparison.Ordinal);
    }
}

public sealed class ClosureOutcomesTests_Sqlite(SqliteApp app) : ClosureOutcomesTests(app);

public sealed class ClosureOutcomesTests_Postgres(PostgresApp app) : ClosureOutcomesTests(app);
