using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>A practitioner's day starts from a name: search a person from the header, open their case, see why it is where it is.</summary>
public sealed partial class PersonSearchJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_practitioner_searches_a_person_opens_their_case_and_sees_its_real_rank()
    {
        var page = await app.SignInAsync("sam.practitioner");
        var rows = page.GetByTestId("worklist").Locator("tbody tr");
        // The second case on the worklist: its explanation must say so, not "1".
        var second = rows.Nth(1);
        var name = (await second.Locator("a.govuk-link").First.InnerTextAsync()).Trim();
        var caseLink = await second.Locator("a.govuk-link").First.GetAttributeAsync("href");
        var given = name.Split(' ')[0];
        var family = name.Split(' ')[^1];

        // Parts of both names, in lower case: the search ignores case and finds any part of either name.
        await page.GetByLabel("Search for a person by name, date of birth or id")
            .FillAsync($"{given[..Math.Min(3, given.Length)]} {family[..Math.Min(4, family.Length)]}".ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search for a person" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search for a person" })).ToBeVisibleAsync();
        var found = page.GetByTestId("people-found").Locator("tbody tr", new() { HasText = name });
        await Assertions.Expect(found.First).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        await page.GetByTestId("people-found").Locator($"a[href='{caseLink}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(Regex.Escape(name)) })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        await page.GetByTestId("priority-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Why is this case here?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("priority-rank")).ToContainTextAsync(RankPattern());
        await Assertions.Expect(page.GetByTestId("priority-rank")).ToContainTextAsync("Number 2 of");
        await Assertions.Expect(page.Locator("table").First).Not.ToContainTextAsync("contact-drift");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("on your worklist")]
    private static partial Regex RankPattern();
}
