using System.Net;
using System.Text.RegularExpressions;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.About;

/// <summary>
/// The footer's accessibility statement, privacy notice and help: each is read without signing in, has its heading, and is linked
/// from the footer of every page, signed in or not. The pages are fixed text and read no database, so one database is enough.
/// </summary>
public sealed partial class FooterPagesTests(SqliteApp app)
{
    public static readonly TheoryData<string, string, string> Pages = new()
    {
        { "/Accessibility", "Accessibility statement", "Accessibility statement for Caseload" },
        { "/Privacy", "Privacy notice", "Privacy notice" },
        { "/Help", "Help", "Help using Caseload" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_is_read_signed_out_with_its_heading_and_the_footer_links_to_it(string path, string linkText, string heading)
    {
        var response = await app.Anonymous().GetAsync(new Uri(path, UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(heading, WebUtility.HtmlDecode(Heading().Match(html).Groups[1].Value));
        var footer = Footer().Match(html).Value;
        Assert.Contains($"<a class=\"govuk-footer__link\" href=\"{path}\">{linkText}</a>", footer, StringComparison.Ordinal);
        Assert.Contains("href=\"/openapi/v1.json\"", footer, StringComparison.Ordinal);
        // Signed out: no navigation, no sign-out form, nothing of anyone's work.
        Assert.DoesNotContain("Sign out", html, StringComparison.Ordinal);
        // Nothing inline for the Content-Security-Policy to block: every script is a file, and no element carries a style.
        Assert.All(ScriptTag().Matches(html), m => Assert.Contains(" src=", m.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_page_links_to_all_three_in_its_footer_and_they_still_open()
    {
        var client = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Practitioner));
        var footer = Footer().Match(await client.GetStringAsync(new Uri("/Tasks", UriKind.Relative))).Value;
        foreach (var href in new[] { "/Help", "/Accessibility", "/Privacy", "/openapi/v1.json" })
        {
            Assert.Contains($"href=\"{href}\"", footer, StringComparison.Ordinal);
        }

        await (await client.GetAsync(new Uri("/Privacy", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_statement_the_notice_and_the_help_say_what_they_must()
    {
        var client = app.Anonymous();
        var accessibility = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Accessibility", UriKind.Relative)));
        Assert.Contains("WCAG) version 2.2 at level AA", accessibility, StringComparison.Ordinal);
        Assert.Contains("Equality and Human Rights Commission (EHRC)", accessibility, StringComparison.Ordinal);
        Assert.Contains("axe-core", accessibility, StringComparison.Ordinal);

        var privacy = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Privacy", UriKind.Relative)));
        Assert.Contains("Article 6(1)(e)", privacy, StringComparison.Ordinal);
        Assert.Contains("Article 9(2)(g)", privacy, StringComparison.Ordinal);
        Assert.Contains("Schedule 1", privacy, StringComparison.Ordinal);
        Assert.Contains("subject access request", privacy, StringComparison.Ordinal);
        Assert.Contains("Information Commissioner’s Office (ICO)", privacy, StringComparison.Ordinal);

        // Help links to the pages where each task is done.
        var help = await client.GetStringAsync(new Uri("/Help", UriKind.Relative));
        foreach (var href in new[] { "/People/Search", "/Worklist", "/Cases", "/Capacity/Escalations/New" })
        {
            Assert.Contains($"href=\"{href}\"", help, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<footer.*?</footer>", RegexOptions.Singleline)]
    private static partial Regex Footer();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
