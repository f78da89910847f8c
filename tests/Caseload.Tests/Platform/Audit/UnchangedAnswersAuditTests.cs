using System.Net;
using System.Net.Http.Json;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Platform.Audit;

/// <summary>
/// Every answer that carries case, person or note data leaves an audit event, including writes that changed nothing and
/// refused writes that show the current record: the case scope records a read when the handler saved nothing.
/// </summary>
public abstract class UnchangedAnswersAuditTests(CaseloadApp app)
{
    private Task<List<AuditEvent>> EventsAsync(TestUser user, Func<AuditEvent, bool> about) =>
        app.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => e.UserName == user.UserName).ToListAsync()).Where(about).ToList());

    [Fact]
    public async Task A_patch_that_changes_nothing_still_records_that_the_case_was_read()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(p);
        var caseId = await api.CreateCaseIdAsync(p.UserName);
        var etag = (await api.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).Headers.ETag!.Tag;

        var response = await api.PatchJsonAsync($"/api/v1/cases/{caseId}", new { risk = "amber", expectedContactEveryWorkingDays = 10 }, etag);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(caseId, (await response.JsonAsync())["id"]!.GetValue<Guid>());

        var events = await EventsAsync(p, e => e.Route == $"PATCH /api/v1/cases/{caseId}");
        var read = Assert.Single(events);
        Assert.Equal(AuditActions.CaseViewed, read.Action);
        Assert.Equal(caseId, read.CaseId);
        Assert.NotNull(read.PersonId);
    }

    [Fact]
    public async Task A_characteristics_change_that_changes_nothing_still_records_that_the_person_was_read()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(p);
        var personId = await api.CreatePersonAsync("Ola", "Nowak", "2013-02-02", "young-carer");
        await api.CreateCaseAsync(personId, p.UserName);

        var response = await api.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics",
            new { add = new[] { "young-carer" }, remove = new[] { "disability" }, reason = "Checked at the review" });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("Ola", (await response.JsonAsync())["givenName"]!.GetValue<string>());

        var read = Assert.Single(await EventsAsync(p, e => e.Route == $"POST /api/v1/people/{personId}/characteristics"));
        Assert.Equal(AuditActions.PersonViewed, read.Action);
        Assert.Equal(personId, read.PersonId);
    }

    [Fact]
    public async Task A_stale_note_amendment_answers_412_with_the_current_note_and_records_the_read()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(p);
        var caseId = await api.CreateCaseIdAsync(p.UserName);
        var noteId = (await api.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var url = $"/api/v1/cases/{caseId}/notes/{noteId}/amendments";
        await (await api.PostJsonAsync(url, NoteApi.Note("Home visit. Mum, Jordan and Grandad present.").With("reason", "Added who was present"), "\"1\""))
            .ShouldBeAsync(HttpStatusCode.Created);

        var stale = await api.PostJsonAsync(url, NoteApi.Note("Home visit. Mum and Jordan present.").With("reason", "Corrected the time"), "\"1\"");
        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("Grandad", (await stale.JsonAsync())["current"]!.ToJsonString(), StringComparison.Ordinal);

        var events = await EventsAsync(p, e => e.Route == $"POST {url}");
        Assert.Contains(events, e => e.Action == AuditActions.NoteAmended);
        Assert.Equal(2, events.Count);
        var read = Assert.Single(events, e => e.Action != AuditActions.NoteAmended);
        Assert.Equal(caseId, read.CaseId);
    }

    [Fact]
    public async Task An_event_only_staged_does_not_count_as_recorded_until_it_is_saved()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var trail = new AuditTrail(db, new HttpContextAccessor(), TimeProvider.System);
        var user = new CurrentUser("u-staged", "staged.user", "Staged", new HashSet<string>(), null, [], []);
        var caseId = Guid.NewGuid();
        var personId = Guid.NewGuid();

        trail.Add(user, AuditActions.CaseUpdated, "case", caseId.ToString(), caseId, personId);
        Assert.False(trail.HasRecordedCase(caseId));
        Assert.False(trail.HasRecordedPerson(personId));
        db.ChangeTracker.Clear(); // the handler gave up: its write and the event with it are dropped
        Assert.False(trail.HasRecordedCase(caseId));

        await trail.RecordReadAsync(user, AuditActions.CaseViewed, "case", caseId.ToString(), caseId, personId);
        Assert.True(trail.HasRecordedCase(caseId));
        Assert.True(trail.HasRecordedPerson(personId));
    }
}

public sealed class UnchangedAnswersAuditTests_Sqlite(SqliteApp app) : UnchangedAnswersAuditTests(app);

public sealed class UnchangedAnswersAuditTests_Postgres(PostgresApp app) : UnchangedAnswersAuditTests(app);
