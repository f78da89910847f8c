using System.Net;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Account;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Administration;

/// <summary>
/// An administrator deactivates and reactivates accounts and changes roles; the change holds for the account's live
/// cookies and tokens on their next request.
/// </summary>
public abstract class UsersPagesTests(CaseloadApp app)
{
    [Fact]
    public async Task Deactivating_a_user_says_so_records_it_and_ends_their_cookie_and_token_at_once()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, cookies) = await SessionTests.SignInCopyingCookiesAsync(app, user);
        var token = await app.ClientForAsync(user);
        await (await token.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.OK);
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));

        var form = await admin.GetStringAsync(new Uri($"/Admin/Users/{user.Id}", UriKind.Relative));
        Assert.Contains("name=\"IsActive\" type=\"radio\" value=\"false\"", form, StringComparison.Ordinal);
        Assert.Equal("Test Practitioner is deactivated", await SaveAsync(admin, user, active: false, Roles.Practitioner));

        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));
        Assert.EndsWith("active=False; unlocked=False", await LastUpdateAsync(user.Id), StringComparison.Ordinal);
        await SessionTests.ShouldBeSentToSignInAsync(browser, "/Cases");
        await SessionTests.ShouldBeSentToSignInAsync(SessionTests.Replaying(app, cookies), "/Cases");
        await (await token.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        var refused = await app.Anonymous().PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = CaseloadApp.Password });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // Reactivating lets them sign in again; the cookie and token they had before stay ended.
        Assert.Equal("Test Practitioner is reactivated", await SaveAsync(admin, user, active: true, Roles.Practitioner));
        Assert.EndsWith("active=True; unlocked=False", await LastUpdateAsync(user.Id), StringComparison.Ordinal);
        await SessionTests.ShouldBeSentToSignInAsync(SessionTests.Replaying(app, cookies), "/Cases");
        await (await token.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        var again = await PageClient.SignInAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_accounts_state_is_an_error_never_a_silent_active()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        await app.WithDbAsync(async db =>
        {
            var u = await db.Users.FindAsync(user.Id);
            u!.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));

        var response = await admin.PostFormFieldsAsync($"/Admin/Users/{user.Id}", [new("DisplayName", "Test Practitioner"), new("Roles", Roles.Practitioner)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Select whether the account is active", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task Removing_the_data_protection_officer_role_refuses_the_same_cookie_and_token_the_audit_at_once()
    {
        var dpo = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        var (browser, _) = await SessionTests.SignInCopyingCookiesAsync(app, dpo);
        var token = await app.ClientForAsync(dpo);
        await (await token.GetAsync("/api/v1/audit")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/Audit", UriKind.Relative))).StatusCode);
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));

        Assert.Equal("Test Practitioner is saved", await SaveAsync(admin, dpo, active: true, Roles.Practitioner));

        await (await token.GetAsync("/api/v1/audit")).ShouldBeAsync(HttpStatusCode.Forbidden);
        var page = await browser.GetAsync(new Uri("/Audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // The session goes on with the roles the account has now.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
        await (await token.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>Saves the user's form as the administrator's browser posts it; the message the users page then shows.</summary>
    private static async Task<string> SaveAsync(HttpClient admin, TestUser user, bool active, params string[] roles)
    {
        var fields = new List<KeyValuePair<string, string>> { new("DisplayName", "Test Practitioner"), new("IsActive", active ? "true" : "false") };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("Roles", r)));
        var saved = await admin.PostFormFieldsAsync($"/Admin/Users/{user.Id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await admin.GetStringAsync(saved.Headers.Location);
        var banner = System.Text.RegularExpressions.Regex.Match(list, "govuk-notification-banner__heading\">([^<]*)<");
        Assert.True(banner.Success, "The users page shows no message");
        return WebUtility.HtmlDecode(banner.Groups[1].Value).Trim();
    }

    private Task<string?> LastUpdateAsync(string userId) => app.WithDbAsync(db => db.AuditEvents
        .Where(e => e.Action == AuditActions.UserUpdated && e.EntityId == userId).OrderByDescending(e => e.Id).Select(e => e.Details).FirstAsync());
}

public sealed class UsersPagesTests_Sqlite(SqliteApp app) : UsersPagesTests(app);

public sealed class UsersPagesTests_Postgres(PostgresApp app) : UsersPagesTests(app);
