using System.Net;
using System.Xml.Linq;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Platform.Hosting;

/// <summary>
/// Two app instances on one database, each with its own Data Protection services: what one protects (the sign-in cookie,
/// antiforgery tokens, TempData) the other reads, because the key ring is in the database.
/// </summary>
public abstract class SharedKeyRingTests(CaseloadApp app)
{
    [Fact]
    public async Task A_user_signed_in_on_one_instance_reads_pages_and_posts_forms_on_another()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager);
        await using var other = Hosts.AnotherInstance(app);
        var jar = new CookieJar();
        using var onA = Hosts.Client(app.Factory, jar);
        using var onB = Hosts.Client(other, jar);

        var signedIn = await onA.PostFormAsync("/Account/SignIn", new() { ["UserName"] = manager.UserName, ["Password"] = CaseloadApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.NotNull(jar["caseload"]);

        // The key that protected the cookie on A is a row in the database, not a file either instance might share.
        var keyId = ProtectingKey(jar["caseload"]!);
        var stored = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
        Assert.Contains(keyId, stored.Select(xml => Guid.Parse(XElement.Parse(xml).Attribute("id")!.Value)));

        var page = await onB.GetAsync(new Uri("/Worklist/Weights", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Priority weights", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The form and its antiforgery token come from A; B accepts the post, and the TempData it sets is shown by A.
        var form = await onA.GetStringAsync(new Uri("/Worklist/Weights", UriKind.Relative));
        var code = $"test-{Guid.NewGuid().ToString("N")[..10]}";
        var saved = await onB.PostAsync(new Uri("/Worklist/Weights", UriKind.Relative), new FormUrlEncodedContent(
        [
            new($"Values[vulnerability.{code}]", "3"),
            new("Reason", "Checking two instances"),
            new("__RequestVerificationToken", AntiforgeryToken(form)),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("The new weights are in force", await onA.GetStringAsync(new Uri("/Worklist/Weights", UriKind.Relative)));
    }

    [Fact]
    public async Task A_cookie_not_protected_by_the_shared_key_ring_is_refused_on_every_instance()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        await using var other = Hosts.AnotherInstance(app);
        var jar = new CookieJar();
        using var onA = Hosts.Client(app.Factory, jar);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.PostFormAsync("/Account/SignIn", new() { ["UserName"] = practitioner.UserName, ["Password"] = CaseloadApp.Password })).StatusCode);

        // The same cookie with one byte of its protected payload changed: B must not take it for a signed-in user.
        var bytes = WebEncoders.Base64UrlDecode(jar["caseload"]!);
        bytes[^1] ^= 0x55;
        using var forged = Hosts.Client(other, new CookieJar(), ("Cookie", $"caseload={WebEncoders.Base64UrlEncode(bytes)}"));
        var response = await forged.GetAsync(new Uri("/Worklist", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>A protected payload starts with a 4-byte magic header and the id of the key that protected it.</summary>
    private static Guid ProtectingKey(string cookie) => new(WebEncoders.Base64UrlDecode(cookie).AsSpan(4, 16));

    private static string AntiforgeryToken(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, "The page has an antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

public sealed class SharedKeyRingTests_Sqlite(SqliteApp app) : SharedKeyRingTests(app);

public sealed class SharedKeyRingTests_Postgres(PostgresApp app) : SharedKeyRingTests(app);
