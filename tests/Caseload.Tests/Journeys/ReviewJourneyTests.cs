using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

public sealed partial class ReviewJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_reviews_a_case_from_their_caseload_review_sees_the_last_plan_next_time_and_the_review_on_the_caseload()
    {
        var page = await app.SignInAsync("pat.practitioner");
        await page.GetByRole(AriaRole.Link, new() { Name = "Caseload review", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My caseload review" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        // The print button is there once the page's script has run; the print stylesheet is linked for the supervision pack.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the supervision pack" })).ToBeVisibleAsync();

        var row = page.GetByTestId("caseload-review").Locator("tbody tr").Last;
        var name = (await row.Locator("a.govuk-link").First.InnerTextAsync()).Trim();
        await row.GetByRole(AriaRole.Link, new() { NameRegex = ReviewPattern() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review this case" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        // Nothing answered: every problem at once, in a GOV.UK error summary.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the progress since the last review");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the date of the next review");
        await Axe.CheckAsync(page);

        await FillAsync(page, "Mum to ring the school weekly; visits move to fortnightly", "Continue", "15");
        await Assertions.Expect(page.GetByTestId("review-recorded")).ToContainTextAsync("The case is next due for review on 15 Jan 2027");
        await Assertions.Expect(page.GetByTestId("case-review").First).ToContainTextAsync("Mum to ring the school weekly");
        await Axe.CheckAsync(page);

        // Plan–do–review: the next review shows what this one planned.
        await page.GetByRole(AriaRole.Link, new() { Name = "Review this case" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("last-plan")).ToContainTextAsync("Mum to ring the school weekly; visits move to fortnightly");
        await Axe.CheckAsync(page);
        await FillAsync(page, "None: the outcomes are achieved", "Close", "22");
        var recorded = page.GetByTestId("review-recorded");
        await Assertions.Expect(recorded).ToContainTextAsync("Recording the review does not close it");
        await Assertions.Expect(recorded.GetByRole(AriaRole.Link, new() { Name = "close the case" })).ToHaveAttributeAsync("href", CloseHref());
        await Axe.CheckAsync(page);

        await page.GotoAsync("/Reviews");
        var reviewed = page.GetByTestId("caseload-review").Locator("tbody tr", new() { HasText = name });
        await Assertions.Expect(reviewed).ToContainTextAsync("23 Nov 2026");
        await Assertions.Expect(reviewed).ToContainTextAsync("Close");
        await Assertions.Expect(reviewed).ToContainTextAsync("22 Jan 2027");

        // Printed, it is a supervision pack: the cases without the navigation, the filters or the buttons.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".govuk-service-navigation")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the supervision pack" })).ToBeHiddenAsync();
        await Assertions.Expect(reviewed).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static async Task FillAsync(IPage page, string adjustments, string decision, string day)
    {
        await page.GetByLabel("Progress since the last review").FillAsync("Jordan has attended school every day for three weeks.");
        await page.GetByLabel("Barriers to progress").FillAsync("Mum works nights, so visits are in the afternoon.");
        await page.GetByLabel("Risks now").FillAsync("No new concerns from the school or the family.");
        await page.GetByLabel("Adjustments to the plan").FillAsync(adjustments);
        await page.GetByLabel(decision, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Day").FillAsync(day);
        await page.GetByLabel("Month").FillAsync("1");
        await page.GetByLabel("Year").FillAsync("2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
    }

    [GeneratedRegex("^Review ")]
    private static partial Regex ReviewPattern();

    [GeneratedRegex("^/Cases/[0-9a-f-]+/Close$")]
    private static partial Regex CloseHref();
}
