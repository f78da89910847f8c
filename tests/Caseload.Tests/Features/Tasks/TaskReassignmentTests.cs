using System.Net;
using Caseload.Features.Cases;
using Caseload.Features.Tasks;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Features.Tasks;

/// <summary>Handing a task to another owner: the owner or a supervisor of the case, with the reason, kept and audited; never a silent overwrite.</summary>
public abstract class TaskReassignmentTests(CaseloadApp app)
{
    private sealed record Arranged(TestUser Owner, HttpClient OwnerApi, TestUser Supervisor, Guid CaseId, Guid TaskId);

    private async Task<Arranged> ArrangeAsync()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(owner);
        var caseId = await api.CreateCaseIdAsync(owner.UserName);
        await api.CreateNoteAsync(caseId, NoteApi.Note().With("nextSteps", new[] { new { action = "Ring the school nurse", owner = owner.UserName, dueOn = "2026-11-27" } }));
        var taskId = await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.CaseId == caseId).Select(t => t.Id).SingleAsync());
        return new Arranged(owner, api, supervisor, caseId, taskId);
    }

    private static Task<HttpResponseMessage> ReassignAsync(HttpClient client, Guid taskId, object body, string? ifMatch = "\"1\"") =>
        client.PostJsonAsync($"/api/v1/tasks/{taskId}/reassign", body, ifMatch);

    [Fact]
    public async Task The_owner_hands_a_task_to_a_colleague_on_the_case_with_the_reason_kept_shown_and_audited()
    {
        var a = await ArrangeAsync();
        var response = await ReassignAsync(a.OwnerApi, a.TaskId, new { owner = a.Supervisor.UserName, reason = "I am on leave next week" });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);

        var supervisorTasks = (await (await (await app.ClientForAsync(a.Supervisor)).GetAsync("/api/v1/tasks")).JsonAsync()).AsArray();
        Assert.Equal("Ring the school nurse", Assert.Single(supervisorTasks)!["action"]!.GetValue<string>());
        Assert.Empty((await (await a.OwnerApi.GetAsync("/api/v1/tasks")).JsonAsync()).AsArray());

        var record = await app.WithDbAsync(db => db.Set<CaseTaskReassignment>().SingleAsync(r => r.TaskId == a.TaskId));
        Assert.Equal((a.Owner.Id, a.Supervisor.Id, a.Owner.UserName, "I am on leave next week", CaseloadApp.Start), (record.FromOwnerId, record.ToOwnerId, record.ByName, record.Reason, record.At));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.TaskReassigned && e.CaseId == a.CaseId && e.UserName == a.Owner.UserName)));

        using var browser = await PageClient.SignInAsync(app, a.Owner);
        var casePage = await browser.GetStringAsync(new Uri($"/Cases/{a.CaseId}", UriKind.Relative));
        Assert.Contains($"to {record.ToOwnerName} by {a.Owner.UserName}", casePage, StringComparison.Ordinal);
        Assert.Contains("I am on leave next week", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_or_missing_etag_and_bad_input_are_refused_and_change_nothing()
    {
        var a = await ArrangeAsync();
        await (await ReassignAsync(a.OwnerApi, a.TaskId, new { owner = a.Supervisor.UserName, reason = "x" }, ifMatch: null)).ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        await (await ReassignAsync(a.OwnerApi, a.TaskId, new { owner = a.Supervisor.UserName, reason = "x" }, ifMatch: "\"7\"")).ShouldBeAsync(HttpStatusCode.PreconditionFailed);

        var empty = await ReassignAsync(a.OwnerApi, a.TaskId, new { owner = "", reason = " " });
        await empty.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await empty.JsonAsync())["errors"]!;
        Assert.Equal("Select who will do the task", errors["owner"]![0]!.GetValue<string>());
        Assert.Equal("Enter why you are reassigning the task", errors["reason"]![0]!.GetValue<string>());

        var stranger = await app.CreateUserAsync(Roles.Practitioner);
        var cannotSee = await ReassignAsync(a.OwnerApi, a.TaskId, new { owner = stranger.UserName, reason = "Covering" });
        await cannotSee.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("cannot see this case", (await cannotSee.JsonAsync())["errors"]!["owner"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var self = await ReassignAsync(a.OwnerApi, a.TaskId, new { owner = a.Owner.UserName, reason = "No change" });
        await self.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        var task = await app.WithDbAsync(db => db.Set<CaseTask>().SingleAsync(t => t.Id == a.TaskId));
        Assert.Equal((a.Owner.Id, 1), (task.OwnerId, task.Version));
        Assert.False(await app.WithDbAsync(db => db.Set<CaseTaskReassignment>().AnyAsync(r => r.TaskId == a.TaskId)));
    }

    [Fact]
    public async Task A_supervisor_of_the_case_reassigns_but_a_co_worker_who_does_not_own_the_task_may_not_and_a_stranger_gets_404()
    {
        var a = await ArrangeAsync();
        var coWorker = await app.CreateUserAsync(Roles.Practitioner, a.Owner.TeamId);
        await app.WithDbAsync(async db =>
        {
            db.CaseCoWorkers.Add(new CaseCoWorker { CaseId = a.CaseId, UserId = coWorker.Id });
            return await db.SaveChangesAsync();
        });

        var forbidden = await ReassignAsync(await app.ClientForAsync(coWorker), a.TaskId, new { owner = coWorker.UserName, reason = "I will do it" });
        await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
        var unseen = await ReassignAsync(await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner)), a.TaskId, new { owner = coWorker.UserName, reason = "x" });
        await unseen.ShouldBeAsync(HttpStatusCode.NotFound);

        var bySupervisor = await ReassignAsync(await app.ClientForAsync(a.Supervisor), a.TaskId, new { owner = coWorker.UserName, reason = "Balancing the team's workload" });
        await bySupervisor.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(coWorker.Id, await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.Id == a.TaskId).Select(t => t.OwnerId).SingleAsync()));
    }

    [Fact]
    public async Task The_reassign_page_works_without_javascript_and_names_what_is_missing()
    {
        var a = await ArrangeAsync();
        using var browser = await PageClient.SignInAsync(app, a.Owner);
        var url = $"/Tasks/{a.TaskId}/Reassign";
        var form = await browser.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains($"value=\"{a.Supervisor.UserName}\"", form, StringComparison.Ordinal);

        var missing = await browser.PostFormAsync(url, new() { ["Owner"] = a.Supervisor.UserName, ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Enter why you are reassigning the task", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await browser.PostFormAsync(url, new() { ["Owner"] = a.Supervisor.UserName, ["Reason"] = "Needs a manager's call" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(a.Supervisor.Id, await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.Id == a.TaskId).Select(t => t.OwnerId).SingleAsync()));

        // A form from before the handover is refused rather than overwriting it.
        var stale = await browser.PostFormAsync(url, new() { ["Owner"] = a.Owner.UserName, ["Reason"] = "Taking it back", ["Version"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Someone else changed this task", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(a.Supervisor.Id, await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.Id == a.TaskId).Select(t => t.OwnerId).SingleAsync()));
    }
}

public sealed class TaskReassignmentTests_Sqlite(SqliteApp app) : TaskReassignmentTests(app);

public sealed class TaskReassignmentTests_Postgres(PostgresApp app) : TaskReassignmentTests(app);
