using System.Net;
using Caseload.Platform.Audit;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Closure;

/// <summary>Closure with approval through the pages, as forms without JavaScript, on both databases.</summary>
public abstract class ClosurePagesTests(CaseloadApp app)
{
    private static Dictionary<string, string> Request(string summary = "Attendance is back to 95%; mum is confident with the routines.") =>
        new() { ["Reason"] = "RC7", ["Summary"] = summary };

    [Fact]
    public async Task A_practitioner_is_offered_request_closure_and_an_empty_form_names_what_is_missing_and_saves_nothing()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: ClosureApiTests.CareService);
        using var browser = await PageClient.SignInAsync(app, team.Practitioner);
        var casePage = await browser.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
        Assert.Contains($"href=\"/Cases/{team.CaseId}/Closure/Request\"", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/Cases/{team.CaseId}/Close\"", casePage, StringComparison.Ordinal);
        var close = await browser.GetAsync(new Uri($"/Cases/{team.CaseId}/Close", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.EndsWith($"/Cases/{team.CaseId}/Closure/Request", close.Headers.Location!.ToString(), StringComparison.Ordinal);

        var empty = await browser.PostFormAsync($"/Cases/{team.CaseId}/Closure/Request", new() { ["Reason"] = "", ["Summary"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Select the reason for closing the case", html, StringComparison.Ordinal);
        Assert.Contains("Enter the closing summary", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Caseload.Features.Closure.ClosureRequest>().CountAsync(r => r.CaseId == team.CaseId)));

        // The supervisor of the case closes it directly.
        using var supervisor = await PageClient.SignInAsync(app, team.Supervisor);
        var theirs = await supervisor.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
        Assert.Contains($"href=\"/Cases/{team.CaseId}/Close\"", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_waits_on_the_case_page_and_the_team_page_and_only_the_supervisor_is_offered_the_decision()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: ClosureApiTests.CareService);
        using var browser = await PageClient.SignInAsync(app, team.Practitioner);
        var asked = await browser.PostFormAsync($"/Cases/{team.CaseId}/Closure/Request", Request());
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var practitionerView = await browser.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
        Assert.Contains("data-testid=\"closure-request\"", practitionerView, StringComparison.Ordinal);
        Assert.Contains("Attendance is back to 95%", practitionerView, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"closure-decision\"", practitionerView, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/Cases/{team.CaseId}/Closure/Request\"", practitionerView, StringComparison.Ordinal);
        var refused = await browser.PostFormAsync($"/Cases/{team.CaseId}/Closure/Request", Request());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("already waiting for a supervisor", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var supervisor = await PageClient.SignInAsync(app, team.Supervisor);
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;
        var teamPage = await supervisor.GetStringAsync(new Uri("/Team", UriKind.Relative));
        Assert.Contains("data-testid=\"closure-awaiting\"", teamPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/{team.CaseId}#closure\"", teamPage, StringComparison.Ordinal);
        var views = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > before && e.UserName == team.Supervisor.UserName && e.Route == "GET /Team").ToListAsync());
        var view = Assert.Single(views);
        Assert.Equal(AuditTrail.ListEntityType, view.EntityType);
        Assert.True(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(x => x.AuditEventId == view.Id && x.CaseId == team.CaseId)));

        var supervisorView = await supervisor.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
        Assert.Contains("data-testid=\"closure-decision\"", supervisorView, StringComparison.Ordinal);
        var refusedDecision = await browser.GetAsync(new Uri($"/Cases/{team.CaseId}/Closure/Decision", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refusedDecision.StatusCode);
        Assert.Contains("/Account/AccessDenied", refusedDecision.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisor_returns_it_with_a_comment_the_practitioner_sees_it_then_an_approval_closes_the_case()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: ClosureApiTests.CareService);
        using var browser = await PageClient.SignInAsync(app, team.Practitioner);
        await browser.PostFormAsync($"/Cases/{team.CaseId}/Closure/Request", Request());
        using var supervisor = await PageClient.SignInAsync(app, team.Supervisor);
        var decision = $"/Cases/{team.CaseId}/Closure/Decision";

        var noChoice = await supervisor.PostFormAsync(decision, new() { ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noChoice.StatusCode);
        Assert.Contains("Select whether you approve the closure or return it", await noChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noComment = await supervisor.PostFormAsync(decision, new() { ["Decision"] = "return", ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("Enter why you are returning the closure request", await noComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var returned = await supervisor.PostFormAsync(decision, new() { ["Decision"] = "return", ["Comment"] = "Record the school's view first" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        var practitionerView = await browser.GetStringAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative));
        Assert.Contains("data-testid=\"closure-returned\"", practitionerView, StringComparison.Ordinal);
        Assert.Contains("Record the school&#x27;s view first", practitionerView, StringComparison.Ordinal);

        await browser.PostFormAsync($"/Cases/{team.CaseId}/Closure/Request", Request("The school agrees; attendance is steady."));
        var approved = await supervisor.PostFormAsync(decision, new() { ["Decision"] = "approve" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(Caseload.Features.Cases.CaseStatus.Closed,
            await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == team.CaseId && e.Action == AuditActions.ClosureRequested)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == team.CaseId && e.Action == AuditActions.ClosureReturned)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == team.CaseId && e.Action == AuditActions.ClosureApproved)));
    }
}

public sealed class ClosurePagesTests_Sqlite(SqliteApp app) : ClosurePagesTests(app);

public sealed class ClosurePagesTests_Postgres(PostgresApp app) : ClosurePagesTests(app);
