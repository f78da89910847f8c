using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

public sealed partial class WorklistJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_raises_a_case_with_a_rationale_and_sees_it_in_the_history()
    {
        var page = await app.SignInAsync("sam.practitioner");
        var rows = page.GetByTestId("worklist").Locator("tbody tr");
        var last = rows.Last;
        var name = (await last.Locator("a.govuk-link").First.InnerTextAsync()).Trim();
        await last.GetByRole(AriaRole.Link, new() { NameRegex = WhyPattern() }).ClickAsync();

        // Without a rationale the change is refused.
        await page.GetByLabel("Raise").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the change" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the rationale");
        await Axe.CheckAsync(page);

        await page.GetByLabel("Raise").CheckAsync();
        await page.GetByLabel("Rationale").FillAsync("Mum phoned: eviction notice served today, the family may be homeless by Friday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the change" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("The priority is raised");
        await Assertions.Expect(page.Locator("table").Last).ToContainTextAsync("eviction notice");
        await Axe.CheckAsync(page);

        await page.GotoAsync("/Worklist");
        var raised = page.GetByTestId("worklist").Locator("tbody tr", new() { HasText = name });
        await Assertions.Expect(raised).ToContainTextAsync("Raised by sam.practitioner");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_supervisor_sees_the_team_worklist_and_a_service_manager_the_weights()
    {
        var page = await app.SignInAsync("sue.supervisor");
        await page.GotoAsync("/Worklist?UserName=team");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team worklist" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();

        var manager = await app.SignInAsync("max.manager");
        await manager.GotoAsync("/Worklist/Weights");
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Priority weights" })).ToBeVisibleAsync();
        await Axe.CheckAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save a new version" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why you are changing the weights");
        await manager.Context.CloseAsync();
    }

    [GeneratedRegex("^Why is this case here")]
    private static partial Regex WhyPattern();
}
