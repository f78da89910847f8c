using System.Net;
using System.Text.RegularExpressions;
using Caseload.Features.Notes;
using Caseload.Features.Tasks;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Features.Notes;

/// <summary>The note journeys through the server-rendered pages, without JavaScript, as a plain browser would post them.</summary>
public abstract partial class NotePagesTests(CaseloadApp app)
{
    private static Dictionary<string, string> Form(string whatHappened, string time = "09:00") => new()
    {
        ["Form.Type"] = "home-visit",
        ["Form.Day"] = "23",
        ["Form.Month"] = "11",
        ["Form.Year"] = "2026",
        ["Form.Time"] = time,
        ["Form.PresentAndSpokenTo"] = "Mum and Jordan",
        ["Form.WhatHappened"] = whatHappened,
    };

    private async Task<(TestUser User, HttpClient Browser, Guid CaseId, TestUser Supervisor)> ArrangeAsync(bool restricted = false)
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var caseId = await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName, restricted);
        return (p, await PageClient.SignInAsync(app, p), caseId, supervisor);
    }

    /// <summary>Posts the form on <paramref name="html"/> (a page the server answered), keeping its hidden fields, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostAgainAsync(HttpClient browser, string url, string html, Dictionary<string, string> fields)
    {
        var form = new List<KeyValuePair<string, string>>(fields);
        foreach (Match input in HiddenInput().Matches(html))
        {
            var name = NameAttribute().Match(input.Value).Groups[1].Value;
            var value = WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
            if (name.Length > 0 && !fields.ContainsKey(name) && form.All(f => f.Key != name)) form.Add(new(name, value));
        }

        return await browser.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Findings_are_shown_before_saving_and_a_revised_note_records_that_they_were_shown_and_revised()
    {
        var (p, browser, caseId, _) = await ArrangeAsync();
        var url = $"/Cases/{caseId}/Notes/New";

        var first = await browser.PostFormAsync(url, Form("Mum was clearly drunk and the house was disgusting."));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("Check the language in this note", html, StringComparison.Ordinal);
        Assert.Contains("<mark>clearly</mark>", html, StringComparison.Ordinal);
        Assert.Contains("I have read the findings", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.CaseId == caseId)));

        var unconfirmed = await PostAgainAsync(browser, url, html, Form("Mum was clearly drunk and the house was disgusting."));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Confirm you have read the findings, or change the words they point to", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var revised = await PostAgainAsync(browser, url, html, Form("Mum smelled of alcohol and her speech was slurred. There were dirty plates and food on the kitchen floor."));
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        Assert.Equal($"/Cases/{caseId}#notes", revised.Headers.Location!.OriginalString);
        var saved = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().SingleAsync(v => v.CaseId == caseId));
        Assert.Equal(ObjectivityReview.Revised, saved.ObjectivityReview);
        Assert.Equal(3, saved.FindingsShown); // "clearly", "drunk" and "disgusting"
        Assert.Equal(0, saved.FindingsAtSave);
        Assert.Equal(p.Id, saved.AuthorId);
        Assert.Equal(CaseloadApp.Start, saved.RecordedAt);
        // The draft kept while revising is gone once the note is saved.
        Assert.False(await app.WithDbAsync(db => db.Set<NoteDraft>().AnyAsync(d => d.CaseId == caseId)));

        var casePage = await browser.GetStringAsync($"/Cases/{caseId}");
        Assert.Contains("moj-timeline", casePage, StringComparison.Ordinal);
        Assert.Contains("Mum smelled of alcohol", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_writer_who_confirms_the_findings_saves_the_note_as_written()
    {
        var (_, browser, caseId, _) = await ArrangeAsync();
        var url = $"/Cases/{caseId}/Notes/New";
        var words = "Jordan is a troublemaker according to nobody; he is lazy.";
        var first = await browser.PostFormAsync(url, Form(words));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        var confirmed = await PostAgainAsync(browser, url, html, new Dictionary<string, string>(Form(words)) { ["Form.FindingsConfirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var saved = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().SingleAsync(v => v.CaseId == caseId));
        Assert.Equal(ObjectivityReview.Accepted, saved.ObjectivityReview);
        Assert.Equal(words, saved.WhatHappened);
    }

    [Fact]
    public async Task A_confirmation_counts_only_for_the_findings_that_were_shown()
    {
        var (_, browser, caseId, _) = await ArrangeAsync();
        var url = $"/Cases/{caseId}/Notes/New";
        var first = await browser.PostFormAsync(url, Form("Dad was clearly upset."));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        // The writer ticks the box but has changed the words to new ones they have not been shown.
        var changed = await PostAgainAsync(browser, url, html, new Dictionary<string, string>(Form("Dad is a manipulative man.")) { ["Form.FindingsConfirmed"] = "true" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("<mark>manipulative</mark>", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.CaseId == caseId)));
    }

    [Fact]
    public async Task An_empty_or_impossible_form_answers_400_with_govuk_messages_and_saves_nothing()
    {
        var (_, browser, caseId, _) = await ArrangeAsync();
        var response = await browser.PostFormAsync($"/Cases/{caseId}/Notes/New", new()
        {
            ["Form.Day"] = "31", ["Form.Month"] = "2", ["Form.Year"] = "2026", ["Form.Time"] = "25:70",
            ["Form.Steps[0].Action"] = "Ring school",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("Select the type of note", html, StringComparison.Ordinal);
        Assert.Contains("The date it happened must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("Time must be a real time on the 24-hour clock, like 14:30", html, StringComparison.Ordinal);
        Assert.Contains("Enter what happened", html, StringComparison.Ordinal);
        // Nobody chosen: the step is the writer's, so only its due date is missing.
        Assert.DoesNotContain("who will do next step 1", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Enter the date next step 1 is due by", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Step1Due\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.CaseId == caseId)));

        var future = await browser.PostFormAsync($"/Cases/{caseId}/Notes/New", Form("Visit.", time: "11:30"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("The date and time it happened must be now or in the past", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_kept_for_its_author_only_and_is_not_part_of_the_record()
    {
        var (p, browser, caseId, supervisor) = await ArrangeAsync();
        var url = $"/Cases/{caseId}/Notes/New";
        var saved = await browser.PostFormAsync($"{url}?handler=Draft", new() { ["Form.WhatHappened"] = "Half-written assessment: Jordan told me about" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Half-written assessment", await browser.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains("You have a draft note on this case", await browser.GetStringAsync($"/Cases/{caseId}"), StringComparison.Ordinal);

        using var sup = await PageClient.SignInAsync(app, supervisor);
        Assert.DoesNotContain("Half-written assessment", await sup.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain("You have a draft note", await sup.GetStringAsync($"/Cases/{caseId}"), StringComparison.Ordinal);
        var api = await (await app.ClientForAsync(supervisor)).GetAsync($"/api/v1/cases/{caseId}/notes");
        Assert.Equal(0, (await api.JsonAsync())["total"]!.GetValue<int>());

        // As the writer types, the page saves the draft (JavaScript) and is told when.
        var auto = await browser.PostFormAsync($"{url}?handler=Autosave", new() { ["Form.WhatHappened"] = "Half-written assessment: Jordan told me about school" });
        Assert.Equal(HttpStatusCode.OK, auto.StatusCode);
        var body = await auto.JsonAsync();
        Assert.Equal("10:00", body["savedAt"]!.GetValue<string>());
        Assert.Equal(1800, body["expiresIn"]!.GetValue<int>());
        Assert.Equal("Half-written assessment: Jordan told me about school",
            NoteForm.FromDraftJson(await app.WithDbAsync(db => db.Set<NoteDraft>().Where(d => d.AuthorId == p.Id).Select(d => d.Content).SingleAsync()))!.WhatHappened);

        var deleted = await browser.PostFormAsync($"{url}?handler=Discard", new());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<NoteDraft>().AnyAsync(d => d.AuthorId == p.Id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.Action == AuditActions.NoteDraftSaved && e.UserName == p.UserName)));
    }

    [Fact]
    public async Task The_timeline_is_newest_first_shows_late_entries_and_amendments_and_filters_by_type_and_date()
    {
        var (p, browser, caseId, _) = await ArrangeAsync();
        var api = await app.ClientForAsync(p);
        var late = await api.CreateNoteAsync(caseId, NoteApi.Note("Observation in the nursery garden.", "2026-11-01T10:00:00Z", "observation").With("lateEntryReason", "Typed up from handwritten notes"));
        var call = await api.CreateNoteAsync(caseId, NoteApi.Note("Phone call with mum about the GP appointment.", "2026-11-22T16:00:00Z", "phone-call"));
        (await api.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{call["id"]}/amendments",
            NoteApi.Note("Phone call with mum about the GP appointment on 26 November.", "2026-11-22T16:00:00Z", "phone-call").With("reason", "Added the date"), "\"1\"")).EnsureSuccessStatusCode();

        var page = await browser.GetStringAsync($"/Cases/{caseId}");
        Assert.True(page.IndexOf("GP appointment", StringComparison.Ordinal) < page.IndexOf("nursery garden", StringComparison.Ordinal));
        Assert.Contains("Late entry", page, StringComparison.Ordinal);
        Assert.Contains("Typed up from handwritten notes", page, StringComparison.Ordinal);
        Assert.Contains("Amended: Added the date", page, StringComparison.Ordinal);

        var calls = await browser.GetStringAsync($"/Cases/{caseId}?noteType=phone-call");
        Assert.Contains("GP appointment", calls, StringComparison.Ordinal);
        Assert.DoesNotContain("nursery garden", calls, StringComparison.Ordinal);
        var early = await browser.GetStringAsync($"/Cases/{caseId}?notesFrom=1/11/2026&notesTo=2/11/2026");
        Assert.Contains("nursery garden", early, StringComparison.Ordinal);
        Assert.DoesNotContain("GP appointment", early, StringComparison.Ordinal);
        var bad = await browser.GetStringAsync($"/Cases/{caseId}?notesFrom=31/2/2026");
        Assert.Contains("The from date must be a real date", bad, StringComparison.Ordinal);
        Assert.NotNull(late);
    }

    [Fact]
    public async Task A_note_is_amended_and_struck_through_through_the_pages_and_every_version_stays_readable()
    {
        var (p, browser, caseId, _) = await ArrangeAsync();
        var noteId = (await (await app.ClientForAsync(p)).CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var noteUrl = $"/Cases/{caseId}/Notes/{noteId}";

        var noReason = await browser.PostFormAsync($"{noteUrl}/Amend", Form("Home visit with mum, Jordan and Amy (4)."));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Enter why you are amending the note", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var amended = await browser.PostFormAsync($"{noteUrl}/Amend", new(Form("Home visit with mum, Jordan and Amy (4).")) { ["Reason"] = "Amy was there too" });
        Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        var note = await browser.GetStringAsync(noteUrl);
        Assert.Contains("Version 2 (current)", note, StringComparison.Ordinal);
        Assert.Contains("Version 1 (superseded)", note, StringComparison.Ordinal);
        Assert.Contains("Amy was there too", note, StringComparison.Ordinal);
        Assert.Contains("clean bedding", note, StringComparison.Ordinal);

        var struck = await browser.PostFormAsync($"{noteUrl}/StrikeThrough", new() { ["Reason"] = "Belongs to Jordan's cousin's case" });
        Assert.Equal(HttpStatusCode.Redirect, struck.StatusCode);
        note = await browser.GetStringAsync(noteUrl);
        Assert.Contains("Struck through by", note, StringComparison.Ordinal);
        Assert.Contains("Belongs to Jordan&#x27;s cousin&#x27;s case", note, StringComparison.Ordinal);
        Assert.DoesNotContain($"{noteUrl}/Amend", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_amendment_is_kept_for_its_author_only_and_goes_when_the_amendment_is_saved()
    {
        var (p, browser, caseId, supervisor) = await ArrangeAsync();
        var noteId = (await (await app.ClientForAsync(p)).CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var noteUrl = $"/Cases/{caseId}/Notes/{noteId}";

        var saved = await browser.PostFormAsync($"{noteUrl}/Amend?handler=Draft", new(Form("Home visit with mum, Jordan and grandad.")) { ["Reason"] = "Grandad was there" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var resumed = await browser.GetStringAsync(new Uri($"{noteUrl}/Amend", UriKind.Relative));
        Assert.Contains("You are continuing your draft amendment", resumed, StringComparison.Ordinal);
        Assert.Contains("Home visit with mum, Jordan and grandad.", resumed, StringComparison.Ordinal);
        Assert.Contains("Grandad was there", resumed, StringComparison.Ordinal);
        Assert.Contains("Continue your draft amendment", await browser.GetStringAsync(new Uri(noteUrl, UriKind.Relative)), StringComparison.Ordinal);
        // Not part of the record, and nobody else's to see.
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.NoteId == noteId)));
        using (var sup = await PageClient.SignInAsync(app, supervisor))
        {
            var theirs = await sup.GetStringAsync(new Uri($"{noteUrl}/Amend", UriKind.Relative));
            Assert.DoesNotContain("grandad", theirs, StringComparison.Ordinal);
            Assert.DoesNotContain("draft amendment", theirs, StringComparison.Ordinal);
        }

        var amended = await browser.PostFormAsync($"{noteUrl}/Amend", new(Form("Home visit with mum, Jordan and grandad.")) { ["Reason"] = "Grandad was there" });
        Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<NoteAmendmentDraft>().AnyAsync(d => d.NoteId == noteId)));
        Assert.Contains("Amend this note", await browser.GetStringAsync(new Uri(noteUrl, UriKind.Relative)), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.Action == AuditActions.NoteAmendmentDraftSaved)));
    }

    [Fact]
    public async Task A_draft_amendment_resumed_after_someone_else_amended_the_note_meets_their_version_and_overwrites_nothing()
    {
        var (p, browser, caseId, supervisor) = await ArrangeAsync();
        var noteId = (await (await app.ClientForAsync(p)).CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var amendUrl = $"/Cases/{caseId}/Notes/{noteId}/Amend";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"{amendUrl}?handler=Draft", new(Form("Home visit with the dog.")) { ["Reason"] = "Added the dog" })).StatusCode);

        (await (await app.ClientForAsync(supervisor)).PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Home visit; supervisor's correction of the time.").With("reason", "Time corrected from the diary"), "\"1\"")).EnsureSuccessStatusCode();

        // The resumed draft still names the version it started from.
        var resumed = await browser.GetStringAsync(new Uri(amendUrl, UriKind.Relative));
        Assert.Contains("name=\"Version\" value=\"1\"", resumed, StringComparison.Ordinal);
        var mine = await PostAgainAsync(browser, amendUrl, resumed, new(Form("Home visit with the dog.")) { ["Reason"] = "Added the dog" });
        Assert.Equal(HttpStatusCode.BadRequest, mine.StatusCode);
        Assert.Contains("Time corrected from the diary", await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.NoteId == noteId)));
        Assert.True(await app.WithDbAsync(db => db.Set<NoteAmendmentDraft>().AnyAsync(d => d.NoteId == noteId)));

        var deleted = await browser.PostFormAsync($"{amendUrl}?handler=Discard", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<NoteAmendmentDraft>().AnyAsync(d => d.NoteId == noteId)));
    }

    [Fact]
    public async Task An_amendment_that_meets_someone_elses_shows_their_version_and_saves_nothing()
    {
        var (p, browser, caseId, supervisor) = await ArrangeAsync();
        var noteId = (await (await app.ClientForAsync(p)).CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        var amendUrl = $"/Cases/{caseId}/Notes/{noteId}/Amend";
        var loaded = await browser.GetStringAsync(amendUrl);

        (await (await app.ClientForAsync(supervisor)).PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Home visit; supervisor's correction of the time.").With("reason", "Time corrected from the diary"), "\"1\"")).EnsureSuccessStatusCode();

        var mine = await PostAgainAsync(browser, amendUrl, loaded, new(Form("Home visit with the dog.")) { ["Reason"] = "Added the dog" });
        Assert.Equal(HttpStatusCode.BadRequest, mine.StatusCode);
        var html = await mine.Content.ReadAsStringAsync();
        Assert.Contains("Someone else amended this note", html, StringComparison.Ordinal);
        Assert.Contains("Time corrected from the diary", html, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.NoteId == noteId)));
    }

    [Fact]
    public async Task Next_steps_from_the_form_become_tasks_on_the_case_and_on_the_owners_home_and_their_outcome_is_recorded()
    {
        var (p, browser, caseId, _) = await ArrangeAsync();
        var fields = new Dictionary<string, string>(Form("Home visit. Jordan's hearing aid was not working."))
        {
            // A browser posts every row of the form, the empty first one too.
            ["Form.Steps[0].Action"] = "",
            ["Form.Steps[1].Action"] = "Ask audiology for a repair appointment",
            ["Form.Steps[1].Owner"] = p.UserName,
            ["Form.Steps[1].Day"] = "20",
            ["Form.Steps[1].Month"] = "11",
            ["Form.Steps[1].Year"] = "2026",
        };
        var dueTooEarly = await browser.PostFormAsync($"/Cases/{caseId}/Notes/New", fields);
        Assert.Equal(HttpStatusCode.BadRequest, dueTooEarly.StatusCode);
        Assert.Contains("href=\"#Step2Due\"", await dueTooEarly.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields["Form.Steps[1].Day"] = "26";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/Cases/{caseId}/Notes/New", fields)).StatusCode);
        Assert.Contains("Ask audiology for a repair appointment", await browser.GetStringAsync($"/Cases/{caseId}"), StringComparison.Ordinal);
        var home = await browser.GetAsync(new Uri("/Cases", UriKind.Relative));
        Assert.True(home.IsSuccessStatusCode, await home.Content.ReadAsStringAsync());
        Assert.Contains("Ask audiology for a repair appointment", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tasksPage = await browser.GetStringAsync("/Tasks");
        var taskId = TaskLink().Match(tasksPage).Groups[1].Value;

        var noOutcome = await browser.PostFormAsync($"/Tasks/{taskId}/Outcome", new() { ["Status"] = "not-done" });
        Assert.Equal(HttpStatusCode.BadRequest, noOutcome.StatusCode);
        Assert.Contains("Enter why it was not done", await noOutcome.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await browser.PostFormAsync($"/Tasks/{taskId}/Outcome", new() { ["Status"] = "done", ["Outcome"] = "Appointment booked for 2 December" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var task = await app.WithDbAsync(db => db.Set<CaseTask>().SingleAsync(t => t.CaseId == caseId));
        Assert.Equal(CaseTaskStatus.Done, task.Status);
        Assert.Equal(new DateOnly(2026, 11, 26), task.DueOn);
        Assert.Contains("Appointment booked for 2 December", await browser.GetStringAsync($"/Cases/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_another_next_step_adds_a_row_without_javascript_keeps_what_was_typed_and_stops_at_ten()
    {
        var (p, browser, caseId, _) = await ArrangeAsync();
        var url = $"/Cases/{caseId}/Notes/New";
        var blank = await browser.GetStringAsync(url);
        Assert.Contains("Next step 1", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("Next step 2", blank, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>(Form("Home visit."))
        {
            ["Form.Steps[0].Action"] = "Ring school",
            ["Form.Steps[0].Owner"] = p.UserName,
        };
        var added = await browser.PostFormAsync($"{url}?handler=AddStep", fields);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var html = await added.Content.ReadAsStringAsync();
        Assert.Contains("Next step 2", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ring school\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"Step2Action\"[^>]*autofocus", html);
        Assert.DoesNotContain("govuk-error-summary", html, StringComparison.Ordinal);
        // The form is kept as the draft meanwhile, and nothing is recorded yet.
        Assert.Contains("Ring school", await app.WithDbAsync(db => db.Set<NoteDraft>().Where(d => d.CaseId == caseId).Select(d => d.Content).SingleAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.CaseId == caseId)));

        for (var i = 1; i < NoteRules.MaxNextSteps; i++) fields[$"Form.Steps[{i}].Action"] = $"Step {i + 1}";
        var full = await (await browser.PostFormAsync($"{url}?handler=AddStep", fields)).Content.ReadAsStringAsync();
        Assert.Contains($"Next step {NoteRules.MaxNextSteps}", full, StringComparison.Ordinal);
        Assert.DoesNotContain($"Next step {NoteRules.MaxNextSteps + 1}", full, StringComparison.Ordinal);
        Assert.DoesNotContain("Add another next step", full, StringComparison.Ordinal);
        Assert.Contains("A note can have up to 10 next steps", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_takes_out_one_next_step_row_and_the_rows_after_it_move_up()
    {
        var (_, browser, caseId, _) = await ArrangeAsync();
        var fields = new Dictionary<string, string>(Form("Home visit."))
        {
            ["Form.Steps[0].Action"] = "Ring school",
            ["Form.Steps[1].Action"] = "Book the review",
            ["Form.Steps[2].Action"] = "Send the plan",
            ["removeStep"] = "1",
        };
        var response = await browser.PostFormAsync($"/Cases/{caseId}/Notes/New?handler=RemoveStep", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Book the review", html, StringComparison.Ordinal);
        Assert.Matches("name=\"Form.Steps\\[1\\].Action\"[^>]*value=\"Send the plan\"", html);
        Assert.DoesNotContain("Next step 3", html, StringComparison.Ordinal);
        Assert.Contains("Remove<span class=\"govuk-visually-hidden\"> next step 2</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_sees_team_counts_of_notes_saved_with_findings_but_not_the_words()
    {
        var (p, _, caseId, supervisor) = await ArrangeAsync();
        var api = await app.ClientForAsync(p);
        await api.CreateNoteAsync(caseId, NoteApi.Note("Mum is a hopeless parent.").With("findingsAcknowledged", true));
        await api.CreateNoteAsync(caseId, NoteApi.Note("Mum cooked tea for the children during the visit.").With("findingsShown", 1));
        await api.CreateNoteAsync(caseId);

        using var sup = await PageClient.SignInAsync(app, supervisor);
        var html = await sup.GetStringAsync("/Team");
        var table = html[html.IndexOf("data-testid=\"team-objectivity\"", StringComparison.Ordinal)..];
        var cells = NumericCell().Matches(table).Select(m => m.Groups[1].Value).Take(4).ToList();
        Assert.Equal(["3", "2", "1", "1"], cells);
        Assert.DoesNotContain("hopeless", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_page_highlights_matches_and_never_shows_a_restricted_case_to_a_colleague()
    {
        var (team, _) = await app.CreateTeamAsync();
        var author = await app.CreateUserAsync(Roles.Practitioner, team);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(author);
        var restricted = await api.CreateCaseIdAsync(author.UserName, restricted: true);
        var word = "zqtrampoline" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a').Replace('1', 'b');
        await api.CreateNoteAsync(restricted, NoteApi.Note($"Jordan said the {word} in the garden is broken."));

        using var mine = await PageClient.SignInAsync(app, author);
        var found = await mine.GetStringAsync($"/Notes/Search?Q={word}");
        Assert.Contains($"<mark>{word}</mark>", found, StringComparison.Ordinal);
        Assert.Contains("1 note found", found, StringComparison.Ordinal);

        using var theirs = await PageClient.SignInAsync(app, colleague);
        var none = await theirs.GetStringAsync($"/Notes/Search?Q={word}");
        Assert.Contains("No notes found", none, StringComparison.Ordinal);
        Assert.DoesNotContain(word + "</mark>", none, StringComparison.Ordinal);

        var empty = await theirs.GetAsync("/Notes/Search?Q=%22%22");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Note_pages_of_a_case_the_user_cannot_see_answer_404()
    {
        var (p, _, restricted, _) = await ArrangeAsync(restricted: true);
        var noteId = (await (await app.ClientForAsync(p)).CreateNoteAsync(restricted))["id"]!.GetValue<Guid>();
        var (_, outsider, _, _) = await ArrangeAsync();
        foreach (var url in new[] { $"/Cases/{restricted}/Notes/New", $"/Cases/{restricted}/Notes/{noteId}", $"/Cases/{restricted}/Notes/{noteId}/Amend", $"/Cases/{restricted}/Notes/{noteId}/StrikeThrough" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task Pages_carry_the_timeout_warning_and_stay_signed_in_renews_the_session()
    {
        var (_, browser, caseId, _) = await ArrangeAsync();
        var html = await browser.GetStringAsync($"/Cases/{caseId}/Notes/New");
        Assert.Contains("data-module=\"caseload-timeout-warning\"", html, StringComparison.Ordinal);
        Assert.Contains("data-expires-in=\"1800\"", html, StringComparison.Ordinal);
        // The keep-alive needs the page's antiforgery token, as the timeout warning's script sends it.
        using var keepAliveRequest = new HttpRequestMessage(HttpMethod.Post, new Uri("/session/keep-alive", UriKind.Relative));
        keepAliveRequest.Headers.Add("X-CSRF-TOKEN", System.Net.WebUtility.HtmlDecode(CsrfToken().Match(html).Groups[1].Value));
        var keepAlive = await browser.SendAsync(keepAliveRequest);
        Assert.Equal(HttpStatusCode.OK, keepAlive.StatusCode);
        Assert.Equal(1800, (await keepAlive.JsonAsync())["expiresIn"]!.GetValue<int>());
        var anonymous = await app.Anonymous().PostAsync(new Uri("/session/keep-alive", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("data-csrf-token=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("/Tasks/([0-9a-f-]{36})/Outcome")]
    private static partial Regex TaskLink();

    [GeneratedRegex("govuk-table__cell--numeric\">(\\d+)<")]
    private static partial Regex NumericCell();
}

public sealed class NotePagesTests_Sqlite(SqliteApp app) : NotePagesTests(app);

public sealed class NotePagesTests_Postgres(PostgresApp app) : NotePagesTests(app);
