using System.Net;
using System.Text.RegularExpressions;
using Caseload.Features.Chronology;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Chronology;

/// <summary>The chronology page without JavaScript, as a plain browser reads, filters and posts it. Today is 23 Nov 2026.</summary>
public abstract partial class ChronologyPagesTests(CaseloadApp app)
{
    /// <summary>Posts one of the page's mark forms: the antiforgery token from the page, the entry's hidden fields and the button's value.</summary>
    private static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string pageUrl, string kind, string sourceId, string significant)
    {
        var html = await browser.GetStringAsync(new Uri(pageUrl, UriKind.Relative));
        // The mark form carries its own antiforgery token (not the layout's sign-out form's): a browser posts only the form's fields.
        var form = MarkForm().Match(html);
        Assert.True(form.Success, "no mark form on the page");
        var token = WebUtility.HtmlDecode(Token().Match(form.Groups[2].Value).Groups[1].Value);
        Assert.NotEmpty(token);
        var action = WebUtility.HtmlDecode(form.Groups[1].Value);
        return await browser.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["kind"] = kind, ["sourceId"] = sourceId, ["significant"] = significant,
        }));
    }

    [Fact]
    public async Task The_case_page_links_to_a_chronology_of_every_kind_without_the_supervisees_wellbeing_and_the_read_is_audited()
    {
        var team = await ChronologyApiTests.StoryAsync(app);
        using var browser = await PageClient.SignInAsync(app, team.Supervisor);
        var casePage = await browser.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
        Assert.Contains($"href=\"/Cases/{team.CaseId}/Chronology\"", casePage, StringComparison.Ordinal);

        var html = await browser.GetStringAsync(new Uri($"/Cases/{team.CaseId}/Chronology", UriKind.Relative));
        var kinds = EntryKind().Matches(html).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(ChronologyApiTests.EveryKind.Order(StringComparer.Ordinal), kinds);
        Assert.Contains("Phone call: Phone call with the school.", html, StringComparison.Ordinal);
        Assert.Contains("caseload-print", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SupervisionApi.WellbeingWords, html, StringComparison.Ordinal);
        Assert.DoesNotContain(SupervisionApi.LearningWords, html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == team.CaseId && e.UserName == team.Supervisor.UserName
            && e.Action == AuditActions.ChronologyViewed && e.Route!.StartsWith("GET /Cases/"))));
    }

    [Fact]
    public async Task The_filter_form_keeps_the_chosen_kinds_and_a_bad_date_shows_a_govuk_error()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        await Caseload.Tests.Features.Notes.NoteApi.CreateNoteAsync(team.PractitionerApi, team.CaseId);
        using var browser = await PageClient.SignInAsync(app, team.Practitioner);

        var notes = await browser.GetAsync(new Uri($"/Cases/{team.CaseId}/Chronology?kinds=note&from=23/11/2026", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
        var html = await notes.Content.ReadAsStringAsync();
        Assert.Equal(["note"], EntryKind().Matches(html).Select(m => m.Groups[1].Value).Distinct());
        Assert.Contains("value=\"note\" checked=\"checked\"", html, StringComparison.Ordinal);

        var bad = await browser.GetAsync(new Uri($"/Cases/{team.CaseId}/Chronology?from=31/02/2026", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("The from date must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("value=\"31/02/2026\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marking_from_the_page_keeps_the_filter_and_shows_who_marked_it_and_unmarking_removes_it()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var noteId = (await Caseload.Tests.Features.Notes.NoteApi.CreateNoteAsync(team.PractitionerApi, team.CaseId))["id"]!.GetValue<Guid>().ToString();
        using var browser = await PageClient.SignInAsync(app, team.Practitioner);
        var url = $"/Cases/{team.CaseId}/Chronology?kinds=note";

        var marked = await PressAsync(browser, url, "note", noteId, "true");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal($"/Cases/{team.CaseId}/Chronology?kinds=note#entry-note-{noteId}", marked.Headers.Location!.OriginalString);
        var html = await browser.GetStringAsync(new Uri($"/Cases/{team.CaseId}/Chronology?significantOnly=true", UriKind.Relative));
        Assert.Contains("Significant</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Marked by", html, StringComparison.Ordinal);
        Assert.Single(EntryKind().Matches(html));

        var unmarked = await PressAsync(browser, url, "note", noteId, "false");
        Assert.Equal(HttpStatusCode.Redirect, unmarked.StatusCode);
        html = await browser.GetStringAsync(new Uri($"/Cases/{team.CaseId}/Chronology?significantOnly=true", UriKind.Relative));
        Assert.Empty(EntryKind().Matches(html));

        var junk = await PressAsync(browser, url, "note", noteId, "maybe");
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.Contains("govuk-error-summary", await junk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Set<ChronologyMark>().AnyAsync(m => m.CaseId == team.CaseId && m.Significant)));
    }

    [Fact]
    public async Task Another_practitioner_gets_404_for_a_restricted_cases_chronology_and_a_named_reader_has_no_mark_buttons()
    {
        var (teamId, _) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, teamId);
        var named = await app.CreateUserAsync(Roles.Practitioner, teamId);
        var other = await app.CreateUserAsync(Roles.Practitioner, teamId);
        var ownerApi = await app.ClientForAsync(owner);
        var caseId = (await ownerApi.CreateCaseAsync(await ownerApi.CreatePersonAsync(), owner.UserName, restricted: true, restrictedTo: [named.UserName]))["id"]!.GetValue<Guid>();

        using (var browser = await PageClient.SignInAsync(app, other))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri($"/Cases/{caseId}/Chronology", UriKind.Relative))).StatusCode);
        }

        using (var browser = await PageClient.SignInAsync(app, named))
        {
            var html = await browser.GetStringAsync(new Uri($"/Cases/{caseId}/Chronology", UriKind.Relative));
            Assert.NotEmpty(EntryKind().Matches(html));
            Assert.DoesNotContain("handler=Mark", html, StringComparison.Ordinal);
        }

        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.UserName == other.UserName)));
    }

    [GeneratedRegex("data-kind=\"([a-z-]+)\" data-testid=\"chronology-entry\"")]
    private static partial Regex EntryKind();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*handler=Mark[^\"]*)\"[^>]*>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex MarkForm();
}

public sealed class ChronologyPagesTests_Sqlite(SqliteApp app) : ChronologyPagesTests(app);

public sealed class ChronologyPagesTests_Postgres(PostgresApp app) : ChronologyPagesTests(app);
