using System.Net;
using System.Net.Http.Json;
using Caseload.Data;
using Caseload.Features.Deadlines;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>
/// A deadline command that loses to a concurrent change, on each database: it writes nothing, answers the deadline as
/// stored, and leaves the scope's change tracker clean so the next command in the same scope works from the database.
/// Today is 23 Nov 2026.
/// </summary>
public abstract class DeadlineConcurrencyTests(CaseloadApp app)
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private Task<CaseDeadline> StoredAsync(Guid id) =>
        app.WithDbAsync(db => db.Set<CaseDeadline>().AsNoTracking().Include(d => d.History).SingleAsync(d => d.Id == id));

    private static void AssertIsStored(CaseDeadline stored, Outcome<DeadlineView> outcome)
    {
        Assert.Equal(OutcomeKind.Stale, outcome.Kind);
        var answered = outcome.Value!.Deadline;
        Assert.Equal(
            (stored.Version, stored.StartDate, stored.DueDate, stored.MetOn, stored.PauseReason, stored.PausedFrom, stored.PausedUntil, stored.PausedLength),
            (answered.Version, answered.StartDate, answered.DueDate, answered.MetOn, answered.PauseReason, answered.PausedFrom, answered.PausedUntil, answered.PausedLength));
        Assert.Equal(stored.History.Select(h => h.What).Order(StringComparer.Ordinal), answered.History.Select(h => h.What).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_command_that_loses_to_a_concurrent_change_answers_the_stored_deadline_and_the_next_command_in_the_scope_works_from_it()
    {
        var (team, _) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(owner);
        var caseId = await client.CreateCaseIdAsync(owner.UserName, service: "send");
        // 20 weeks after 1 Sep 2026: 19 Jan 2027.
        var created = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "final-ehc-plan", startDate = "2026-09-01" });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await created.JsonAsync())["id"]!.GetValue<Guid>();
        var url = $"/api/v1/cases/{caseId}/deadlines/{id}";

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var user = (await CurrentUserAccessor.LoadAsync(db, owner.Id))!;

        // The scope pauses the clock (version 2) and so holds the deadline as it wrote it.
        var paused = await deadlines.PauseAsync(user, caseId, id, 1, "Family away from the area", new DateOnly(2026, 11, 2), null);
        Assert.Equal(OutcomeKind.Ok, paused.Kind);

        // Meanwhile another request restarts the clock on 16 Nov (version 3): the plan is due 14 days later, 2 Feb 2027.
        var resumed = await PostAsync(client, $"{url}/resume", new { on = "2026-11-16" }, "\"2\"");
        await resumed.ShouldBeAsync(HttpStatusCode.OK);

        // The scope, still holding version 2, restarts it too: the save loses and answers the deadline as stored.
        var lost = await deadlines.ResumeAsync(user, caseId, id, 2, new DateOnly(2026, 11, 9));
        var stored = await StoredAsync(id);
        Assert.Equal((3, new DateOnly(2027, 2, 2), new DateOnly(2026, 11, 15)), (stored.Version, stored.DueDate, stored.PausedUntil));
        AssertIsStored(stored, lost);
        Assert.Empty(db.ChangeTracker.Entries());
        var audited = await app.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.CaseId == caseId && e.Action == "deadline.resumed"));
        Assert.Equal(1, audited);

        // The next command in the same scope starts from the stored deadline: the corrected start keeps the 14 days paused.
        var changed = await deadlines.ChangeStartAsync(user, caseId, id, 3, new DateOnly(2026, 9, 2), "Request logged a day late");
        Assert.Equal(OutcomeKind.Ok, changed.Kind);
        Assert.Equal((4, new DateOnly(2027, 2, 3)), (changed.Value!.Deadline.Version, changed.Value.Deadline.DueDate));
        stored = await StoredAsync(id);
        Assert.Equal((4, new DateOnly(2027, 2, 3)), (stored.Version, stored.DueDate));

        // Recording it met takes no version, so only the save can find the concurrent change; it too answers what is stored.
        var corrected = await client.PatchJsonAsync(url, new { startDate = "2026-09-03", reason = "Request logged two days late" }, "\"4\"");
        await corrected.ShouldBeAsync(HttpStatusCode.OK);
        var metLost = await deadlines.MeetAsync(user, caseId, id, null, null);
        AssertIsStored(await StoredAsync(id), metLost);
        Assert.Null(metLost.Value!.Deadline.MetOn);
        Assert.Empty(db.ChangeTracker.Entries());

        var met = await deadlines.MeetAsync(user, caseId, id, null, null);
        Assert.Equal(OutcomeKind.Ok, met.Kind);
        stored = await StoredAsync(id);
        Assert.Equal((6, new DateOnly(2026, 11, 23)), (stored.Version, stored.MetOn));
    }
}

public sealed class DeadlineConcurrencyTests_Sqlite(SqliteApp app) : DeadlineConcurrencyTests(app);

public sealed class DeadlineConcurrencyTests_Postgres(PostgresApp app) : DeadlineConcurrencyTests(app);
