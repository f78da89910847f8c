using System.Net;
using System.Net.Http.Json;
using System.Text;
using Caseload.Features.Reviews;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Reviews;

/// <summary>The review pages without JavaScript, as a plain browser posts them, and the caseload review with its CSV. Today is 23 Nov 2026.</summary>
public abstract class ReviewPagesTests(CaseloadApp app)
{
    private static Dictionary<string, string> Form(string decision = "continue", string adjustments = "Fortnightly visits; Mum to ring the GP", string risk = RecordModel.RiskUnchanged) => new()
    {
        ["Progress"] = "Jordan has attended school every day.",
        ["Barriers"] = "None identified.",
        ["Risks"] = "No new concerns from the school or the family.",
        ["RiskRating"] = risk,
        ["Adjustments"] = adjustments,
        ["Decision"] = decision,
        ["NextReviewOnDay"] = "15",
        ["NextReviewOnMonth"] = "1",
        ["NextReviewOnYear"] = "2027",
    };

    [Fact]
    public async Task The_form_refuses_missing_answers_and_a_past_date_with_a_govuk_error_summary_and_stores_nothing()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var caseId = await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        using var browser = await PageClient.SignInAsync(app, p);

        var empty = await browser.PostFormAsync($"/Cases/{caseId}/Reviews/New", new());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        // Every problem at once, listed in the order of the form.
        var summary = html[html.IndexOf("govuk-error-summary__list", StringComparison.Ordinal)..html.IndexOf("</ul>", html.IndexOf("govuk-error-summary__list", StringComparison.Ordinal), StringComparison.Ordinal)];
        var positions = new[] { "Enter the progress since the last review", "Enter the barriers to progress", "Enter the risks as they stand now", "Enter the adjustments to the plan", "Select a decision", "Enter the date of the next review" }
            .Select(m => summary.IndexOf(m, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        var past = Form();
        past["NextReviewOnDay"] = "22";
        past["NextReviewOnMonth"] = "11";
        past["NextReviewOnYear"] = "2026";
        past["Barriers"] = "";
        var refused = await browser.PostFormAsync($"/Cases/{caseId}/Reviews/New", past);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("The date of the next review must be today or in the future", html, StringComparison.Ordinal);
        Assert.Contains("Enter the barriers to progress", html, StringComparison.Ordinal);
        Assert.Contains("Jordan has attended school every day.", html, StringComparison.Ordinal); // what was typed is kept

        var notADate = Form();
        notADate["NextReviewOnDay"] = "31";
        notADate["NextReviewOnMonth"] = "2";
        notADate["Progress"] = "";
        html = await (await browser.PostFormAsync($"/Cases/{caseId}/Reviews/New", notADate)).Content.ReadAsStringAsync();
        Assert.Contains("The date of the next review must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("Enter the progress since the last review", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseReview>().CountAsync(r => r.CaseId == caseId)));
    }

    [Fact]
    public async Task A_review_leads_to_the_next_one_showing_its_plan_and_a_close_decision_points_to_closing_the_case()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var caseId = await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        using var browser = await PageClient.SignInAsync(app, p);

        var first = await browser.GetStringAsync($"/Cases/{caseId}/Reviews/New");
        Assert.Contains("This is the case's first review", first, StringComparison.Ordinal);
        var casePage = await browser.GetStringAsync($"/Cases/{caseId}");
        Assert.Contains($"href=\"/Cases/{caseId}/Reviews/New\"", casePage, StringComparison.Ordinal);
        Assert.Contains("Not reviewed yet", casePage, StringComparison.Ordinal);

        var recorded = await browser.PostFormAsync($"/Cases/{caseId}/Reviews/New", Form(risk: "red"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal($"/Cases/{caseId}/Reviews", recorded.Headers.Location!.OriginalString);
        var list = await browser.GetStringAsync($"/Cases/{caseId}/Reviews");
        Assert.Contains("The review is recorded. The case is next due for review on 15 Jan 2027.", list, StringComparison.Ordinal);
        Assert.Contains("Changed from amber risk to red risk", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Cases/{caseId}/Close", list, StringComparison.Ordinal);

        casePage = await browser.GetStringAsync($"/Cases/{caseId}");
        Assert.Contains("23 Nov 2026 by", casePage, StringComparison.Ordinal);
        Assert.Contains("Fortnightly visits; Mum to ring the GP", casePage, StringComparison.Ordinal);
        Assert.Contains("15 Jan 2027", casePage, StringComparison.Ordinal);

        // Plan–do–review: the next review starts from what this one planned.
        var second = await browser.GetStringAsync($"/Cases/{caseId}/Reviews/New");
        Assert.Contains("What the last review planned", second, StringComparison.Ordinal);
        Assert.Contains("Fortnightly visits; Mum to ring the GP", second, StringComparison.Ordinal);
        Assert.Contains("What came of the adjustments planned at the last review?", second, StringComparison.Ordinal);

        var closing = await browser.PostFormAsync($"/Cases/{caseId}/Reviews/New", Form(decision: "close", adjustments: "None: outcomes achieved"));
        Assert.Equal(HttpStatusCode.Redirect, closing.StatusCode);
        list = await browser.GetStringAsync($"/Cases/{caseId}/Reviews");
        Assert.Contains("Recording the review does not close it", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/{caseId}/Close\"", list, StringComparison.Ordinal);
        // Still open: only the close page closes a case.
        Assert.Equal(Caseload.Features.Cases.CaseStatus.Open, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync()));

        var transfer = await browser.PostFormAsync($"/Cases/{caseId}/Reviews/New", Form(decision: "transfer"));
        Assert.Equal(HttpStatusCode.Redirect, transfer.StatusCode);
        list = await browser.GetStringAsync($"/Cases/{caseId}/Reviews");
        Assert.Contains("ask your supervisor to reallocate it", list, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<CaseReview>().CountAsync(r => r.CaseId == caseId)));
    }

    [Fact]
    public async Task The_caseload_review_shows_every_open_case_with_its_reviews_and_audits_each_case_shown()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var reviewed = (await api.CreateCaseAsync(await api.CreatePersonAsync("Riley", "Okafor"), p.UserName))["id"]!.GetValue<Guid>();
        var overdue = (await api.CreateCaseAsync(await api.CreatePersonAsync("Sam", "Osei"), p.UserName))["id"]!.GetValue<Guid>();
        var closed = (await api.CreateCaseAsync(await api.CreatePersonAsync("Kit", "Marsh"), p.UserName))["id"]!.GetValue<Guid>();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{reviewed}/reviews", ReviewsApiTests.Review(decision: "step-down"))).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PatchJsonAsync($"/api/v1/cases/{overdue}", new { reviewDueOn = "2026-11-02" }, "\"1\"")).ShouldBeAsync(HttpStatusCode.OK);
        await (await api.PostJsonTextAsync($"/api/v1/cases/{closed}/close", """{"reason":"Moved out of the area"}""")).ShouldBeAsync(HttpStatusCode.OK);

