using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A supervisor records a session with one case discussion and an action; the practitioner agrees with it; the decision is on
/// the child's record and the action is the owner's task. Checked with axe on every page.
/// </summary>
public sealed class SupervisionJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_supervisor_records_a_session_the_practitioner_agrees_and_the_decision_and_task_follow()
    {
        var word = "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'x');
        var decision = $"Continue at early help and review in six weeks ({word})";
        var action = $"Ring the school about attendance ({word})";

        var sue = await app.SignInAsync("sue.supervisor");
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Supervision due" })).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);
        await sue.GetByRole(AriaRole.Link, new() { Name = "Record a session with Pat Practitioner", Exact = true }).ClickAsync();
        await Assertions.Expect(sue.GetByRole(AriaRole.Heading, new() { Name = "Record a supervision session" })).ToBeVisibleAsync();
        await Axe.CheckAsync(sue);

        // A second action row comes and goes by posting the form back; what was typed stays.
        await sue.GetByLabel("Case", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var caseId = await sue.Locator("#D1Case").InputValueAsync();
        await sue.GetByLabel("What was discussed").FillAsync("Attendance since half term and mum's engagement with the parenting course");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Add another action to case discussion 1" }).ClickAsync();
        await Assertions.Expect(sue.Locator("#D1A2Action")).ToBeVisibleAsync();
        await Assertions.Expect(sue.Locator("#D1Case")).ToHaveValueAsync(caseId);
        await Axe.CheckAsync(sue);
        await sue.GetByRole(AriaRole.Button, new() { Name = "Remove action 2 of case discussion 1" }).ClickAsync();
        await Assertions.Expect(sue.Locator("#D1A2Action")).ToHaveCountAsync(0);

        await sue.GetByLabel("Decision", new() { Exact = true }).FillAsync(decision);
        await sue.GetByLabel("Rationale").FillAsync("Attendance is up to 94% and the school reports no new concerns");
        await sue.Locator("#D1A1Action").FillAsync(action);
        await sue.Locator("#D1A1Owner").SelectOptionAsync(new SelectOptionValue { Label = "Pat Practitioner" });
        await sue.Locator("#D1A1Due").FillAsync("4");
        await sue.Locator("#D1A1Due-month").FillAsync("12");
        await sue.Locator("#D1A1Due-year").FillAsync("2026");
        await sue.Locator("#WellbeingRating-4").CheckAsync();
        await sue.GetByLabel("Wellbeing in words").FillAsync("Settled; finding the court work heavy");
        await sue.GetByLabel("Workload and capacity").FillAsync("Eighteen cases; no new allocations this week");
        await sue.GetByLabel("Learning and development").FillAsync("Court skills course booked");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Save the record" }).ClickAsync();
        await Assertions.Expect(sue.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The session is recorded");
        await Assertions.Expect(sue.GetByTestId("supervision-status")).ToHaveTextAsync("Awaiting agreement");
        await Axe.CheckAsync(sue);
        await sue.Context.CloseAsync();

        var pat = await app.SignInAsync("pat.practitioner");
        await pat.GotoAsync("/Supervision");
        await Assertions.Expect(pat.GetByTestId("awaiting-your-agreement")).ToBeVisibleAsync();
        await Axe.CheckAsync(pat);
        await pat.GetByTestId("supervision-sessions").Locator("a.govuk-link").First.ClickAsync();
        await Assertions.Expect(pat.GetByText(decision)).ToBeVisibleAsync();
        await Axe.CheckAsync(pat);
        await pat.GetByRole(AriaRole.Link, new() { Name = "Agree or disagree" }).ClickAsync();
        await Assertions.Expect(pat.GetByRole(AriaRole.Heading, new() { Name = "Agree or disagree with the record" })).ToBeVisibleAsync();
        await Axe.CheckAsync(pat);
        await pat.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(pat.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether you agree with the record");
        await Axe.CheckAsync(pat);
        await pat.GetByLabel("Yes, I agree").CheckAsync();
        await pat.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(pat.Locator(".govuk-notification-banner--success")).ToContainTextAsync("You agreed with the record");
        await Assertions.Expect(pat.GetByTestId("supervision-status")).ToHaveTextAsync("Agreed");
        await Axe.CheckAsync(pat);

        // The decision is on the child's record, without the wellbeing; the action is Pat's task.
        await pat.GotoAsync($"/Cases/{caseId}");
        var oversight = pat.GetByTestId("management-oversight");
        await Assertions.Expect(oversight).ToContainTextAsync(decision);
        await Assertions.Expect(oversight).ToContainTextAsync("by Sue Supervisor");
        await Assertions.Expect(pat.Locator("main")).Not.ToContainTextAsync("finding the court work heavy");
        await Axe.CheckAsync(pat);
        await pat.GotoAsync("/Tasks");
        await Assertions.Expect(pat.GetByTestId("my-tasks").First).ToContainTextAsync(action);
        await Axe.CheckAsync(pat);
        await pat.Context.CloseAsync();
    }

    [Fact]
    public async Task A_practitioner_shares_a_reflection_and_their_supervisor_comments_on_it()
    {
        var word = "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'x');
        var sam = await app.SignInAsync("sam.practitioner");
        await sam.GotoAsync("/Supervision");
        await sam.GetByRole(AriaRole.Link, new() { Name = "reflective log" }).ClickAsync();
        await Axe.CheckAsync(sam);
        await sam.GetByRole(AriaRole.Link, new() { Name = "Write a reflection" }).ClickAsync();
        await sam.GetByLabel("Gibbs reflective cycle").CheckAsync();
        await sam.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(sam.GetByLabel("Action plan")).ToBeVisibleAsync();
        await Axe.CheckAsync(sam);
        await sam.GetByLabel("Description").FillAsync($"A home visit where dad raised his voice ({word})");
        await sam.GetByLabel("Feelings").FillAsync("Anxious at first");
        await sam.GetByLabel("Evaluation").FillAsync("I stayed calm");
        await sam.GetByLabel("Analysis").FillAsync("I had not planned for conflict");
        await sam.GetByLabel("Conclusion").FillAsync("A joint visit would have been safer");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save the reflection" }).ClickAsync();
        await Assertions.Expect(sam.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the action plan");
        await Axe.CheckAsync(sam);
        await sam.GetByLabel("Action plan").FillAsync("Plan the next visit with a colleague");
        await sam.GetByLabel("Share with my supervisors").CheckAsync();
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save the reflection" }).ClickAsync();
        await Assertions.Expect(sam.Locator(".govuk-notification-banner--success")).ToContainTextAsync("shared with your supervisors");
        await Axe.CheckAsync(sam);
        await sam.Context.CloseAsync();

        var sue = await app.SignInAsync("sue.supervisor");
        await sue.GotoAsync("/Reflections");
        await Axe.CheckAsync(sue);
        await sue.GetByTestId("shared-reflections").Locator("tr", new() { HasText = "Sam Practitioner" }).Locator("a.govuk-link").First.ClickAsync();
        await Assertions.Expect(sue.GetByTestId("reflection-sections")).ToContainTextAsync(word);
        await sue.GetByLabel("Your comment").FillAsync("Let's plan joint visits for this family in supervision");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Add the comment" }).ClickAsync();
        await Assertions.Expect(sue.GetByTestId("reflection-comments")).ToContainTextAsync("Let's plan joint visits");
        await Axe.CheckAsync(sue);
        await sue.Context.CloseAsync();
    }
}
