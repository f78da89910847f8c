using System.Text.RegularExpressions;
using Caseload.Features.Administration;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Platform.Http;

/// <summary>
/// Every page answers with a Content-Security-Policy whose script nonce is new on each request, and renders no inline
/// script without that nonce; the other protective headers stay. Headers do not depend on the database: SQLite only.
/// </summary>
public sealed partial class SecurityHeadersTests(SqliteApp app)
{
    [Fact]
    public async Task Every_page_carries_a_csp_with_a_fresh_nonce_and_no_inline_script_without_it()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseloadUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            await users.AddToRolesAsync(stored!, Roles.All.Where(r => r != Roles.Practitioner));
        }

        var caseId = await (await app.ClientForAsync(user)).CreateCaseIdAsync(user.UserName);
        var browser = await PageClient.SignInAsync(app, user);
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p != "/Account/SignOut")
            .Distinct()
            .Append($"/Cases/{caseId}")
            .Append("/no-such-page")
            .ToList();
        Assert.True(pages.Count > 20, $"Only {pages.Count} pages found.");

        var nonces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in pages.Prepend("/Account/SignIn"))
        {
            var client = url == "/Account/SignIn" ? app.Anonymous() : browser;
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            var nonce = Nonce().Match(csp);
            Assert.True(nonce.Success, $"{url}: no script nonce in '{csp}'");
            Assert.True(nonces.Add(nonce.Groups[1].Value), $"{url}: the nonce was used before");
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.True(response.Headers.CacheControl!.NoStore, $"{url}: not no-store");

            var html = await response.Content.ReadAsStringAsync();
            foreach (Match script in ScriptTag().Matches(html))
            {
                var tag = script.Value;
                Assert.True(tag.Contains(" src=\"/", StringComparison.Ordinal) || tag.Contains($"nonce=\"{nonce.Groups[1].Value}\"", StringComparison.Ordinal),
                    $"{url}: inline script without the nonce: {tag}");
            }

            Assert.DoesNotMatch(InlineHandler(), html);
        }

        Assert.True(nonces.Count > 20, $"Only {nonces.Count} HTML pages were checked.");
    }

    [Fact]
    public async Task The_api_answers_with_a_policy_that_allows_nothing()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/cases");
        Assert.StartsWith("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [GeneratedRegex("script-src [^;]*'nonce-([A-Za-z0-9+/=]{16,})'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\son(click|load|error|submit|change|input)=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
