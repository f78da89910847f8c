using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>Reading, filtering, marking and printing a case's chronology in a real browser, with an accessibility check on every page.</summary>
public sealed class ChronologyJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_reads_a_cases_chronology_filters_it_marks_a_significant_event_and_prints_it()
    {
        var page = await app.SignInAsync("pat.practitioner");
        await page.GotoAsync("/Cases?scope=mine&status=active");
        await page.Locator("table[data-module='moj-sortable-table'] tbody tr a.govuk-link").First.ClickAsync();
        await page.GetByTestId("chronology-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chronology", Exact = true })).ToBeVisibleAsync();
        var entries = page.GetByTestId("chronology-entry");
        await Assertions.Expect(entries.First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("chronology")).ToContainTextAsync("Referred to");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the chronology" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        // Only the case notes.
        await page.GetByLabel("Case note", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chronology-filter-summary")).ToContainTextAsync("case note");
        var notes = await entries.CountAsync();
        Assert.True(notes > 0);
        foreach (var kind in await entries.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)")) Assert.Equal("note", kind);
        await Axe.CheckAsync(page);

        // Mark the first note as significant: the page comes back with the filter kept and the mark shown with who made it.
        var first = entries.First;
        await first.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(entries.First.Locator(".govuk-tag", new() { HasText = "Significant" })).ToBeVisibleAsync();
        await Assertions.Expect(entries.First).ToContainTextAsync("Marked by Pat");
        Assert.Contains("kinds=note", page.Url, StringComparison.Ordinal);
        await Axe.CheckAsync(page);

        await page.GetByLabel("Significant events only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Axe.CheckAsync(page);

        // A date that does not exist: a GOV.UK error, the entries still shown.
        await page.GetByLabel("From").FillAsync("31/2/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The from date must be a real date");
        await Axe.CheckAsync(page);

        // Printed: the chronology without the filters or the buttons.
        await page.GotoAsync(page.Url.Split('?')[0] + "?kinds=note&significantOnly=true");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByTestId("chronology-filter")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the chronology" })).ToBeHiddenAsync();
        await Assertions.Expect(entries.First).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Unmarked again, nothing is significant.
        await entries.First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("chronology-empty")).ToContainTextAsync("No events match these filters");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }
}