        using var browser = await PageClient.SignInAsync(app, p);
        var page = await browser.GetAsync("/Reviews");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("My caseload review", html, StringComparison.Ordinal);
        Assert.Contains("Riley Okafor", html, StringComparison.Ordinal);
        Assert.Contains("Step down", html, StringComparison.Ordinal);
        Assert.Contains("Sam Osei", html, StringComparison.Ordinal);
        Assert.Contains("2 Nov 2026", html, StringComparison.Ordinal);
        Assert.Contains("Review overdue", html, StringComparison.Ordinal);
        Assert.Contains("Never", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kit Marsh", html, StringComparison.Ordinal);
        Assert.Contains("/Reviews?handler=Csv", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/caseload-print.css\" media=\"print\"", html, StringComparison.Ordinal);

        var viewed = await app.WithDbAsync(db => (from e in db.AuditEvents
                                                   join x in db.AuditEventCases on e.Id equals x.AuditEventId
                                                   where e.UserName == p.UserName && e.Action == AuditActions.CaseloadReviewViewed
                                                   select x.CaseId).ToListAsync());
        Assert.Equal(new[] { overdue, reviewed }.Order(), viewed.Order());
    }

    [Fact]
    public async Task The_caseload_review_its_supervision_pack_and_csv_show_each_cases_drift_signals_in_words()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var stalled = (await api.CreateCaseAsync(await api.CreatePersonAsync("Drew", "Stalled"), p.UserName))["id"]!.GetValue<Guid>();
        await Caseload.Tests.Features.Drift.DriftArrange.OpenedAgoAsync(app, stalled, 30);
        var fresh = (await api.CreateCaseAsync(await api.CreatePersonAsync("Fern", "Fresh"), p.UserName))["id"]!.GetValue<Guid>();

