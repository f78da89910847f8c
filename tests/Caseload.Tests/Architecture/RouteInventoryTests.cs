using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Drift;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Architecture;

/// <summary>
/// Every page and endpoint, read from the endpoint data source, is accounted for: a route that names a case, task or person
/// is in the case (or person) scope, and answering it leaves an audit event about that record; a route that lists case data
/// without an id is on the list of audited lists; everything else is declared to carry no case data. A new route fails here
/// until it is placed, so it cannot skip the visibility check or the audit trail.
/// </summary>
public abstract class RouteInventoryTests(CaseloadApp app)
{
    /// <summary>
    /// Routes that show or search many cases at once: each view records one audit event (entity type case-list) with every
    /// case it showed in AuditEventCases (checked below, route by route).
    /// </summary>
    public static readonly IReadOnlySet<string> AuditedLists = new HashSet<string>(StringComparer.Ordinal)
    {
        "GET /api/v1/cases/", "GET /api/v1/worklist", "GET /api/v1/search/notes", "GET /api/v1/tasks/",
        "/Cases", "/Cases/Index", "/Worklist", "/Worklist/Index", "/Notes/Search", "/Tasks", "/Tasks/Index", "/Deadlines", "/Deadlines/Index", "GET /api/v1/deadlines",
        "/Team", "/Reviews", "/Reviews/Index", "GET /api/v1/drift", "/Drift", "/Drift/Index",
        // The supervision agenda lists the supervisee's cases (supervision-agenda.listed, with each case shown).
        "/Supervision/New",
        // The reflective log names the cases reflections are about, and offers the writer's cases to link (each audited against its case).
        "/Reflections", "GET /api/v1/reflections/", "/Reflections/New",
        // A practitioner's capacity lists their cases with points (capacity.viewed, with the cases the reader may see).
        "/Capacity", "/Capacity/Index", "GET /api/v1/capacity/{userName}",
        // The team view: each practitioner's figures and the team's (capacity.listed, with the open cases behind them the reader may see).
        // A service manager's first view of every team is a row a team, counts only: one aggregate event (capacity.teams-viewed)
        // naming no case, as it shows none (TeamViewTests); opening a team is this list.
        "/Capacity/Team", "GET /api/v1/capacity/",
        // Person search: the people found and their open cases (person.searched, with the open cases shown and the words searched).
        "GET /api/v1/people/", "/People/Search",
    };

    /// <summary>
    /// Routes that show figures over many cases without listing them (reports): each view or export records one event of entity
    /// type report, its name as the id and the filters in the details, and no case, so a DPO asking who saw a case is not answered
    /// with everyone who read a count (checked below).
    /// </summary>
    public static readonly IReadOnlySet<string> AuditedReports = new HashSet<string>(StringComparer.Ordinal)
    {
        "GET /api/v1/reports/{name}", "/Reports/{name}",
        // The dashboard reads every report: one event each.
        "/Reports/Dashboard",
    };

    /// <summary>Routes that create a new person or case: the creation is the audit event (tested with the feature).</summary>
    public static readonly IReadOnlySet<string> Creations = new HashSet<string>(StringComparer.Ordinal)
    {
        "POST /api/v1/cases/", "POST /api/v1/people/", "/Cases/Open", "/People/New",
        // Recording a session: supervision.recorded, and supervision-discussion.recorded against each case discussed.
        "POST /api/v1/supervisions/",
        // A reflection: reflection.recorded, against its case when it is about one.
        "POST /api/v1/reflections/",
        // Changing a practitioner's capacity settings: capacity.settings-changed, and its answer lists their cases (capacity-case.listed).
        "PUT /api/v1/capacity/{userName}/settings",
    };

