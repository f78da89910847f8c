using System.Net;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Account;

/// <summary>
/// Single sign-on links an organisation account to a user only by its subject, as an administrator set it up; a matching user
/// name or email never does; an inactive user is refused; every attempt is audited.
/// </summary>
public abstract class SingleSignOnLinkingTests(CaseloadApp app)
{
    private HttpClient Browser() => app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> ArriveFromProviderAsync(HttpClient browser, string subject, string claimedName)
    {
        var provider = await browser.GetAsync(new Uri($"{ExternalSignIn.Path}?sub={Uri.EscapeDataString(subject)}&name={Uri.EscapeDataString(claimedName)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, provider.StatusCode);
        return await browser.GetAsync(provider.Headers.Location);
    }

    [Fact]
    public async Task A_matching_user_name_does_not_link_an_organisation_account_and_the_attempt_is_audited()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        var subject = $"sub-{Guid.NewGuid():N}";
        var browser = Browser();

        var callback = await ArriveFromProviderAsync(browser, subject, practitioner.UserName);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var page = await callback.Content.ReadAsStringAsync();
        Assert.Contains("not linked to a Caseload user yet", page, StringComparison.Ordinal);
        Assert.Contains(subject, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == subject)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignInFailed && e.Details!.Contains(subject))));
    }

    [Fact]
    public async Task An_administrator_links_the_subject_then_it_signs_in_until_the_user_is_deactivated_or_unlinked()
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var administrator = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var subject = $"sub-{Guid.NewGuid():N}";
        var url = $"/Admin/Users/{practitioner.Id}/SingleSignOn";

        var link = await administrator.PostFormAsync($"{url}?handler=Link", new() { ["Subject"] = subject });
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Contains(subject, await administrator.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserSingleSignOnLinked && e.EntityId == practitioner.Id && e.Details!.Contains(subject))));

        // Linked: the organisation account signs in as the practitioner, whatever name it claims.
        var browser = Browser();
        var signedIn = await ArriveFromProviderAsync(browser, subject, "someone.else");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignedIn && e.UserName == practitioner.UserName && e.Details!.Contains("single sign-on"))));

        // The same subject cannot be linked to a second user.
        var other = await app.CreateUserAsync(Roles.Practitioner, team);
        var twice = await administrator.PostFormAsync($"/Admin/Users/{other.Id}/SingleSignOn?handler=Link", new() { ["Subject"] = subject });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("linked to", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Deactivated: refused, and audited as such.
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == practitioner.Id);
            user.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var inactive = await ArriveFromProviderAsync(Browser(), subject, practitioner.UserName);
        Assert.Equal(HttpStatusCode.OK, inactive.StatusCode);
        Assert.Contains("not active", await inactive.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignInFailed && e.UserId == practitioner.Id && e.Details!.Contains("inactive"))));

        // Reactivated but unlinked: refused again.
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == practitioner.Id);
            user.IsActive = true;
            return await db.SaveChangesAsync();
        });
        var unlink = await administrator.PostFormAsync($"{url}?handler=Unlink", new() { ["unlink"] = subject });
        Assert.Equal(HttpStatusCode.Redirect, unlink.StatusCode);
        var unlinked = await ArriveFromProviderAsync(Browser(), subject, practitioner.UserName);
        Assert.Contains("not linked to a Caseload user yet", await unlinked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserSingleSignOnUnlinked && e.EntityId == practitioner.Id)));
    }
}

public sealed class SingleSignOnLinkingTests_Sqlite(SqliteApp app) : SingleSignOnLinkingTests(app);

public sealed class SingleSignOnLinkingTests_Postgres(PostgresApp app) : SingleSignOnLinkingTests(app);
