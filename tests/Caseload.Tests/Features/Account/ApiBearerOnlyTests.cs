using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Account;

/// <summary>
/// The API knows callers by bearer token only: the sign-in cookie a browser sends by itself is refused there, so a page on
/// the same site cannot make a signed-in user's browser change a record. Pages' own calls (the session keep-alive) need the
/// cookie and the page's antiforgery token.
/// </summary>
public abstract partial class ApiBearerOnlyTests(CaseloadApp app)
{
    [Fact]
    public async Task The_api_refuses_the_sign_in_cookie_with_401_problem_details()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var browser = await PageClient.SignInAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/Cases", UriKind.Relative))).StatusCode);

        var response = await browser.GetAsync(new Uri("/api/v1/cases", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("unauthenticated", (await response.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deadline_cannot_be_marked_met_with_the_cookie_and_an_empty_body()
    {
        var (caseId, deadlineId, bearer, browser) = await DeadlineAsync();

        var forged = await browser.PostAsync(new Uri($"/api/v1/cases/{caseId}/deadlines/{deadlineId}/met", UriKind.Relative), null);
        await forged.ShouldBeAsync(HttpStatusCode.Unauthorized);
        var resumed = await browser.PostAsync(new Uri($"/api/v1/cases/{caseId}/deadlines/{deadlineId}/resume", UriKind.Relative), null);
        await resumed.ShouldBeAsync(HttpStatusCode.Unauthorized);

        var deadline = await (await bearer.GetAsync($"/api/v1/cases/{caseId}/deadlines")).JsonAsync();
        Assert.NotEqual("met", Assert.Single(deadline["items"]!.AsArray())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_write_endpoints_refuse_any_other_content_type_with_415_problem_details()
    {
        var (caseId, deadlineId, bearer, _) = await DeadlineAsync();

        var plain = await bearer.PostAsync($"/api/v1/cases/{caseId}/deadlines/{deadlineId}/met", new StringContent("{}", Encoding.UTF8, "text/plain"));
        await plain.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType!.MediaType);
        var form = await bearer.PostAsync("/api/v1/people", new FormUrlEncodedContent([new("givenName", "Alex"), new("familyName", "Taylor")]));
        await form.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType);
        var typeless = await bearer.PostAsync("/api/v1/people", new ByteArrayContent("{\"givenName\":\"Alex\"}"u8.ToArray()));
        await typeless.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType);

        // With the bearer token (which no other site can make a browser send) the body stays optional: today, by default.
        var met = await bearer.PostAsync($"/api/v1/cases/{caseId}/deadlines/{deadlineId}/met", null);
        await met.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_session_keep_alive_needs_the_cookie_and_the_pages_antiforgery_token()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var browser = await PageClient.SignInAsync(app, user);
        var html = await browser.GetStringAsync(new Uri("/Cases", UriKind.Relative));

        var without = await browser.PostAsync(new Uri("/session/keep-alive", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/session/keep-alive", UriKind.Relative));
        request.Headers.Add("X-CSRF-TOKEN", WebUtility.HtmlDecode(CsrfToken().Match(html).Groups[1].Value));
        var with = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(1800, (await with.JsonAsync())["expiresIn"]!.GetValue<int>());
    }

    private async Task<(Guid CaseId, Guid DeadlineId, HttpClient Bearer, HttpClient Browser)> DeadlineAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        var bearer = await app.ClientForAsync(user);
        var caseId = await bearer.CreateCaseIdAsync(user.UserName);
        var created = await bearer.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines",
            new { title = "Send the report to court", dueDate = "2026-12-20", reason = "Directions hearing" });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var deadlineId = (await created.JsonAsync())["id"]!.GetValue<Guid>();
        return (caseId, deadlineId, bearer, await PageClient.SignInAsync(app, user));
    }

    [GeneratedRegex("data-csrf-token=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}

public sealed class ApiBearerOnlyTests_Sqlite(SqliteApp app) : ApiBearerOnlyTests(app);

public sealed class ApiBearerOnlyTests_Postgres(PostgresApp app) : ApiBearerOnlyTests(app);
