using System.Net.Http.Json;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Worklist;

public abstract class WorklistPageTests(CaseloadApp app)
{
    [Fact]
    public async Task The_practitioners_home_shows_overdue_deadlines_at_a_glance_with_their_explanation_and_a_supervisor_viewing_it_does_not()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var caseId = await api.CreateCaseIdAsync(p.UserName, service: "childrens-social-care");
        // 45 working days after 1 Sep 2026: 2 Nov 2026, three weeks overdue today.
        (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "child-and-family-assessment", startDate = "2026-09-01" })).EnsureSuccessStatusCode();

        using var browser = await PageClient.SignInAsync(app, p);
        var home = await browser.GetStringAsync("/Worklist");
        Assert.Contains("Deadlines needing attention", home, StringComparison.Ordinal);
        Assert.Contains("Child and family assessment", home, StringComparison.Ordinal);
        Assert.Contains("45 working days after 1 Sep", home, StringComparison.Ordinal);
        Assert.Contains($"/Cases/{caseId}#deadlines", home, StringComparison.Ordinal);

        // The supervisor looking at the practitioner's worklist sees the list, not their own deadlines banner.
        using var boss = await PageClient.SignInAsync(app, supervisor);
        var theirs = await boss.GetStringAsync($"/Worklist?userName={p.UserName}");
        Assert.Contains(caseId.ToString(), theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("Deadlines needing attention", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_practitioners_worklist_marks_their_drifting_cases_with_the_signals_in_words_and_links_to_their_drift_list()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var stalled = await api.CreateCaseIdAsync(p.UserName);
        await Caseload.Tests.Features.Drift.DriftArrange.OpenedAgoAsync(app, stalled, 25);
        var fresh = await api.CreateCaseIdAsync(p.UserName);

        static string Row(string html, Guid caseId)
        {
            var row = html[html.IndexOf($"href=\"/Cases/{caseId}\"", StringComparison.Ordinal)..];
            return row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        }

        using var browser = await PageClient.SignInAsync(app, p);
        var home = await browser.GetStringAsync("/Worklist");
        var panel = home[home.IndexOf("data-testid=\"worklist-drift\"", StringComparison.Ordinal)..];
        Assert.Contains("1 of your 2 cases is drifting", panel[..panel.IndexOf("</div>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("href=\"/Drift\"", panel, StringComparison.Ordinal);
        var since = Caseload.Tests.Features.Drift.DriftArrange.Calendar.AddWorkingDays(Caseload.Tests.Features.Drift.DriftArrange.WorkingDaysAgo(25), 20);
        Assert.Contains($"No contact since {Caseload.Platform.Time.UkTime.Format(since)}; nothing recorded since", Row(home, stalled), StringComparison.Ordinal);
        Assert.DoesNotContain("Drifting", Row(home, fresh), StringComparison.Ordinal);

        // A supervisor looking at the practitioner's worklist is pointed to that practitioner's drift list.
        using var boss = await PageClient.SignInAsync(app, supervisor);
        var theirs = await boss.GetStringAsync($"/Worklist?userName={p.UserName}");
        Assert.Contains($"href=\"/Drift?UserName={p.UserName}\"", theirs, StringComparison.Ordinal);
        Assert.Contains("Drifting", Row(theirs, stalled), StringComparison.Ordinal);
    }
}

public sealed class WorklistPageTests_Sqlite(SqliteApp app) : WorklistPageTests(app);

public sealed class WorklistPageTests_Postgres(PostgresApp app) : WorklistPageTests(app);
