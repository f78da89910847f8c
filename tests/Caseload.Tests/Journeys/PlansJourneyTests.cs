using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// Agreeing a SMART plan, its approval by the supervisor (the demo's early help and children's social care need it), recording
/// progress three times and reading the goal's chart and its table, in a real browser with axe on every page.
/// </summary>
public sealed class PlansJourneyTests(BrowserApp app)
{
    private static async Task ProgressAsync(IPage page, string score, string status, string comment)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Record progress on goal 1" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Record progress on goal 1" })).ToBeVisibleAsync();
        await page.GetByLabel("Score from 1 to 10").FillAsync(score);
        await page.GetByLabel("Their view (optional)").FillAsync("Jordan says mornings feel calmer");
        await page.GetByLabel("Your comment").FillAsync(comment);
        await page.GetByLabel(status, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save progress" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Progress on goal 1 is recorded");
    }

    [Fact]
    public async Task A_practitioner_agrees_a_smart_plan_records_progress_three_times_and_sees_the_distance_travelled()
    {
        var page = await app.SignInAsync("pat.practitioner");
        await page.GotoAsync("/Cases?scope=mine&status=active");
        await page.Locator("table[data-module='moj-sortable-table'] tbody tr a.govuk-link").Nth(4).ClickAsync();
        var casePath = new Uri(page.Url).AbsolutePath;
        await page.GetByTestId("plan-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GetByTestId("agree-plan").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agree a plan" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        // A goal without its target is refused, naming what is missing; nothing else is lost.
        for (var i = 0; i < 3; i++)
        {
            await page.Locator($"#GoalDescription-{i}").FillAsync("");
            foreach (var f in new[] { "GoalPersonsWords", "GoalUnit", "GoalBaseline", "GoalTarget", "GoalAgreedBy" }) await page.Locator($"#{f}-{i}").FillAsync("");
            foreach (var f in new[] { "day", "month", "year" }) await page.Locator($"#GoalTargetDate-{i}-{f}").FillAsync("");
        }

        await page.Locator("#GoalDescription-0").FillAsync("Jordan gets to school on time every day");
        await page.Locator("#GoalPersonsWords-0").FillAsync("I want to stop getting detentions for being late");
        await page.Locator("#GoalBaseline-0").FillAsync("3");
        await page.Locator("#GoalTargetDate-0-day").FillAsync("26");
        await page.Locator("#GoalTargetDate-0-month").FillAsync("3");
        await page.Locator("#GoalTargetDate-0-year").FillAsync("2027");
        await page.Locator("#GoalAgreedBy-0").FillAsync("Jordan and Mum");
        await page.Locator("#GoalDescription-1").FillAsync("Jordan is in school more");
        await page.Locator("#GoalMeasure-1").SelectOptionAsync("number");
        await page.Locator("#GoalUnit-1").FillAsync("% attendance");
        await page.Locator("#GoalBaseline-1").FillAsync("62");
        await page.Locator("#GoalTarget-1").FillAsync("90");
        await page.Locator("#GoalTargetDate-1-day").FillAsync("26");
        await page.Locator("#GoalTargetDate-1-month").FillAsync("3");
        await page.Locator("#GoalTargetDate-1-year").FillAsync("2027");
        await page.Locator("#ActionText-0").FillAsync("Walk to school together on Mondays");
        await page.Locator("#ActionOwner-0").FillAsync("Mum");
        await page.Locator("#ActionDue-0-day").FillAsync("7");
        await page.Locator("#ActionDue-0-month").FillAsync("12");
        await page.Locator("#ActionDue-0-year").FillAsync("2026");
        await page.Locator("#ActionGoal-0").SelectOptionAsync("0");
        await page.Locator("#ActionText-1").FillAsync("Ask the school for the attendance figures");
        await page.Locator("#ActionOwner-1").FillAsync("pat.practitioner");
        await page.Locator("#ActionDue-1-day").FillAsync("4");
        await page.Locator("#ActionDue-1-month").FillAsync("12");
        await page.Locator("#ActionDue-1-year").FillAsync("2026");
        await page.Locator("#ReviewOn-day").FillAsync("18");
        await page.Locator("#ReviewOn-month").FillAsync("1");
        await page.Locator("#ReviewOn-year").FillAsync("2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree the plan" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the target: what the score or number will be");
        await Assertions.Expect(page.Locator("#GoalDescription-0")).ToHaveValueAsync("Jordan gets to school on time every day");
        await Axe.CheckAsync(page);
        await page.Locator("#GoalTarget-0").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree the plan" }).ClickAsync();

        // Pat's case is in a service whose plans a supervisor approves: the plan waits, not in force, and sets nobody work yet.
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("is agreed and awaits a supervisor's approval");
        await Assertions.Expect(page.GetByTestId("plan-awaiting-approval")).ToContainTextAsync("Until then no plan is in force");
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Awaiting approval");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Record progress on goal 1" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("plan-decision")).ToHaveCountAsync(0);
        var goals = page.GetByTestId("goal");
        await Assertions.Expect(goals).ToHaveCountAsync(2);
        await Assertions.Expect(goals.First).ToContainTextAsync("I want to stop getting detentions for being late");
        await Assertions.Expect(goals.Nth(1)).ToContainTextAsync("90 % attendance by 26 Mar 2027");
        await Assertions.Expect(page.GetByTestId("actions")).ToContainTextAsync("Mum (outside Caseload)");
        await Assertions.Expect(page.GetByTestId("actions")).ToContainTextAsync("a task once the plan is approved");
        await Axe.CheckAsync(page);

        // Sue finds it on her Team page and approves it on the plan page.
        var approver = await app.SignInAsync("sue.supervisor");
        await approver.GotoAsync("/Team");
        var awaiting = approver.GetByTestId("plans-awaiting");
        await Assertions.Expect(awaiting).ToContainTextAsync("Pat");
        await Axe.CheckAsync(approver);
        await awaiting.Locator($"a[href^='{casePath}/Plan']").ClickAsync();
        await Assertions.Expect(approver.GetByTestId("plan-awaiting-your-approval")).ToContainTextAsync("Awaiting your approval");
        await Axe.CheckAsync(approver);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(approver.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether you approve the plan or return it");
        await Axe.CheckAsync(approver);
        await approver.GetByLabel("Approve: the plan comes into force").CheckAsync();
        await approver.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(approver.Locator(".govuk-notification-banner")).ToContainTextAsync("is approved and in force. 1 action is a task on the case");
        await Assertions.Expect(approver.GetByTestId("plan-status")).ToHaveTextAsync("In force");
        await Assertions.Expect(approver.GetByTestId("plan-approved")).ToContainTextAsync("Sue");
        await Axe.CheckAsync(approver);
        await approver.Context.CloseAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("In force");
        await Assertions.Expect(page.GetByTestId("actions")).ToContainTextAsync("(a task in Caseload)");
        await Axe.CheckAsync(page);

        await ProgressAsync(page, "4", "On track", "Late three times this week, down from every day");
        await ProgressAsync(page, "5", "On track", "Late twice this week");
        await ProgressAsync(page, "7", "At risk", "On time all week, but Mum starts night shifts next month");

        var first = goals.First;
        await Assertions.Expect(first.GetByTestId("goal-status")).ToHaveTextAsync("At risk");
        var chart = first.GetByTestId("goal-chart").Locator("svg[role='img']");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("title")).ToHaveTextAsync("Goal 1: scores over time");
        await Assertions.Expect(chart.Locator("circle")).ToHaveCountAsync(4);
        await Assertions.Expect(first.GetByTestId("goal-summary")).ToContainTextAsync("From a baseline of 3 out of 10 to 7 out of 10");
        var rows = first.GetByTestId("progress-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Mum starts night shifts");
        await Axe.CheckAsync(page);

        // The plan and its progress are on the chronology.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the case" }).ClickAsync();
        await page.GetByTestId("chronology-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chronology")).ToContainTextAsync("Plan version");
        await Assertions.Expect(page.GetByTestId("chronology")).ToContainTextAsync("approved: in force");
        await Assertions.Expect(page.GetByTestId("chronology")).ToContainTextAsync("at risk, 7 out of 10");

        // Closing asks each goal's outcome and a reason from the service's list (Pat's cases need a supervisor's approval).
        await page.GotoAsync(casePath);
        await page.GetByRole(AriaRole.Link, new() { Name = "Request closure" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Goal 2: Jordan is in school more" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Request closure" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the outcome of goal 1");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the outcome of goal 2");
        await Axe.CheckAsync(page);
        await page.Locator("#Reason").CheckAsync();
        var reason = (await page.Locator("label[for='Reason']").InnerTextAsync()).Trim();
        await page.Locator("#GoalOutcome-0-partly-achieved").CheckAsync();
        await page.Locator("#GoalOutcome-1-not-achieved").CheckAsync();
        await page.GetByLabel("Closing summary").FillAsync("Jordan is on time most days; attendance is still below target.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request closure" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Closure requested");

        var sue = await app.SignInAsync("sue.supervisor");
        await sue.GotoAsync($"{casePath}/Closure/Decision");
        await sue.GetByLabel("Approve: close the case").CheckAsync();
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner")).ToContainTextAsync("Closure approved: the case is closed");
        await Assertions.Expect(sue.GetByTestId("closure-reason")).ToContainTextAsync(reason);
        await Assertions.Expect(sue.GetByTestId("goal-outcomes")).ToContainTextAsync("Goal 1: Jordan gets to school on time every day: Partly achieved");
        await Assertions.Expect(sue.GetByTestId("goal-outcomes")).ToContainTextAsync("Goal 2: Jordan is in school more: Not achieved");
        await Axe.CheckAsync(sue);
        await sue.GetByTestId("chronology-link").ClickAsync();
        await Assertions.Expect(sue.GetByTestId("chronology")).ToContainTextAsync("Goal outcomes at closure: goal 1 partly achieved; goal 2 not achieved");
        await sue.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
