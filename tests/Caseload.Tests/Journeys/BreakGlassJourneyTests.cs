using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// Break-glass in the browser: a practitioner of another team finds a case they may not see, is offered emergency access on the
/// not-found page, gives a reason and sees the case; its practitioner sees that it happened; the DPO reviews the use, checks
/// the audit trail's integrity and works out a subject access due date. Forms only; axe checks every page on the way.
/// </summary>
public sealed class BreakGlassJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_duty_worker_opens_a_case_in_an_emergency_its_practitioner_sees_it_and_the_dpo_reviews_it()
    {
        var family = "Glass" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var reason = $"Police rang at midnight about {family}";
        var pat = await app.SignInAsync("pat.practitioner");
        await pat.GotoAsync("/People/New");
        await pat.GetByLabel("Given name").FillAsync("Robin");
        await pat.GetByLabel("Family name").FillAsync(family);
        await pat.GetByLabel("Day").FillAsync("3");
        await pat.GetByLabel("Month").FillAsync("9");
        await pat.GetByLabel("Year").FillAsync("2013");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Save and open a case" }).ClickAsync();
        await pat.GetByLabel("Early help").CheckAsync();
        await pat.GetByLabel("Green").CheckAsync();
        await pat.GetByLabel("Expected contact, every how many working days?").FillAsync("10");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Open case" }).ClickAsync();
        await Assertions.Expect(pat.Locator(".govuk-notification-banner")).ToContainTextAsync("The case is open");
        var casePath = new Uri(pat.Url).AbsolutePath;

        // Ray works in another team: the case is not found, and emergency access is offered.
        var ray = await app.SignInAsync("ray.practitioner");
        var notFound = await ray.GotoAsync(casePath);
        Assert.Equal(404, notFound!.Status);
        await Axe.CheckAsync(ray);
        await ray.GetByRole(AriaRole.Link, new() { Name = "Ask for emergency access to this case" }).ClickAsync();
        await Assertions.Expect(ray.GetByRole(AriaRole.Heading, new() { Name = "Emergency access", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(ray);
        await ray.GetByRole(AriaRole.Button, new() { Name = "Open the case in an emergency" }).ClickAsync();
        await Assertions.Expect(ray.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why you need emergency access");
        await Axe.CheckAsync(ray);
        await ray.GetByLabel("Why do you need this case now?").FillAsync(reason);
        await ray.GetByRole(AriaRole.Button, new() { Name = "Open the case in an emergency" }).ClickAsync();
        await Assertions.Expect(ray.Locator(".govuk-notification-banner")).ToContainTextAsync("You have emergency access to this case until");
        await Assertions.Expect(ray.Locator("#emergency-access-own")).ToContainTextAsync("You are seeing this case by emergency access");
        Assert.Equal(casePath, new Uri(ray.Url).AbsolutePath);
        await Axe.CheckAsync(ray);

        // Pat sees who opened it and why.
        await pat.GotoAsync(casePath);
        await Assertions.Expect(pat.Locator("#emergency-access")).ToContainTextAsync(reason);
        await Axe.CheckAsync(pat);

        // The DPO reviews the use, after being told a review needs an answer.
        var dee = await app.SignInAsync("dee.dpo");
        await dee.GotoAsync("/DataProtection/BreakGlass");
        var row = dee.Locator("tr", new() { HasText = reason });
        await Axe.CheckAsync(dee);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Review emergency access" })).ToBeVisibleAsync();
        await Axe.CheckAsync(dee);
        await dee.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether the emergency access was appropriate");
        await Axe.CheckAsync(dee);
        await dee.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await dee.GetByLabel("Comment").FillAsync("A genuine out-of-hours emergency");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-notification-banner")).ToContainTextAsync("The review is recorded");
        await Assertions.Expect(dee.Locator("tr", new() { HasText = reason })).ToHaveCountAsync(0);
        await dee.GotoAsync("/DataProtection/BreakGlass?All=true");
        await Assertions.Expect(dee.Locator("tr", new() { HasText = reason })).ToContainTextAsync("Appropriate");
        await Axe.CheckAsync(dee);

        await dee.GotoAsync("/Audit/Verification");
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Audit trail integrity" })).ToBeVisibleAsync();
        await Assertions.Expect(dee.Locator("#verification-intact")).ToBeVisibleAsync();
        await Axe.CheckAsync(dee);

        await dee.GotoAsync("/DataProtection/SubjectAccessDue");
        await dee.GetByLabel("Date received").FillAsync("2026-10-31");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Work out the due date" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-panel")).ToContainTextAsync("Due 30 Nov 2026");
        await Axe.CheckAsync(dee);
    }
}
