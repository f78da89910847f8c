using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

public sealed class AgenciesJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task An_administrator_adds_an_agency_and_a_practitioner_records_its_involvement_as_lead_and_the_family_s_consent_to_share_with_it()
    {
        var agency = $"Riverside Surgery {Guid.NewGuid().ToString("N")[..6]}";
        var admin = await app.SignInAsync("ada.admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Agencies", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Agencies", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add an agency" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add agency" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the agency's name");
        await Axe.CheckAsync(admin);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(agency);
        await admin.GetByLabel("Health", new() { Exact = true }).CheckAsync();
        await admin.GetByLabel("Secure email address (optional)").FillAsync("riverside.safeguarding@nhs.net");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add agency" }).ClickAsync();
        await Assertions.Expect(admin.Locator("table.govuk-table")).ToContainTextAsync(agency);
        await Axe.CheckAsync(admin);
        await admin.Context.CloseAsync();

        var page = await app.SignInAsync("pat.practitioner");
        await page.GotoAsync("/Cases");
        await page.Locator("table.govuk-table tbody tr a.govuk-link").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add someone who is involved" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add someone who is involved" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Choose an agency or name a professional");
        await Axe.CheckAsync(page);
        await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{agency} (Health)" });
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dr Amy Shah");
        await page.GetByLabel("Job title").FillAsync("GP");
        await page.GetByLabel("Their role with the child or family").FillAsync("Family doctor");
        await page.GetByLabel("Day").FillAsync("2");
        await page.GetByLabel("Month").FillAsync("11");
        await page.GetByLabel("Year").FillAsync("2026");
        await page.GetByLabel("They are the lead professional").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var involved = page.GetByTestId("involvements");
        await Assertions.Expect(involved).ToContainTextAsync($"Dr Amy Shah (GP), {agency}");
        await Assertions.Expect(involved).ToContainTextAsync("Lead professional");
        await Axe.CheckAsync(page);

        // The person's record, from the case: consent to share information with the surgery.
        await page.Locator("a[href$='#consents']").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Record consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Record consent" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GetByLabel("Sharing information with other agencies").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the agencies the consent covers");
        await Axe.CheckAsync(page);
        await page.GetByLabel(agency, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("A parent or carer").CheckAsync();
        await page.GetByLabel("Their name").FillAsync("Sarah Taylor");
        await page.GetByLabel("Written").CheckAsync();
        await page.Locator("#GivenOn-day").FillAsync("20");
        await page.Locator("#GivenOn-month").FillAsync("11");
        await page.Locator("#GivenOn-year").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        // Other journeys record consents for the same person on the same day: find this one by the agency it covers.
        var consent = page.GetByTestId("consent").Filter(new() { HasText = agency }).First;
        await Assertions.Expect(consent).ToContainTextAsync("Sharing information with other agencies");
        await Assertions.Expect(consent).ToContainTextAsync(agency);
        await Assertions.Expect(consent).ToContainTextAsync("Current");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }
}
