using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>
/// One rule for "overdue" on every screen, on each database, on an app of its own whose today is 22 Nov 2026: a deadline
/// due yesterday, a Saturday, is overdue (by no working days until Monday) on the deadline list, the deadline API and the
/// worklist alike, and the worklist's overdue filter finds it.
/// </summary>
public abstract class WeekendDeadlineTests(CaseloadApp app)
{
    private static async Task<Guid> CaseWithDeadlineAsync(HttpClient client, string owner, string given, string dueDate)
    {
        var person = await client.CreatePersonAsync(given, "Test");
        var caseId = (await client.CreateCaseAsync(person, owner, service: "childrens-social-care", risk: "green"))["id"]!.GetValue<Guid>();
        var added = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Send the report to court", dueDate, reason = "Directions hearing" });
        await added.ShouldBeAsync(HttpStatusCode.Created);
        return caseId;
    }

    private static async Task<JsonArray> ItemsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray();
    }

    [Fact]
    public async Task On_the_Sunday_a_deadline_due_on_the_Saturday_is_overdue_on_the_deadline_list_and_the_worklist_alike()
    {
        Assert.Equal(DayOfWeek.Sunday, app.Clock.GetUtcNow().DayOfWeek);
        var (team, _) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(user);
        var saturday = await CaseWithDeadlineAsync(client, user.UserName, "Saturday", "2026-11-21");
        var monday = await CaseWithDeadlineAsync(client, user.UserName, "Monday", "2026-11-23");

        // The deadline API.
        var listed = Assert.Single(await ItemsAsync(client, $"/api/v1/cases/{saturday}/deadlines"))!;
        Assert.Equal(("overdue", 0), (listed["status"]!.GetValue<string>(), listed["workingDaysOverdue"]!.GetValue<int>()));
        Assert.Equal("Overdue: due 21 Nov 2026", listed["summary"]!.GetValue<string>());
        Assert.Equal("due-soon", Assert.Single(await ItemsAsync(client, $"/api/v1/cases/{monday}/deadlines"))!["status"]!.GetValue<string>());

        // The deadlines page.
        using var browser = await PageClient.SignInAsync(app, user);
        var deadlinesPage = await browser.GetStringAsync("/Deadlines");
        Assert.Contains("1 overdue, 1 due within 2 working days", deadlinesPage, StringComparison.Ordinal);

        // The worklist API: the same deadline is overdue there too, not due today, and only it passes the overdue filter.
        var item = (await ItemsAsync(client, "/api/v1/worklist")).Single(i => i!["caseId"]!.GetValue<Guid>() == saturday)!;
        Assert.True(item["nextDeadline"]!["overdue"]!.GetValue<bool>());
        Assert.Equal(0, item["nextDeadline"]!["workingDaysUntilDue"]!.GetValue<int>());
        var reason = Assert.Single(item["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() is "overdue-deadline" or "deadline")!;
        Assert.Equal(("overdue-deadline", "Organisational deadline: Send the report to court overdue"), (reason["factor"]!.GetValue<string>(), reason["detail"]!.GetValue<string>()));
        var overdueOnly = await ItemsAsync(client, "/api/v1/worklist?overdueOnly=true");
        Assert.Equal([saturday], overdueOnly.Select(i => i!["caseId"]!.GetValue<Guid>()));

        // The worklist page: its deadlines banner and its overdue filter agree.
        var worklistPage = await browser.GetStringAsync("/Worklist?OverdueOnly=true");
        Assert.Contains("govuk-tag--red\">Overdue</strong>", worklistPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/{saturday}\"", worklistPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/Cases/{monday}\"", worklistPage, StringComparison.Ordinal);
    }
}

public sealed class WeekendDeadlineTests_Sqlite(SundaySqliteApp app) : WeekendDeadlineTests(app), IClassFixture<SundaySqliteApp>;

public sealed class WeekendDeadlineTests_Postgres(SundayPostgresApp app) : WeekendDeadlineTests(app), IClassFixture<SundayPostgresApp>;
