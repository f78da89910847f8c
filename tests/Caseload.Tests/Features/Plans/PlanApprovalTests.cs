using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Plans;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Plans;

/// <summary>
/// Supervisor approval of plans where the service needs it (the test host requires it for youth support only), through the API
/// and the pages, on each database: the plan in force, the decision, who may make it, the chronology, the Team page and audit.
/// </summary>
public abstract class PlanApprovalTests(CaseloadApp app)
{
    public const string ApprovalService = "youth-support";

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

    private static Task<HttpResponseMessage> DecideAsync(HttpClient api, Guid caseId, JsonNode plan, bool? approve, string? comment = null) =>
        api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{plan["id"]}/decision", new JsonObject { ["approve"] = approve, ["comment"] = comment });

    private static string Status(JsonNode plan) => plan["status"]!.GetValue<string>();

    [Fact]
    public async Task A_new_plan_awaits_approval_and_is_not_in_force_until_a_supervisor_approves_it_after_returning_it_once()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: ApprovalService);
        var (api, caseId, boss) = (team.PractitionerApi, team.CaseId, team.SupervisorApi);

        var first = await AgreeAsync(api, caseId, PlansApiTests.Plan(team.Practitioner.UserName));
        Assert.Equal(("awaiting-approval", "pending"), (Status(first), first["approval"]!["status"]!.GetValue<string>()));
        // Its actions set nobody work until it is in force.
        Assert.Null(first["actions"]![1]!["taskId"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseTask>().CountAsync(t => t.CaseId == caseId)));
        var listed = await PlansAsync(api, caseId);
        Assert.Null(listed["current"]);
        Assert.Equal(["awaiting-approval"], listed["history"]!.AsArray().Select(p => Status(p!)));

        // Not in force: no progress on it, no family's view of its goals, no outcome for it at closure.
        var goalId = first["goals"]![0]!["id"]!.GetValue<Guid>();
        var progress = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{first["id"]}/goals/{goalId}/progress", PlansApiTests.Progress());
        await progress.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["planId"], (await progress.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var feedback = FeedbackTests.Feedback();
        feedback["goalViews"] = new JsonArray(new JsonObject { ["goalId"] = goalId, ["view"] = "Better" });
        var refusedView = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/feedback", feedback);
        await refusedView.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("goalViews[0].goalId", (await refusedView.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));

        // The author and a practitioner are not its approvers; a return needs a comment.
        await (await DecideAsync(api, caseId, first, approve: true)).ShouldBeAsync(HttpStatusCode.Forbidden);
        var noComment = await DecideAsync(boss, caseId, first, approve: false, comment: " ");
        await noComment.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["comment"], (await noComment.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));

        var returned = await DecideAsync(boss, caseId, first, approve: false, comment: "Add a goal about Jordan's sleep; the school action needs a date before the review");
        await returned.ShouldBeAsync(HttpStatusCode.OK);
        var returnedBody = await returned.JsonAsync();
        Assert.Equal(("returned", "returned"), (Status(returnedBody), returnedBody["approval"]!["status"]!.GetValue<string>()));
        Assert.Equal("Add a goal about Jordan's sleep; the school action needs a date before the review", returnedBody["approval"]!["comment"]!.GetValue<string>());
        await (await DecideAsync(boss, caseId, first, approve: true)).ShouldBeAsync(HttpStatusCode.Conflict);

        // The author makes a new version; the supervisor approves it and it comes into force, its actions becoming tasks.
        var second = await AgreeAsync(api, caseId, PlansApiTests.Plan(team.Practitioner.UserName, PlansApiTests.Goal(), PlansApiTests.Goal("Jordan sleeps by 10pm on school nights", "nights a week", 1, 5)));
        Assert.Equal("awaiting-approval", Status(second));
        var approved = await DecideAsync(boss, caseId, second, approve: true);
        await approved.ShouldBeAsync(HttpStatusCode.OK);
        var approvedBody = await approved.JsonAsync();
        Assert.Equal(("in-force", "approved"), (Status(approvedBody), approvedBody["approval"]!["status"]!.GetValue<string>()));
        var taskId = approvedBody["actions"]![1]!["taskId"]!.GetValue<Guid>();
        var task = await app.WithDbAsync(db => db.Set<CaseTask>().SingleAsync(t => t.Id == taskId));
        Assert.Equal((caseId, team.Practitioner.Id), (task.CaseId, task.OwnerId));
        var secondGoal = second["goals"]![0]!["id"]!.GetValue<Guid>();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{second["id"]}/goals/{secondGoal}/progress", PlansApiTests.Progress()))
            .ShouldBeAsync(HttpStatusCode.Created);

        // A third version awaits approval: the second stays in force, and progress is still recorded on it.
        var third = await AgreeAsync(api, caseId, PlansApiTests.Plan("Mum"));
        var plans = await PlansAsync(api, caseId);
        Assert.Equal((second["id"]!.GetValue<Guid>(), "in-force"), (plans["current"]!["id"]!.GetValue<Guid>(), Status(plans["current"]!)));
        Assert.Equal([(3, "awaiting-approval"), (1, "returned")], plans["history"]!.AsArray().Select(p => (p!["version"]!.GetValue<int>(), Status(p))));
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{second["id"]}/goals/{secondGoal}/progress", PlansApiTests.Progress(value: 6)))
            .ShouldBeAsync(HttpStatusCode.Created);
        // Closing records the outcomes of the plan in force, not of the version awaiting approval.
        var close = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/close", new JsonObject
        {
            ["reasonCode"] = "needs-met", ["goalOutcomes"] = new JsonArray(new JsonObject { ["goalId"] = third["goals"]![0]!["id"]!.GetValue<Guid>(), ["outcome"] = "achieved" }),
        });
        await close.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("goalOutcomes[0].goalId", (await close.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));

        // A fourth version replaces the third before anyone decided it: only the newest is decided.
        var fourth = await AgreeAsync(api, caseId, PlansApiTests.Plan("Mum"));
        await (await DecideAsync(boss, caseId, third, approve: true)).ShouldBeAsync(HttpStatusCode.Conflict);
        plans = await PlansAsync(api, caseId);
        Assert.Equal([(4, "awaiting-approval"), (3, "superseded"), (1, "returned")], plans["history"]!.AsArray().Select(p => (p!["version"]!.GetValue<int>(), Status(p))));
        Assert.Equal(fourth["id"]!.GetValue<Guid>(), plans["history"]![0]!["id"]!.GetValue<Guid>());

        // Both decisions are on the chronology and in the audit trail, as the supervisor's.
        var chronology = (await (await api.GetAsync($"/api/v1/cases/{caseId}/chronology")).JsonAsync())["items"]!.AsArray();
        var returnEntry = Assert.Single(chronology, i => i!["kind"]!.GetValue<string>() == PlansChronology.Returned)!;
        Assert.Equal("Plan version 1 returned: Add a goal about Jordan's sleep; the school action needs a date before the review", returnEntry["summary"]!.GetValue<string>());
        var approveEntry = Assert.Single(chronology, i => i!["kind"]!.GetValue<string>() == PlansChronology.Approved)!;
        Assert.Equal("Plan version 2 approved: in force", approveEntry["summary"]!.GetValue<string>());
        Assert.Contains(chronology, i => i!["kind"]!.GetValue<string>() == PlansChronology.PlanAgreed
            && i["summary"]!.GetValue<string>() == "Plan version 1 agreed: 1 goal; review 18 Jan 2027; for a supervisor's approval");
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == team.Supervisor.UserName)
            .Select(e => new { e.Action, e.EntityId, e.Details }).ToListAsync());
        Assert.Contains(events, e => e.Action == AuditActions.PlanReturned && e.EntityId == first["id"]!.GetValue<string>() && e.Details!.Contains("comment=Add a goal", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Action == AuditActions.PlanApproved && e.EntityId == second["id"]!.GetValue<string>() && e.Details!.Contains("tasks=1", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Action == AuditActions.TaskCreated && e.EntityId == taskId.ToString());
    }

    [Fact]
    public async Task A_named_practitioner_who_is_not_a_supervisor_may_not_decide_and_nothing_changes()
    {
        var (teamId, _) = await app.CreateTeamAsync();
        var author = await app.CreateUserAsync(Roles.Practitioner, teamId);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, teamId);
        var api = await app.ClientForAsync(author);
        var person = await api.CreatePersonAsync();
        var caseId = (await api.CreateCaseAsync(person, author.UserName, restricted: true, service: ApprovalService, restrictedTo: [author.UserName, colleague.UserName]))["id"]!.GetValue<Guid>();
        var plan = await AgreeAsync(api, caseId, PlansApiTests.Plan("Mum"));
        var colleagueApi = await app.ClientForAsync(colleague);
        await (await DecideAsync(colleagueApi, caseId, plan, approve: true)).ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Equal(PlanApproval.Pending, await app.WithDbAsync(db => db.Set<Plan>().Where(p => p.Id == plan["id"]!.GetValue<Guid>()).Select(p => p.Approval).SingleAsync()));
        // A plan of another case, or none: 404.
        await (await colleagueApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{Guid.NewGuid()}/decision", new { approve = true })).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Where_the_service_needs_no_approval_a_plan_is_in_force_at_once_and_a_supervisors_own_plan_is_approved_as_agreed()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var plan = await AgreeAsync(team.PractitionerApi, team.CaseId, PlansApiTests.Plan("Mum"));
        Assert.Equal("in-force", Status(plan));
        Assert.Null(plan["approval"]);
        await (await DecideAsync(team.SupervisorApi, team.CaseId, plan, approve: true)).ShouldBeAsync(HttpStatusCode.Conflict);

        var needing = await SupervisedTeam.CreateAsync(app, service: ApprovalService);
        var own = await AgreeAsync(needing.SupervisorApi, needing.CaseId, PlansApiTests.Plan("Mum"));
        Assert.Equal(("in-force", "approved"), (Status(own), own["approval"]!["status"]!.GetValue<string>()));
        Assert.Equal("in-force", Status((await PlansAsync(needing.PractitionerApi, needing.CaseId))["current"]!));
    }

    [Fact]
    public async Task The_supervisor_decides_on_the_plan_page_without_javascript_and_finds_the_plan_on_the_team_page()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: ApprovalService);
        var plan = await AgreeAsync(team.PractitionerApi, team.CaseId, PlansApiTests.Plan("Mum"));
        var planPath = $"/Cases/{team.CaseId}/Plan";
        var decisionPath = $"{planPath}/{plan["id"]}/Decision";

        using var practitioner = await PageClient.SignInAsync(app, team.Practitioner);
        var theirs = await practitioner.GetStringAsync(new Uri(planPath, UriKind.Relative));
        Assert.Contains("data-testid=\"plan-awaiting-approval\"", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"plan-decision\"", theirs, StringComparison.Ordinal);
        var refused = await practitioner.GetAsync(new Uri(decisionPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var supervisor = await PageClient.SignInAsync(app, team.Supervisor);
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;
        var teamPage = await supervisor.GetStringAsync(new Uri("/Team", UriKind.Relative));
        Assert.Contains("data-testid=\"plans-awaiting\"", teamPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"{planPath}?version=1\"", teamPage, StringComparison.Ordinal);
        var view = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > before && e.UserName == team.Supervisor.UserName && e.Route == "GET /Team").ToListAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(x => x.AuditEventId == view.Id && x.CaseId == team.CaseId)));

        var page = await supervisor.GetStringAsync(new Uri(planPath, UriKind.Relative));
        Assert.Contains("Awaiting your approval", page, StringComparison.Ordinal);
        Assert.Contains($"action=\"{decisionPath}\"", page, StringComparison.Ordinal);
        var empty = await supervisor.PostFormAsync(decisionPath, new() { ["Decision"] = "return", ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter why you are returning the plan", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PlanApproval.Pending, await app.WithDbAsync(db => db.Set<Plan>().Where(p => p.CaseId == team.CaseId).Select(p => p.Approval).SingleAsync()));

        var returned = await supervisor.PostFormAsync(decisionPath, new() { ["Decision"] = "return", ["Comment"] = "Agree the goal's words with Jordan first" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var seen = await practitioner.GetStringAsync(new Uri(planPath, UriKind.Relative));
        Assert.Contains("data-testid=\"plan-returned\"", seen, StringComparison.Ordinal);
        Assert.Contains("Agree the goal&#x27;s words with Jordan first", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"plans-awaiting\"", await supervisor.GetStringAsync(new Uri("/Team", UriKind.Relative)), StringComparison.Ordinal);

        var second = await AgreeAsync(team.PractitionerApi, team.CaseId, PlansApiTests.Plan("Mum"));
        var approved = await supervisor.PostFormAsync($"{planPath}/{second["id"]}/Decision", new() { ["Decision"] = "approve" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(PlanApproval.Approved, await app.WithDbAsync(db => db.Set<Plan>().Where(p => p.Id == second["id"]!.GetValue<Guid>()).Select(p => p.Approval).SingleAsync()));
        Assert.Contains("data-testid=\"plan-status\">In force", await practitioner.GetStringAsync(new Uri(planPath, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_page_lists_the_teams_recent_feedback_as_one_audited_list_view()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var feedback = FeedbackTests.Feedback();
        feedback["helped"] = "Someone to ring when the mornings went wrong";
        await (await team.PractitionerApi.PostAsJsonAsync($"/api/v1/cases/{team.CaseId}/feedback", feedback)).ShouldBeAsync(HttpStatusCode.Created);
        var other = await SupervisedTeam.CreateAsync(app);
        var elsewhere = FeedbackTests.Feedback();
        elsewhere["helped"] = "A different team's family";
        await (await other.PractitionerApi.PostAsJsonAsync($"/api/v1/cases/{other.CaseId}/feedback", elsewhere)).ShouldBeAsync(HttpStatusCode.Created);

        using var supervisor = await PageClient.SignInAsync(app, team.Supervisor);
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;
        var page = await supervisor.GetStringAsync(new Uri("/Team", UriKind.Relative));
        Assert.Contains("data-testid=\"team-feedback\"", page, StringComparison.Ordinal);
        Assert.Contains("Someone to ring when the mornings went wrong", page, StringComparison.Ordinal);
        Assert.DoesNotContain("A different team&#x27;s family", page, StringComparison.Ordinal);
        var view = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > before && e.UserName == team.Supervisor.UserName && e.Route == "GET /Team").ToListAsync()));
        Assert.Equal(AuditTrail.ListEntityType, view.EntityType);
        Assert.True(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(x => x.AuditEventId == view.Id && x.CaseId == team.CaseId)));
        Assert.False(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(x => x.AuditEventId == view.Id && x.CaseId == other.CaseId)));
    }
}

public sealed class PlanApprovalTests_Sqlite(SqliteApp app) : PlanApprovalTests(app);

public sealed class PlanApprovalTests_Postgres(PostgresApp app) : PlanApprovalTests(app);
