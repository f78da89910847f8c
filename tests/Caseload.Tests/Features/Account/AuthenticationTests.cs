using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caseload.Tests.Features.Account;

public abstract class AuthenticationTests(CaseloadApp app)
{
    [Fact]
    public async Task A_token_is_issued_for_the_right_password_with_its_expiry()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(body["accessToken"]!.GetValue<string>()));
        Assert.Equal(CaseloadApp.Start.AddHours(1), body["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_wrong_password_gets_401_problem_details()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "wrong-password-123" });
        await response.ShouldBeAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid-credentials", (await response.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_account_locks_after_five_failed_attempts_even_for_the_right_password()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = "wrong-password-123" });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password });
        await response.ShouldBeAsync((HttpStatusCode)423);
        Assert.Equal("account-locked", (await response.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_without_credentials_gets_401_problem_not_a_sign_in_page()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/cases");
        await response.ShouldBeAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsImlzcyI6ImNhc2Vsb2FkIn0.c2lnbmF0dXJlLW5vdC12YWxpZA");
        await (await client.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_by_the_app_but_expired_by_its_clock_is_refused()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var options = app.Services.GetRequiredService<ApiTokenOptions>();
        var stamp = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp!).SingleAsync());
        string Token(DateTimeOffset issued) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiTokenOptions.Issuer,
            Audience = ApiTokenOptions.Audience,
            Subject = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName), new Claim(ClaimTypes.Role, Roles.Practitioner),
                new Claim(Sessions.StampClaim, Sessions.StampDigest(stamp))]),
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = issued.AddHours(1).UtcDateTime,
            SigningCredentials = new SigningCredentials(options.SigningKey, SecurityAlgorithms.HmacSha256),
        });

        var fresh = app.Anonymous();
        fresh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(CaseloadApp.Start.AddMinutes(-30)));
        await (await fresh.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.OK);
        var expired = app.Anonymous();
        expired.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(CaseloadApp.Start.AddHours(-2)));
        await (await expired.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Pages_send_anonymous_visitors_to_sign_in_and_the_sign_in_page_explains_a_wrong_password()
    {
        var client = app.Anonymous();
        var response = await client.GetAsync("/Cases");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var user = await app.CreateUserAsync(Roles.Practitioner);
        var browser = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var wrong = await browser.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Enter a correct user name and password", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_users_token_stops_working()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(user);
        await (await client.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.OK);
        await app.WithDbAsync(async db =>
        {
            var u = await db.Users.FindAsync(user.Id);
            u!.IsActive = false;
            return await db.SaveChangesAsync();
        });
        await (await client.GetAsync("/api/v1/cases")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class AuthenticationTests_Sqlite(SqliteApp app) : AuthenticationTests(app);

public sealed class AuthenticationTests_Postgres(PostgresApp app) : AuthenticationTests(app);
