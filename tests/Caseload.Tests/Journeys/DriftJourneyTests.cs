using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>Drift in the browser on the demo authority, whose daily scan ran when the app started.</summary>
public sealed class DriftJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_sees_their_drifting_cases_and_a_supervisor_the_teams_newest_drift_first()
    {
        var page = await app.SignInAsync("sam.practitioner");
        // The worklist marks the drifting cases and leads to the drift list.
        await page.GotoAsync("/Worklist");
        await Assertions.Expect(page.GetByTestId("worklist-drift")).ToContainTextAsync("drifting");
        await Assertions.Expect(page.GetByTestId("drift-marker").First).ToContainTextAsync("since");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "See your drifting cases, most severe first" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My drifting cases" })).ToBeVisibleAsync();
        var rows = page.GetByTestId("drift").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.First.Locator(".govuk-tag")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(High|Medium|Low)$"));
        await Assertions.Expect(rows.First).ToContainTextAsync("since");
        await Axe.CheckAsync(page);
        // The caseload review names each case's drift beside its reviews.
        await page.GetByRole(AriaRole.Link, new() { Name = "Caseload review", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("caseload-review").Locator("th", new() { HasText = "Drift" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("drift-cell").Filter(new() { HasText = "since" }).First).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();

        var supervisor = await app.SignInAsync("sue.supervisor");
        await supervisor.GotoAsync("/Team");
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = "Drifting cases" })).ToBeVisibleAsync();
        var team = supervisor.GetByTestId("team-drift").Locator("tbody tr");
        await Assertions.Expect(team.First).ToBeVisibleAsync();
        await Assertions.Expect(team.First).ToContainTextAsync("New");
        await Assertions.Expect(supervisor.GetByTestId("new-drift-summary")).ToContainTextAsync("Last daily scan: 23 Nov 2026");
        await Axe.CheckAsync(supervisor);
        await supervisor.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^See all \\d+ drifting") }).ClickAsync();
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = "Drifting cases in your teams" })).ToBeVisibleAsync();
        await Assertions.Expect(supervisor.GetByTestId("drift").Locator("th", new() { HasText = "Practitioner" })).ToBeVisibleAsync();
        await Axe.CheckAsync(supervisor);
        await supervisor.Context.CloseAsync();
    }

    [Fact]
    public async Task A_service_manager_is_asked_for_a_reason_before_changing_the_drift_thresholds()
    {
        var manager = await app.SignInAsync("max.manager");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Drift thresholds" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Drift thresholds" })).ToBeVisibleAsync();
        await Axe.CheckAsync(manager);
        await manager.GetByLabel("Working days with nothing recorded").FillAsync("90");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save a new version" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".govuk-error-summary")).ToContainTextAsync("must be from 5 to 60");
        await Assertions.Expect(manager.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why you are changing the thresholds");
        await Axe.CheckAsync(manager);
        await manager.Context.CloseAsync();
    }
}
