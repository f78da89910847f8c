using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// Closing an early help case with a supervisor's approval, as shipped (early help and children's social care need it): the
/// practitioner requests closure, the supervisor finds it on their Team page and returns it with a comment, the practitioner
/// sees the comment and asks again, the supervisor approves and the case closes; both decisions are on the chronology. Forms
/// only, no JavaScript needed; axe checks every page on the way.
/// </summary>
public sealed class ClosureJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_requests_closure_the_supervisor_returns_it_then_approves_it_and_the_case_closes()
    {
        var family = "Closure" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
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

        // Early help: the practitioner is offered "Request closure", not the direct close.
        await Assertions.Expect(pat.GetByRole(AriaRole.Link, new() { Name = "Close case" })).ToHaveCountAsync(0);
        await pat.GetByRole(AriaRole.Link, new() { Name = "Request closure" }).ClickAsync();
        await Assertions.Expect(pat.GetByRole(AriaRole.Heading, new() { Name = "Request closure" })).ToBeVisibleAsync();
        await Axe.CheckAsync(pat);
        await pat.GetByRole(AriaRole.Button, new() { Name = "Request closure" }).ClickAsync();
        await Assertions.Expect(pat.Locator(".govuk-error-summary")).ToContainTextAsync("Select the reason for closing the case");
        await Assertions.Expect(pat.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the closing summary");
        await Axe.CheckAsync(pat);
        await pat.GetByLabel("Needs met and outcomes achieved").CheckAsync();
        await pat.GetByLabel("Closing summary").FillAsync("The family plan's goals are met; school attendance is above 95%.");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Request closure" }).ClickAsync();
        await Assertions.Expect(pat.Locator(".govuk-notification-banner")).ToContainTextAsync("Closure requested");
        var request = pat.GetByTestId("closure-request");
        await Assertions.Expect(request).ToContainTextAsync("Pat Practitioner");
        await Assertions.Expect(request).ToContainTextAsync("Needs met and outcomes achieved");
        await Assertions.Expect(request).ToContainTextAsync("school attendance is above 95%");
        await Assertions.Expect(pat.GetByTestId("closure-decision")).ToHaveCountAsync(0);
        await Axe.CheckAsync(pat);

        // The supervisor finds it on the Team page and returns it with a comment, after being told a return needs one.
        var sue = await app.SignInAsync("sue.supervisor");
        await sue.GotoAsync("/Team");
        var awaiting = sue.GetByTestId("closure-awaiting").Locator("tr", new() { HasText = family });
        await Assertions.Expect(awaiting).ToContainTextAsync("Pat Practitioner");
        await Axe.CheckAsync(sue);
        await awaiting.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(sue.GetByTestId("closure-request")).ToContainTextAsync("school attendance is above 95%");
        await Axe.CheckAsync(sue);
        await sue.GetByLabel("Return it to the practitioner").CheckAsync();
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why you are returning the closure request");
        await Axe.CheckAsync(sue);
        await sue.GetByLabel("Comment").FillAsync("Record the school's view before closing");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner")).ToContainTextAsync("returned with your comment");
        await Axe.CheckAsync(sue);

        // The practitioner sees the comment and asks again.
        await pat.GotoAsync(casePath);
        await Assertions.Expect(pat.GetByTestId("closure-returned")).ToContainTextAsync("Record the school's view before closing");
        await Axe.CheckAsync(pat);
        await pat.GetByRole(AriaRole.Link, new() { Name = "Request closure" }).ClickAsync();
        await pat.GetByLabel("Needs met and outcomes achieved").CheckAsync();
        await pat.GetByLabel("Closing summary").FillAsync("Goals met; the school agrees attendance is steady and no further support is needed.");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Request closure" }).ClickAsync();
        await Assertions.Expect(pat.GetByTestId("closure-request")).ToContainTextAsync("the school agrees");

        // The supervisor approves: the case closes with the request's reason.
        await sue.GotoAsync("/Team");
        await sue.GetByTestId("closure-awaiting").Locator("tr", new() { HasText = family }).GetByRole(AriaRole.Link).ClickAsync();
        await sue.GetByLabel("Approve: close the case").CheckAsync();
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner")).ToContainTextAsync("Closure approved: the case is closed");
        await Assertions.Expect(sue.Locator(".govuk-summary-list").Last).ToContainTextAsync("Needs met and outcomes achieved");
        await Axe.CheckAsync(sue);
        await sue.GotoAsync("/Team");
        await Assertions.Expect(sue.GetByText(family)).ToHaveCountAsync(0);

        // Both decisions are on the chronology.
        await pat.GotoAsync(casePath + "/Chronology");
        var chronology = pat.GetByTestId("chronology");
        await Assertions.Expect(chronology).ToContainTextAsync("Closure returned: Record the school's view before closing");
        await Assertions.Expect(chronology).ToContainTextAsync("Closure approved");
        await Assertions.Expect(pat.GetByTestId("chronology-entry").Filter(new() { HasText = "Closure requested" })).ToHaveCountAsync(2);
        await Axe.CheckAsync(pat);
        await pat.Context.CloseAsync();
        await sue.Context.CloseAsync();
    }
}
