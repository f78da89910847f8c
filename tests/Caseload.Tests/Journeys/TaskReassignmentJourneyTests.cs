using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>A practitioner hands one of their tasks to their supervisor with a reason, and sees the handover on the case.</summary>
public sealed class TaskReassignmentJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_reassigns_a_task_and_the_case_shows_who_when_and_why()
    {
        var page = await app.SignInAsync("ray.practitioner");
        await page.GotoAsync("/Tasks");
        await Axe.CheckAsync(page);
        var reassign = page.GetByTestId("my-tasks").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Reassign") }).First;
        await reassign.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reassign a task" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reassign the task" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select who will do the task");
        await Axe.CheckAsync(page);

        await page.GetByLabel("Who will do it now?").SelectOptionAsync(new SelectOptionValue { Label = "Tom Supervisor" });
        await page.GetByLabel("Why are you reassigning it?").FillAsync("Needs a manager's decision on funding");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reassign the task" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The task is reassigned to Tom Supervisor");
        await Assertions.Expect(page.GetByTestId("task-reassignment").First).ToContainTextAsync("to Tom Supervisor by ray.practitioner");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }
}
