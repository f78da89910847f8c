using System.Net;
using Caseload.Features.DataProtection.Exports;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Features.DataProtection.Exports;

/// <summary>
/// The exports page (ask, approve, download) and the anonymised copy of one note, as a browser uses them. An app of its own:
/// the page lists every export.
/// </summary>
public abstract class ExportPagesTests(CaseloadApp app)
{
    private const string Page = "/DataProtection/Exports";

    private async Task BuildAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ExportBuilder>().BuildWaitingAsync();
    }

    private async Task<Guid> AskAsync(HttpClient browser, string service, string purpose)
    {
        var asked = await browser.PostFormFieldsAsync(Page, [
            new("Service", service), new("From", "2026-01-01"), new("To", "2026-11-30"), new("Include", "cases"), new("Include", "notes"), new("Purpose", purpose),
        ]);
        Assert.Equal(HttpStatusCode.Found, asked.StatusCode);
        return await app.WithDbAsync(db => db.Set<AnonymisedExport>().Where(x => x.Purpose == purpose).Select(x => x.Id).SingleAsync());
    }

    [Fact]
    public async Task A_service_manager_asks_on_the_page_the_DPO_approves_there_and_the_manager_downloads()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, "send");
        var dpo = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        using var managerBrowser = await PageClient.SignInAsync(app, manager);
        using var dpoBrowser = await PageClient.SignInAsync(app, dpo);

        var refused = await managerBrowser.PostFormFieldsAsync(Page, [new("Service", "send"), new("From", "2026-01-01"), new("To", "2026-11-30"), new("Purpose", " ")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", refusedPage, StringComparison.Ordinal);
        Assert.Contains("Select what the export includes", refusedPage, StringComparison.Ordinal);
        Assert.Contains("Enter the purpose of the export", refusedPage, StringComparison.Ordinal);

        var purpose = "Page evaluation " + Guid.NewGuid().ToString("N")[..8];
        var id = await AskAsync(managerBrowser, "send", purpose);
        Assert.Contains(purpose, await managerBrowser.GetStringAsync(Page), StringComparison.Ordinal);
        await BuildAsync();

        var waiting = await managerBrowser.GetStringAsync(Page);
        Assert.Contains("Awaiting the DPO", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain($"handler=Download&amp;id={id}", waiting, StringComparison.Ordinal);
        var early = await managerBrowser.GetAsync(new Uri($"{Page}?handler=Download&id={id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("once the data protection officer has approved it", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var dpoPage = await dpoBrowser.GetStringAsync(Page);
        Assert.Matches($"action=\"[^\"]*handler=Approve[^\"]*id={id}|action=\"[^\"]*id={id}[^\"]*handler=Approve", dpoPage);
        var approved = await dpoBrowser.PostFormAsync($"{Page}?handler=Approve&id={id}", []);
        Assert.Equal(HttpStatusCode.Found, approved.StatusCode);

        var ready = await managerBrowser.GetStringAsync(Page);
        Assert.Contains($"handler=Download&amp;id={id}", ready, StringComparison.Ordinal);
        var download = await managerBrowser.GetAsync(new Uri($"{Page}?handler=Download&id={id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal([AuditActions.ExportRequested, AuditActions.ExportApproved, AuditActions.ExportDownloaded],
            await app.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityId == id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task The_page_is_refused_to_practitioners_and_supervisors()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        foreach (var user in new[] { await app.CreateUserAsync(Roles.Practitioner, team), supervisor })
        {
            using var browser = await PageClient.SignInAsync(app, user);
            var response = await browser.GetAsync(new Uri(Page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_expired_export_shows_when_its_zip_was_cleared_and_its_download_is_gone()
    {
        var dpo = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        using var browser = await PageClient.SignInAsync(app, dpo);
        var purpose = "Expiring " + Guid.NewGuid().ToString("N")[..8];
        var id = await AskAsync(browser, "careers-iag", purpose);
        await BuildAsync();

        // The expiry's own clock a keeping period on (moving the app's would end the browser's session).
        using (var scope = app.Services.CreateScope())
        {
            var later = new FakeTimeProvider(app.Clock.GetUtcNow() + TimeSpan.FromDays(ExportExpiry.DefaultKeepDays) + TimeSpan.FromMinutes(1));
            await ActivatorUtilities.CreateInstance<ExportExpiry>(scope.ServiceProvider, later).ExpireAsync();
        }

        var page = await browser.GetStringAsync(Page);
        Assert.Contains("Its zip was cleared on", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"handler=Download&amp;id={id}", page, StringComparison.Ordinal);
        var gone = await browser.GetAsync(new Uri($"{Page}?handler=Download&id={id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        Assert.Contains("ask for the export again", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_anonymised_copy_of_a_note_names_nobody_and_is_only_for_those_who_see_the_case()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var personId = await api.CreatePersonAsync("Philippa", "Tregothnan", "2012-06-07");
        var caseId = (await api.CreateCaseAsync(personId, practitioner.UserName))["id"]!.GetValue<Guid>();
        var noteId = (await api.CreateNoteAsync(caseId, NoteApi.Note("Home visit. Philippa Tregothnan showed me her room; her number is 07700 900123.")
            .With("presentAndSpokenTo", "Philippa and Mother (Ruth Tregothnan)")))["id"]!.GetValue<Guid>();
        using var browser = await PageClient.SignInAsync(app, practitioner);

        var response = await browser.GetAsync(new Uri($"/Cases/{caseId}/Notes/{noteId}/Anonymised", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Anonymised copy of a note", html, StringComparison.Ordinal);
        Assert.Contains("the young person showed me", html, StringComparison.Ordinal);
        Assert.Contains("Mother", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tregothnan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("07700", html, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.NoteAnonymised && e.CaseId == caseId)));

        using var stranger = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/Cases/{caseId}/Notes/{noteId}/Anonymised", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri($"/Cases/{caseId}/Notes/{Guid.NewGuid()}/Anonymised", UriKind.Relative))).StatusCode);
    }
}

public sealed class ExportPagesTests_Sqlite(DataProtectionSqliteApp app) : ExportPagesTests(app), IClassFixture<DataProtectionSqliteApp>;

public sealed class ExportPagesTests_Postgres(DataProtectionPostgresApp app) : ExportPagesTests(app), IClassFixture<DataProtectionPostgresApp>;