    /// <summary>Routes that carry no one's case or person data.</summary>
    public static readonly IReadOnlySet<string> NoCaseData = new HashSet<string>(StringComparer.Ordinal)
    {
        "/", "/Error", "/Account", "/Account/Index", "/Account/SignIn", "/Account/SignOut", "/Account/AccessDenied", "/Account/ExternalCallback",
        // The footer's accessibility statement, privacy notice and help: fixed text, read from no database.
        "/Accessibility", "/Privacy", "/Help",
        "POST /api/v1/auth/token", "POST /api/v1/auth/sign-out-everywhere", "POST /session/keep-alive", "GET /health", "GET /openapi/{documentName}.json",
        "GET /api/v1/calendar/bank-holidays", "GET /api/v1/calendar/working-days/add", "GET /api/v1/calendar/subject-access-due", "/DataProtection/SubjectAccessDue", "GET /api/v1/timescales", "POST /api/v1/notes/check",
        // The weights page shows weights; its preview (a POST) lists the cases whose band would change, audited as
        // priority.weights-previewed with each case shown (PriorityTrustTests).
        "/Worklist/Weights", "/Drift/Thresholds", "/Capacity/Scheme",
        // The family's feedback form shows nothing of the case; what the family sends is stored against the link's case and
        // audited there as coming from them (feedback-link.opened, feedback.submitted; FeedbackTests).
        "/Feedback/{token}",
        // A practitioner's capacity settings and adjustments are about the practitioner (audited as capacity.settings-changed and
        // capacity.adjustment-agreed).
        "/Capacity/Settings", "/Capacity/Adjustment", "POST /api/v1/capacity/{userName}/adjustments",
        // Capacity escalations are about a practitioner's load, not a case: figures and words, no case or person (raised, read,
        // listed, answered and passed up each audited as capacity-escalation.*).
        "POST /api/v1/escalations/", "GET /api/v1/escalations/", "/Capacity/Escalations/New",
        // A practitioner's supervision sessions by date, kind and agreement (no case data; each list audited as supervision.listed),
        // and how often they are supervised.
        "/Supervision", "GET /api/v1/supervisions/", "/Supervision/Frequency",
        // The list of reports: links and what each answers, no figures.
        "/Reports", "/Reports/Index",
        // Events a service manager records for the demand report (a policy, funding or staffing change): no case or person
        // (recording one is audited as report-event.recorded).
        "POST /api/v1/reports/events/", "GET /api/v1/reports/events/", "/Reports/Events",
        // The DPO's audit trail names cases by id only; each search of it is itself audited (audit.searched).
        "/Audit", "GET /api/v1/audit",
        // Its integrity check reports batch numbers and event ids only (audit.verified).
        "/Audit/Verification", "GET /api/v1/audit/verification",
        "/Admin/Users", "/Admin/Users/New", "/Admin/Users/{id}", "/Admin/Users/{id}/SignOut", "/Admin/Users/{id}/SingleSignOn", "/Admin/Teams", "/Admin/Teams/Edit/{id:int?}", "/Admin/BankHolidays",
        "/Admin/ServiceStandards", "/Admin/ServiceStandards/Edit/{code?}",
        // The agency directory: reference data, no one's case (changes audited as agency.created / agency.changed).
        "/Admin/Agencies", "/Admin/Agencies/Edit/{id:int?}", "GET /api/v1/agencies/", "POST /api/v1/agencies/",
        "/Admin/ObjectivityRules", "/Admin/ObjectivityRules/Edit/{id?}", "/Admin/ObjectivityRules/Retire/{id}", "/Admin/ObjectivityRules/Switch/{id}",
        "GET /api/v1/admin/objectivity-rules/", "POST /api/v1/admin/objectivity-rules/", "POST /api/v1/admin/objectivity-rules/preview",
        "GET /api/v1/admin/objectivity-rules/{id}", "PUT /api/v1/admin/objectivity-rules/{id}", "POST /api/v1/admin/objectivity-rules/{id}/retire",
        "POST /api/v1/admin/objectivity-rules/{id}/switch-off", "POST /api/v1/admin/objectivity-rules/{id}/switch-on",
    };

    /// <summary>
    /// Routes whose id names a record about a practitioner rather than a case: a supervision session or a reflection. Their
    /// services find it only for those the feature names (a session: the supervisee, their supervisor chain and the service
    /// managers of their service; a reflection: its author, and their supervisor chain once shared), answer 404 to anyone
    /// else, and audit each read, against each case it shows too (tested in SupervisionApiTests and ReflectionsTests).
    /// </summary>
    public static readonly IReadOnlySet<string> PractitionerRecords = new HashSet<string>(StringComparer.Ordinal)
    {
        "/Supervision/{id:guid}", "/Supervision/{id:guid}/Agreement", "/Supervision/{id:guid}/Amend",
        "GET /api/v1/supervisions/{id:guid}", "POST /api/v1/supervisions/{id:guid}/agreement", "POST /api/v1/supervisions/{id:guid}/amendments",
        "/Reflections/{id:guid}", "POST /api/v1/reflections/{id:guid}/comments",
        // A capacity escalation is about a practitioner: for them, whoever raised it, those it went to and their managers (404 otherwise).
        "/Capacity/Escalations/{id:guid}", "GET /api/v1/escalations/{id:guid}", "POST /api/v1/escalations/{id:guid}/response",
        // An escalation's action is a task for its owner, who alone records its outcome (others who see the escalation are refused, anyone else 404).
        "/Capacity/Escalations/Actions/{id:guid}/Outcome", "POST /api/v1/escalations/actions/{id:guid}/outcome",
    };

