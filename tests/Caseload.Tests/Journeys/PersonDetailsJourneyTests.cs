using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A practitioner records a child's sex and postcode from the person page: a postcode that is not one is refused with the
/// GOV.UK error summary and nothing is saved; a real one is saved in its standard form and shown on the person page.
/// </summary>
public sealed class PersonDetailsJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_records_sex_and_postcode_and_is_told_when_the_postcode_is_not_one()
    {
        var page = await app.SignInAsync("sam.practitioner");
        await page.GetByTestId("worklist").Locator("tbody tr").First.Locator("a.govuk-link").First.ClickAsync();
        var personLink = page.GetByTestId("case-identity").Locator("a[href^='/People/']").First;
        var personPath = await personLink.GetAttributeAsync("href");
        await personLink.ClickAsync();
        await page.ArrivesAtAsync(personPath!);
        await Axe.CheckAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Change postcode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change sex, ethnicity and postcode" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        await page.GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Postcode (optional)").FillAsync("NOT A POSTCODE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a real postcode");
        await Axe.CheckAsync(page);

        await page.GetByLabel("Postcode (optional)").FillAsync("ls6 2ab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.ArrivesAtAsync(personPath!);
        var details = page.Locator(".govuk-summary-list").First;
        await Assertions.Expect(details).ToContainTextAsync("LS6 2AB");
        await Assertions.Expect(details).ToContainTextAsync("Female");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }
}
