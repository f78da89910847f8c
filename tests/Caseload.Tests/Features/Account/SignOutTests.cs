using System.Net;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Account;

/// <summary>
/// Signing out is audited, and a person (on their account page, or through the API with a token) or an administrator (from the
/// user's page) can end every session and token of an account at once: each cookie and bearer token is refused on its next
/// request, and the person can sign in again.
/// </summary>
public abstract class SignOutTests(CaseloadApp app)
{
    private Task<AuditEvent[]> AuditAsync(string action, string userId) =>
        app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == action && e.EntityId == userId).ToArrayAsync());

    [Fact]
    public async Task Signing_out_of_this_browser_is_audited()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var browser = await PageClient.SignInAsync(app, user);

        var signedOut = await browser.PostFormAsync("/Account/SignOut", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var audited = Assert.Single(await AuditAsync(AuditActions.SignedOut, user.Id));
        Assert.Equal(user.Id, audited.UserId);
        Assert.Equal(user.UserName, audited.UserName);
        Assert.Empty(await AuditAsync(AuditActions.SignedOutEverywhere, user.Id));
    }

    [Fact]
    public async Task Signing_out_of_every_device_from_the_account_page_ends_every_session_and_token()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, browserCookies) = await SessionTests.SignInCopyingCookiesAsync(app, user);
        var (phone, _) = await SessionTests.SignInCopyingCookiesAsync(app, user);
        var token = await app.ClientForAsync(user);
        var account = await browser.GetStringAsync(new Uri("/Account", UriKind.Relative));
        Assert.Contains(user.UserName, account, StringComparison.Ordinal);
        Assert.Contains("action=\"/Account/SignOut?handler=Everywhere\"", account, StringComparison.Ordinal);

        var everywhere = await browser.PostFormAsync("/Account/SignOut?handler=Everywhere", []);

        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        await SessionTests.ShouldBeSentToSignInAsync(browser, "/Cases");
        await SessionTests.ShouldBeSentToSignInAsync(phone, "/Cases");
        await SessionTests.ShouldBeSentToSignInAsync(SessionTests.Replaying(app, browserCookies), "/Cases");
        await (await token.GetAsync(new Uri("/api/v1/cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        var audited = Assert.Single(await AuditAsync(AuditActions.SignedOutEverywhere, user.Id));
        Assert.Equal(user.Id, audited.UserId);
        Assert.Contains("account page", audited.Details, StringComparison.Ordinal);

        // The account is still active: its owner signs in again, and the new session works.
        var again = await PageClient.SignInAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
        await (await (await app.ClientForAsync(user)).GetAsync(new Uri("/api/v1/cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_holder_signs_out_everywhere_through_the_api()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, _) = await SessionTests.SignInCopyingCookiesAsync(app, user);
        var token = await app.ClientForAsync(user);
        var otherToken = await app.ClientForAsync(user);

        // The browser's cookie is not a way in: the API takes bearer tokens only.
        await (await browser.PostAsync(new Uri("/api/v1/auth/sign-out-everywhere", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await AuditAsync(AuditActions.SignedOutEverywhere, user.Id));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);

        var ended = await token.PostAsync(new Uri("/api/v1/auth/sign-out-everywhere", UriKind.Relative), null);

        await ended.ShouldBeAsync(HttpStatusCode.NoContent);
        await (await token.GetAsync(new Uri("/api/v1/cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await otherToken.GetAsync(new Uri("/api/v1/cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await SessionTests.ShouldBeSentToSignInAsync(browser, "/Cases");
        var audited = Assert.Single(await AuditAsync(AuditActions.SignedOutEverywhere, user.Id));
        Assert.Contains("API", audited.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_signs_a_user_out_of_every_device_from_the_users_page()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, _) = await SessionTests.SignInCopyingCookiesAsync(app, user);
        var token = await app.ClientForAsync(user);
        var administratorUser = await app.CreateUserAsync(Roles.Administrator);
        var administrator = await PageClient.SignInAsync(app, administratorUser);
        Assert.Contains($"href=\"/Admin/Users/{user.Id}/SignOut\"", await administrator.GetStringAsync(new Uri($"/Admin/Users/{user.Id}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(user.UserName, await administrator.GetStringAsync(new Uri($"/Admin/Users/{user.Id}/SignOut", UriKind.Relative)), StringComparison.Ordinal);

        var ended = await administrator.PostFormAsync($"/Admin/Users/{user.Id}/SignOut", []);

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal($"/Admin/Users/{user.Id}", ended.Headers.Location!.OriginalString);
        Assert.Contains("signed out of every device", await administrator.GetStringAsync(ended.Headers.Location), StringComparison.Ordinal);
        await SessionTests.ShouldBeSentToSignInAsync(browser, "/Cases");
        await (await token.GetAsync(new Uri("/api/v1/cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Unauthorized);
        var audited = Assert.Single(await AuditAsync(AuditActions.UserSignedOutEverywhere, user.Id));
        Assert.Equal(administratorUser.Id, audited.UserId);
        Assert.Empty(await AuditAsync(AuditActions.SignedOutEverywhere, user.Id));

        // Only the sessions ended: the administrator's own go on, and the user may sign in again.
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync(new Uri("/Admin/Users", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await PageClient.SignInAsync(app, user)).GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Signing_out_a_user_who_does_not_exist_is_not_found()
    {
        var administrator = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var missing = Guid.NewGuid().ToString();
        var page = await administrator.GetAsync(new Uri($"/Admin/Users/{missing}/SignOut", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}

public sealed class SignOutTests_Sqlite(SqliteApp app) : SignOutTests(app);

public sealed class SignOutTests_Postgres(PostgresApp app) : SignOutTests(app);
