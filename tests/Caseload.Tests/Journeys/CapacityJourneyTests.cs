using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A supervisor finds the team's capacity from the team page, opens a practitioner's weighted caseload and records an agreed
/// adjustment (leave at half capacity), without JavaScript needed; axe checks every page on the way.
/// </summary>
public sealed class CapacityJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_supervisor_sees_the_team_capacity_table_and_records_an_adjustment()
    {
        var reason = "Half-days for a training course " + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var sue = await app.SignInAsync("sue.supervisor");
        await sue.GotoAsync("/Team");
        await sue.GetByRole(AriaRole.Link, new() { Name = "See each practitioner's weighted caseload against their capacity" }).ClickAsync();
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Team capacity" })).ToBeVisibleAsync();
        var sam = sue.GetByTestId("team-capacity").Locator("tbody tr", new() { HasText = "Sam Practitioner" });
        await Assertions.Expect(sam.Locator(".govuk-tag")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Under|Near|Over) capacity$"));
        await Axe.CheckAsync(sue);

        await sam.GetByRole(AriaRole.Link, new() { Name = "Sam Practitioner" }).ClickAsync();
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Capacity of Sam Practitioner" })).ToBeVisibleAsync();
        await Assertions.Expect(sue.GetByTestId("case-points").Locator("tbody tr").First).ToContainTextAsync(":");
        await Axe.CheckAsync(sue);

        await sue.GetByRole(AriaRole.Link, new() { Name = "Add an adjustment" }).ClickAsync();
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Add an adjustment" })).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);
        await sue.GetByRole(AriaRole.Button, new() { Name = "Add adjustment" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-error-summary")).ToContainTextAsync("Select the kind of adjustment");
        await Axe.CheckAsync(sue);

        await sue.GetByLabel("Leave", new() { Exact = true }).CheckAsync();
        await sue.GetByLabel("Or percent of capacity").FillAsync("50");
        await sue.GetByLabel("Reason").FillAsync(reason);
        await sue.Locator("#Until-day").FillAsync("27");
        await sue.Locator("#Until-month").FillAsync("11");
        await sue.Locator("#Until-year").FillAsync("2026");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Add adjustment" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The adjustment for Sam Practitioner is recorded");
        var row = sue.GetByTestId("adjustments").Locator("tbody tr", new() { HasText = reason });
        await Assertions.Expect(row).ToContainTextAsync("In force");
        await Assertions.Expect(row).ToContainTextAsync("50%");
        await Assertions.Expect(row).ToContainTextAsync("sue.supervisor");
        await Axe.CheckAsync(sue);
        await sue.Context.CloseAsync();
    }
}
