using System.IO.Compression;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A subject access request in the browser: the DPO's home shows the register (the demo's overdue request tagged), the DPO finds a
/// person by the person search and logs a request, redacts an item in the bundle's review, downloads the bundle (the redaction shows
/// its reason) and completes the request. Forms only; axe checks every page on the way.
/// </summary>
public sealed class SubjectAccessJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task The_dpo_logs_a_request_redacts_an_item_downloads_the_bundle_and_completes_it()
    {
        var dee = await app.SignInAsync("dee.dpo");
        await dee.GotoAsync("/");
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Subject access requests" })).ToBeVisibleAsync();
        await Assertions.Expect(dee.Locator("#subject-access-register")).ToContainTextAsync("Overdue");
        await Axe.CheckAsync(dee);

        // The person of the demo's overdue request: their name, to search for.
        await dee.Locator("#subject-access-register tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Axe.CheckAsync(dee);
        var name = (await dee.Locator("h1").InnerTextAsync()).Trim();

        await dee.GotoAsync("/DataProtection/SubjectAccess");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Log a request" }).ClickAsync();
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Log a subject access request" })).ToBeVisibleAsync();
        await dee.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a name, date of birth or id");
        await Axe.CheckAsync(dee);
        await dee.GetByLabel("Find the person the request is about").FillAsync(name);
        await dee.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Axe.CheckAsync(dee);
        await dee.Locator("#people-found tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await dee.GetByRole(AriaRole.Button, new() { Name = "Log the request" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the name of the person making the request");
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the date received");
        await Axe.CheckAsync(dee);
        await dee.GetByLabel("Name of the person making the request").FillAsync("Jo Solicitor");
        await dee.GetByLabel("A representative with authority (solicitor, advocate, attorney)").CheckAsync();
        await dee.GetByLabel("Date received").FillAsync("2026-11-16");
        await dee.GetByLabel("Date identity was confirmed (optional)").FillAsync("2026-11-16");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Log the request" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-notification-banner")).ToContainTextAsync("Request logged: due 16 Dec 2026");
        await Assertions.Expect(dee.Locator("#due-on")).ToHaveTextAsync("16 Dec 2026");
        await Axe.CheckAsync(dee);
        var requestUrl = dee.Url;

        // Review the bundle: withhold the person's family name from the requester, with the exemption relied on.
        await dee.GetByRole(AriaRole.Link, new() { Name = "Review the bundle: third-party information, redactions and exemptions" }).ClickAsync();
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Review the bundle" })).ToBeVisibleAsync();
        await Axe.CheckAsync(dee);
        await dee.Locator("[data-item^='People/']").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(dee.GetByLabel("Item", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^People/"));
        await dee.GetByLabel("Field (optional)").FillAsync("FamilyName");
        await dee.GetByLabel("Redact", new() { Exact = true }).CheckAsync();
        await dee.GetByLabel("Reason or exemption").FillAsync("third-party information (DPA 2018 Sch 2 para 16)");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-notification-banner")).ToContainTextAsync("Redaction of People/");
        await Assertions.Expect(dee.Locator("#redactions")).ToContainTextAsync("third-party information (DPA 2018 Sch 2 para 16)");
        await Axe.CheckAsync(dee);

        var download = await dee.RunAndWaitForDownloadAsync(() => dee.Locator("#download-bundle").ClickAsync());
        var html = await HtmlOf(download);
        Assert.Contains("[redacted: third-party information (DPA 2018 Sch 2 para 16)]", html, StringComparison.Ordinal);

        await dee.GotoAsync(requestUrl);
        await dee.GetByRole(AriaRole.Button, new() { Name = "Complete the request" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the date the response was sent");
        await Axe.CheckAsync(dee);
        await dee.GetByLabel("Date the response was sent").FillAsync("2026-11-20");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Complete the request" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-notification-banner")).ToContainTextAsync("The request is completed and the bundle kept as sent");
        await Assertions.Expect(dee.Locator("#request-status")).ToHaveTextAsync("Completed");
        await Axe.CheckAsync(dee);
        var kept = await dee.RunAndWaitForDownloadAsync(() => dee.Locator("#download-bundle").ClickAsync());
        Assert.Contains("[redacted: third-party information (DPA 2018 Sch 2 para 16)]", await HtmlOf(kept), StringComparison.Ordinal);
    }

    private static async Task<string> HtmlOf(IDownload download)
    {
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".html", StringComparison.Ordinal)).Open());
        return await reader.ReadToEndAsync();
    }
}
