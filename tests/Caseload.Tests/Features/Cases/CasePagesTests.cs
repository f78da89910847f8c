using System.Net;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Cases;

/// <summary>The journeys through the server-rendered pages, without JavaScript, as a plain browser would post them.</summary>
public abstract partial class CasePagesTests(CaseloadApp app)
{
    [Fact]
    public async Task A_practitioner_adds_a_person_opens_a_case_and_closes_it_with_a_reason()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        using var browser = await PageClient.SignInAsync(app, p);

        var added = await browser.PostFormAsync("/People/New", new()
        {
            ["GivenName"] = "Riley", ["FamilyName"] = "Okafor", ["Day"] = "4", ["Month"] = "9", ["Year"] = "2013", ["Selected"] = "young-carer",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var openUrl = added.Headers.Location!.OriginalString;
        Assert.StartsWith("/Cases/Open?personId=", openUrl, StringComparison.Ordinal);

        var badReview = await browser.PostFormAsync(openUrl, new() { ["Service"] = "early-help", ["AllocatedTo"] = p.UserName, ["Risk"] = "amber", ["ReviewDueOnDay"] = "30", ["ReviewDueOnMonth"] = "2", ["ReviewDueOnYear"] = "2027" });
        Assert.Equal(HttpStatusCode.BadRequest, badReview.StatusCode);
        Assert.Contains("Review date must be a real date", await badReview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badSource = await browser.PostFormAsync(openUrl, new() { ["Service"] = "early-help", ["AllocatedTo"] = p.UserName, ["Risk"] = "amber", ["ReferralSource"] = "school" });
        Assert.Equal(HttpStatusCode.BadRequest, badSource.StatusCode);
        Assert.Contains("Select where the referral came from", await badSource.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var opened = await browser.PostFormAsync(openUrl, new() { ["Service"] = "early-help", ["AllocatedTo"] = p.UserName, ["Risk"] = "amber", ["ExpectedContactEveryWorkingDays"] = "10",
            ["ReviewDueOnDay"] = "21", ["ReviewDueOnMonth"] = "12", ["ReviewDueOnYear"] = "2026", ["ReferralSource"] = "3A" });
        Assert.True(opened.StatusCode == HttpStatusCode.Redirect, await opened.Content.ReadAsStringAsync());
        var caseUrl = opened.Headers.Location!.OriginalString;
        var casePage = await browser.GetStringAsync(caseUrl);
        Assert.Contains("Riley Okafor", casePage, StringComparison.Ordinal);
        Assert.Contains("Young carer", casePage, StringComparison.Ordinal);
        Assert.Contains("21 Dec 2026", casePage, StringComparison.Ordinal);

        var noReason = await browser.PostFormAsync($"{caseUrl}/Close", new());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Select the reason for closing the case", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var closed = await browser.PostFormAsync($"{caseUrl}/Close", new() { ["Reason"] = "Moved out of the area" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var id = Guid.Parse(caseUrl.Split('/').Last());
        var stored = await app.WithDbAsync(db => db.Cases.Include(c => c.Person).SingleAsync(c => c.Id == id));
        Assert.Equal(CaseStatus.Closed, stored.Status);
        Assert.Equal("Moved out of the area", stored.ClosureReason);
        Assert.Equal("3A", stored.ReferralSource);
        Assert.Equal(new DateOnly(2013, 9, 4), stored.Person.DateOfBirth);
    }

    [Theory]
    [InlineData("/Cases")]
    [InlineData("/Cases?scope=all&status=closed")]
    [InlineData("/Team")]
    [InlineData("/People/New")]
    public async Task Pages_open_without_errors(string url)
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        using var browser = await PageClient.SignInAsync(app, supervisor);
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("govuk-error-summary", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(0, team);
    }

    [Fact]
    public async Task The_add_person_form_answers_400_with_govuk_messages_and_stores_nothing()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner);
        using var browser = await PageClient.SignInAsync(app, p);
        var response = await browser.PostFormAsync("/People/New", new() { ["GivenName"] = "", ["FamilyName"] = "Okafor", ["Day"] = "31", ["Month"] = "2", ["Year"] = "2013" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Enter a given name", html, StringComparison.Ordinal);
        Assert.Contains("Date of birth must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.People.CountAsync(x => x.CreatedById == p.Id)));
    }

    [Fact]
    public async Task A_supervisor_sees_the_waiting_referral_and_allocates_it_from_the_team_page()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var sup = await app.ClientForAsync(supervisor);
        var id = (await sup.CreateCaseAsync(await sup.CreatePersonAsync("Casey", "Nowak"), allocatedTo: null))["id"]!.GetValue<Guid>();

        using var browser = await PageClient.SignInAsync(app, supervisor);
        var teamPage = await browser.GetStringAsync("/Team");
        Assert.Contains("Casey Nowak", teamPage, StringComparison.Ordinal);
        Assert.Contains($"/Cases/{id}/Allocate", teamPage, StringComparison.Ordinal);

        var allocated = await browser.PostFormAsync($"/Cases/{id}/Allocate", new() { ["AllocatedTo"] = p.UserName, ["Version"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == id));
        Assert.Equal(p.Id, stored.AllocatedToId);
        Assert.Equal(CaseStatus.Open, stored.Status);
    }

    [Fact]
    public async Task A_stale_risk_form_does_not_overwrite_a_colleagues_change()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var id = await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        (await (await app.ClientForAsync(supervisor)).PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red", riskReason = "Strategy discussion held" }, "\"1\"")).EnsureSuccessStatusCode();

        using var browser = await PageClient.SignInAsync(app, p);
        var response = await browser.PostFormAsync($"/Cases/{id}/Risk", new() { ["Risk"] = "green", ["RiskReason"] = "School reports good attendance", ["Version"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Someone else changed this case", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Risk.Red, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Risk).SingleAsync()));
    }

    [Fact]
    public async Task The_practitioner_sets_a_review_date_and_a_past_one_shows_as_overdue()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var id = await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        using var browser = await PageClient.SignInAsync(app, p);
        Assert.Contains("Not set", await browser.GetStringAsync($"/Cases/{id}"), StringComparison.Ordinal);

        var notADate = await browser.PostFormAsync($"/Cases/{id}/ReviewDate", new() { ["ReviewDueOnDay"] = "31", ["ReviewDueOnMonth"] = "11", ["ReviewDueOnYear"] = "2026", ["Version"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
        Assert.Contains("Review date must be a real date", await notADate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.ReviewDueOn).SingleAsync()));

        var saved = await browser.PostFormAsync($"/Cases/{id}/ReviewDate", new() { ["ReviewDueOnDay"] = "16", ["ReviewDueOnMonth"] = "11", ["ReviewDueOnYear"] = "2026", ["Version"] = "1" });
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        var page = await browser.GetStringAsync(saved.Headers.Location);
        Assert.Contains("16 Nov 2026", page, StringComparison.Ordinal);
        Assert.Contains("Review overdue", page, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 16), await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.ReviewDueOn).SingleAsync()));

        var removed = await browser.PostFormAsync($"/Cases/{id}/ReviewDate", new() { ["Remove"] = "true" });
        Assert.Equal(HttpStatusCode.Found, removed.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.ReviewDueOn).SingleAsync()));
        Assert.DoesNotContain("Review overdue", await browser.GetStringAsync(removed.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_opens_with_what_to_know_and_do_and_every_time_it_shows_is_a_valid_datetime()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var id = await api.CreateCaseIdAsync(p.UserName);
        await api.CreateNoteAsync(id, NoteApi.Note().With("safeguardingConcern", true));
        using var browser = await PageClient.SignInAsync(app, p);

        var html = await browser.GetStringAsync($"/Cases/{id}");

        var summary = Section(html, "data-testid=\"case-summary\"");
        Assert.Contains("priority</strong> score", summary, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/{id}/Priority\" data-testid=\"priority-link\"", summary, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"alert-safeguarding\"", summary, StringComparison.Ordinal);
        Assert.Contains("No open deadlines", summary, StringComparison.Ordinal);
        Assert.Contains("None overdue", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("contact-drift", summary, StringComparison.Ordinal);
        var personId = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.PersonId).SingleAsync());
        Assert.Contains($"href=\"/People/{personId}\" data-testid=\"person-link\"", html, StringComparison.Ordinal);
        // Record a note comes before the summary; closing the case comes after everything else, and never as a red button.
        Assert.True(html.IndexOf("data-testid=\"record-note\"", StringComparison.Ordinal) < html.IndexOf("data-testid=\"case-summary\"", StringComparison.Ordinal));
        Assert.True(html.IndexOf($"href=\"/Cases/{id}/Close\"", StringComparison.Ordinal) > html.IndexOf("id=\"risk-history\"", StringComparison.Ordinal));
        Assert.DoesNotContain("govuk-button--warning", html, StringComparison.Ordinal);
        foreach (var section in new[] { "#deadlines", "#tasks", "#notes", "#details", "#risk-history", $"/Cases/{id}/Plan", $"/Cases/{id}/Chronology" })
        {
            Assert.Contains($"class=\"moj-sub-navigation__link\" href=\"{section}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("Visit completed; no new concerns recorded.", Section(html, "data-testid=\"notes-timeline\""), StringComparison.Ordinal);
        var datetimes = DateTimeAttribute().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(datetimes);
        Assert.All(datetimes, value => Assert.Matches(ValidDateTime(), value));
    }

    private static string Section(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No {marker} on the page");
        return html[start..Math.Min(html.Length, start + 6000)];
    }

    [System.Text.RegularExpressions.GeneratedRegex("datetime=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex DateTimeAttribute();

    // HTML's valid date string or global date and time string: a day, or a UTC or offset instant with at most 3 fractional digits.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$")]
    private static partial System.Text.RegularExpressions.Regex ValidDateTime();
}

public sealed class CasePagesTests_Sqlite(SqliteApp app) : CasePagesTests(app);

public sealed class CasePagesTests_Postgres(PostgresApp app) : CasePagesTests(app);
