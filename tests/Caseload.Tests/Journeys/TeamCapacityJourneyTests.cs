using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// The team view on its own: a supervisor opens team capacity, sees a practitioner over capacity and follows the link to
/// their caseload; a service manager sees every team as a row a team and opens one to see its practitioners. No JavaScript needed;
/// axe checks every page on the way.
/// </summary>
public sealed class TeamCapacityJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_supervisor_sees_a_practitioner_over_capacity_and_follows_the_link()
    {
        var sue = await app.SignInAsync("sue.supervisor");
        await sue.GotoAsync("/Capacity/Team");
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Team capacity" })).ToBeVisibleAsync();
        // The demo teams carry more than their capacity: someone is over, said in words as well as colour.
        var over = sue.GetByTestId("team-capacity").Locator("tbody tr", new() { Has = sue.Locator(".govuk-tag", new() { HasText = "Over capacity" }) }).First;
        await Assertions.Expect(over).ToBeVisibleAsync();
        await Assertions.Expect(sue.GetByTestId("capacity-summary")).ToContainTextAsync("over capacity");
        await Axe.CheckAsync(sue);

        var link = over.Locator("th a");
        var name = (await link.TextContentAsync())!.Trim();
        await link.ClickAsync();
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = $"Capacity of {name}" })).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);
        await sue.Context.CloseAsync();
    }

    [Fact]
    public async Task A_service_manager_sees_every_team_and_opens_one()
    {
        var max = await app.SignInAsync("max.manager");
        await max.GotoAsync("/Capacity/Team");
        await Assertions.Expect(max.GetByTestId("teams-only")).ToBeVisibleAsync();
        // A row a team, and no practitioner's row until a team is opened.
        await Assertions.Expect(max.GetByTestId("team-capacity")).ToHaveCountAsync(0);
        var totals = max.GetByTestId("team-totals");
        await Assertions.Expect(totals.Locator("tbody tr").First).ToBeVisibleAsync();
        await Axe.CheckAsync(max);

        var first = totals.Locator("tbody tr th a").First;
        var team = (await first.TextContentAsync())!.Trim();
        await first.ClickAsync();
        await Assertions.Expect(max.GetByTestId("teams-only")).ToHaveCountAsync(0);
        await Assertions.Expect(max.GetByTestId("team-capacity").Locator("tbody tr").First).ToContainTextAsync(team);
        await Assertions.Expect(max.GetByRole(AriaRole.Link, new() { Name = "All your teams" })).ToBeVisibleAsync();
        await Axe.CheckAsync(max);
        await max.Context.CloseAsync();
    }
}
