using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Notes;
using Caseload.Features.Tasks;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Features.Notes;

public abstract class NotesApiTests(CaseloadApp app)
{
    private async Task<(TestUser Practitioner, HttpClient Client, Guid CaseId, TestUser Supervisor)> CaseAsync(bool restricted = false)
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(practitioner);
        var caseId = await client.CreateCaseIdAsync(practitioner.UserName, restricted);
        return (practitioner, client, caseId, supervisor);
    }

    [Fact]
    public async Task Recording_a_note_answers_201_with_the_server_time_as_recorded_at_and_audits_it_in_the_same_commit()
    {
        var (p, client, caseId, _) = await CaseAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note());

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/cases/{caseId}/notes/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        var current = body["current"]!;
        Assert.Equal(CaseloadApp.Start, current["recordedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), current["occurredAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("home-visit", current["type"]!.GetValue<string>());
        Assert.False(current["lateEntry"]!.GetValue<bool>());
        Assert.True(current["confidentialityExplained"]!.GetValue<bool>());
        Assert.Equal("no-findings", current["objectivity"]!["review"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.Action == AuditActions.NoteCreated && e.EntityId == id.ToString() && e.UserName == p.UserName)));
    }

    [Fact]
    public async Task A_client_cannot_set_when_a_note_was_recorded()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note().With("recordedAt", "2026-01-01T09:00:00Z"));
        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]!["recordedAt"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.CaseId == caseId)));
    }

    [Fact]
    public async Task A_note_dated_in_the_future_is_refused()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note(occurredAt: "2026-11-23T11:00:00Z"));
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync())["errors"]!;
        Assert.Equal("The date and time it happened must be now or in the past", errors["occurredAt"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_note_written_more_than_24_hours_after_the_event_is_a_late_entry_that_needs_a_reason()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var late = NoteApi.Note(occurredAt: "2026-11-20T15:30:00Z");
        var noReason = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", late);
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("more than 24 hours", (await noReason.JsonAsync())["errors"]!["lateEntryReason"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var body = await client.CreateNoteAsync(caseId, late.With("lateEntryReason", "Off sick from 21 to 22 November"));
        Assert.True(body["current"]!["lateEntry"]!.GetValue<bool>());
        Assert.Equal("Off sick from 21 to 22 November", body["current"]!["lateEntryReason"]!.GetValue<string>());

        // Within 24 hours it is not late, and a reason given anyway is not kept.
        var onTime = await client.CreateNoteAsync(caseId, NoteApi.Note(occurredAt: "2026-11-22T10:30:00Z").With("lateEntryReason", "Not needed"));
        Assert.False(onTime["current"]!["lateEntry"]!.GetValue<bool>());
        Assert.Null(onTime["current"]!["lateEntryReason"]);
    }

    [Fact]
    public async Task Occurred_at_without_an_offset_is_uk_local_time()
    {
        var (_, client, caseId, _) = await CaseAsync();
        // 1 July is in British Summer Time: 14:30 in the UK is 13:30 UTC.
        var body = await client.CreateNoteAsync(caseId, NoteApi.Note(occurredAt: "2026-07-01T14:30:00").With("lateEntryReason", "Recorded from paper notes found in the file"));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 13, 30, 0, TimeSpan.Zero), body["current"]!["occurredAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Missing_and_overlong_fields_answer_422_naming_each_field_in_govuk_words()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", new Dictionary<string, object?>
        {
            ["type"] = "home-visit",
            ["occurredAt"] = "2026-11-23T09:00:00Z",
            ["whatWasDone"] = new string('a', NoteRules.MaxWhatWasDoneLength + 1),
        });
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var body = await response.JsonAsync();
        Assert.Equal("validation-failed", body["errorCode"]!.GetValue<string>());
        Assert.Equal("Enter what happened", body["errors"]!["whatHappened"]![0]!.GetValue<string>());
        Assert.Equal("Enter who was present or spoken to", body["errors"]!["presentAndSpokenTo"]![0]!.GetValue<string>());
        Assert.Equal("What was done must be 10,000 characters or fewer", body["errors"]!["whatWasDone"]![0]!.GetValue<string>());

        var unknownType = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note(type: "gossip"));
        await unknownType.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknownType.JsonAsync())["errors"]!["type"]);
    }

    [Fact]
    public async Task Malformed_input_answers_400_naming_the_field()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var badDate = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note(occurredAt: "23/11/2026 09:00"));
        await badDate.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await badDate.JsonAsync())["errors"]!["occurredAt"]);

        var wrongType = await client.PostJsonTextAsync($"/api/v1/cases/{caseId}/notes", """{"type":"home-visit","safeguardingConcern":"yes"}""");
        await wrongType.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await wrongType.JsonAsync())["errors"]!["safeguardingConcern"]);
    }

    [Fact]
    public async Task An_amendment_is_a_new_version_with_its_reason_and_the_original_stays_readable_as_superseded()
    {
        var (p, client, caseId, _) = await CaseAsync();
        var created = await client.CreateNoteAsync(caseId);
        var noteId = created["id"]!.GetValue<Guid>();

        var amended = await client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Home visit. Mum, Jordan (9) and his sister Amy (4) present. Jordan showed me his bedroom; there was a bed with clean bedding.")
                .With("reason", "Amy was present too; I left her out by mistake"), "\"1\"");

        await amended.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("\"2\"", amended.Headers.ETag!.Tag);
        var body = await amended.JsonAsync();
        Assert.True(body["amended"]!.GetValue<bool>());
        var versions = body["versions"]!.AsArray();
        Assert.Equal(2, versions.Count);
        Assert.True(versions[0]!["superseded"]!.GetValue<bool>());
        Assert.DoesNotContain("Amy", versions[0]!["whatHappened"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(versions[1]!["superseded"]!.GetValue<bool>());
        Assert.Equal("Amy was present too; I left her out by mistake", versions[1]!["amendmentReason"]!.GetValue<string>());
        Assert.Contains("Amy", body["current"]!["whatHappened"]!.GetValue<string>(), StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], stored.Select(v => v.Number));
        Assert.Equal(created["current"]!["whatHappened"]!.GetValue<string>(), stored[0].WhatHappened);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.Action == AuditActions.NoteAmended && e.UserName == p.UserName)));
    }

    [Fact]
    public async Task An_amendment_needs_if_match_and_a_reason()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var noteId = (await client.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var url = $"/api/v1/cases/{caseId}/notes/{noteId}/amendments";

        await (await client.PostJsonAsync(url, NoteApi.Note().With("reason", "Typo"), null)).ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        var noReason = await client.PostJsonAsync(url, NoteApi.Note(), "\"1\"");
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Enter why you are amending the note", (await noReason.JsonAsync())["errors"]!["reason"]![0]!.GetValue<string>());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.NoteId == noteId)));
    }

    [Fact]
    public async Task A_stale_amendment_gets_412_with_the_current_version_and_never_overwrites()
    {
        var (_, client, caseId, supervisor) = await CaseAsync();
        var noteId = (await client.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var url = $"/api/v1/cases/{caseId}/notes/{noteId}/amendments";
        var sup = await app.ClientForAsync(supervisor);

        var first = await sup.PostJsonAsync(url, NoteApi.Note("Home visit. Mum and Jordan present; Jordan's bedroom had a bed with clean bedding.").With("reason", "Clearer wording"), "\"1\"");
        await first.ShouldBeAsync(HttpStatusCode.Created);
        var second = await client.PostJsonAsync(url, NoteApi.Note("Home visit with mum, Jordan and the dog.").With("reason", "Added the dog"), "\"1\"");

        await second.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var problem = await second.JsonAsync();
        Assert.Equal("stale-etag", problem["errorCode"]!.GetValue<string>());
        Assert.Equal("\"2\"", problem["currentETag"]!.GetValue<string>());
        Assert.Equal("Clearer wording", problem["current"]!["current"]!["amendmentReason"]!.GetValue<string>());
        var versions = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).ToListAsync());
        Assert.Equal(2, versions.Count);
        Assert.DoesNotContain(versions, v => v.WhatHappened.Contains("dog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_amendments_with_the_same_etag_never_both_succeed()
    {
        var (p, client, caseId, _) = await CaseAsync();
        var noteId = (await client.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var url = $"/api/v1/cases/{caseId}/notes/{noteId}/amendments";
        var other = await app.ClientForAsync(p);

        var results = await Task.WhenAll(
            client.PostJsonAsync(url, NoteApi.Note("Home visit, first amendment.").With("reason", "First"), "\"1\""),
            other.PostJsonAsync(url, NoteApi.Note("Home visit, second amendment.").With("reason", "Second"), "\"1\""));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.NoteId == noteId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.NoteId == noteId && v.IsCurrent)));
    }

    [Fact]
    public async Task A_note_on_the_wrong_case_is_struck_through_with_a_reason_and_stays_readable()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var noteId = (await client.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var url = $"/api/v1/cases/{caseId}/notes/{noteId}/strike-through";

        var noReason = await client.PostJsonTextAsync(url, "{}");
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        var struck = await client.PostJsonTextAsync(url, """{"reason":"Entered on the wrong child's case: belongs to Jordan's cousin"}""");
        await struck.ShouldBeAsync(HttpStatusCode.OK);
        var body = await struck.JsonAsync();
        Assert.Equal("Entered on the wrong child's case: belongs to Jordan's cousin", body["struckThrough"]!["reason"]!.GetValue<string>());
        Assert.Equal("\"2\"", struck.Headers.ETag!.Tag);

        var list = await (await client.GetAsync($"/api/v1/cases/{caseId}/notes")).JsonAsync();
        var listed = Assert.Single(list["items"]!.AsArray());
        Assert.NotNull(listed!["struckThrough"]);
        Assert.NotEmpty(listed["current"]!["whatHappened"]!.GetValue<string>());

        var amend = await client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments", NoteApi.Note().With("reason", "Fix"), "\"2\"");
        await amend.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.Id == noteId)));
    }

    [Fact]
    public async Task The_list_is_newest_first_by_when_it_happened_filters_by_type_and_day_and_is_audited_as_a_read_of_the_case()
    {
        var (p, client, caseId, _) = await CaseAsync();
        await client.CreateNoteAsync(caseId, NoteApi.Note(occurredAt: "2026-11-22T16:00:00Z", type: "phone-call"));
        await client.CreateNoteAsync(caseId, NoteApi.Note(occurredAt: "2026-11-23T08:00:00Z"));
        await client.CreateNoteAsync(caseId, NoteApi.Note(occurredAt: "2026-11-10T10:00:00Z", type: "observation").With("lateEntryReason", "Typed up from handwritten notes"));

        var all = await (await client.GetAsync($"/api/v1/cases/{caseId}/notes")).JsonAsync();
        Assert.Equal(3, all["total"]!.GetValue<int>());
        Assert.Equal(["home-visit", "phone-call", "observation"], all["items"]!.AsArray().Select(i => i!["current"]!["type"]!.GetValue<string>()));

        var calls = await (await client.GetAsync($"/api/v1/cases/{caseId}/notes?type=phone-call")).JsonAsync();
        Assert.Equal("phone-call", Assert.Single(calls["items"]!.AsArray())!["current"]!["type"]!.GetValue<string>());
        var november22 = await (await client.GetAsync($"/api/v1/cases/{caseId}/notes?from=2026-11-11&to=2026-11-22")).JsonAsync();
        Assert.Equal("phone-call", Assert.Single(november22["items"]!.AsArray())!["current"]!["type"]!.GetValue<string>());

        var bad = await client.GetAsync($"/api/v1/cases/{caseId}/notes?type=gossip&from=22-11-2026");
        await bad.ShouldBeAsync(HttpStatusCode.BadRequest);
        var errors = (await bad.JsonAsync())["errors"]!;
        Assert.NotNull(errors["type"]);
        Assert.NotNull(errors["from"]);

        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == caseId && e.Action == AuditActions.NoteListed && e.UserName == p.UserName)));
    }

    [Fact]
    public async Task Notes_of_a_case_the_user_cannot_see_answer_404_through_every_route_and_reveal_nothing()
    {
        var (_, owner, restrictedCase, _) = await CaseAsync(restricted: true);
        var noteId = (await owner.CreateNoteAsync(restrictedCase))["id"]!.GetValue<Guid>();
        var (outsider, client, _, _) = await CaseAsync();

        await (await client.GetAsync($"/api/v1/cases/{restrictedCase}/notes")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/cases/{restrictedCase}/notes/{noteId}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync($"/api/v1/cases/{restrictedCase}/notes", NoteApi.Note())).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync($"/api/v1/cases/{restrictedCase}/notes/{noteId}/amendments", NoteApi.Note().With("reason", "x"), "\"1\"")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonTextAsync($"/api/v1/cases/{restrictedCase}/notes/{noteId}/strike-through", """{"reason":"x"}""")).ShouldBeAsync(HttpStatusCode.NotFound);
        var missing = await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/notes");
        await missing.ShouldBeAsync(HttpStatusCode.NotFound);

        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.NoteId == noteId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == restrictedCase && e.UserName == outsider.UserName)));
    }

    [Fact]
    public async Task A_note_id_from_another_case_is_not_found_on_this_one()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var otherCase = await client.CreateCaseIdAsync(null);
        var noteId = (await client.CreateNoteAsync(otherCase))["id"]!.GetValue<Guid>();
        await (await client.GetAsync($"/api/v1/cases/{caseId}/notes/{noteId}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_colleague_who_may_see_the_case_but_not_change_it_cannot_amend_someone_elses_note()
    {
        var (team, _) = await app.CreateTeamAsync();
        var author = await app.CreateUserAsync(Roles.Practitioner, team);
        var coWorker = await app.CreateUserAsync(Roles.Practitioner, team);
        var authorClient = await app.ClientForAsync(author);
        var caseId = await authorClient.CreateCaseIdAsync(author.UserName);
        await app.WithDbAsync(async db =>
        {
            db.CaseCoWorkers.Add(new Caseload.Features.Cases.CaseCoWorker { CaseId = caseId, UserId = coWorker.Id });
            return await db.SaveChangesAsync();
        });
        var noteId = (await authorClient.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var co = await app.ClientForAsync(coWorker);

        // A co-worker records their own notes on the case...
        await co.CreateNoteAsync(caseId);
        // ...but does not rewrite the author's.
        var amend = await co.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments", NoteApi.Note().With("reason", "Mine now"), "\"1\"");
        await amend.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_objectivity_check_answers_findings_with_offsets_and_an_empty_list_for_factual_text()
    {
        var (_, client, _, _) = await CaseAsync();
        var factual = await client.PostJsonTextAsync("/api/v1/notes/check", """{"text":"Mum said she feels \"hopeless\". Jordan had a 3 cm bruise on his left forearm."}""");
        await factual.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Empty((await factual.JsonAsync())["findings"]!.AsArray());

        const string text = "Mum is lazy and clearly does not care.";
        var opinion = await client.PostJsonTextAsync("/api/v1/notes/check", $$"""{"text":"{{text}}"}""");
        await opinion.ShouldBeAsync(HttpStatusCode.OK);
        var findings = (await opinion.JsonAsync())["findings"]!.AsArray();
        Assert.Contains(findings, f => f!["category"]!.GetValue<string>() == "judgement" && text.Substring(f["start"]!.GetValue<int>(), f["length"]!.GetValue<int>()) == "lazy");
        Assert.Contains(findings, f => f!["category"]!.GetValue<string>() == "certainty");
        Assert.All(findings, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f!["message"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(f["suggestion"]!.GetValue<string>()));
        });

        await (await client.PostJsonTextAsync("/api/v1/notes/check", "{}")).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostJsonTextAsync("/api/v1/notes/check", """{"text":12}""")).ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_note_with_findings_needs_them_acknowledged_and_records_that_they_were_shown_and_accepted_or_revised()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var judgemental = NoteApi.Note("Home visit. Mum was clearly drunk and the house was disgusting.");

        var refused = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", judgemental);
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.JsonAsync();
        Assert.Equal("objectivity-findings-unacknowledged", problem["errorCode"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["findingsAcknowledged"]);
        Assert.NotEmpty(problem["findings"]!["whatHappened"]!.AsArray());

        var accepted = await client.CreateNoteAsync(caseId, judgemental.With("findingsShown", 2).With("findingsAcknowledged", true));
        Assert.Equal("accepted", accepted["current"]!["objectivity"]!["review"]!.GetValue<string>());
        Assert.True(accepted["current"]!["objectivity"]!["findingsAtSave"]!.GetValue<int>() > 0);

        var revised = await client.CreateNoteAsync(caseId, NoteApi.Note("Home visit. Mum smelled of alcohol and her speech was slurred. There were dirty plates on the floor.").With("findingsShown", 2));
        Assert.Equal("revised", revised["current"]!["objectivity"]!["review"]!.GetValue<string>());
        Assert.Equal(2, revised["current"]!["objectivity"]!["findingsShown"]!.GetValue<int>());
        Assert.Equal(0, revised["current"]!["objectivity"]!["findingsAtSave"]!.GetValue<int>());
    }

    [Fact]
    public async Task Agreed_next_steps_become_tasks_for_their_owners()
    {
        var (p, client, caseId, supervisor) = await CaseAsync();
        var note = NoteApi.Note().With("nextSteps", new[]
        {
            new { action = "Ring the school nurse about Jordan's hearing test", owner = p.UserName, dueOn = "2026-11-27" },
            new { action = "Book a strategy discussion", owner = supervisor.UserName, dueOn = "2026-11-30" },
        });
        var created = await client.CreateNoteAsync(caseId, note);
        var nextSteps = created["current"]!["agreedNextSteps"]!.GetValue<string>();
        Assert.Contains("Ring the school nurse about Jordan's hearing test", nextSteps, StringComparison.Ordinal);
        Assert.Contains("by 27 Nov 2026", nextSteps, StringComparison.Ordinal);

        var mine = (await (await client.GetAsync("/api/v1/tasks")).JsonAsync()).AsArray();
        var task = Assert.Single(mine);
        Assert.Equal("open", task!["status"]!.GetValue<string>());
        Assert.Equal("2026-11-27", task["dueOn"]!.GetValue<string>());
        Assert.Equal(created["id"]!.GetValue<Guid>(), task["noteId"]!.GetValue<Guid>());
        var supervisorTasks = (await (await (await app.ClientForAsync(supervisor)).GetAsync("/api/v1/tasks")).JsonAsync()).AsArray();
        Assert.Equal("Book a strategy discussion", Assert.Single(supervisorTasks)!["action"]!.GetValue<string>());
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == caseId && e.Action == AuditActions.TaskCreated)));
    }

    [Fact]
    public async Task A_task_due_today_has_the_status_due_today_in_the_api_as_the_pages_say_due_today()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var today = Caseload.Platform.Time.UkTime.Today(app.Clock);
        await client.CreateNoteAsync(caseId, NoteApi.Note().With("nextSteps", new[]
        {
            new { action = "Ring the school today", dueOn = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            new { action = "Ring the school next week", dueOn = today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        }));
        var mine = (await (await client.GetAsync("/api/v1/tasks")).JsonAsync()).AsArray();
        Assert.Equal("due-today", mine.Single(t => t!["action"]!.GetValue<string>() == "Ring the school today")!["status"]!.GetValue<string>());
        Assert.Equal("open", mine.Single(t => t!["action"]!.GetValue<string>() == "Ring the school next week")!["status"]!.GetValue<string>());
        Assert.Equal(TaskRules.DueTodayCode, TaskRules.StatusCode(CaseTaskStatus.Open, today, today));
        Assert.Equal("Due today", TaskRules.Standing(CaseTaskStatus.Open, today, today).Text);
    }

    [Fact]
    public async Task A_next_step_owned_by_a_parent_is_followed_up_by_the_writer_unless_someone_else_is_named()
    {
        var (p, client, caseId, supervisor) = await CaseAsync();
        var tooLong = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note().With("nextSteps", new[]
        {
            new { action = "Ring the GP", externalOwner = new string('m', 201), dueOn = "2026-11-27" },
        }));
        await tooLong.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("200 characters or fewer", (await tooLong.JsonAsync())["errors"]!["nextSteps[0].externalOwner"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var created = await client.CreateNoteAsync(caseId, NoteApi.Note().With("nextSteps", new object[]
        {
            new { action = "Ring the GP about Jordan's hearing", externalOwner = "Mum (Sarah)", dueOn = "2026-11-27" },
            new { action = "Send the school the plan", externalOwner = "Jordan's school", owner = supervisor.UserName, dueOn = "2026-11-30" },
        }));
        Assert.Contains("Ring the GP about Jordan's hearing (Mum (Sarah), followed up by", created["current"]!["agreedNextSteps"]!.GetValue<string>(), StringComparison.Ordinal);
        var mine = Assert.Single((await (await client.GetAsync("/api/v1/tasks")).JsonAsync()).AsArray())!;
        Assert.Equal("Mum (Sarah)", mine["externalOwner"]!.GetValue<string>());
        var theirs = Assert.Single((await (await (await app.ClientForAsync(supervisor)).GetAsync("/api/v1/tasks")).JsonAsync()).AsArray())!;
        Assert.Equal("Jordan's school", theirs["externalOwner"]!.GetValue<string>());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CaseTask>().CountAsync(t => t.CaseId == caseId && t.ExternalOwner != null)));
        Assert.Equal(p.Id, await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.ExternalOwner == "Mum (Sarah)").Select(t => t.OwnerId).SingleAsync()));
    }

    [Fact]
    public async Task A_next_step_owner_must_be_someone_who_can_see_the_case()
    {
        var (_, client, caseId, _) = await CaseAsync();
        var (otherTeam, _) = await app.CreateTeamAsync();
        var stranger = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note().With("nextSteps", new[]
        {
            new { action = "Visit again", owner = stranger.UserName, dueOn = (string?)"2026-11-27" },
            new { action = "", owner = "", dueOn = (string?)null },
        }));
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync())["errors"]!;
        Assert.Contains("cannot see this case", errors["nextSteps[0].owner"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["nextSteps[1].action"]);
        Assert.Null(errors["nextSteps[1].owner"]);
        Assert.NotNull(errors["nextSteps[1].dueOn"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseTask>().CountAsync(t => t.CaseId == caseId)));
    }

    [Fact]
    public async Task A_task_done_or_not_done_is_recorded_with_its_outcome()
    {
        var (p, client, caseId, _) = await CaseAsync();
        await client.CreateNoteAsync(caseId, NoteApi.Note().With("nextSteps", new[] { new { action = "Send the referral form to CAMHS", owner = p.UserName, dueOn = "2026-11-25" } }));
        var taskId = (await (await client.GetAsync("/api/v1/tasks")).JsonAsync()).AsArray()[0]!["id"]!.GetValue<Guid>();

        var noOutcome = await client.PostJsonTextAsync($"/api/v1/tasks/{taskId}/outcome", """{"status":"not-done"}""");
        await noOutcome.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Enter why it was not done", (await noOutcome.JsonAsync())["errors"]!["outcome"]![0]!.GetValue<string>());

        var done = await client.PostJsonTextAsync($"/api/v1/tasks/{taskId}/outcome", """{"status":"done","outcome":"Form sent by secure email on 24 November"}""");
        await done.ShouldBeAsync(HttpStatusCode.OK);
        var body = await done.JsonAsync();
        Assert.Equal("done", body["status"]!.GetValue<string>());
        Assert.Equal(p.UserName, body["closedBy"]!.GetValue<string>());
        Assert.Equal(CaseloadApp.Start, body["closedAt"]!.GetValue<DateTimeOffset>());

        var again = await client.PostJsonTextAsync($"/api/v1/tasks/{taskId}/outcome", """{"status":"not-done","outcome":"Changed my mind"}""");
        await again.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.Action == AuditActions.TaskClosed)));
    }
}

public sealed class NotesApiTests_Sqlite(SqliteApp app) : NotesApiTests(app);

public sealed class NotesApiTests_Postgres(PostgresApp app) : NotesApiTests(app);

/// <summary>Every note journey again with the app connected as a role that owns no table (migrations run as the owner).</summary>
public sealed class NotesApiTests_PostgresAppRole(AppRolePostgresApp app) : NotesApiTests(app), IClassFixture<AppRolePostgresApp>;
