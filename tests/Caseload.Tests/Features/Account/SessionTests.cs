using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Caseload.Features.Administration;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caseload.Tests.Features.Account;

/// <summary>
/// Sessions end when they should: signing out ends that browser session on the server (a copied cookie stops working),
/// a password reset ends every session and token of the account on the next request, and a cookie or token grants only
/// the roles the account has now.
/// </summary>
public abstract partial class SessionTests(CaseloadApp app)
{
    internal static readonly Uri Site = new("http://localhost/");

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it_while_the_users_other_sessions_and_tokens_go_on()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, cookies) = await SignInCopyingCookiesAsync(app, user);
        var (laptop, _) = await SignInCopyingCookiesAsync(app, user);
        var token = await app.ClientForAsync(user);
        var copy = Replaying(app, cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);

        var signedOut = await browser.PostFormAsync("/Account/SignOut", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await ShouldBeSentToSignInAsync(copy, "/Cases");
        Assert.Equal(HttpStatusCode.Unauthorized, (await KeepAliveAsync(copy)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
        await (await token.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cookie_copied_before_stay_signed_in_is_refused_after_sign_out_too()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, cookies) = await SignInCopyingCookiesAsync(app, user);
        var renewed = await KeepAliveAsync(browser);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);

        await browser.PostFormAsync("/Account/SignOut", []);

        await ShouldBeSentToSignInAsync(Replaying(app, cookies), "/Cases");
    }

    [Fact]
    public async Task Signing_in_again_in_the_same_browser_ends_the_session_it_replaces()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, cookies) = await SignInCopyingCookiesAsync(app, user);

        var again = await browser.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = CaseloadApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        await ShouldBeSentToSignInAsync(Replaying(app, cookies), "/Cases");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task After_a_password_reset_the_old_cookies_and_tokens_are_refused_and_the_new_password_signs_in()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var (browser, cookies) = await SignInCopyingCookiesAsync(app, user);
        var token = await app.ClientForAsync(user);
        await (await token.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.OK);

        const string newPassword = "Another-Password-2026!";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseloadUser>>();
            var account = await users.FindByIdAsync(user.Id);
            var reset = await users.ResetPasswordAsync(account!, await users.GeneratePasswordResetTokenAsync(account!), newPassword);
            Assert.True(reset.Succeeded);
        }

        await ShouldBeSentToSignInAsync(browser, "/Cases");
        await ShouldBeSentToSignInAsync(Replaying(app, cookies), "/Cases");
        await (await token.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        var again = await PageClient.SignInAsync(app, user, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_token_grants_the_roles_the_account_has_now_and_one_without_the_accounts_stamp_is_refused()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var stamp = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp!).SingleAsync());

        var claimingMore = TokenClient(user, new Claim(ClaimTypes.Role, Roles.DataProtectionOfficer), new Claim(Sessions.StampClaim, Sessions.StampDigest(stamp)));
        await (await claimingMore.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.OK);
        await (await claimingMore.GetAsync("/api/v1/audit")).ShouldBeAsync(HttpStatusCode.Forbidden);

        var withoutStamp = TokenClient(user, new Claim(ClaimTypes.Role, Roles.Practitioner));
        await (await withoutStamp.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        var withTheRawStamp = TokenClient(user, new Claim(ClaimTypes.Role, Roles.Practitioner), new Claim(Sessions.StampClaim, stamp));
        await (await withTheRawStamp.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>An API client with a token signed by the app, carrying the user and the claims given.</summary>
    private HttpClient TokenClient(TestUser user, params Claim[] claims)
    {
        var options = app.Services.GetRequiredService<ApiTokenOptions>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiTokenOptions.Issuer,
            Audience = ApiTokenOptions.Audience,
            Subject = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName), .. claims]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(options.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser signed in as the user, and its cookies as someone copying them from it would take them.</summary>
    internal static async Task<(HttpClient Browser, string Cookies)> SignInCopyingCookiesAsync(CaseloadApp app, TestUser user, string password = CaseloadApp.Password)
    {
        var jar = new CookieContainerHandler();
        var browser = app.Factory.CreateDefaultClient(Site, jar);
        var response = await browser.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (browser, jar.Container.GetCookieHeader(Site));
    }

    /// <summary>A client that sends the copied cookies on every request, whatever the app answers.</summary>
    internal static HttpClient Replaying(CaseloadApp app, string cookies)
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return client;
    }

    internal static async Task ShouldBeSentToSignInAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The timeout warning's "Stay signed in", as its script sends it.</summary>
    /// <summary>The keep-alive as the timeout warning's script sends it: with the antiforgery token of a page the session can open.</summary>
    internal static async Task<HttpResponseMessage> KeepAliveAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/session/keep-alive", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var page = await client.GetAsync(new Uri("/Cases", UriKind.Relative));
        if (page.StatusCode == System.Net.HttpStatusCode.OK
            && AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()) is { Success: true } token)
        {
            request.Headers.Add("X-CSRF-TOKEN", System.Net.WebUtility.HtmlDecode(token.Groups[1].Value));
        }

        return await client.SendAsync(request);
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryToken();
}

public sealed class SessionTests_Sqlite(SqliteApp app) : SessionTests(app);

public sealed class SessionTests_Postgres(PostgresApp app) : SessionTests(app);
