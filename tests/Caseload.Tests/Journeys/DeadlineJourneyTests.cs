using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

public sealed class DeadlineJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_adds_a_statutory_deadline_sees_it_explained_and_an_overdue_one_at_a_glance()
    {
        var page = await app.SignInAsync("ray.practitioner");
        await page.Locator("table.govuk-table tbody tr", new() { HasText = "SEND" }).First.Locator("a.govuk-link").First.ClickAsync();
        var caseUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a deadline" }).ClickAsync();
        await Axe.CheckAsync(page);

        // The form refuses a timescale with no start date.
        await page.GetByLabel("Decision whether to carry out an EHC needs assessment").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add deadline" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the date the timescale starts from");
        await Axe.CheckAsync(page);

        await page.GetByLabel("Final EHC plan issued").CheckAsync();
        var start = page.GetByRole(AriaRole.Group, new() { Name = "When did it start?" });
        await start.GetByLabel("Day").FillAsync("21");
        await start.GetByLabel("Month").FillAsync("9");
        await start.GetByLabel("Year").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add deadline" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Final EHC plan issued is due");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deadlines", Exact = true })).ToContainTextAsync("Due 8 Feb 2027 — 20 weeks after 21 Sep 2026");
        await Axe.CheckAsync(page);

        // The 20-week clock stops for an exception and restarts; the due date moves on by the days it was stopped.
        await page.Locator("tr", new() { HasText = "Final EHC plan issued" }).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pause the clock") }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-inset-text")).ToContainTextAsync("reg. 13(3)");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause the clock" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why the clock is stopped");
        await Axe.CheckAsync(page);
        await page.GetByLabel("Why is the clock stopped?").FillAsync("Family abroad for 5 weeks");
        var from = page.GetByRole(AriaRole.Group, new() { Name = "When did the clock stop?" });
        await from.GetByLabel("Day").FillAsync("2");
        await from.GetByLabel("Month").FillAsync("11");
        await from.GetByLabel("Year").FillAsync("2026");
        var until = page.GetByRole(AriaRole.Group, new() { Name = "When does the pause end? (optional)" });
        await until.GetByLabel("Day").FillAsync("15");
        await until.GetByLabel("Month").FillAsync("11");
        await until.GetByLabel("Year").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause the clock" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("due 22 Feb 2027");
        await Axe.CheckAsync(page);

        // An overdue one-off deadline shows on the home page at a glance.
        await page.GotoAsync(caseUrl.Split('#')[0] + "/Deadlines/New");
        await page.GetByLabel("Another deadline, with its own due date").CheckAsync();
        await page.GetByLabel("What is due").FillAsync("Send the school the plan");
        var due = page.GetByRole(AriaRole.Group, new() { Name = "Due date" });
        await due.GetByLabel("Day").FillAsync("18");
        await due.GetByLabel("Month").FillAsync("11");
        await due.GetByLabel("Year").FillAsync("2026");
        await page.GetByLabel("Why is this deadline set?").FillAsync("Agreed at the team around the family meeting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add deadline" }).ClickAsync();
        await page.GotoAsync("/Cases");
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Overdue by 3 working days");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "See all deadlines on my cases" }).ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Send the school the plan");
        await Axe.CheckAsync(page);

        // Met late: the reason is asked for.
        await page.GotoAsync(caseUrl.Split('#')[0]);
        await Axe.CheckAsync(page);
        await page.Locator("tr", new() { HasText = "Send the school the plan" }).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mark as met") }).ClickAsync();
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as met" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await page.GetByLabel("If it was met late, why?").FillAsync("The school was closed for training days");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as met" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deadlines", Exact = true })).ToContainTextAsync("Met late");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_sees_the_bank_holidays_in_use_and_a_bad_file_is_refused()
    {
        var page = await app.SignInAsync("ada.admin");
        await page.GotoAsync("/Admin/BankHolidays");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Scotland");
        await Axe.CheckAsync(page);
        await page.GetByLabel("GOV.UK bank holidays file (bank-holidays.json)").SetInputFilesAsync(new FilePayload
        {
            Name = "bank-holidays.json",
            MimeType = "application/json",
            Buffer = "{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": []}}"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Load the file" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The file was not loaded");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Published list shipped with Caseload");
        await Axe.CheckAsync(page);

        // Service standards: listed, and each opens with its history and the retire form.
        await page.GotoAsync("/Admin/ServiceStandards");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("First contact with an early help referral");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "First contact with an early help referral" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retire standard" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why the standard is changing");
        await Axe.CheckAsync(page);
        await page.GotoAsync("/Admin/ServiceStandards/Edit");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }
}