    /// <summary>
    /// Break-glass: routes about a case its user may not see yet, so outside the case scope by design. The service finds the case
    /// itself, refuses a restricted one (403) and audits the grant or the refusal against the case; once granted, the case's own
    /// routes answer through VisibleCases and mark every event as break-glass. The DPO's queue and review name the case by id
    /// with the reason given, each read audited (break-glass.listed, break-glass.reviewed) (BreakGlassTests).
    /// </summary>
    public static readonly IReadOnlySet<string> BreakGlass = new HashSet<string>(StringComparer.Ordinal)
    {
        "POST /api/v1/cases/{id:guid}/break-glass", "/Cases/{id:guid}/EmergencyAccess",
        "GET /api/v1/break-glass", "POST /api/v1/break-glass/{id:guid}/review", "/DataProtection/BreakGlass", "/DataProtection/BreakGlass/{id:guid}",
    };

    /// <summary>
    /// The DPO's retention and legal holds: they reach closed cases by id outside the case scope by design (the DPO sees no case by
    /// relationship), show ids, classes, dates and rules only (no names or content), and audit each view and decision
    /// (retention.queue-viewed with every case shown, retention.*, legal-hold.*) (RetentionTests).
    /// </summary>
    public static readonly IReadOnlySet<string> Retention = new HashSet<string>(StringComparer.Ordinal)
    {
        "/DataProtection/Retention", "/DataProtection/Retention/Schedule", "/DataProtection/Retention/Cases/{id:guid}", "/DataProtection/LegalHolds",
        "GET /api/v1/retention/schedule", "PUT /api/v1/retention/schedule", "GET /api/v1/retention/due", "POST /api/v1/retention/cases/{id:guid}/decision",
        "GET /api/v1/legal-holds/", "POST /api/v1/legal-holds/", "POST /api/v1/legal-holds/{id:guid}/release",
    };

    /// <summary>
    /// The DPO's subject access requests: they reach one person's records by the person's id outside the case scope by design (a
    /// request covers every case and service; the DPO sees no case by relationship). Every read and write is audited against the
    /// person by id (subject-access.*), never naming anyone (SubjectAccessRequestTests).
    /// </summary>
    public static readonly IReadOnlySet<string> SubjectAccess = new HashSet<string>(StringComparer.Ordinal)
    {
        "/DataProtection/SubjectAccess", "/DataProtection/SubjectAccess/New", "/DataProtection/SubjectAccess/{id:guid}", "/DataProtection/SubjectAccess/{id:guid}/Review",
        "GET /api/v1/subject-access-requests/", "POST /api/v1/subject-access-requests/", "GET /api/v1/subject-access-requests/{id:guid}",
        "POST /api/v1/subject-access-requests/{id:guid}/pause", "POST /api/v1/subject-access-requests/{id:guid}/resume", "POST /api/v1/subject-access-requests/{id:guid}/extension",
        "POST /api/v1/subject-access-requests/{id:guid}/redactions", "GET /api/v1/subject-access-requests/{id:guid}/bundle", "POST /api/v1/subject-access-requests/{id:guid}/completion",
        "POST /api/v1/subject-access-requests/{id:guid}/redaction-withdrawals",
    };

    /// <summary>
    /// Anonymised exports: the DPO's and service managers' exports reach cases through the export's filters outside the case scope
    /// by design. They show no case data but counts and de-identified rows in the zip; each request, approval and download is
    /// audited with the filters and purpose (export.*) (AnonymisedExportTests). An export is seen by the DPO and whoever asked (404 otherwise).
    /// </summary>
    public static readonly IReadOnlySet<string> Exports = new HashSet<string>(StringComparer.Ordinal)
    {
        "POST /api/v1/exports/anonymised", "GET /api/v1/exports/", "GET /api/v1/exports/{id:guid}", "POST /api/v1/exports/{id:guid}/approval",
        "GET /api/v1/exports/{id:guid}/download", "/DataProtection/Exports",
    };

