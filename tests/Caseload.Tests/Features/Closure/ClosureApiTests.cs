using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Closure;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Closure;

/// <summary>Closure with a supervisor's approval (children's social care and early help by default), on both databases.</summary>
public abstract class ClosureApiTests(CaseloadApp app)
{
    public const string CareService = "childrens-social-care";

    public static readonly object Request = new { reason = "Needs met and outcomes achieved", summary = "Attendance is back to 95%; mum is confident with the routines." };

    private static Task<HttpResponseMessage> AskAsync(HttpClient api, Guid caseId, object? body = null) =>
        api.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure-request", body ?? Request);

    private static Task<HttpResponseMessage> DecideAsync(HttpClient api, Guid caseId, bool approve, string? comment = null) =>
        api.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure-request/decision", new { approve, comment });

    private static async Task<string> StatusAsync(HttpClient api, Guid caseId) => (await (await api.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync())["status"]!.GetValue<string>();

    [Fact]
    public async Task A_practitioner_closing_directly_in_childrens_social_care_is_told_to_ask_for_approval_and_the_case_stays_open()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: CareService);
        var close = await team.PractitionerApi.PostJsonTextAsync($"/api/v1/cases/{team.CaseId}/close", """{"reason":"Needs met"}""");
        await close.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", close.Content.Headers.ContentType!.MediaType);
        Assert.Equal("closure-needs-approval", (await close.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.Equal("open", await StatusAsync(team.PractitionerApi, team.CaseId));
    }

    [Fact]
    public async Task A_request_is_accepted_once_and_names_missing_fields()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: CareService);
        var empty = await AskAsync(team.PractitionerApi, team.CaseId, new { });
        await empty.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await empty.JsonAsync())["errors"]!;
        Assert.NotNull(errors["reason"]);
        Assert.NotNull(errors["summary"]);

        var asked = await AskAsync(team.PractitionerApi, team.CaseId);
        await asked.ShouldBeAsync(HttpStatusCode.Accepted);
        var body = await asked.JsonAsync();
        Assert.Equal("pending", body["status"]!.GetValue<string>());
        Assert.Equal(team.Practitioner.UserName, body["requestedBy"]!.GetValue<string>());

        var again = await AskAsync(team.PractitionerApi, team.CaseId);
        await again.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("closure-request-pending", (await again.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.Equal("open", await StatusAsync(team.PractitionerApi, team.CaseId));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == team.CaseId && e.Action == AuditActions.ClosureRequested)));
    }

    [Fact]
    public async Task The_supervisor_approving_closes_the_case_with_the_requests_reason_and_both_are_on_the_chronology()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: CareService);
        await (await AskAsync(team.PractitionerApi, team.CaseId)).ShouldBeAsync(HttpStatusCode.Accepted);
        var approved = await DecideAsync(team.SupervisorApi, team.CaseId, true);
        await approved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (await approved.JsonAsync())["status"]!.GetValue<string>());

        var @case = await (await team.PractitionerApi.GetAsync($"/api/v1/cases/{team.CaseId}")).JsonAsync();
        Assert.Equal("closed", @case["status"]!.GetValue<string>());
        Assert.Equal("Needs met and outcomes achieved", @case["closureReason"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == team.CaseId && e.Action == AuditActions.ClosureApproved && e.UserName == team.Supervisor.UserName)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == team.CaseId && e.Action == AuditActions.CaseClosed && e.UserName == team.Supervisor.UserName)));

        var chronology = (await (await team.PractitionerApi.GetAsync($"/api/v1/cases/{team.CaseId}/chronology")).JsonAsync())["items"]!.AsArray();
        var kinds = chronology.Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("closure-requested", kinds);
        Assert.Contains("closure-approved", kinds);
        Assert.DoesNotContain("closure-returned", kinds);
    }

    [Fact]
    public async Task Returning_needs_a_comment_keeps_the_case_open_and_a_new_request_may_follow()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: CareService);
        await (await AskAsync(team.PractitionerApi, team.CaseId)).ShouldBeAsync(HttpStatusCode.Accepted);
        var noComment = await DecideAsync(team.SupervisorApi, team.CaseId, false);
        await noComment.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await noComment.JsonAsync())["errors"]!["comment"]);

        var returned = await DecideAsync(team.SupervisorApi, team.CaseId, false, "Check the school's view before closing");
        await returned.ShouldBeAsync(HttpStatusCode.OK);
        var body = await returned.JsonAsync();
        Assert.Equal("returned", body["status"]!.GetValue<string>());
        Assert.Equal("Check the school's view before closing", body["comment"]!.GetValue<string>());
        Assert.Equal("open", await StatusAsync(team.PractitionerApi, team.CaseId));
        var chronology = (await (await team.PractitionerApi.GetAsync($"/api/v1/cases/{team.CaseId}/chronology")).JsonAsync())["items"]!.AsArray();
        Assert.Contains(chronology, e => e!["kind"]!.GetValue<string>() == "closure-returned" && e["summary"]!.GetValue<string>().Contains("school's view", StringComparison.Ordinal));

        await (await AskAsync(team.PractitionerApi, team.CaseId)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task The_requester_cannot_decide_their_own_request_but_another_supervisor_of_the_case_can()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: CareService);
        await (await AskAsync(team.SupervisorApi, team.CaseId)).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await DecideAsync(team.SupervisorApi, team.CaseId, true)).ShouldBeAsync(HttpStatusCode.Forbidden);
        // The practitioner is no supervisor of the case.
        await (await DecideAsync(team.PractitionerApi, team.CaseId, true)).ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Equal("open", await StatusAsync(team.PractitionerApi, team.CaseId));

        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, CareService));
        await (await DecideAsync(manager, team.CaseId, true)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("closed", await StatusAsync(team.PractitionerApi, team.CaseId));
    }

    [Fact]
    public async Task A_stranger_cannot_see_the_request_and_a_restricted_case_is_decided_only_by_someone_named_on_it()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: CareService);
        await (await AskAsync(team.PractitionerApi, team.CaseId)).ShouldBeAsync(HttpStatusCode.Accepted);
        var (_, otherSupervisor) = await app.CreateTeamAsync();
        var stranger = await app.ClientForAsync(otherSupervisor);
        await (await DecideAsync(stranger, team.CaseId, true)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await AskAsync(stranger, team.CaseId)).ShouldBeAsync(HttpStatusCode.NotFound);

        var restricted = await team.PractitionerApi.CreateCaseIdAsync(team.Practitioner.UserName, restricted: true, service: CareService);
        await (await AskAsync(team.PractitionerApi, restricted)).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await DecideAsync(team.SupervisorApi, restricted, true)).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal(ClosureRequestStatus.Pending, await app.WithDbAsync(db => db.Set<ClosureRequest>().Where(r => r.CaseId == restricted).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_supervisor_closes_directly_and_a_service_without_approval_needs_no_request()
    {
        var team = await SupervisedTeam.CreateAsync(app, service: CareService);
        await (await team.SupervisorApi.PostJsonTextAsync($"/api/v1/cases/{team.CaseId}/close", """{"reason":"Needs met"}""")).ShouldBeAsync(HttpStatusCode.OK);

        var send = await team.PractitionerApi.CreateCaseIdAsync(team.Practitioner.UserName, service: "send");
        var ask = await AskAsync(team.PractitionerApi, send);
        await ask.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("closure-approval-not-required", (await ask.JsonAsync())["errorCode"]!.GetValue<string>());
        await (await team.PractitionerApi.PostJsonTextAsync($"/api/v1/cases/{send}/close", """{"reason":"Needs met"}""")).ShouldBeAsync(HttpStatusCode.OK);
    }
}

public sealed class ClosureApiTests_Sqlite(SqliteApp app) : ClosureApiTests(app);

public sealed class ClosureApiTests_Postgres(PostgresApp app) : ClosureApiTests(app);
