using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Capacity;

/// <summary>
/// Actions agreed in answer to a capacity escalation are tasks for their owners, without a case: on the owner's tasks (API and
/// My tasks) with their due date and escalation, closed by the owner alone with an outcome, audited; on both databases.
/// </summary>
public abstract class EscalationActionTaskTests(CaseloadApp app)
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A concern raised by the team's practitioner and answered by their supervisor with one action for <paramref name="owner"/>.</summary>
    private async Task<(Guid EscalationId, JsonNode Action)> AnsweredAsync(SupervisedTeam team, string owner, string action = "Agree which court case the co-worker takes")
    {
        var raised = await team.PractitionerApi.PostAsJsonAsync("/api/v1/escalations", new { reason = "A second court case this week and I cannot keep up" });
        await raised.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await raised.JsonAsync())["id"]!.GetValue<Guid>();
        var answered = await team.SupervisorApi.PostAsJsonAsync($"/api/v1/escalations/{id}/response", new
        {
            decision = "additional-support", rationale = "A co-worker on the court cases for a month",
            actions = new[] { new { action, owner, dueOn = Today.AddDays(7) } },
        });
        await answered.ShouldBeAsync(HttpStatusCode.OK);
        return (id, (await answered.JsonAsync())["actions"]![0]!);
    }

    private static Task<HttpResponseMessage> CloseAsync(HttpClient api, Guid taskId, object body) =>
        api.PostAsJsonAsync($"/api/v1/escalations/actions/{taskId}/outcome", body);

    [Fact]
    public async Task An_action_is_on_its_owners_tasks_with_its_due_date_and_escalation_and_no_case()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var (escalationId, action) = await AnsweredAsync(team, team.Practitioner.UserName);
        var taskId = action["id"]!.GetValue<Guid>();
        Assert.Equal("open", action["status"]!.GetValue<string>());

        var mine = (await (await team.PractitionerApi.GetAsync("/api/v1/tasks")).JsonAsync()).AsArray();
        var task = Assert.Single(mine, t => t!["id"]!.GetValue<Guid>() == taskId)!;
        Assert.Equal("escalation-action", task["kind"]!.GetValue<string>());
        Assert.Equal(escalationId, task["escalationId"]!.GetValue<Guid>());
        Assert.Null(task["caseId"]);
        Assert.Equal(Today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), task["dueOn"]!.GetValue<string>());
        Assert.Equal("open", task["status"]!.GetValue<string>());
        // Not on anyone else's.
        var theirs = (await (await team.SupervisorApi.GetAsync("/api/v1/tasks")).JsonAsync()).AsArray();
        Assert.DoesNotContain(theirs, t => t!["id"]!.GetValue<Guid>() == taskId);

        using var browser = await PageClient.SignInAsync(app, team.Practitioner);
        var page = await browser.GetStringAsync(new Uri("/Tasks", UriKind.Relative));
        Assert.Contains("Agree which court case the co-worker takes", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Capacity/Escalations/{escalationId}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Capacity/Escalations/Actions/{taskId}/Outcome\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_outside_the_escalation_sees_it_and_nobody_else_does()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var (otherTeam, _) = await app.CreateTeamAsync();
        var colleague = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var stranger = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var (escalationId, _) = await AnsweredAsync(team, colleague.UserName);
        await (await (await app.ClientForAsync(colleague)).GetAsync($"/api/v1/escalations/{escalationId}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await (await app.ClientForAsync(stranger)).GetAsync($"/api/v1/escalations/{escalationId}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_owner_closes_it_with_an_outcome_once_and_it_is_audited()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var (otherTeam, _) = await app.CreateTeamAsync();
        var stranger = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var (escalationId, action) = await AnsweredAsync(team, team.Practitioner.UserName);
        var taskId = action["id"]!.GetValue<Guid>();
        var done = new { status = "done", outcome = "Jo Bell takes the Smith case from Monday" };

        // The supervisor sees the escalation but does not own the action; a stranger is told it does not exist.
        await (await CloseAsync(team.SupervisorApi, taskId, done)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await CloseAsync(await app.ClientForAsync(stranger), taskId, done)).ShouldBeAsync(HttpStatusCode.NotFound);
        var noOutcome = await CloseAsync(team.PractitionerApi, taskId, new { status = "not-done" });
        await noOutcome.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await noOutcome.JsonAsync())["errors"]!["outcome"]);
        var badStatus = await CloseAsync(team.PractitionerApi, taskId, new { status = "finished", outcome = "x" });
        await badStatus.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await badStatus.JsonAsync())["errors"]!["status"]);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/escalations/actions/{taskId}/outcome") { Content = JsonContent.Create(done) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await (await team.PractitionerApi.SendAsync(stale)).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.EscalationActionClosed && e.EntityId == taskId.ToString())));

        var closed = await CloseAsync(team.PractitionerApi, taskId, done);
        await closed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await closed.JsonAsync();
        Assert.Equal("done", body["status"]!.GetValue<string>());
        Assert.Equal("Jo Bell takes the Smith case from Monday", body["outcome"]!.GetValue<string>());
        await (await CloseAsync(team.PractitionerApi, taskId, done)).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        var escalation = await (await team.SupervisorApi.GetAsync($"/api/v1/escalations/{escalationId}")).JsonAsync();
        Assert.Equal("done", escalation["actions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("Jo Bell takes the Smith case from Monday", escalation["actions"]![0]!["outcome"]!.GetValue<string>());
        var audited = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditActions.EscalationActionClosed && e.EntityId == taskId.ToString()));
        Assert.Equal(team.Practitioner.UserName, audited.UserName);
        Assert.Contains("status=done", audited.Details!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outcome_page_is_the_owners_and_an_empty_form_is_refused_with_an_error_summary()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var (_, action) = await AnsweredAsync(team, team.Practitioner.UserName);
        var url = $"/Capacity/Escalations/Actions/{action["id"]!.GetValue<Guid>()}/Outcome";
        using var supervisor = await PageClient.SignInAsync(app, team.Supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);

        using var owner = await PageClient.SignInAsync(app, team.Practitioner);
        var empty = await owner.PostFormAsync(url, new() { ["Outcome"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Select whether the action was done", html, StringComparison.Ordinal);

        var saved = await owner.PostFormAsync(url, new() { ["Status"] = "not-done", ["Outcome"] = "No co-worker free until January" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await owner.GetStringAsync(new Uri("/Tasks", UriKind.Relative));
        Assert.Contains("No co-worker free until January", page, StringComparison.Ordinal);
    }
}

public sealed class EscalationActionTaskTests_Sqlite(SqliteApp app) : EscalationActionTaskTests(app);

public sealed class EscalationActionTaskTests_Postgres(PostgresApp app) : EscalationActionTaskTests(app);
