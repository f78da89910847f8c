using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Architecture;

/// <summary>
/// Deny by default, and the right door on every route: each page and endpoint declares exactly the policy this table expects
/// for it. A new route fails here until someone writes down who may use it; nothing is exempted by prefix.
/// Pages are keyed by route (every method), API endpoints by method and route.
/// </summary>
public sealed class EndpointPolicyTests(SqliteApp app)
{
    private const string Anonymous = "(anonymous)";

    public static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>
    {
        ["/"] = Policies.SignedIn,
        ["/Account"] = Policies.SignedIn,
        ["/Account/AccessDenied"] = Anonymous,
        ["/Account/ExternalCallback"] = Anonymous,
        ["/Account/Index"] = Policies.SignedIn,
        ["/Account/SignIn"] = Anonymous,
        ["/Account/SignOut"] = Policies.SignedIn,
        // The footer's pages: the same for everyone, readable before signing in (FooterPagesTests).
        ["/Accessibility"] = Anonymous,
        ["/Help"] = Anonymous,
        ["/Privacy"] = Anonymous,
        ["/Admin/Agencies"] = Policies.Administer,
        ["/Admin/Agencies/Edit/{id:int?}"] = Policies.Administer,
        ["/Admin/BankHolidays"] = Policies.Administer,
        ["/Admin/ObjectivityRules"] = Policies.Administer,
        ["/Admin/ObjectivityRules/Edit/{id?}"] = Policies.Administer,
        ["/Admin/ObjectivityRules/Retire/{id}"] = Policies.Administer,
        ["/Admin/ObjectivityRules/Switch/{id}"] = Policies.Administer,
        ["/Admin/ServiceStandards"] = Policies.Administer,
        ["/Admin/ServiceStandards/Edit/{code?}"] = Policies.Administer,
        ["/Admin/Teams"] = Policies.Administer,
        ["/Admin/Teams/Edit/{id:int?}"] = Policies.Administer,
        ["/Admin/Users"] = Policies.Administer,
        ["/Admin/Users/New"] = Policies.Administer,
        ["/Admin/Users/{id}"] = Policies.Administer,
        ["/Admin/Users/{id}/SignOut"] = Policies.Administer,
        ["/Admin/Users/{id}/SingleSignOn"] = Policies.Administer,
        ["/Audit"] = Policies.ReadAudit,
        ["/Audit/Verification"] = Policies.ReadAudit,
        ["/Cases/{id:guid}/EmergencyAccess"] = Policies.BreakGlass,
        ["/DataProtection/BreakGlass"] = Policies.ReviewBreakGlass,
        ["/DataProtection/BreakGlass/{id:guid}"] = Policies.ReviewBreakGlass,
        ["/DataProtection/Retention"] = Policies.ManageRetention,
        ["/DataProtection/Retention/Schedule"] = Policies.ManageRetention,
        ["/DataProtection/Retention/Cases/{id:guid}"] = Policies.ManageRetention,
        ["/DataProtection/LegalHolds"] = Policies.ManageRetention,
        ["/DataProtection/Exports"] = Policies.AnonymisedExports,
        ["/Cases/{caseId:guid}/Notes/{noteId:guid}/Anonymised"] = Policies.CaseWork,
        ["/DataProtection/SubjectAccessDue"] = Policies.SignedIn,
        ["/DataProtection/SubjectAccess"] = Policies.ManageSubjectAccess,
        ["/DataProtection/SubjectAccess/New"] = Policies.ManageSubjectAccess,
        ["/DataProtection/SubjectAccess/{id:guid}"] = Policies.ManageSubjectAccess,
        ["/DataProtection/SubjectAccess/{id:guid}/Review"] = Policies.ManageSubjectAccess,
        ["/Cases"] = Policies.CaseWork,
        ["/Cases/Index"] = Policies.CaseWork,
        ["/Cases/Open"] = Policies.CaseWork,
        ["/Cases/{caseId:guid}/Notes/New"] = Policies.CaseWork,
        ["/Cases/{caseId:guid}/Notes/{noteId:guid}"] = Policies.CaseWork,
        ["/Cases/{caseId:guid}/Notes/{noteId:guid}/Amend"] = Policies.CaseWork,
        ["/Cases/{caseId:guid}/Notes/{noteId:guid}/StrikeThrough"] = Policies.CaseWork,
        ["/Cases/{id:guid}"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Allocate"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Close"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Closure/Request"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Closure/Decision"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Deadlines/New"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Deadlines/{deadlineId:guid}/Met"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Deadlines/{deadlineId:guid}/Pause"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Involvements/New"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Involvements/{involvementId:guid}/End"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Referrals"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Referrals/New"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Referrals/{referralId:guid}"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Referrals/Shares/New"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Plan"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Feedback"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Feedback/New"] = Policies.CaseWork,
        // The family's feedback form: a single-use link, no account (FeedbackTests).
        ["/Feedback/{token}"] = Anonymous,
        ["/Cases/{id:guid}/Plan/New"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Plan/{planId:guid}/Decision"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Plan/{planId:guid}/Goals/{goalId:guid}/Progress"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Priority"] = Policies.CaseWork,
        ["/Cases/{id:guid}/ReviewDate"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Chronology"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Reviews"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Reviews/New"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Risk"] = Policies.CaseWork,
        ["/Deadlines"] = Policies.CaseWork,
        ["/Deadlines/Index"] = Policies.CaseWork,
        ["/Error"] = Anonymous,
        ["/Notes/Search"] = Policies.CaseWork,
        ["/People/New"] = Policies.CaseWork,
        ["/People/Search"] = Policies.CaseWork,
        ["/People/{id:guid}"] = Policies.CaseWork,
        ["/People/{id:guid}/Characteristics"] = Policies.CaseWork,
        ["/People/{id:guid}/Details"] = Policies.CaseWork,
        ["/People/{id:guid}/Consents/New"] = Policies.CaseWork,
        ["/People/{id:guid}/Consents/{consentId:guid}/Withdraw"] = Policies.CaseWork,
        ["/Reviews"] = Policies.CaseWork,
        ["/Reviews/Index"] = Policies.CaseWork,
        ["/Reflections"] = Policies.CaseWork,
        ["/Reflections/New"] = Policies.CaseWork,
        ["/Reflections/{id:guid}"] = Policies.CaseWork,
        ["/Supervision"] = Policies.CaseWork,
        ["/Supervision/Frequency"] = Policies.SetSupervisionFrequency,
        ["/Supervision/New"] = Policies.Supervise,
        ["/Supervision/{id:guid}"] = Policies.CaseWork,
        ["/Supervision/{id:guid}/Agreement"] = Policies.CaseWork,
        ["/Supervision/{id:guid}/Amend"] = Policies.Supervise,
        ["/Tasks"] = Policies.CaseWork,
        ["/Tasks/Index"] = Policies.CaseWork,
        ["/Tasks/{id:guid}/Outcome"] = Policies.CaseWork,
        ["/Tasks/{id:guid}/Reassign"] = Policies.CaseWork,
        ["/Team"] = Policies.Supervise,
        ["/Drift"] = Policies.CaseWork,
        ["/Capacity"] = Policies.CaseWork,
        ["/Capacity/Index"] = Policies.CaseWork,
        ["/Capacity/Team"] = Policies.Supervise,
        ["/Reports"] = Policies.Supervise,
        ["/Reports/Index"] = Policies.Supervise,
        ["/Reports/{name}"] = Policies.Supervise,
        ["/Reports/Dashboard"] = Policies.Supervise,
        ["/Reports/Events"] = Policies.Supervise,
        ["/Capacity/Settings"] = Policies.Supervise,
        ["/Capacity/Adjustment"] = Policies.Supervise,
        ["/Capacity/Scheme"] = Policies.SetWeightingScheme,
        ["/Capacity/Escalations/New"] = Policies.CaseWork,
        ["/Capacity/Escalations/{id:guid}"] = Policies.CaseWork,
        ["/Capacity/Escalations/Actions/{id:guid}/Outcome"] = Policies.CaseWork,
        ["/Cases/{id:guid}/Complexity"] = Policies.CaseWork,
        ["/Drift/Index"] = Policies.CaseWork,
        ["/Drift/Thresholds"] = Policies.SetDriftThresholds,
        ["/Worklist"] = Policies.CaseWork,
        ["/Worklist/Index"] = Policies.CaseWork,
        ["/Worklist/Weights"] = Policies.SetPriorityWeights,
        ["GET /api/v1/admin/objectivity-rules/"] = Policies.Administer,
        ["POST /api/v1/admin/objectivity-rules/"] = Policies.Administer,
        ["POST /api/v1/admin/objectivity-rules/preview"] = Policies.Administer,
        ["GET /api/v1/admin/objectivity-rules/{id}"] = Policies.Administer,
        ["PUT /api/v1/admin/objectivity-rules/{id}"] = Policies.Administer,
        ["POST /api/v1/admin/objectivity-rules/{id}/retire"] = Policies.Administer,
        ["POST /api/v1/admin/objectivity-rules/{id}/switch-off"] = Policies.Administer,
        ["POST /api/v1/admin/objectivity-rules/{id}/switch-on"] = Policies.Administer,
        ["GET /api/v1/agencies/"] = Policies.SignedIn,
        ["POST /api/v1/agencies/"] = Policies.Administer,
        ["GET /api/v1/audit"] = Policies.ReadAudit,
        ["GET /api/v1/audit/verification"] = Policies.ReadAudit,
        ["GET /api/v1/break-glass"] = Policies.ReviewBreakGlass,
        ["POST /api/v1/break-glass/{id:guid}/review"] = Policies.ReviewBreakGlass,
        ["POST /api/v1/cases/{id:guid}/break-glass"] = Policies.BreakGlass,
        ["GET /api/v1/retention/schedule"] = Policies.ManageRetention,
        ["PUT /api/v1/retention/schedule"] = Policies.ManageRetention,
        ["GET /api/v1/retention/due"] = Policies.ManageRetention,
        ["POST /api/v1/retention/cases/{id:guid}/decision"] = Policies.ManageRetention,
        ["GET /api/v1/legal-holds/"] = Policies.ManageRetention,
        ["POST /api/v1/legal-holds/"] = Policies.ManageRetention,
        ["POST /api/v1/legal-holds/{id:guid}/release"] = Policies.ManageRetention,
        ["POST /api/v1/exports/anonymised"] = Policies.AnonymisedExports,
        ["GET /api/v1/exports/"] = Policies.AnonymisedExports,
        ["GET /api/v1/exports/{id:guid}"] = Policies.AnonymisedExports,
        ["POST /api/v1/exports/{id:guid}/approval"] = Policies.ApproveExports,
        ["GET /api/v1/exports/{id:guid}/download"] = Policies.AnonymisedExports,
        ["GET /api/v1/cases/{id:guid}/notes/{noteId:guid}/anonymised"] = Policies.CaseWork,
        ["GET /api/v1/calendar/subject-access-due"] = Anonymous,
        ["GET /api/v1/subject-access-requests/"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/subject-access-requests/"] = Policies.ManageSubjectAccess,
        ["GET /api/v1/subject-access-requests/{id:guid}"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/subject-access-requests/{id:guid}/pause"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/subject-access-requests/{id:guid}/resume"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/subject-access-requests/{id:guid}/extension"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/subject-access-requests/{id:guid}/redactions"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/subject-access-requests/{id:guid}/redaction-withdrawals"] = Policies.ManageSubjectAccess,
        ["GET /api/v1/subject-access-requests/{id:guid}/bundle"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/subject-access-requests/{id:guid}/completion"] = Policies.ManageSubjectAccess,
        ["POST /api/v1/auth/sign-out-everywhere"] = Policies.SignedIn,
        ["POST /api/v1/auth/token"] = Anonymous,
        ["GET /api/v1/calendar/bank-holidays"] = Anonymous,
        ["GET /api/v1/calendar/working-days/add"] = Anonymous,
        ["GET /api/v1/cases/"] = Policies.CaseWork,
        ["POST /api/v1/cases/"] = Policies.CaseWork,
        ["GET /api/v1/cases/{caseId:guid}/deadlines/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{caseId:guid}/deadlines/"] = Policies.CaseWork,
        ["PATCH /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}"] = Policies.CaseWork,
        ["POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/met"] = Policies.CaseWork,
        ["POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/pause"] = Policies.CaseWork,
        ["POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/resume"] = Policies.CaseWork,
        ["GET /api/v1/cases/{caseId:guid}/priority-history"] = Policies.CaseWork,
        ["POST /api/v1/cases/{caseId:guid}/priority-overrides"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}"] = Policies.CaseWork,
        ["PATCH /api/v1/cases/{id:guid}"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/close"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/closure-request"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/closure-request/decision"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/involvements/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/involvements/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/involvements/{involvementId:guid}/end"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/referrals/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/referrals/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/referrals/{referralId:guid}/status"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/plans/"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/feedback"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/feedback"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/feedback-links"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/plans/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/plans/{planId:guid}/goals/{goalId:guid}/progress"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/plans/{planId:guid}/decision"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/information-sharing/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/information-sharing/"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/notes/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/notes/"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/notes/{noteId:guid}"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/notes/{noteId:guid}/amendments"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/notes/{noteId:guid}/strike-through"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/chronology/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/chronology/marks"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/reviews/"] = Policies.CaseWork,
        ["POST /api/v1/cases/{id:guid}/reviews/"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/reviews/{reviewId:guid}"] = Policies.CaseWork,
        ["POST /api/v1/notes/check"] = Policies.CaseWork,
        ["POST /api/v1/people/"] = Policies.CaseWork,
        ["GET /api/v1/people/"] = Policies.CaseWork,
        ["GET /api/v1/people/{id:guid}"] = Policies.CaseWork,
        ["POST /api/v1/people/{id:guid}/characteristics"] = Policies.CaseWork,
        ["PATCH /api/v1/people/{id:guid}"] = Policies.CaseWork,
        ["GET /api/v1/people/{id:guid}/consents/"] = Policies.CaseWork,
        ["POST /api/v1/people/{id:guid}/consents/"] = Policies.CaseWork,
        ["POST /api/v1/people/{id:guid}/consents/{consentId:guid}/withdrawal"] = Policies.CaseWork,
        ["GET /api/v1/reflections/"] = Policies.CaseWork,
        ["POST /api/v1/reflections/"] = Policies.CaseWork,
        ["POST /api/v1/reflections/{id:guid}/comments"] = Policies.CaseWork,
        ["GET /api/v1/search/notes"] = Policies.CaseWork,
        ["GET /api/v1/supervisions/"] = Policies.CaseWork,
        ["POST /api/v1/supervisions/"] = Policies.CaseWork,
        ["GET /api/v1/supervisions/{id:guid}"] = Policies.CaseWork,
        ["POST /api/v1/supervisions/{id:guid}/agreement"] = Policies.CaseWork,
        ["POST /api/v1/supervisions/{id:guid}/amendments"] = Policies.CaseWork,
        ["GET /api/v1/tasks/"] = Policies.CaseWork,
        ["POST /api/v1/tasks/{id:guid}/outcome"] = Policies.CaseWork,
        ["POST /api/v1/tasks/{id:guid}/reassign"] = Policies.CaseWork,
        ["GET /api/v1/timescales"] = Policies.SignedIn,
        ["GET /api/v1/worklist"] = Policies.CaseWork,
        ["GET /api/v1/deadlines"] = Policies.CaseWork,
        ["GET /api/v1/drift"] = Policies.CaseWork,
        ["GET /api/v1/cases/{id:guid}/allocation-options"] = Policies.CaseWork,
        ["GET /api/v1/capacity/"] = Policies.Supervise,
        ["GET /api/v1/reports/{name}"] = Policies.Supervise,
        ["POST /api/v1/reports/events/"] = Policies.Supervise,
        ["GET /api/v1/reports/events/"] = Policies.Supervise,
        ["GET /api/v1/capacity/{userName}"] = Policies.CaseWork,
        ["PUT /api/v1/capacity/{userName}/settings"] = Policies.CaseWork,
        ["POST /api/v1/capacity/{userName}/adjustments"] = Policies.Supervise,
        ["POST /api/v1/escalations/"] = Policies.CaseWork,
        ["GET /api/v1/escalations/"] = Policies.CaseWork,
        ["GET /api/v1/escalations/{id:guid}"] = Policies.CaseWork,
        ["POST /api/v1/escalations/{id:guid}/response"] = Policies.Supervise,
        ["POST /api/v1/escalations/actions/{id:guid}/outcome"] = Policies.CaseWork,
        ["GET /health"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["POST /session/keep-alive"] = Policies.SignedIn,
    };

    /// <summary>Every route the app serves, keyed as <see cref="Expected"/> is, with the policies it declares.</summary>
    public static IReadOnlyList<(string Key, RouteEndpoint Endpoint, string Declared)> Routes(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new List<(string, RouteEndpoint, string)>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var key = methods is null ? route : $"{string.Join(",", methods)} {route}";
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy ?? (a.Roles is null ? "(authenticated)" : $"roles:{a.Roles}")).Distinct().Order(StringComparer.Ordinal).ToList();
            var declared = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? Anonymous : string.Join("+", policies);
            routes.Add((key, endpoint, declared));
        }

        return routes;
    }

    [Fact]
    public void Every_route_declares_exactly_the_policy_expected_of_it()
    {
        var routes = Routes(app.Services);
        Assert.NotEmpty(routes);
        var wrong = routes
            .Where(r => !Expected.TryGetValue(r.Key, out var expected) || expected != r.Declared)
            .Select(r => $"{r.Key}: declares '{(r.Declared.Length == 0 ? "nothing (fallback)" : r.Declared)}', expected '{Expected.GetValueOrDefault(r.Key, "not in the table")}'")
            .Distinct()
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_expected_route_exists()
    {
        var served = Routes(app.Services).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = Expected.Keys.Except(served).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void No_route_relies_on_the_fallback_alone()
    {
        Assert.DoesNotContain(Routes(app.Services), r => r.Declared.Length == 0);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_partner_api()
    {
        var json = await (await app.Anonymous().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/people", paths);
        Assert.Contains("/api/v1/cases", paths);
        Assert.Contains("/api/v1/cases/{id}", paths);
        Assert.Contains("/api/v1/cases/{id}/close", paths);
        Assert.Contains("/api/v1/audit", paths);
    }
}