        static string Row(string html, string name)
        {
            var row = html[html.IndexOf(name, StringComparison.Ordinal)..];
            return row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        }

        using var browser = await PageClient.SignInAsync(app, p);
        var html = await browser.GetStringAsync("/Reviews");
        // The column prints with the pack (it is not hidden from print as the actions are).
        Assert.Contains("<th scope=\"col\" class=\"govuk-table__header\">Drift</th>", html, StringComparison.Ordinal);
        Assert.Contains("<dt class=\"govuk-summary-list__key\">Drifting</dt><dd class=\"govuk-summary-list__value\">1</dd>", html, StringComparison.Ordinal);
        var drifting = Row(html, "Drew Stalled");
        // What has stalled and since when; each signal in full is on the drift list and in the CSV.
        var since = Caseload.Tests.Features.Drift.DriftArrange.Calendar.AddWorkingDays(Caseload.Tests.Features.Drift.DriftArrange.WorkingDaysAgo(30), 20);
        Assert.Contains($"<strong>No contact</strong> since {Caseload.Platform.Time.UkTime.Format(since)}", drifting, StringComparison.Ordinal);
        Assert.Contains($"<strong>Nothing recorded</strong> since {Caseload.Platform.Time.UkTime.Format(since)}", drifting, StringComparison.Ordinal);
        Assert.Contains(">High<", drifting, StringComparison.Ordinal);
        Assert.DoesNotContain("No contact</strong>", Row(html, "Fern Fresh"), StringComparison.Ordinal);
        Assert.Contains("href=\"/Drift\"", html, StringComparison.Ordinal);