    private static bool Scoped(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<CaseScopeAttribute>() is not null || endpoint.Metadata.GetMetadata<PersonScopeAttribute>() is not null;

    [Fact]
    public void Every_route_is_scoped_an_audited_list_a_creation_or_free_of_case_data()
    {
        var routes = EndpointPolicyTests.Routes(app.Services);
        var unplaced = routes
            .Where(r => !Scoped(r.Endpoint) && !AuditedLists.Contains(r.Key) && !AuditedReports.Contains(r.Key) && !Creations.Contains(r.Key) && !NoCaseData.Contains(r.Key)
                && !PractitionerRecords.Contains(r.Key) && !BreakGlass.Contains(r.Key) && !Retention.Contains(r.Key) && !SubjectAccess.Contains(r.Key) && !Exports.Contains(r.Key))
            .Select(r => r.Key).Distinct().ToList();
        Assert.Empty(unplaced);
    }

    [Fact]
    public void Every_route_with_a_record_id_is_in_the_case_or_person_scope()
    {
        var unscoped = EndpointPolicyTests.Routes(app.Services)
            .Where(r => r.Endpoint.RoutePattern.Parameters.Any(p => p.ParameterPolicies.Any(policy => policy.Content == "guid")))
            .Where(r => !Scoped(r.Endpoint) && !PractitionerRecords.Contains(r.Key) && !BreakGlass.Contains(r.Key) && !Retention.Contains(r.Key) && !SubjectAccess.Contains(r.Key) && !Exports.Contains(r.Key))
            .Select(r => r.Key).Distinct().ToList();
        Assert.Empty(unscoped);
    }

    [Fact]
    public void The_tables_name_only_routes_that_exist()
    {
        var served = EndpointPolicyTests.Routes(app.Services).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var stale = AuditedLists.Concat(AuditedReports).Concat(Creations).Concat(NoCaseData).Concat(PractitionerRecords).Concat(BreakGlass).Concat(Retention).Concat(SubjectAccess).Concat(Exports).Where(k => !served.Contains(k)).ToList();
        Assert.Empty(stale);
    }

    [Fact]
    public async Task Each_report_view_records_one_report_event_with_its_filters_and_no_case()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var api = await app.ClientForAsync(supervisor);
        var pages = await PageClient.SignInAsync(app, supervisor);
        var requests = new (string Key, HttpClient Client, string Url, string Report)[]
        {
            ("GET /api/v1/reports/{name}", api, $"/api/v1/reports/workload?team={team}", "workload"),
            ("/Reports/{name}", pages, $"/Reports/deadlines?team={team}", "deadlines"),
        };
        // The dashboard has no filters: it reads each report over all the supervisor's teams, one event each.
        var mark0 = await app.WithDbAsync(async db => await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0);
        await (await pages.GetAsync(new Uri("/Reports/Dashboard", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        var dashboard = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > mark0 && e.UserName == supervisor.UserName).ToListAsync());
        Assert.Equal(Caseload.Features.Reports.ReportNames.Titles.Keys.Order(StringComparer.Ordinal), dashboard.Select(e => e.EntityId).Order(StringComparer.Ordinal));
        Assert.All(dashboard, e => Assert.Equal((AuditActions.ReportViewed, "report", (Guid?)null), (e.Action, e.EntityType, e.CaseId)));
        Assert.False(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(c => dashboard.Select(d => d.Id).Contains(c.AuditEventId))), "the dashboard recorded cases against a report view");
        Assert.Equal(AuditedReports.Order(StringComparer.Ordinal), requests.Select(r => r.Key).Append("/Reports/Dashboard").Order(StringComparer.Ordinal));
        foreach (var (key, client, url, report) in requests)
        {
            var mark = await app.WithDbAsync(async db => await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0);
            await (await client.GetAsync(new Uri(url, UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
            var view = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > mark && e.UserName == supervisor.UserName).ToListAsync()));
            Assert.Equal((AuditActions.ReportViewed, "report", report, (Guid?)null), (view.Action, view.EntityType, view.EntityId, view.CaseId));
            Assert.Contains($"team={team} (", view.Details, StringComparison.Ordinal);
            Assert.False(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(c => c.AuditEventId == view.Id)), $"{key} recorded cases against a report view");
        }
    }

    /// <summary>
    /// Each scoped GET, answered for someone who may see the record, leaves an audit event about that case (or person) made by
    /// that very request; the same request from someone who may not see it answers 404 and records nothing about it.
    /// </summary>
    [Fact]
    public async Task Every_scoped_read_is_audited_against_its_record_and_hidden_from_others()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var stranger = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(owner);
        var personId = await api.CreatePersonAsync();
        var caseId = (await api.CreateCaseAsync(personId, owner.UserName))["id"]!.GetValue<Guid>();
        var note = await api.CreateNoteAsync(caseId, NoteApi.Note().With("nextSteps", new[] { new { action = "Phone the school", owner = owner.UserName, dueOn = "2026-12-01" } }));
        var noteId = note["id"]!.GetValue<Guid>();
        var taskId = await app.WithDbAsync(db => db.Set<Caseload.Features.Tasks.CaseTask>().Where(t => t.CaseId == caseId).Select(t => t.Id).SingleAsync());
        var deadline = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Send the report", dueDate = "2026-12-04", reason = "Asked by the court" });
        await deadline.ShouldBeAsync(HttpStatusCode.Created);
        var deadlineId = (await deadline.JsonAsync())["id"]!.GetValue<Guid>();
        var review = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", RouteRecords.Review());
        await review.ShouldBeAsync(HttpStatusCode.Created);
        var reviewId = (await review.JsonAsync())["id"]!.GetValue<Guid>();
        var involvement = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { professional = new { name = "Jo Bell" }, role = "School nurse", from = "2026-11-02" });
        await involvement.ShouldBeAsync(HttpStatusCode.Created);
        var involvementId = (await involvement.JsonAsync())["id"]!.GetValue<Guid>();
        var consent = await api.PostAsJsonAsync($"/api/v1/people/{personId}/consents", new { purpose = "contact-by-text", agencyIds = Array.Empty<int>(), givenBy = "parent-carer", givenByName = "Sarah Taylor", method = "verbal", givenOn = "2026-11-20" });
        await consent.ShouldBeAsync(HttpStatusCode.Created);
        var consentId = (await consent.JsonAsync())["id"]!.GetValue<Guid>();
        var agencyId = await Caseload.Tests.Features.Agencies.AgenciesApiTests.AddAgencyAsync(app);
        var referral = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", Caseload.Tests.Features.Agencies.Referrals.ReferralsApiTests.Referral(agencyId,
            lawfulBasis: new { basis = "safeguarding", reason = "Asking would put Jordan at risk", decidedBy = "Ann Lee" }));
        await referral.ShouldBeAsync(HttpStatusCode.Created);
        var referralId = (await referral.JsonAsync())["id"]!.GetValue<Guid>();
        var plan = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Caseload.Tests.Features.Plans.PlansApiTests.Plan(owner.UserName))).JsonAsync();
        var (planId, goalId) = (plan["id"]!.GetValue<Guid>(), plan["goals"]![0]!["id"]!.GetValue<Guid>());

        var pages = await PageClient.SignInAsync(app, owner);
        var supervisorPages = await PageClient.SignInAsync(app, supervisor);
        var supervisorApi = await app.ClientForAsync(supervisor);
        var strangerPages = await PageClient.SignInAsync(app, stranger);
        var strangerApi = await app.ClientForAsync(stranger);
        var checkedRoutes = 0;
        foreach (var (key, endpoint, _) in EndpointPolicyTests.Routes(app.Services).Where(r => Scoped(r.Endpoint)))
        {
            var isApi = key.Contains(' ', StringComparison.Ordinal);
            if (isApi && !key.StartsWith("GET ", StringComparison.Ordinal)) continue;
            var byTask = endpoint.Metadata.GetMetadata<CaseScopeAttribute>()?.By == ScopedBy.Task;
            var byPerson = endpoint.Metadata.GetMetadata<PersonScopeAttribute>() is not null;
            var url = Fill(endpoint.RoutePattern.RawText!, byPerson ? personId : byTask ? taskId : caseId, noteId, deadlineId, reviewId, involvementId, consentId, referralId);
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{planId(:guid)?\}", planId.ToString());
            url = System.Text.RegularExpressions.Regex.Replace(url, @"\{goalId(:guid)?\}", goalId.ToString());
            var before = await LastAuditIdAsync();

            // Allocation (its page and its options) and deciding closure are the supervisor's; every other scoped read is open to the case's practitioner.
            var reader = (!isApi && (key.EndsWith("/Allocate", StringComparison.Ordinal) || key.EndsWith("/Closure/Decision", StringComparison.Ordinal)))
                || key.EndsWith("/allocation-options", StringComparison.Ordinal) ? supervisor : owner;
            var response = await (isApi ? reader == owner ? api : supervisorApi : reader == owner ? pages : supervisorPages).GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{key}: {(int)response.StatusCode} for {reader.UserName}");
            var recorded = await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Id > before && e.UserName == reader.UserName
                && (byPerson ? e.PersonId == personId : e.CaseId == caseId) && e.Route!.StartsWith("GET " + url)));
            Assert.True(recorded, $"{key}: no audit event about the {(byPerson ? "person" : "case")} for GET {url}");

            var hidden = await (isApi ? strangerApi : strangerPages).GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(hidden.StatusCode == HttpStatusCode.NotFound, $"{key}: {(int)hidden.StatusCode} for a practitioner of another team");
            var leaked = await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == stranger.UserName && (e.CaseId == caseId || e.PersonId == personId)));
            Assert.False(leaked, $"{key}: an audit event about the case for someone who may not see it");
            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 10, $"only {checkedRoutes} scoped reads were found");
    }

    /// <summary>
    /// Each audited list, answered for someone it shows a case to, records exactly one event for the view (the request's route,
    /// a list view) and that case among the view's cases. A list that stops auditing, or goes back to an event per case, fails.
    /// </summary>
    [Fact]
    public async Task Every_audited_list_records_one_view_with_the_cases_it_showed()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(owner);
        var personId = await api.CreatePersonAsync();
        var caseId = (await api.CreateCaseAsync(personId, owner.UserName))["id"]!.GetValue<Guid>();
        var word = "kestrel" + Guid.NewGuid().ToString("N")[..6];
        await api.CreateNoteAsync(caseId, NoteApi.Note($"Home visit. Mum and Jordan present. Jordan showed me the {word} he made.")
            .With("nextSteps", new[] { new { action = "Phone the school", owner = owner.UserName, dueOn = "2026-12-01" } }));
        var deadline = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Send the report", dueDate = "2026-12-04", reason = "Asked by the court" });
        await deadline.ShouldBeAsync(HttpStatusCode.Created);
        // The team page lists the referrals waiting for allocation.
        var supervisorApi = await app.ClientForAsync(supervisor);
        var referral = (await supervisorApi.CreateCaseAsync(await supervisorApi.CreatePersonAsync(), null))["id"]!.GetValue<Guid>();
        // A review date long past makes the case drift; a reflection about it puts it on the reflections list.
        await DriftArrange.ReviewDueAsync(app, caseId, DriftArrange.WorkingDaysAgo(30));
        var reflection = await api.PostAsJsonAsync("/api/v1/reflections", new
        {
            model = "kolb", caseId, shared = false,
            sections = new { experience = "A home visit", reflection = "It went well", conceptualisation = "Plans help", experimentation = "Plan the next one" },
        });
        await reflection.ShouldBeAsync(HttpStatusCode.Created);

        var requests = new Dictionary<string, (string Url, bool BySupervisor, Guid Shows)>(StringComparer.Ordinal)
        {
            ["GET /api/v1/cases/"] = ("/api/v1/cases", false, caseId),
            ["GET /api/v1/worklist"] = ("/api/v1/worklist", false, caseId),
            ["GET /api/v1/search/notes"] = ($"/api/v1/search/notes?q={word}", false, caseId),
            ["GET /api/v1/tasks/"] = ("/api/v1/tasks", false, caseId),
            ["/Cases"] = ("/Cases", false, caseId),
            ["/Cases/Index"] = ("/Cases/Index", false, caseId),
            ["/Worklist"] = ("/Worklist", false, caseId),
            ["/Worklist/Index"] = ("/Worklist/Index", false, caseId),
            ["/Notes/Search"] = ($"/Notes/Search?q={word}", false, caseId),
            ["/Tasks"] = ("/Tasks", false, caseId),
            ["/Tasks/Index"] = ("/Tasks/Index", false, caseId),
            ["/Deadlines"] = ("/Deadlines", false, caseId),
            ["/Deadlines/Index"] = ("/Deadlines/Index", false, caseId),
            ["GET /api/v1/deadlines"] = ("/api/v1/deadlines", false, caseId),
            ["/Team"] = ("/Team", true, referral),
            ["/Reviews"] = ("/Reviews", false, caseId),
            ["/Reviews/Index"] = ("/Reviews/Index", false, caseId),
            ["GET /api/v1/drift"] = ("/api/v1/drift", false, caseId),
            ["/Drift"] = ("/Drift", false, caseId),
            ["/Drift/Index"] = ("/Drift/Index", false, caseId),
            ["/Supervision/New"] = ($"/Supervision/New?practitioner={owner.UserName}", true, caseId),
            ["/Reflections"] = ("/Reflections", false, caseId),
            ["GET /api/v1/reflections/"] = ("/api/v1/reflections", false, caseId),
            ["/Reflections/New"] = ("/Reflections/New?model=gibbs", false, caseId),
            ["/Capacity"] = ("/Capacity", false, caseId),
            ["/Capacity/Index"] = ("/Capacity/Index", false, caseId),
            ["GET /api/v1/capacity/{userName}"] = ($"/api/v1/capacity/{owner.UserName}", false, caseId),
            ["/Capacity/Team"] = ("/Capacity/Team", true, caseId),
            ["GET /api/v1/capacity/"] = ("/api/v1/capacity", true, caseId),
            ["GET /api/v1/people/"] = ($"/api/v1/people?q={personId}", false, caseId),
            ["/People/Search"] = ($"/People/Search?q={personId}", false, caseId),
        };
        var pages = await PageClient.SignInAsync(app, owner);
        var supervisorPages = await PageClient.SignInAsync(app, supervisor);
        foreach (var key in AuditedLists.Order(StringComparer.Ordinal))
        {
            Assert.True(requests.TryGetValue(key, out var request), $"{key}: an audited list with no request to check it by; add one here");
            var isApi = key.Contains(' ', StringComparison.Ordinal);
            var reader = request.BySupervisor ? supervisor : owner;
            var client = isApi ? (request.BySupervisor ? supervisorApi : api) : request.BySupervisor ? supervisorPages : pages;
            var before = await LastAuditIdAsync();

            var response = await client.GetAsync(new Uri(request.Url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{key}: {(int)response.StatusCode} for {reader.UserName}");
            // The route as the trail keeps it: words typed into a search are left out.
            var query = request.Url.IndexOf('?', StringComparison.Ordinal);
            var route = AuditRoute.Of("GET", query < 0 ? request.Url : request.Url[..query], query < 0 ? null : request.Url[query..]);
            var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > before && e.UserName == reader.UserName && e.Route == route).ToListAsync());
            Assert.True(events.Count == 1, $"{key}: {events.Count} audit events for one view of GET {request.Url}");
            var view = events[0];
            Assert.True(view.EntityType == AuditTrail.ListEntityType, $"{key}: the view's event is '{view.EntityType}', not a list view");
            var shown = await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(x => x.AuditEventId == view.Id && x.CaseId == request.Shows));
            Assert.True(shown, $"{key}: the view's event does not name the case it showed");
        }
    }

    private async Task<long> LastAuditIdAsync() => await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;

    private static string Fill(string template, Guid id, Guid noteId, Guid deadlineId, Guid reviewId, Guid involvementId, Guid consentId, Guid referralId)
    {
        var url = "/" + template.TrimStart('/');
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{(id|caseId)(:guid)?\}", id.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{noteId(:guid)?\}", noteId.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{deadlineId(:guid)?\}", deadlineId.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{reviewId(:guid)?\}", reviewId.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{involvementId(:guid)?\}", involvementId.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{consentId(:guid)?\}", consentId.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{referralId(:guid)?\}", referralId.ToString());
        return url.EndsWith('/') && url.Length > 1 ? url.TrimEnd('/') : url;
    }
}

public sealed class RouteInventoryTests_Sqlite(SqliteApp app) : RouteInventoryTests(app);

public sealed class RouteInventoryTests_Postgres(PostgresApp app) : RouteInventoryTests(app);
