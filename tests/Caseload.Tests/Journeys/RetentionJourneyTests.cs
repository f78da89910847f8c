using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// Retention in the browser: the DPO opens the retention queue (the demo's long-closed cases), places a legal hold on one case,
/// destroys another, and is refused the destruction of the held one. Forms only; axe checks every page on the way.
/// </summary>
public sealed class RetentionJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task The_dpo_destroys_a_due_case_places_a_legal_hold_and_is_refused_the_destruction_of_the_held_case()
    {
        var dee = await app.SignInAsync("dee.dpo");
        await dee.GotoAsync("/DataProtection/Retention");
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Retention queue" })).ToBeVisibleAsync();
        await Axe.CheckAsync(dee);
        var rows = dee.Locator("#retention-queue tbody tr");
        Assert.True(await rows.CountAsync() >= 2, "The demo data has cases due for review");
        var destroy = (await rows.Nth(0).GetAttributeAsync("data-case-id"))!;
        var held = (await rows.Nth(1).GetAttributeAsync("data-case-id"))!;

        await dee.GetByRole(AriaRole.Link, new() { Name = "Legal holds" }).ClickAsync();
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Legal holds", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(dee);
        await dee.GetByRole(AriaRole.Button, new() { Name = "Place the hold" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("Select what the hold covers");
        await Axe.CheckAsync(dee);
        await dee.GetByLabel("One case", new() { Exact = true }).CheckAsync();
        await dee.GetByLabel("Case's id (for one case)").FillAsync(held);
        await dee.GetByLabel("Reason", new() { Exact = true }).FillAsync("Complaint to the ombudsman about the case");
        await dee.GetByLabel("Reference (the inquiry, claim or investigation)").FillAsync("LGO-2026-77");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Place the hold" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-notification-banner")).ToContainTextAsync("The legal hold is placed");
        await Assertions.Expect(dee.Locator("#legal-holds")).ToContainTextAsync("LGO-2026-77");
        await Axe.CheckAsync(dee);

        await dee.GotoAsync("/DataProtection/Retention");
        await Assertions.Expect(dee.Locator($"tr[data-case-id='{held}']")).ToContainTextAsync("Held");
        await dee.Locator($"tr[data-case-id='{destroy}']").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Retention decision" })).ToBeVisibleAsync();
        await Axe.CheckAsync(dee);
        await dee.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("Select destroy, extend or hold");
        await Axe.CheckAsync(dee);
        await dee.GetByLabel("Destroy", new() { Exact = true }).CheckAsync();
        await dee.GetByLabel("Reason", new() { Exact = true }).FillAsync("Retention period ended; nothing requires it to be kept");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-notification-banner")).ToContainTextAsync("The case was destroyed");
        await Assertions.Expect(dee.Locator($"tr[data-case-id='{destroy}']")).ToHaveCountAsync(0);
        await Axe.CheckAsync(dee);
        var gone = await dee.GotoAsync($"/DataProtection/Retention/Cases/{destroy}");
        Assert.Equal(404, gone!.Status);

        await dee.GotoAsync($"/DataProtection/Retention/Cases/{held}");
        await dee.GetByLabel("Destroy", new() { Exact = true }).CheckAsync();
        await dee.GetByLabel("Reason", new() { Exact = true }).FillAsync("Retention period ended");
        await dee.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Assertions.Expect(dee.Locator(".govuk-error-summary")).ToContainTextAsync("A legal hold covers this case (LGO-2026-77)");
        await Axe.CheckAsync(dee);

        await dee.GotoAsync("/DataProtection/Retention/Schedule");
        await Assertions.Expect(dee.GetByRole(AriaRole.Heading, new() { Name = "Retention schedule" })).ToBeVisibleAsync();
        await Assertions.Expect(dee.Locator("body")).ToContainTextAsync("Care Planning, Placement and Case Review (England) Regulations 2010 reg 50");
        await Axe.CheckAsync(dee);
    }
}
