using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A service manager's team view: the Team page lists every team of their services with its practitioners, a practitioner's
/// name leads to their worklist, and the team's deadlines are a click away; a referral past its service's standard says so in
/// words. Axe checks every page on the way.
/// </summary>
public sealed class ManagerTeamJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_service_manager_sees_every_team_follows_a_practitioner_to_their_worklist_and_opens_the_team_deadlines()
    {
        var max = await app.SignInAsync("max.manager");
        await max.GotoAsync("/Team");
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = "Team caseloads" })).ToBeVisibleAsync();
        var teams = max.GetByTestId("teams-in-view");
        foreach (var team in new[] { "Central", "North", "South" }) await Assertions.Expect(teams).ToContainTextAsync(team);
        await Assertions.Expect(max.GetByTestId("team-practitioners").First.Locator("tbody tr").First).ToBeVisibleAsync();
        // The demo's one referral that has waited past its standard, in words as well as colour.
        await Assertions.Expect(max.GetByTestId("waiting").Locator(".govuk-tag", new() { HasText = "Over the standard" })).ToHaveCountAsync(1);
        await Assertions.Expect(max.GetByTestId("waiting-caption")).ToContainTextAsync("highest risk first, then the longest waiting");
        await Axe.CheckAsync(max);

        var pat = max.GetByTestId("team-practitioners").Locator("a[href='/Worklist?UserName=pat.practitioner']");
        await Assertions.Expect(pat).ToContainTextAsync("Pat Practitioner");
        await pat.ClickAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = "Worklist of Pat Practitioner" })).ToBeVisibleAsync();
        await Assertions.Expect(max.GetByTestId("worklist").Locator("tbody tr").First).ToBeVisibleAsync();
        await Axe.CheckAsync(max);

        await max.GotoAsync("/Team");
        await max.GetByTestId("teams-in-view").GetByRole(AriaRole.Link, new() { Name = "Team deadlines" }).ClickAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = "Deadlines on my team's cases" })).ToBeVisibleAsync();
        // The demo deadlines: some overdue, some due soon, across the teams.
        var deadlines = max.GetByTestId("deadlines");
        await Assertions.Expect(deadlines.Locator(".govuk-tag", new() { HasText = "Overdue" }).First).ToBeVisibleAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Link, new() { Name = "Mine", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(max);
        await max.Context.CloseAsync();
    }
}
