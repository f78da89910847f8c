using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A supervisor allocates a new referral by capacity: the options show each practitioner's load after the case with warnings in
/// words; allocating to one it takes over capacity is refused until a rationale is given; then the case is allocated, the
/// rationale is on its chronology and the escalation is with the supervisor on team capacity. axe checks every page.
/// </summary>
public sealed class AllocationJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_supervisor_allocates_over_capacity_only_with_a_rationale_and_the_escalation_follows()
    {
        var family = "Okonkwo" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray());
        const string rationale = "Only worker in the team who speaks Igbo with the family; two of her cases close on Friday";
        var sue = await app.SignInAsync("sue.supervisor");

        // A referral for a new person, left for allocation.
        await sue.GotoAsync("/People/New");
        await sue.GetByLabel("Given name").FillAsync("Chidi");
        await sue.GetByLabel("Family name").FillAsync(family);
        await sue.GetByLabel("Day").FillAsync("3");
        await sue.GetByLabel("Month").FillAsync("2");
        await sue.GetByLabel("Year").FillAsync("2014");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save and open a case" }).ClickAsync();
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Open a case" })).ToBeVisibleAsync();
        await sue.GetByLabel("Early help").CheckAsync();
        await sue.GetByLabel("Allocated to").SelectOptionAsync(new SelectOptionValue { Value = "" });
        await sue.GetByLabel("Amber").CheckAsync();
        await sue.GetByLabel("High", new() { Exact = true }).CheckAsync();
        await sue.GetByRole(AriaRole.Button, new() { Name = "Open case" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner")).ToContainTextAsync("waits for allocation");
        var casePath = new Uri(sue.Url).AbsolutePath;

        // The options: the case's points with why, and each practitioner ranked by room left after it.
        await sue.GotoAsync($"{casePath}/Allocate");
        await Assertions.Expect(sue.GetByTestId("case-points")).ToContainTextAsync("This case adds 6 points");
        await Assertions.Expect(sue.GetByTestId("case-points")).ToContainTextAsync("Early help, high complexity: 6");
        await Assertions.Expect(sue.GetByTestId("allocation-options")).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);

        // The demo's North practitioners hold about 20 open cases each: well over 90 points. Pick one the case would take over.
        var overRow = sue.GetByTestId("allocation-options").Locator("tbody tr").Filter(new() { HasText = "Would be over capacity" })
            .Filter(new() { HasNotText = "Pat Practitioner" }).Filter(new() { HasNotText = "Sam Practitioner" }).First;
        var radio = overRow.GetByRole(AriaRole.Radio);
        var practitioner = (await overRow.Locator("label").InnerTextAsync()).Trim();
        await radio.CheckAsync();
        await sue.GetByRole(AriaRole.Button, new() { Name = "Allocate" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-error-summary")).ToContainTextAsync("Give a rationale for allocating over capacity");
        await Assertions.Expect(sue.Locator(".govuk-error-summary a[href='#OverCapacityRationale']")).ToHaveCountAsync(1);
        await Assertions.Expect(overRow.GetByRole(AriaRole.Radio)).ToBeCheckedAsync();
        await Axe.CheckAsync(sue);

        await sue.GetByLabel("Rationale for allocating over capacity").FillAsync(rationale);
        await sue.GetByRole(AriaRole.Button, new() { Name = "Allocate" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"The case is allocated to {practitioner}");
        await Axe.CheckAsync(sue);

        // The rationale is part of the allocation on the chronology.
        await sue.GotoAsync($"{casePath}/Chronology");
        await Assertions.Expect(sue.GetByText($"over capacity, with the rationale: {rationale}")).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);

        // The escalation is with the supervisor, rationale and all.
        await sue.GotoAsync("/Capacity/Team");
        var escalation = sue.GetByTestId("team-escalations").GetByRole(AriaRole.Link, new() { Name = practitioner, Exact = true });
        await Assertions.Expect(escalation).ToHaveCountAsync(1);
        await Axe.CheckAsync(sue);
        await escalation.ClickAsync();
        await Assertions.Expect(sue.GetByText(rationale, new() { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(sue.GetByTestId("escalation-status")).ToHaveTextAsync("Open");
        await Axe.CheckAsync(sue);
        await sue.Context.CloseAsync();
    }
}
