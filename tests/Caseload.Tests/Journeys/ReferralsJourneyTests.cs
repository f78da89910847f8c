using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

public sealed class ReferralsJourneyTests(BrowserApp app)
{
    private static async Task StepAsync(IPage page, string status)
    {
        await page.GetByLabel(status, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Day").FillAsync("23");
        await page.GetByLabel("Month").FillAsync("11");
        await page.GetByLabel("Year").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the step" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync(status);
    }

    [Fact]
    public async Task A_practitioner_refers_on_recorded_consent_follows_it_up_to_accessed_and_logs_a_share_on_a_lawful_basis()
    {
        const string agency = "Family Action Centre";
        var page = await app.SignInAsync("pat.practitioner");
        await page.GotoAsync("/Cases");
        await page.Locator("table.govuk-table tbody tr a.govuk-link").First.ClickAsync();
        var caseUrl = page.Url;

        // The family's consent to a referral to the centre, on the person's record.
        await page.Locator("a[href$='#consents']").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Record consent" }).ClickAsync();
        await page.GetByLabel("Referral to another agency").CheckAsync();
        await page.GetByLabel(agency, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("A parent or carer").CheckAsync();
        await page.GetByLabel("Their name").FillAsync("Sarah Taylor");
        await page.GetByLabel("Written").CheckAsync();
        await page.Locator("#GivenOn-day").FillAsync("20");
        await page.Locator("#GivenOn-month").FillAsync("11");
        await page.Locator("#GivenOn-year").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        // Other journeys record consents for the same person on the same day: find this one by what it is for and whom it covers.
        await Assertions.Expect(page.GetByTestId("consent").Filter(new() { HasText = "Referral to another agency" }).Filter(new() { HasText = agency })).ToHaveCountAsync(1);

        await page.GotoAsync(caseUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Make a referral" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Make a referral" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("golden-rules")).ToContainTextAsync("Proportionate");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Confirm that what you share meets the seven golden rules");
        await Assertions.Expect(summary).ToContainTextAsync("Give the consent that covers this agency, or the lawful basis");
        await Axe.CheckAsync(page);
        await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{agency} (Voluntary sector)" });
        await page.GetByLabel("Why are you referring?").FillAsync("Mum is isolated and asks for support with the children's routines");
        await page.GetByLabel("What are you asking them for?").FillAsync("A family support worker for weekly visits");
        await page.GetByLabel("Routine").CheckAsync();
        await page.GetByLabel("What information are you sharing?").FillAsync("Names, address, the family's goals from the plan");
        await page.GetByLabel("Consent", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("What I share is necessary").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Referral to {agency}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Sent");
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("A follow-up task is due on");
        await Axe.CheckAsync(page);

        // Out of order is not offered; the path is followed step by step.
        await Assertions.Expect(page.GetByLabel("Accessed", new() { Exact = true })).ToHaveCountAsync(0);
        await StepAsync(page, "Acknowledged");
        await StepAsync(page, "Accepted");
        await StepAsync(page, "Appointment offered");
        await StepAsync(page, "Accessed");
        await Assertions.Expect(page.GetByTestId("steps").Locator("li")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Follow-up has stopped");
        await Axe.CheckAsync(page);

        // A share on its own, without consent: a report to the conference on the public task.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to referrals" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("referrals")).ToContainTextAsync("Accessed");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Record information shared" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter who the information was shared with");
        await Axe.CheckAsync(page);
        await page.GetByLabel("Who did you share it with?").FillAsync("Hollybank Primary School, designated safeguarding lead");
        await page.GetByLabel("What did you share?").FillAsync("Dates of the home visits and the concerns raised");
        await page.GetByLabel("Why did you share it?").FillAsync("Report to the child protection conference");
        await page.GetByLabel("Public task").CheckAsync();
        await page.GetByLabel("Why consent was not sought").FillAsync("The conference is statutory; asking could put the child at risk");
        await page.GetByLabel("Who decided to share without consent").FillAsync("Ann Lee, team manager");
        await page.GetByLabel("Who decided to share it?").FillAsync("Ann Lee, team manager");
        await page.GetByLabel("Day").FillAsync("23");
        await page.GetByLabel("Month").FillAsync("11");
        await page.GetByLabel("Year").FillAsync("2026");
        await page.GetByLabel("Secure email").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var shares = page.GetByTestId("shares");
        await Assertions.Expect(shares).ToContainTextAsync("Hollybank Primary School, designated safeguarding lead");
        await Assertions.Expect(shares).ToContainTextAsync("Public task");
        await Assertions.Expect(shares).ToContainTextAsync(agency);
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }
}
