using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A practitioner raises a concern about capacity in words; their supervisor finds it on team capacity and responds with a
/// decision, rationale and an action, without JavaScript needed; axe checks every page on the way.
/// </summary>
public sealed class EscalationJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_supervisor_responds_to_an_escalation_raised_by_a_practitioner()
    {
        var concern = "Three court reports due the same week and I am exhausted " + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var sam = await app.SignInAsync("sam.practitioner");
        await sam.GotoAsync("/Capacity");
        await sam.GetByRole(AriaRole.Link, new() { Name = "Raise a concern about capacity" }).ClickAsync();
        await Assertions.Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "Raise a concern about capacity" })).ToBeVisibleAsync();
        await Axe.CheckAsync(sam);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Raise concern" }).ClickAsync();
        await Assertions.Expect(sam.Locator(".govuk-error-summary")).ToContainTextAsync("Describe your concern about capacity");
        await Axe.CheckAsync(sam);
        await sam.GetByLabel("What is the concern?").FillAsync(concern);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Raise concern" }).ClickAsync();
        await Assertions.Expect(sam.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your concern is raised with");
        await Assertions.Expect(sam.GetByTestId("escalation-status")).ToHaveTextAsync("Open");
        await Axe.CheckAsync(sam);
        var path = new Uri(sam.Url).AbsolutePath;
        await sam.Context.CloseAsync();

        var sue = await app.SignInAsync("sue.supervisor");
        await sue.GotoAsync("/Capacity/Team");
        await Assertions.Expect(sue.GetByTestId("team-escalations").Locator($"a[href='{path}']")).ToHaveCountAsync(1);
        await Axe.CheckAsync(sue);
        await sue.GetByTestId("team-escalations").Locator($"a[href='{path}']").ClickAsync();
        await Assertions.Expect(sue.GetByText(concern)).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);

        await sue.GetByRole(AriaRole.Button, new() { Name = "Send response" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-error-summary")).ToContainTextAsync("Select a decision");
        await Axe.CheckAsync(sue);
        await sue.GetByLabel("Additional support", new() { Exact = true }).CheckAsync();
        await sue.GetByLabel("Rationale").FillAsync("Weekly check-ins for a month and a co-worker on the court cases");
        await sue.GetByLabel("Action", new() { Exact = true }).FillAsync("Find a co-worker for the court cases");
        await sue.GetByLabel("Owner").FillAsync("sue.supervisor");
        await sue.Locator("#Due-day").FillAsync("4");
        await sue.Locator("#Due-month").FillAsync("12");
        await sue.Locator("#Due-year").FillAsync("2026");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Send response" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your response is recorded");
        await Assertions.Expect(sue.GetByTestId("escalation-status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(sue.GetByTestId("escalation-decision")).ToContainTextAsync("additional-support");
        await Assertions.Expect(sue.GetByRole(AriaRole.Cell, new() { Name = "Find a co-worker for the court cases", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(sue.GetByTestId("escalation-action-status")).ToContainTextAsync("Open");
        await Axe.CheckAsync(sue);

        // The action is a task for its owner: on My tasks with its due date and a link to the escalation, closed with an outcome.
        await sue.GotoAsync("/Tasks");
        var action = sue.GetByTestId("escalation-actions").Locator("tr", new() { HasText = "Find a co-worker for the court cases" });
        await Assertions.Expect(action).ToContainTextAsync("4 Dec 2026");
        await Assertions.Expect(action.Locator($"a[href='{path}']")).ToHaveCountAsync(1);
        await Axe.CheckAsync(sue);
        await action.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Record outcome") }).ClickAsync();
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Record the outcome of an action" })).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether the action was done");
        await Axe.CheckAsync(sue);
        await sue.GetByLabel("Done", new() { Exact = true }).CheckAsync();
        await sue.GetByLabel("What came of it?").FillAsync("Jo Bell co-works the two court cases from Monday");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The action is recorded as done");
        var done = sue.GetByTestId("escalation-actions").Locator("tr", new() { HasText = "Find a co-worker for the court cases" });
        await Assertions.Expect(done).ToContainTextAsync("Jo Bell co-works the two court cases");
        await Assertions.Expect(done.Locator(".govuk-tag")).ToHaveTextAsync("Done");
        await Axe.CheckAsync(sue);
        await sue.Context.CloseAsync();
    }
}
