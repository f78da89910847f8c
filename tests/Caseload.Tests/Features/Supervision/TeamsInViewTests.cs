using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Supervision;

/// <summary>
/// Supervisors and service managers see their people: a service manager's Team page lists every team of their services with its
/// practitioners, their team worklist and deadlines hold those teams' cases, and every count owns up to restricted cases the
/// reader may not see ("and 1 restricted case") without naming them.
/// </summary>
public abstract class TeamsInViewTests(CaseloadApp app)
{
    private async Task<(SupervisedTeam Team, Guid Hidden, TestUser Manager)> ArrangeAsync()
    {
        var t = await SupervisedTeam.CreateAsync(app, service: "youth-support");
        (await t.PractitionerApi.PostAsJsonAsync($"/api/v1/cases/{t.CaseId}/deadlines", new { title = "Send the youth offer", dueDate = "2026-12-04", reason = "Agreed at the meeting" }))
            .EnsureSuccessStatusCode();
        var person = await t.PractitionerApi.CreatePersonAsync("Quinn", "Hale");
        var hidden = (await t.PractitionerApi.CreateCaseAsync(person, t.Practitioner.UserName, restricted: true, service: "youth-support"))["id"]!.GetValue<Guid>();
        (await t.PractitionerApi.PostAsJsonAsync($"/api/v1/cases/{hidden}/deadlines", new { title = "Restricted deadline", dueDate = "2026-12-04", reason = "Agreed at the meeting" }))
            .EnsureSuccessStatusCode();
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, "youth-support");
        return (t, hidden, manager);
    }

    [Fact]
    public async Task A_service_manager_sees_every_team_of_their_services_with_its_practitioners_linked_to_their_worklists()
    {
        var (t, _, manager) = await ArrangeAsync();
        var teamName = await app.WithDbAsync(db => Task.FromResult(db.Teams.Single(x => x.Id == t.TeamId).Name));
        var practitionerName = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == t.Practitioner.Id).DisplayName));

        using var browser = await PageClient.SignInAsync(app, manager);
        var page = await browser.GetStringAsync(new Uri("/Team", UriKind.Relative));
        Assert.Contains(teamName, page[page.IndexOf("data-testid=\"teams-in-view\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains($"href=\"/Worklist?UserName={t.Practitioner.UserName}\">{practitionerName}", page, StringComparison.Ordinal);
        // Restricted to the practitioner alone: counted for the manager, never named.
        Assert.Contains("and 1 restricted case", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Quinn Hale", page, StringComparison.Ordinal);

        var worklist = await browser.GetStringAsync(new Uri($"/Worklist?UserName={t.Practitioner.UserName}", UriKind.Relative));
        Assert.Contains("Jordan Ellis", worklist, StringComparison.Ordinal);
        Assert.Contains("and 1 restricted case you are not named on", worklist, StringComparison.Ordinal);

        var teamWorklist = await browser.GetStringAsync(new Uri("/Worklist?UserName=team", UriKind.Relative));
        Assert.Contains($"/Cases/{t.CaseId}", teamWorklist, StringComparison.Ordinal);
        Assert.Contains("Team worklist", teamWorklist, StringComparison.Ordinal);

        var deadlines = await browser.GetStringAsync(new Uri("/Deadlines?Scope=team", UriKind.Relative));
        Assert.Contains("Deadlines on my team&#x27;s cases", deadlines, StringComparison.Ordinal);
        Assert.Contains("Send the youth offer", deadlines, StringComparison.Ordinal);
        Assert.DoesNotContain("Restricted deadline", deadlines, StringComparison.Ordinal);
        Assert.Contains(practitionerName, deadlines, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_switches_deadlines_and_worklist_to_the_team_and_counts_the_restricted_case_without_details()
    {
        var (t, hidden, _) = await ArrangeAsync();
        using var browser = await PageClient.SignInAsync(app, t.Supervisor);
        var mine = await browser.GetStringAsync(new Uri("/Deadlines", UriKind.Relative));
        Assert.Contains("href=\"/Deadlines?Scope=team\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the youth offer", mine, StringComparison.Ordinal);
        var team = await browser.GetStringAsync(new Uri("/Deadlines?Scope=team", UriKind.Relative));
        Assert.Contains("Send the youth offer", team, StringComparison.Ordinal);
        Assert.Contains("and 1 restricted case with an open deadline you are not named on", team, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.ToString(), team, StringComparison.Ordinal);

        var worklist = await browser.GetStringAsync(new Uri("/Worklist?UserName=team", UriKind.Relative));
        Assert.Contains(">My team</option>", worklist, StringComparison.Ordinal);
        Assert.Contains("and 1 restricted case you are not named on, not listed", worklist, StringComparison.Ordinal);

        var api = await (await t.SupervisorApi.GetAsync("/api/v1/worklist?scope=team")).JsonAsync();
        Assert.Equal(1, api["restrictedCases"]!.GetValue<int>());
        Assert.Contains(api["items"]!.AsArray(), i => i!["caseId"]!.GetValue<Guid>() == t.CaseId);
        Assert.DoesNotContain(api["items"]!.AsArray(), i => i!["caseId"]!.GetValue<Guid>() == hidden);
        var legacy = await (await t.SupervisorApi.GetAsync("/api/v1/worklist?team=true")).JsonAsync();
        Assert.Equal(api["items"]!.AsArray().Count, legacy["items"]!.AsArray().Count);

        var deadlines = await (await t.SupervisorApi.GetAsync("/api/v1/deadlines?scope=team")).JsonAsync();
        Assert.Equal("team", deadlines["scope"]!.GetValue<string>());
        Assert.Equal(1, deadlines["restrictedCases"]!.GetValue<int>());
        var item = Assert.Single(deadlines["items"]!.AsArray(), i => i!["caseId"]!.GetValue<Guid>() == t.CaseId)!;
        Assert.Equal("Send the youth offer", item["deadline"]!["title"]!.GetValue<string>());

        // The practitioner's own deadlines, both of them (they are named on the restricted case); the team's are not theirs to ask for.
        var own = await (await t.PractitionerApi.GetAsync("/api/v1/deadlines")).JsonAsync();
        Assert.Equal(2, own["items"]!.AsArray().Count);
        Assert.Equal(0, own["restrictedCases"]!.GetValue<int>());
        await (await t.PractitionerApi.GetAsync("/api/v1/deadlines?scope=team")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await t.PractitionerApi.GetAsync("/api/v1/deadlines?scope=everyone")).ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_referral_waiting_past_its_standard_says_so_in_words_and_the_caption_says_the_real_order()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var waiting = (await t.SupervisorApi.CreateCaseAsync(await t.SupervisorApi.CreatePersonAsync("Remy", "Waite"), null))["id"]!.GetValue<Guid>();
        var fresh = (await t.SupervisorApi.CreateCaseAsync(await t.SupervisorApi.CreatePersonAsync("Nia", "Fresh"), null))["id"]!.GetValue<Guid>();
        var today = Caseload.Platform.Time.UkTime.Today(app.Clock);
        await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.FindAsync(waiting);
            c!.ReferredOn = today.AddDays(-28); // four weeks: 20 working days or fewer, well past early help's 5
            return await db.SaveChangesAsync();
        });

        using var browser = await PageClient.SignInAsync(app, t.Supervisor);
        var page = await browser.GetStringAsync(new Uri("/Team", UriKind.Relative));
        Assert.Contains("waiting, highest risk first, then the longest waiting; 1 over its service&#x27;s standard", page, StringComparison.Ordinal);
        // The waiting table (the team's drift list above it names the late referral too).
        page = page[page.IndexOf("data-testid=\"waiting-caption\"", StringComparison.Ordinal)..];
        var row = page[page.IndexOf("Remy Waite", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("Over the standard", row, StringComparison.Ordinal);
        Assert.Contains("first contact with an early help referral within 5 working days", row, StringComparison.Ordinal);
        var freshRow = page[page.IndexOf("Nia Fresh", StringComparison.Ordinal)..];
        Assert.DoesNotContain("Over the standard", freshRow[..freshRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);

        var list = (await (await t.SupervisorApi.GetAsync("/api/v1/cases?status=referred&pageSize=1000")).JsonAsync())["items"]!.AsArray();
        var late = list.Single(i => i!["id"]!.GetValue<Guid>() == waiting)!;
        Assert.True(late["breached"]!.GetValue<bool>());
        Assert.InRange(late["waitingWorkingDays"]!.GetValue<int>(), 16, 20);
        var now = list.Single(i => i!["id"]!.GetValue<Guid>() == fresh)!;
        Assert.False(now["breached"]!.GetValue<bool>());
        Assert.Equal(0, now["waitingWorkingDays"]!.GetValue<int>());
        var open = (await (await t.SupervisorApi.GetAsync("/api/v1/cases?status=open&pageSize=1000")).JsonAsync())["items"]!.AsArray();
        Assert.Null(open.Single(i => i!["id"]!.GetValue<Guid>() == t.CaseId)!["waitingWorkingDays"]);
    }
}

public sealed class TeamsInViewTests_Sqlite(SqliteApp app) : TeamsInViewTests(app);

public sealed class TeamsInViewTests_Postgres(PostgresApp app) : TeamsInViewTests(app);
