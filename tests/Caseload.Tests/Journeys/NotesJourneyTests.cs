using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>Writing, checking and finding case notes in a real browser, with an accessibility check on every page visited.</summary>
public sealed partial class NotesJourneyTests(BrowserApp app)
{
    private static string Word() => "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'x');

    private static async Task OpenFirstCaseAsync(IPage page)
    {
        await page.GotoAsync("/Cases?scope=mine&status=active");
        await Axe.CheckAsync(page);
        await page.Locator("table[data-module='moj-sortable-table'] tbody tr a.govuk-link").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Case notes" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
    }

    [Fact]
    public async Task A_practitioner_writes_a_note_sees_the_objectivity_findings_revises_it_saves_it_and_finds_it_by_search()
    {
        var page = await app.SignInAsync("pat.practitioner");
        await OpenFirstCaseAsync(page);
        var word = Word();

        await page.GetByRole(AriaRole.Link, new() { NameRegex = RecordPattern() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Record a note" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        await page.GetByLabel("Home visit").CheckAsync();
        await page.GetByLabel("Time it happened").FillAsync("09:00");
        await page.GetByLabel("Who was present or spoken to").FillAsync("Mum (Sarah) and Jordan (9)");
        await page.GetByLabel("What happened").FillAsync($"Mum was clearly drunk and the house was disgusting. Jordan showed me the {word} he made at school.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();

        // The check points out the words before anything is saved.
        var findings = page.GetByTestId("objectivity-findings");
        await Assertions.Expect(findings).ToContainTextAsync("Check the language in this note");
        await Assertions.Expect(findings.Locator("mark", new() { HasText = "clearly" })).ToBeVisibleAsync();
        await Assertions.Expect(findings.Locator("mark", new() { HasText = "disgusting" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("I have read the findings and want to save the note with these words")).ToBeVisibleAsync();

        // The summary takes focus and is announced, and each finding links to the field it is in.
        await Assertions.Expect(findings).ToBeFocusedAsync();
        await Assertions.Expect(findings).ToHaveAttributeAsync("role", "alert");
        var fieldLink = findings.GetByTestId("finding-field-link").First;
        await Assertions.Expect(fieldLink).ToHaveTextAsync("What happened");
        await Assertions.Expect(fieldLink).ToHaveAttributeAsync("href", "#WhatHappened");
        await fieldLink.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(FieldFragment());
        await Assertions.Expect(page.GetByLabel("What happened")).ToBeInViewportAsync();
        await Axe.CheckAsync(page);

        // The practitioner records what they saw instead, and saves.
        await page.GetByLabel("What happened").FillAsync($"Mum smelled of alcohol and her speech was slurred. There were dirty plates on the kitchen floor. Jordan showed me the {word} he made at school.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The note is saved");
        var timeline = page.GetByTestId("notes-timeline");
        await Assertions.Expect(timeline.Locator(".moj-timeline__item").First).ToContainTextAsync(word);
        await Axe.CheckAsync(page);

        // Found by search, highlighted.
        await page.GetByRole(AriaRole.Link, new() { Name = "Search notes", Exact = true }).ClickAsync();
        await Axe.CheckAsync(page);
        await page.GetByLabel("Words to find").FillAsync(word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var results = page.GetByTestId("search-results");
        await Assertions.Expect(results.Locator("mark", new() { HasText = word })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("1 note found");
        await Axe.CheckAsync(page);

        await results.Locator("a.govuk-link").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Version 1 (current)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("findings shown; the note was revised");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_practitioner_adds_another_next_step_and_removes_one()
    {
        var page = await app.SignInAsync("ray.practitioner");
        await OpenFirstCaseAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = RecordPattern() }).ClickAsync();
        var steps = page.Locator(".moj-add-another__item");
        await Assertions.Expect(steps).ToHaveCountAsync(1);
        await page.GetByLabel("What will be done").FillAsync("Ring the SENCo about the review date");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add another next step" }).ClickAsync();
        await Assertions.Expect(steps).ToHaveCountAsync(2);
        // The new row takes the focus; the first keeps what was typed.
        await Assertions.Expect(page.Locator("#Step2Action")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#Step1Action")).ToHaveValueAsync("Ring the SENCo about the review date");
        await Axe.CheckAsync(page);
        await page.Locator("#Step2Action").FillAsync("Send mum the draft plan");
        // Enter in a one-line field keeps the work as a draft: it neither saves the note nor adds a row.
        await page.Locator("#Step2Action").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your draft is saved");
        await Assertions.Expect(steps).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#Step2Action")).ToHaveValueAsync("Send mum the draft plan");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove next step 1" }).ClickAsync();
        await Assertions.Expect(steps).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#Step1Action")).ToHaveValueAsync("Send mum the draft plan");
        await Axe.CheckAsync(page);

        // The rows were kept as a draft; delete it so the case is as it was.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete draft" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your draft is deleted");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_long_note_survives_the_session_timeout_warning_as_a_draft()
    {
        var page = await app.SignInAsync("sam.practitioner");
        await page.Clock.InstallAsync();
        await OpenFirstCaseAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = RecordPattern() }).ClickAsync();
        var word = Word();
        await page.GetByLabel("What happened").FillAsync($"Assessment visit, first part: {word}.");
        // A few seconds after typing stops the draft is saved (and the session extended), before the clock runs on: a save
        // answered after the jump would put the end of the session out of the warning's reach, as it does for a user.
        await page.Clock.RunForAsync(5000);
        await Assertions.Expect(page.Locator("[data-draft-status]")).ToContainTextAsync("Draft saved");

        // Shortly before the session ends the warning opens; the draft is saved again meanwhile.
        await page.Clock.FastForwardAsync("28:30");
        await page.Clock.RunForAsync(2000);
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "You’re about to be signed out" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-draft-status]")).ToContainTextAsync("Draft saved");
        await Axe.CheckAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // Back later: the draft is there, for this author.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".govuk-inset-text").First).ToContainTextAsync("You are continuing your draft");
        await Assertions.Expect(page.GetByLabel("What happened")).ToHaveValueAsync($"Assessment visit, first part: {word}.");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete draft" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your draft is deleted");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("^(Record a note|Continue your draft note)$")]
    private static partial Regex RecordPattern();

    [GeneratedRegex("#WhatHappened$")]
    private static partial Regex FieldFragment();
}
