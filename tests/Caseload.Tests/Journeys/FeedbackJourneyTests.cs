using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// Feedback in a real browser with axe on every page: the practitioner makes a link, the family answers it without an account
/// (and without JavaScript) and can read the footer's accessibility statement, privacy notice and help, the practitioner records
/// feedback by hand, and both are on the case and its chronology.
/// </summary>
public sealed class FeedbackJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task The_family_answers_a_link_without_javascript_and_the_practitioner_records_feedback_by_hand_both_on_the_case()
    {
        var page = await app.SignInAsync("pat.practitioner");
        await page.GotoAsync("/Cases?scope=mine&status=active");
        await page.Locator("table[data-module='moj-sortable-table'] tbody tr a.govuk-link").Nth(3).ClickAsync();
        var casePath = new Uri(page.Url).AbsolutePath;
        var person = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Split('\n').Last().Trim();
        await page.GetByTestId("feedback-link-all").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Feedback", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GetByTestId("make-link").ClickAsync();
        var url = (await page.GetByTestId("feedback-link-url").InnerTextAsync()).Trim();
        Assert.Contains("/Feedback/", url, StringComparison.Ordinal);
        await Axe.CheckAsync(page);

        // The family opens it: no sign-in, nothing of the case; a form sent empty names what is needed.
        var family = await (await app.NewContextAsync()).NewPageAsync();
        await family.GotoAsync(url);
        await Assertions.Expect(family.GetByRole(AriaRole.Heading, new() { Name = "Tell us what you think" })).ToBeVisibleAsync();
        await Assertions.Expect(family.Locator("main")).Not.ToContainTextAsync(person);
        await Axe.CheckAsync(family);
        await family.GetByRole(AriaRole.Button, new() { Name = "Send your feedback" }).ClickAsync();
        await Assertions.Expect(family.Locator(".govuk-error-summary")).ToContainTextAsync("Select who you are");
        await Assertions.Expect(family.Locator(".govuk-error-summary")).ToContainTextAsync("Select how helpful our support has been");
        await Axe.CheckAsync(family);

        // The footer's pages open for the family too, without signing in.
        foreach (var (link, heading) in new[] { ("Accessibility statement", "Accessibility statement for Caseload"), ("Privacy notice", "Privacy notice"), ("Help", "Help using Caseload") })
        {
            await family.Locator("footer").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await Axe.CheckAsync(family);
        }

        await family.Context.CloseAsync();

        // Without JavaScript, as on a basic phone.
        var noScript = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, JavaScriptEnabled = false });
        var form = await noScript.NewPageAsync();
        await form.GotoAsync(url);
        await form.GetByLabel("I am the child or young person").CheckAsync();
        await form.GetByLabel("Helpful", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("What has helped you? (optional)").FillAsync("Talking to Pat after school");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send your feedback" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("feedback-sent")).ToContainTextAsync("Thank you");
        await form.GotoAsync(url);
        await Assertions.Expect(form.GetByTestId("link-closed")).ToBeVisibleAsync();
        await noScript.CloseAsync();

        // The practitioner sees it, and records what Mum said on the phone.
        await page.GotoAsync($"{casePath}/Feedback");
        await Assertions.Expect(page.GetByTestId("feedback").First).ToContainTextAsync("Talking to Pat after school");
        await Assertions.Expect(page.GetByTestId("feedback").First).ToContainTextAsync("Online form (feedback link)");
        await page.GetByTestId("record-feedback").ClickAsync();
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save feedback" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter who the feedback is from");
        await Axe.CheckAsync(page);
        await page.GetByLabel("Who gave the feedback?").FillAsync("Mum");
        await page.GetByLabel("In conversation").CheckAsync();
        await page.GetByLabel("5 – Very helpful").CheckAsync();
        await page.GetByLabel("What helped?").FillAsync("Someone to ring when mornings went wrong");
        await page.GetByLabel("What could be better?").FillAsync("Visits after school, not during work");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save feedback" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Feedback from Mum is recorded");
        await Axe.CheckAsync(page);

        await page.GotoAsync(casePath);
        await Assertions.Expect(page.GetByTestId("case-feedback")).ToContainTextAsync("Mum");
        await Assertions.Expect(page.GetByTestId("case-feedback")).ToContainTextAsync("The child or young person");
        await page.GetByTestId("chronology-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chronology")).ToContainTextAsync("Feedback from The child or young person (online form (feedback link))");
        await page.Context.CloseAsync();
    }
}
