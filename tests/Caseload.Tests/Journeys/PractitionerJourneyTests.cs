using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>Journeys a person makes in a real browser, with an accessibility check on every page visited.</summary>
public sealed partial class PractitionerJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Sign_in_page_is_accessible_and_explains_a_wrong_password()
    {
        var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/Account/SignIn", page.Url, StringComparison.Ordinal);
        await Axe.CheckAsync(page);
        await page.GetByLabel("User name").FillAsync("pat.practitioner");
        await page.GetByLabel("Password").FillAsync("not-my-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a correct user name and password");
        await Axe.CheckAsync(page);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_practitioner_sees_their_cases_opens_one_adds_a_person_opens_and_closes_a_case()
    {
        var page = await app.SignInAsync("pat.practitioner");
        // The practitioner's home is the prioritised worklist, each case explained.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Worklist$"));
        await Assertions.Expect(page.GetByTestId("worklist")).ToContainTextAsync("Red priority");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Why is this case here") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Why is this case here?" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GotoAsync("/Cases");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My cases" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Pat Practitioner");
        await Axe.CheckAsync(page);

        // Open an existing case from the list.
        var first = page.Locator("table.govuk-table tbody tr a.govuk-link").First;
        var name = (await first.InnerTextAsync()).Trim();
        await first.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByText("Risk history")).ToBeVisibleAsync();
        await Axe.CheckAsync(page);

        // Add a person; the form first refuses an empty submission.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a person", Exact = true }).ClickAsync();
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and open a case" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a given name");
        await Axe.CheckAsync(page);
        await page.GetByLabel("Given name").FillAsync("Morgan");
        await page.GetByLabel("Family name").FillAsync("Adeyemi");
        await page.GetByLabel("Day").FillAsync("14");
        await page.GetByLabel("Month").FillAsync("6");
        await page.GetByLabel("Year").FillAsync("2012");
        await page.GetByLabel("Young carer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and open a case" }).ClickAsync();

        // Open the case.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open a case" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        // Youth support: closing needs no supervisor's approval there (early help's closure journey is ClosureJourneyTests).
        await page.GetByLabel("Youth support").CheckAsync();
        await page.GetByLabel("Amber").CheckAsync();
        await page.GetByLabel("Expected contact, every how many working days?").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open case" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("The case is open");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Morgan Adeyemi");
        await Axe.CheckAsync(page);

        // Close it with a reason.
        await page.GetByRole(AriaRole.Link, new() { Name = "Close case" }).ClickAsync();
        await Axe.CheckAsync(page);
        await page.GetByLabel("Needs met and outcomes achieved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close case" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("The case is closed");
        await Assertions.Expect(page.Locator(".govuk-summary-list").Last).ToContainTextAsync("Needs met and outcomes achieved");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_colleague_cannot_open_a_restricted_case_and_sees_page_not_found()
    {
        var pat = await app.SignInAsync("pat.practitioner");
        await pat.GotoAsync("/Cases?scope=all&status=all");
        var restrictedRow = pat.Locator("tr", new() { Has = pat.Locator(".govuk-tag", new() { HasText = "Restricted" }) }).First;
        var href = await restrictedRow.Locator("a.govuk-link").First.GetAttributeAsync("href");
        Assert.NotNull(href);
        await pat.Context.CloseAsync();

        var sam = await app.SignInAsync("sam.practitioner");
        var response = await sam.GotoAsync(href!);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Axe.CheckAsync(sam);
        await sam.Context.CloseAsync();
    }

    [Fact]
    public async Task A_supervisor_allocates_a_waiting_referral_from_the_team_page()
    {
        var page = await app.SignInAsync("sue.supervisor");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Team$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team caseloads" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        var allocate = page.GetByRole(AriaRole.Link, new() { NameRegex = AllocatePattern() }).First;
        await allocate.ClickAsync();
        await Axe.CheckAsync(page);
        // The options are ranked by room left after allocation: the first has the most.
        await page.GetByRole(AriaRole.Group, new() { NameRegex = WhoPattern() }).GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allocate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("The case is allocated to");
        await Assertions.Expect(page.Locator(".govuk-tag.govuk-tag--blue")).ToHaveTextAsync("Open");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dpo_searches_the_audit_trail_by_user()
    {
        var page = await app.SignInAsync("dee.dpo");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Audit$"));
        await Axe.CheckAsync(page);
        await page.GetByLabel("User name").FillAsync("dee.dpo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search the audit trail" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-events")).ToContainTextAsync("user.signed-in");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>A worklist view is one event in the trail; the cases it showed open beneath it.</summary>
    [Fact]
    public async Task The_dpo_sees_the_cases_a_worklist_view_showed()
    {
        var practitioner = await app.SignInAsync("sam.practitioner");
        await Assertions.Expect(practitioner).ToHaveURLAsync(new Regex("/Worklist$"));
        await practitioner.Context.CloseAsync();

        var page = await app.SignInAsync("dee.dpo");
        await page.GetByLabel("User name").FillAsync("sam.practitioner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search the audit trail" }).ClickAsync();
        var view = page.Locator("table.govuk-table tr", new() { HasText = "worklist.viewed" }).First;
        // The route reads as a page, the action in words beside its code.
        await Assertions.Expect(view).ToContainTextAsync("Page /Worklist");
        await Assertions.Expect(view).ToContainTextAsync("Viewed a worklist");
        var cases = view.Locator("details.govuk-details");
        await Assertions.Expect(cases.Locator("summary")).ToContainTextAsync(ListOfCasesPattern());
        await cases.Locator("summary").ClickAsync();
        await Assertions.Expect(cases.Locator(".govuk-details__text li").First).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_adds_a_user_and_sees_the_teams()
    {
        var page = await app.SignInAsync("ada.admin");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Admin/Users$"));
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("pat.practitioner");
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a user" }).ClickAsync();
        await Axe.CheckAsync(page);
        await page.GetByLabel("User name").FillAsync("kim.newstarter");
        await page.GetByLabel("Full name").FillAsync("Kim Newstarter");
        await page.GetByLabel("Practitioner").CheckAsync();
        await page.GetByLabel("Team").SelectOptionAsync(new SelectOptionValue { Label = "North" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("one-time-password")).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GotoAsync("/Admin/Teams");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Sue Supervisor");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_links_an_organisation_account_to_a_user()
    {
        var page = await app.SignInAsync("ada.admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pat Practitioner" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Organisation accounts that sign in as this user" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-links")).ToBeVisibleAsync();
        await Axe.CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Link the account" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the reference of the organisation account");
        await Axe.CheckAsync(page);
        await page.GetByLabel("Link an organisation account").FillAsync("3f1c2a9e-journey-subject");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link the account" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("3f1c2a9e-journey-subject");
        await Axe.CheckAsync(page);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("^Allocate")]
    private static partial Regex AllocatePattern();

    [GeneratedRegex("^Who should hold the case")]
    private static partial Regex WhoPattern();

    [GeneratedRegex(@"^List of \d+ cases?$")]
    private static partial Regex ListOfCasesPattern();
}