        // The supervisor sees the same on the supervisee's caseload review, and in its CSV.
        using var boss = await PageClient.SignInAsync(app, supervisor);
        var theirs = await boss.GetStringAsync($"/Reviews?userName={p.UserName}");
        Assert.Contains("<strong>No contact</strong> since", Row(theirs, "Drew Stalled"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Drift?UserName={p.UserName}\"", theirs, StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString((await boss.GetByteArrayAsync($"/Reviews?handler=Csv&userName={p.UserName}"))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(csv, l => l.EndsWith(stalled.ToString(), StringComparison.Ordinal));
        Assert.Contains(",0,high,", line, StringComparison.Ordinal);
        Assert.Contains("no-contact: No contact recorded in the 30 working days since the case opened", line, StringComparison.Ordinal);
        Assert.Contains("; no-recording: Nothing recorded in the 30 working days", line, StringComparison.Ordinal);
        Assert.Contains(",0,,,", Assert.Single(csv, l => l.EndsWith(fresh.ToString(), StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_sees_a_supervisees_caseload_review_but_not_a_practitioner_they_do_not_supervise()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var (otherTeam, _) = await app.CreateTeamAsync();
        var supervisee = await app.CreateUserAsync(Roles.Practitioner, team);
        var stranger = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var superviseeCase = await (await app.ClientForAsync(supervisee)).CreateCaseIdAsync(supervisee.UserName);
        var strangerCase = await (await app.ClientForAsync(stranger)).CreateCaseIdAsync(stranger.UserName);

        using var boss = await PageClient.SignInAsync(app, supervisor);
        var mine = await boss.GetStringAsync("/Reviews");
        Assert.Contains($"<option value=\"{supervisee.UserName}\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger.UserName, mine, StringComparison.Ordinal);

        var theirs = await boss.GetAsync($"/Reviews?userName={supervisee.UserName}");
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        var html = await theirs.Content.ReadAsStringAsync();
        Assert.Contains("Caseload review: Test Practitioner", html, StringComparison.Ordinal);
        Assert.Contains(superviseeCase.ToString(), html, StringComparison.Ordinal);

        var refused = await boss.GetAsync($"/Reviews?userName={stranger.UserName}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var refusedCsv = await boss.GetAsync($"/Reviews?handler=Csv&userName={stranger.UserName}");
        Assert.Contains("/Account/AccessDenied", refusedCsv.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == supervisor.UserName && e.CaseId == strangerCase)));

        // A practitioner reviews their own caseload only.
        using var peer = await PageClient.SignInAsync(app, stranger);
        var denied = await peer.GetAsync($"/Reviews?userName={supervisee.UserName}");
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await peer.GetAsync("/Reviews?userName=nobody.at.all")).StatusCode);
    }

    [Fact]
    public async Task The_csv_export_has_a_row_per_open_case_is_safe_to_open_in_a_spreadsheet_and_is_audited()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var formula = (await api.CreateCaseAsync(await api.CreatePersonAsync("=HYPERLINK(\"http://example.test\",\"x\")", "Lee"), p.UserName))["id"]!.GetValue<Guid>();
        var plain = (await api.CreateCaseAsync(await api.CreatePersonAsync("Alex", "Taylor, Jr"), p.UserName))["id"]!.GetValue<Guid>();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{plain}/reviews", ReviewsApiTests.Review(decision: "step-up"))).ShouldBeAsync(HttpStatusCode.Created);

        using var boss = await PageClient.SignInAsync(app, supervisor);
        var response = await boss.GetAsync($"/Reviews?handler=Csv&userName={p.UserName}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"caseload-review-{p.UserName}-2026-11-23.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Rank,Person,Service,Allocated to,Priority,Risk,Last contact,Next deadline,Next deadline due,Next deadline overdue,Overdue tasks,Drift severity,Drift signals,Last review,Last decision,Next review,Review overdue,Case id", lines[0], StringComparison.Ordinal);
        var injected = Assert.Single(lines, l => l.EndsWith(formula.ToString(), StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://example.test\"\",\"\"x\"\") Lee\",", injected, StringComparison.Ordinal);
        var reviewed = Assert.Single(lines, l => l.EndsWith(plain.ToString(), StringComparison.Ordinal));
        Assert.Contains(",\"Alex Taylor, Jr\",Early help,", reviewed, StringComparison.Ordinal);
        Assert.Contains(",0,,,2026-11-23,step-up,2027-01-15,no,", reviewed, StringComparison.Ordinal);

        var exported = await app.WithDbAsync(db => (from e in db.AuditEvents
                                                     join x in db.AuditEventCases on e.Id equals x.AuditEventId
                                                     where e.UserName == supervisor.UserName && e.Action == AuditActions.CaseloadReviewExported
                                                     select new { x.CaseId, e.Route }).ToListAsync());
        Assert.Equal(new[] { formula, plain }.Order(), exported.Select(e => e.CaseId).Order());
        Assert.All(exported, e => Assert.Contains($"userName={p.UserName}", e.Route, StringComparison.Ordinal));
    }
}

public sealed class ReviewPagesTests_Sqlite(SqliteApp app) : ReviewPagesTests(app);

public sealed class ReviewPagesTests_Postgres(PostgresApp app) : ReviewPagesTests(app);
