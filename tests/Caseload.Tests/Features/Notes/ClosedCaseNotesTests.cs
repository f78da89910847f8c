using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Notes;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Notes;

/// <summary>
/// README "Case notes": a closed case takes no new note or draft (through the API or the page), but its notes can still be corrected
/// by an amendment or struck through.
/// </summary>
public abstract class ClosedCaseNotesTests(CaseloadApp app)
{
    private async Task<(TestUser User, HttpClient Api, Guid CaseId, Guid NoteId)> ArrangeClosedAsync()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(p);
        var caseId = await api.CreateCaseIdAsync(p.UserName);
        var noteId = (await api.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        await (await api.PostJsonTextAsync($"/api/v1/cases/{caseId}/close", """{"reason":"Needs met: the plan is in place"}""")).ShouldBeAsync(HttpStatusCode.OK);
        return (p, api, caseId, noteId);
    }

    private Task<int> NotesOnAsync(Guid caseId) => app.WithDbAsync(db => db.Set<CaseNote>().CountAsync(n => n.CaseId == caseId));

    private Task<int> DraftsOnAsync(Guid caseId) => app.WithDbAsync(db => db.Set<NoteDraft>().CountAsync(d => d.CaseId == caseId));

    [Fact]
    public async Task The_api_refuses_a_new_note_on_a_closed_case_naming_its_status_and_stores_nothing()
    {
        var (_, api, caseId, _) = await ArrangeClosedAsync();

        var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", NoteApi.Note("Mum rang to say the family has moved."));

        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await response.JsonAsync();
        Assert.Equal(["status"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(1, await NotesOnAsync(caseId));
    }

    [Fact]
    public async Task A_note_on_a_closed_case_can_still_be_amended_and_struck_through()
    {
        var (_, api, caseId, noteId) = await ArrangeClosedAsync();

        var amended = await api.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Home visit. Mum, Jordan and Grandad present.").With("reason", "Added who was present"), "\"1\"");
        await amended.ShouldBeAsync(HttpStatusCode.Created);
        var struck = await api.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/strike-through", new { reason = "Entered on the wrong case" }, "\"2\"");
        await struck.ShouldBeAsync(HttpStatusCode.OK);
        Assert.NotNull((await struck.JsonAsync())["struckThrough"]);
    }

    [Fact]
    public async Task The_page_offers_no_new_note_on_a_closed_case_and_refuses_one_posted()
    {
        var (user, _, caseId, _) = await ArrangeClosedAsync();
        using var browser = await PageClient.SignInAsync(app, user);

        var casePage = await browser.GetStringAsync(new Uri($"/Cases/{caseId}", UriKind.Relative));
        Assert.DoesNotContain($"href=\"/Cases/{caseId}/Notes/New\"", casePage, StringComparison.Ordinal);
        Assert.Contains("The case is closed, so no new note can be recorded on it", casePage, StringComparison.Ordinal);
        var form = await browser.GetStringAsync(new Uri($"/Cases/{caseId}/Notes/New", UriKind.Relative));
        Assert.Contains("This case is closed", form, StringComparison.Ordinal);

        var posted = await browser.PostFormAsync($"/Cases/{caseId}/Notes/New", new()
        {
            ["Form.Type"] = "phone-call", ["Form.Day"] = "23", ["Form.Month"] = "11", ["Form.Year"] = "2026", ["Form.Time"] = "09:00",
            ["Form.PresentAndSpokenTo"] = "Mum", ["Form.WhatHappened"] = "Mum rang to say the family has moved.",
        });

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("The case is closed", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await NotesOnAsync(caseId));
        Assert.Equal(0, await DraftsOnAsync(caseId));
    }

    [Fact]
    public async Task No_draft_is_kept_on_a_closed_case_by_the_button_or_as_the_writer_types()
    {
        var (user, _, caseId, _) = await ArrangeClosedAsync();
        using var browser = await PageClient.SignInAsync(app, user);
        var url = $"/Cases/{caseId}/Notes/New";

        var button = await browser.PostFormAsync($"{url}?handler=Draft", new() { ["Form.WhatHappened"] = "Mum rang to say the family has moved." });
        Assert.Equal(HttpStatusCode.Redirect, button.StatusCode);
        Assert.Equal(url, button.Headers.Location?.OriginalString);
        Assert.Contains("This case is closed", await browser.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);

        var typed = await browser.PostFormAsync($"{url}?handler=Autosave", new() { ["Form.WhatHappened"] = "Mum rang to say the family has moved." });
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Equal(0, await DraftsOnAsync(caseId));
    }
}

public sealed class ClosedCaseNotesTests_Sqlite(SqliteApp app) : ClosedCaseNotesTests(app);

public sealed class ClosedCaseNotesTests_Postgres(PostgresApp app) : ClosedCaseNotesTests(app);
