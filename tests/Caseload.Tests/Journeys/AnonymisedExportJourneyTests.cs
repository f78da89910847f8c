using System.IO.Compression;
using Caseload.Features.DataProtection.Exports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A service manager asks for an anonymised export of a service, cannot download it until the data protection officer approves
/// it, then downloads it: a zip in which no name of the demo people appears. Axe on each page.
/// </summary>
public sealed class AnonymisedExportJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_service_manager_asks_the_dpo_approves_and_the_download_names_nobody()
    {
        var manager = await app.SignInAsync("max.manager");
        // The names the manager can see, to look for in the export afterwards.
        await manager.GotoAsync("/Cases?Service=early-help");
        // Each person's full name and family name, matched as whole words in their own case ("Green" the family, not "green" the risk).
        var names = (await manager.Locator("table.govuk-table tbody tr td:first-child a").AllInnerTextsAsync())
            .Select(n => n.Trim()).Where(n => n.Contains(' ', StringComparison.Ordinal))
            .SelectMany(n => new[] { n, n[(n.LastIndexOf(' ') + 1)..] })
            .Where(w => w.Length > 3).Distinct().ToList();
        Assert.NotEmpty(names);

        await manager.GotoAsync("/DataProtection/Exports");
        await Axe.CheckAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Ask for the export" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the purpose of the export");
        await Axe.CheckAsync(manager);

        await manager.Locator("#Service").SelectOptionAsync("early-help");
        await manager.GetByLabel("First day of the period (YYYY-MM-DD)").FillAsync("2020-01-01");
        await manager.GetByLabel("Last day of the period (YYYY-MM-DD)").FillAsync("2026-11-23");
        await manager.Locator("#Include").CheckAsync();
        await manager.Locator("#Include-notes").CheckAsync();
        await manager.GetByLabel("Purpose (the research, evaluation or training it is for)").FillAsync("Evaluation of early help outcomes, journey");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Ask for the export" }).ClickAsync();
        var row = manager.Locator("#exports tbody tr", new() { HasText = "Evaluation of early help outcomes, journey" });
        await Assertions.Expect(row).ToContainTextAsync("Awaiting the DPO");
        await Axe.CheckAsync(manager);

        // The background work builds it (the journeys' clock stands still, so it is run here as the job runs it).
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExportBuilder>().BuildWaitingAsync();
        }

        await manager.ReloadAsync();
        await Assertions.Expect(row).ToContainTextAsync("ready");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download") })).ToHaveCountAsync(0);

        var dpo = await app.SignInAsync("dee.dpo");
        await dpo.GotoAsync("/DataProtection/Exports");
        var waiting = dpo.Locator("#exports tbody tr", new() { HasText = "Evaluation of early help outcomes, journey" });
        await waiting.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Approve") }).ClickAsync();
        await Assertions.Expect(dpo.Locator(".govuk-notification-banner")).ToContainTextAsync("The export is approved");
        await Axe.CheckAsync(dpo);

        await manager.ReloadAsync();
        await Assertions.Expect(row).ToContainTextAsync("Approved");
        var href = await row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download") }).GetAttributeAsync("href");
        var download = await manager.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        using var zip = new ZipArchive(new MemoryStream(await download.BodyAsync()));
        Assert.Contains(zip.Entries, e => e.Name == "cases.csv");
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            var text = await reader.ReadToEndAsync();
            var found = names.Where(n => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{System.Text.RegularExpressions.Regex.Escape(n)}\b")).ToList();
            Assert.True(found.Count == 0, $"{entry.Name} names {string.Join(", ", found)}");
        }

        await dpo.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }
}
