using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// The core journey of a practitioner's day, counted in clicks: find the child from the header, open their case, see why it is first,
/// and record a note whose next step a parent owns. From the worklist: search (1), the case (2), why it is first (3), back (4),
/// record a note (5), its type (6), save (7): seven clicks, with the typing.
/// </summary>
public sealed partial class CasePageJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_finds_the_child_sees_why_their_case_is_first_and_records_a_next_step_a_parent_owns()
    {
        var page = await app.SignInAsync("pat.practitioner");
        var first = page.GetByTestId("worklist").Locator("tbody tr").First.Locator("a.govuk-link").First;
        var name = (await first.InnerTextAsync()).Trim();
        var caseLink = await first.GetAttributeAsync("href");

        // 1. Search from the header.
        await page.GetByLabel("Search for a person by name, date of birth or id").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search for a person" }).ClickAsync();
        await Axe.CheckAsync(page);

        // 2. Open their case: the identity bar, the sections a click away, and what to know and do at the top.
        await page.GetByTestId("people-found").Locator($"a[href='{caseLink}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("case-identity").GetByRole(AriaRole.Link, new() { Name = name })).ToHaveAttributeAsync("href", PersonPage());
        await Assertions.Expect(page.GetByTestId("case-navigation").GetByRole(AriaRole.Link)).ToHaveCountAsync(8);
        var summary = page.GetByTestId("case-summary");
        await Assertions.Expect(summary.GetByTestId("summary-priority")).ToContainTextAsync(ScorePattern());
        await Assertions.Expect(summary).Not.ToContainTextAsync("contact-drift");
        await Axe.CheckAsync(page);

        // 3. Why is it first?
        await summary.GetByTestId("priority-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("priority-rank")).ToContainTextAsync("Number 1 of");
        await Axe.CheckAsync(page);
        await page.GoBackAsync();

        // 4. Record a note from the top of the case page; the next step is the mother's, followed up by Pat.
        await page.GetByTestId("record-note").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Record a note" })).ToBeVisibleAsync();
        await page.GetByLabel("Phone call").CheckAsync();
        await page.GetByLabel("Time it happened").FillAsync("09:00");
        await page.GetByLabel("Who was present or spoken to").FillAsync("Mum (Sarah)");
        await page.GetByLabel("What happened").FillAsync("Phoned Mum. She said the GP appointment for the hearing test is not yet booked.");
        await page.GetByLabel("What will be done").FillAsync("Book the GP appointment for the hearing test");
        await page.GetByLabel("Who will do it, if not someone in Caseload (optional)").FillAsync("Mum (Sarah)");
        await Assertions.Expect(page.GetByLabel("Who in Caseload does it, or follows it up")).ToHaveValueAsync("pat.practitioner");
        var step = page.Locator("fieldset.caseload-next-step").First;
        await step.GetByLabel("Day").FillAsync("23");
        await step.GetByLabel("Month").FillAsync("11");
        await step.GetByLabel("Year").FillAsync("2026");
        await Axe.CheckAsync(page);

        // Another row comes without a round trip to the server (the page stays, and what was typed with it).
        var url = page.Url;
        await page.GetByTestId("add-next-step").ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.caseload-next-step")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByLabel("What will be done").Nth(1)).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("What will be done").First).ToHaveValueAsync("Book the GP appointment for the hearing test");
        Assert.Equal(url, page.Url);
        await Axe.CheckAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The note is saved");
        var task = page.GetByTestId("case-tasks").Locator("tbody tr", new() { HasText = "Book the GP appointment for the hearing test" });
        await Assertions.Expect(task).ToContainTextAsync("Mum (Sarah)");
        await Assertions.Expect(task).ToContainTextAsync("followed up by Pat Practitioner");
        await Assertions.Expect(task).ToContainTextAsync("Due today");
        await Assertions.Expect(page.GetByTestId("notes-timeline").Locator(".moj-timeline__item").First).ToContainTextAsync("Outcome:");
        await Axe.CheckAsync(page);

        await page.Context.CloseAsync();
    }

    [GeneratedRegex("^/People/[0-9a-f-]{36}$")]
    private static partial Regex PersonPage();

    [GeneratedRegex(@"priority score \d+")]
    private static partial Regex ScorePattern();
}
