using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Supervision;
using Caseload.Features.Tasks;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Supervision;

/// <summary>The supervision pages work without JavaScript, for the right people only.</summary>
public abstract partial class SupervisionPagesTests(CaseloadApp app)
{
    /// <summary>Posts to one of the page's buttons (its formaction), with the page's antiforgery token, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostToAsync(HttpClient browser, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(new Uri(pageUrl, UriKind.Relative));
        var token = System.Net.WebUtility.HtmlDecode(TokenInput().Match(page).Groups[1].Value);
        return await browser.PostAsync(new Uri(postUrl, UriKind.Relative), new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex TokenInput();

    private static Dictionary<string, string> Filled(Guid caseId, string owner) => new()
    {
        ["Form.Day"] = "20", ["Form.Month"] = "11", ["Form.Year"] = "2026",
        ["Form.Kind"] = "one-to-one",
        ["Form.Discussions[0].CaseId"] = caseId.ToString(),
        ["Form.Discussions[0].Discussion"] = "Attendance and mum's engagement",
        ["Form.Discussions[0].Decision"] = "Continue at early help",
        ["Form.Discussions[0].Rationale"] = "Attendance is improving",
        ["Form.Discussions[0].Actions[0].Action"] = "Ring the school",
        ["Form.Discussions[0].Actions[0].Owner"] = owner,
        ["Form.Discussions[0].Actions[0].Day"] = "4", ["Form.Discussions[0].Actions[0].Month"] = "12", ["Form.Discussions[0].Actions[0].Year"] = "2026",
        ["Form.WellbeingRating"] = "4",
        ["Form.WellbeingNotes"] = "Settled after a hard month",
        ["Form.Workload"] = "18 cases",
        ["Form.Learning"] = "Court skills course booked",
        ["Form.NextDay"] = "18", ["Form.NextMonth"] = "12", ["Form.NextYear"] = "2026",
    };

    [Fact]
    public async Task A_supervisor_records_a_session_from_the_agenda_adding_rows_without_javascript()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        // A red case and one with an overdue deadline are offered for the agenda; a calm new one is not.
        var red = (await t.PractitionerApi.CreateCaseAsync(await t.PractitionerApi.CreatePersonAsync("Riley", "Stone"), t.Practitioner.UserName, risk: "red"))["id"]!.GetValue<Guid>();
        (await t.PractitionerApi.PostAsJsonAsync($"/api/v1/cases/{t.CaseId}/deadlines", new { title = "Send the report", dueDate = "2026-11-18", reason = "Asked by the court" })).EnsureSuccessStatusCode();
        var calm = (await t.PractitionerApi.CreateCaseAsync(await t.PractitionerApi.CreatePersonAsync("Casey", "Quiet"), t.Practitioner.UserName, risk: "green"))["id"]!.GetValue<Guid>();

        using var browser = await PageClient.SignInAsync(app, t.Supervisor);
        var url = $"/Supervision/New?practitioner={t.Practitioner.UserName}";
        var form = await browser.GetStringAsync(new Uri(url, UriKind.Relative));
        var agenda = form[form.IndexOf("data-testid=\"agenda\"", StringComparison.Ordinal)..form.IndexOf("id=\"case-discussions\"", StringComparison.Ordinal)];
        Assert.Contains("Riley Stone", agenda, StringComparison.Ordinal);
        Assert.Contains("Red priority", agenda, StringComparison.Ordinal);
        Assert.Contains("Overdue deadline: Send the report", agenda, StringComparison.Ordinal);
        Assert.DoesNotContain("Casey Quiet", agenda, StringComparison.Ordinal);
        Assert.Contains($"value=\"{calm}\"", form, StringComparison.Ordinal); // still offered to choose

        // "Discuss" on the agenda fills the empty row with that case; "Add another action" adds a row to it.
        var discuss = await PostToAsync(browser, url, $"{url}&handler=AddDiscussion", new() { ["addCase"] = red.ToString() });
        Assert.Equal(HttpStatusCode.OK, discuss.StatusCode);
        var withRed = await discuss.Content.ReadAsStringAsync();
        Assert.Contains($"<option value=\"{red}\" selected=\"selected\">", withRed, StringComparison.Ordinal);
        Assert.DoesNotContain("Form.Discussions[1].CaseId", withRed, StringComparison.Ordinal);
        var more = await PostToAsync(browser, url, $"{url}&handler=AddAction", new() { ["addAction"] = "0", ["Form.Discussions[0].CaseId"] = red.ToString() });
        Assert.Contains("Form.Discussions[0].Actions[1].Action", await more.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await browser.PostFormAsync(url, Filled(red, t.Practitioner.UserName));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var session = await app.WithDbAsync(db => db.Set<SupervisionSession>().Include(s => s.Versions).ThenInclude(v => v.CaseDiscussions).ThenInclude(d => d.Actions)
            .SingleAsync(s => s.PractitionerId == t.Practitioner.Id));
        Assert.Equal($"/Supervision/{session.Id}", saved.Headers.Location!.ToString());
        var version = Assert.Single(session.Versions);
        Assert.Equal((4, "Settled after a hard month", new DateOnly(2026, 12, 18)), (version.WellbeingRating, version.WellbeingNotes, version.NextSessionOn));
        var discussion = Assert.Single(version.CaseDiscussions);
        Assert.Equal((red, "Continue at early help"), (discussion.CaseId, discussion.Decision));
        Assert.Equal(("Ring the school", new DateOnly(2026, 12, 4)), (Assert.Single(discussion.Actions).Action, discussion.Actions[0].DueOn));
        Assert.True(await app.WithDbAsync(db => db.Set<CaseTask>().AnyAsync(x => x.CaseId == red && x.OwnerId == t.Practitioner.Id)));

        var page = await browser.GetStringAsync(saved.Headers.Location);
        Assert.Contains("Awaiting agreement", page, StringComparison.Ordinal);
        Assert.Contains("Settled after a hard month", page, StringComparison.Ordinal);

        // Discussed today, the red case is still on the agenda for being red, but no longer for lack of discussion.
        var next = await browser.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("Riley Stone", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drifting_case_is_offered_for_the_agenda_with_each_signal_in_words_and_a_calm_one_is_not()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        // Green, and opened six weeks ago (too recent to be offered for want of discussion): only its drift puts it on the agenda.
        var stalled = (await t.PractitionerApi.CreateCaseAsync(await t.PractitionerApi.CreatePersonAsync("Drew", "Stalled"), t.Practitioner.UserName, risk: "green"))["id"]!.GetValue<Guid>();
        await Caseload.Tests.Features.Drift.DriftArrange.OpenedAgoAsync(app, stalled, 30);
        await t.PractitionerApi.CreateCaseAsync(await t.PractitionerApi.CreatePersonAsync("Casey", "Calm"), t.Practitioner.UserName, risk: "green");

        using var browser = await PageClient.SignInAsync(app, t.Supervisor);
        var form = await browser.GetStringAsync(new Uri($"/Supervision/New?practitioner={t.Practitioner.UserName}", UriKind.Relative));
        var agenda = form[form.IndexOf("data-testid=\"agenda\"", StringComparison.Ordinal)..form.IndexOf("id=\"case-discussions\"", StringComparison.Ordinal)];
        var row = agenda[agenda.IndexOf("Drew Stalled", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("Drifting (high): No contact recorded in the 30 working days since the case opened", row, StringComparison.Ordinal);
        Assert.Contains("Drifting (medium): Nothing recorded in the 30 working days since the case opened", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Casey Calm", agenda, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == t.Supervisor.Id && e.Action == "supervision-agenda.listed" && db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == stalled))));
    }

    [Fact]
    public async Task A_form_with_missing_parts_comes_back_with_a_govuk_error_summary_and_nothing_is_stored()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        using var browser = await PageClient.SignInAsync(app, t.Supervisor);
        var url = $"/Supervision/New?practitioner={t.Practitioner.UserName}";
        var fields = Filled(t.CaseId, t.Practitioner.UserName);
        fields["Form.Discussions[0].Decision"] = "";
        fields["Form.WellbeingRating"] = "";
        fields["Form.Discussions[0].Actions[0].Month"] = "13";
        var response = await browser.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#D1Decision\">Enter the decision in case discussion 1</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#WellbeingRating\">Rate the supervisee&#x27;s wellbeing from 1 to 5</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#D1A1Due\">The date action 1 is due by must be a real date, like 20 11 2026</a>", html, StringComparison.Ordinal);
        Assert.Contains("Attendance and mum&#x27;s engagement", html, StringComparison.Ordinal); // nothing typed is lost
        Assert.False(await app.WithDbAsync(db => db.Set<SupervisionSession>().AnyAsync(s => s.PractitionerId == t.Practitioner.Id)));
    }

    [Fact]
    public async Task Recording_is_for_the_practitioners_supervisors_only()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var other = await SupervisedTeam.CreateAsync(app);
        using var elsewhere = await PageClient.SignInAsync(app, other.Supervisor);
        var refused = await elsewhere.GetAsync(new Uri($"/Supervision/New?practitioner={t.Practitioner.UserName}", UriKind.Relative));
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        using var practitioner = await PageClient.SignInAsync(app, t.Practitioner);
        var byPractitioner = await practitioner.GetAsync(new Uri($"/Supervision/New?practitioner={t.Practitioner.UserName}", UriKind.Relative));
        Assert.Contains("/Account/AccessDenied", byPractitioner.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        using var supervisor = await PageClient.SignInAsync(app, t.Supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(new Uri("/Supervision/New?practitioner=nobody.at.all", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_supervisee_agrees_on_their_page_which_nobody_else_may_use()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var id = await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        var url = $"/Supervision/{id}/Agreement";

        using var supervisor = await PageClient.SignInAsync(app, t.Supervisor);
        var bySupervisor = await supervisor.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("/Account/AccessDenied", bySupervisor.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        using var colleague = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Practitioner, t.TeamId));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/Supervision/{id}", UriKind.Relative))).StatusCode);

        using var browser = await PageClient.SignInAsync(app, t.Practitioner);
        var session = await browser.GetStringAsync(new Uri($"/Supervision/{id}", UriKind.Relative));
        Assert.Contains($"href=\"/Supervision/{id}/Agreement\"", session, StringComparison.Ordinal);
        Assert.DoesNotContain("Amend the record", session, StringComparison.Ordinal);
        var noComment = await browser.PostFormAsync(url, new() { ["Agreed"] = "no", ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("Enter what you disagree with", await noComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var agreed = await browser.PostFormAsync(url, new() { ["Agreed"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        Assert.Equal(SupervisionStatus.Agreed, await app.WithDbAsync(db => db.Set<SupervisionSession>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
        var after = await browser.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("You have already agreed with this record", after, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Agreed\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_amends_on_the_page_and_the_earlier_version_stays_readable()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var id = await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        using var browser = await PageClient.SignInAsync(app, t.Supervisor);
        var url = $"/Supervision/{id}/Amend";
        var form = await browser.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains(SupervisionApi.Decision, form, StringComparison.Ordinal);

        var fields = Filled(t.CaseId, t.Practitioner.UserName);
        fields["Form.Discussions[0].Actions[0].Action"] = "Ring the school about attendance";
        fields["Form.Discussions[0].Decision"] = "Hold a team around the family meeting";
        fields["Reason"] = "Decision changed after the school's call";
        var saved = await browser.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetStringAsync(new Uri($"/Supervision/{id}", UriKind.Relative));
        Assert.Contains("Hold a team around the family meeting", page, StringComparison.Ordinal);
        Assert.Contains("Version 1, recorded", page, StringComparison.Ordinal);
        Assert.Contains(SupervisionApi.Decision, page, StringComparison.Ordinal);
        Assert.Contains("Decision changed after the school&#x27;s call", page, StringComparison.Ordinal);

        // A form from before the amendment is refused rather than overwriting it.
        fields["Version"] = "1";
        var stale = await browser.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Someone else amended this record", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<SupervisionSessionVersion>().CountAsync(v => v.SessionId == id)));
    }

    [Fact]
    public async Task The_team_page_shows_whose_supervision_is_overdue_due_soon_or_never_recorded()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var overdue = t.Practitioner;
        var recent = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        var weekly = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        var never = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        await t.SupervisorApi.RecordIdAsync(JsonSession(overdue, "2026-10-01"));
        await t.SupervisorApi.RecordIdAsync(JsonSession(recent, "2026-11-20"));
        await t.SupervisorApi.RecordIdAsync(JsonSession(weekly, "2026-11-16"));

        using var browser = await PageClient.SignInAsync(app, t.Supervisor);
        var frequency = await browser.PostFormAsync($"/Supervision/Frequency?practitioner={weekly.UserName}", new() { ["EveryWorkingDays"] = "5", ["Reason"] = "Newly qualified: weekly for the first six weeks" });
        Assert.Equal(HttpStatusCode.Redirect, frequency.StatusCode);

        var team = await browser.GetStringAsync(new Uri("/Team", UriKind.Relative));
        var table = team[team.IndexOf("data-testid=\"supervision-due\"", StringComparison.Ordinal)..];
        string Row(TestUser u)
        {
            var at = table.IndexOf($"practitioner={u.UserName}\"", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{u.UserName} is not on the team page");
            return table[at..table.IndexOf("</tr>", at, StringComparison.Ordinal)];
        }

        // 20 working days after 1 Oct 2026 is 29 Oct: 17 working days ago on 23 Nov.
        Assert.Contains("29 Oct 2026", Row(overdue), StringComparison.Ordinal);
        Assert.Contains("Overdue by 17 working days", Row(overdue), StringComparison.Ordinal);
        Assert.Contains("Up to date", Row(recent), StringComparison.Ordinal);
        Assert.Contains("Every week", Row(weekly), StringComparison.Ordinal);
        Assert.Contains("Due today", Row(weekly), StringComparison.Ordinal);
        Assert.Contains("No session recorded", Row(never), StringComparison.Ordinal);
        Assert.True(table.IndexOf(never.UserName, StringComparison.Ordinal) < table.IndexOf(overdue.UserName, StringComparison.Ordinal), "the never supervised come first");
        Assert.DoesNotContain($"practitioner={t.Supervisor.UserName}\"", table, StringComparison.Ordinal);

        System.Text.Json.Nodes.JsonObject JsonSession(TestUser who, string on) => SupervisionApi.Session(who.UserName, t.CaseId, t.Practitioner.UserName, occurredOn: on)
            .With("caseDiscussions", new System.Text.Json.Nodes.JsonArray()).With("nextSessionOn", null);
    }

    [Fact]
    public async Task Frequency_is_set_by_the_practitioners_supervisor_or_an_administrator_with_a_reason()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var url = $"/Supervision/Frequency?practitioner={t.Practitioner.UserName}";
        using var practitioner = await PageClient.SignInAsync(app, t.Practitioner);
        Assert.Contains("/Account/AccessDenied", (await practitioner.GetAsync(new Uri(url, UriKind.Relative))).Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        using var elsewhere = await PageClient.SignInAsync(app, (await SupervisedTeam.CreateAsync(app)).Supervisor);
        Assert.Contains("/Account/AccessDenied", (await elsewhere.GetAsync(new Uri(url, UriKind.Relative))).Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        using var supervisor = await PageClient.SignInAsync(app, t.Supervisor);
        var missing = await supervisor.PostFormAsync(url, new() { ["EveryWorkingDays"] = "3", ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Sessions must be from 5 to 65 working days apart", html, StringComparison.Ordinal);
        Assert.Contains("Enter why the frequency is changing", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.PostFormAsync(url, new() { ["EveryWorkingDays"] = "10", ["Reason"] = "Newly qualified" })).StatusCode);

        using var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url, new() { ["EveryWorkingDays"] = "15", ["Reason"] = "End of the first year" })).StatusCode);
        var own = await practitioner.GetStringAsync(new Uri("/Supervision", UriKind.Relative));
        Assert.Contains("Every 3 weeks (set by", own, StringComparison.Ordinal);
        Assert.Contains("End of the first year", own, StringComparison.Ordinal);
        Assert.Equal([10, 15], await app.WithDbAsync(db => db.Set<SupervisionFrequencyChange>().Where(c => c.PractitionerId == t.Practitioner.Id).OrderBy(c => c.Id).Select(c => c.EveryWorkingDays).ToListAsync()));
    }

    [Fact]
    public async Task A_practitioner_lists_their_own_sessions_and_a_colleague_may_not_list_them()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var id = await t.SupervisorApi.RecordIdAsync(SupervisionApi.Session(t.Practitioner.UserName, t.CaseId, t.Practitioner.UserName));
        using var browser = await PageClient.SignInAsync(app, t.Practitioner);
        var own = await browser.GetStringAsync(new Uri("/Supervision", UriKind.Relative));
        Assert.Contains($"href=\"/Supervision/{id}\"", own, StringComparison.Ordinal);
        Assert.Contains("1 record waits for you to agree", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Record a session", own, StringComparison.Ordinal);

        using var supervisor = await PageClient.SignInAsync(app, t.Supervisor);
        var theirs = await supervisor.GetStringAsync(new Uri($"/Supervision?practitioner={t.Practitioner.UserName}", UriKind.Relative));
        Assert.Contains($"href=\"/Supervision/New?practitioner={t.Practitioner.UserName}\"", theirs, StringComparison.Ordinal);

        using var colleague = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Practitioner, t.TeamId));
        var refused = await colleague.GetAsync(new Uri($"/Supervision?practitioner={t.Practitioner.UserName}", UriKind.Relative));
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }
}

public sealed class SupervisionPagesTests_Sqlite(SqliteApp app) : SupervisionPagesTests(app);

public sealed class SupervisionPagesTests_Postgres(PostgresApp app) : SupervisionPagesTests(app);
