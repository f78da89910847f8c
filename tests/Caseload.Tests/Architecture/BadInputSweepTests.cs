using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Architecture;

/// <summary>
/// Every write route of the API, and every form of the pages, met with malformed input: each answers a 4xx (a problem with an
/// errorCode for the API; an error page for forms), never a 5xx, and stores nothing about the records it was aimed at.
/// Routes come from the endpoint data source, so a new route joins the sweep, or fails it until it says how to be called.
/// </summary>
public abstract partial class BadInputSweepTests(CaseloadApp app)
{
    private const string WriteMethods = "POST PUT PATCH DELETE";

    /// <summary>The people and records one sweep works on, made once per test.</summary>
    private sealed class World
    {
        public required TestUser Practitioner { get; init; }
        public required TestUser Supervisor { get; init; }
        public required TestUser Administrator { get; init; }
        public required TestUser ServiceManager { get; init; }
        public required TestUser Spare { get; init; }
        public required int TeamId { get; init; }
        public required HttpClient PractitionerApi { get; init; }
        public required HttpClient AdministratorApi { get; init; }
        public required HttpClient SupervisorApi { get; init; }
        public required Guid SessionId { get; init; }
        public required Guid ReflectionId { get; init; }
        public required CaseRecords Case { get; init; }
        public required string RuleId { get; init; }
        public required string BuiltInRuleId { get; init; }
        public required int AgencyId { get; init; }
        public required Guid EscalationId { get; init; }
        public required Guid EscalationActionId { get; init; }
        public required string FeedbackToken { get; init; }
        public required TestUser Dpo { get; init; }
        public required HttpClient DpoApi { get; init; }
        public required Guid BreakGlassId { get; init; }
        public required Guid LegalHoldId { get; init; }
        public required Guid SubjectAccessRequestId { get; init; }
        public required Guid ExportId { get; init; }

        public IReadOnlyList<string> UserIds => [Practitioner.Id, Supervisor.Id, Administrator.Id, ServiceManager.Id, Spare.Id];

        public string? ValueOf(RecordKind kind) => kind switch
        {
            RecordKind.ObjectivityRule => RuleId,
            RecordKind.BuiltInObjectivityRule => BuiltInRuleId,
            RecordKind.Team => TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RecordKind.User => Spare.Id,
            RecordKind.ServiceStandard => "", // the form for a new standard
            RecordKind.Supervision => SessionId.ToString(),
            RecordKind.Reflection => ReflectionId.ToString(),
            RecordKind.Agency => "", // the form for a new agency
            RecordKind.Practitioner => Practitioner.UserName,
            RecordKind.Report => "workload",
            RecordKind.Escalation => EscalationId.ToString(),
            RecordKind.EscalationAction => EscalationActionId.ToString(),
            RecordKind.FeedbackLink => FeedbackToken,
            RecordKind.BreakGlass => BreakGlassId.ToString(),
            RecordKind.LegalHold => LegalHoldId.ToString(),
            RecordKind.SubjectAccessRequest => SubjectAccessRequestId.ToString(),
            RecordKind.AnonymisedExport => ExportId.ToString(),
            _ => Case.ValueOf(kind),
        };
    }

    private async Task<World> ArrangeAsync()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var administrator = await app.CreateUserAsync(Roles.Administrator);
        var api = await app.ClientForAsync(practitioner);
        var adminApi = await app.ClientForAsync(administrator);
        // The directory has an agency before the case's records are made, so the case has a referral.
        await (await adminApi.PostAsJsonAsync("/api/v1/agencies", new { name = $"Sweep Surgery {Guid.NewGuid():N}", kind = "health" })).ShouldBeAsync(HttpStatusCode.Created);
        var records = await CaseRecords.CreateAsync(api, practitioner.UserName, practitioner.UserName);
        var rule = await adminApi.PostAsJsonAsync("/api/v1/admin/objectivity-rules", new
        {
            category = "judgement",
            phrases = new[] { "zqsweep" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'q') },
            message = "A local label of the person.",
            suggestion = "Record what the young person said or did.",
            reason = "Heard in supervision",
        });
        await rule.ShouldBeAsync(HttpStatusCode.Created);
        var rules = (await (await adminApi.GetAsync(new Uri("/api/v1/admin/objectivity-rules", UriKind.Relative))).JsonAsync()).AsArray();
        var supervisorApi = await app.ClientForAsync(supervisor);
        var session = await supervisorApi.PostAsJsonAsync("/api/v1/supervisions", Session(practitioner.UserName, records.CaseId));
        await session.ShouldBeAsync(HttpStatusCode.Created);
        var reflection = await api.PostAsJsonAsync("/api/v1/reflections", Reflection(records.CaseId));
        await reflection.ShouldBeAsync(HttpStatusCode.Created);
        var agency = await adminApi.PostAsJsonAsync("/api/v1/agencies", new { name = $"Sweep Surgery {Guid.NewGuid().ToString("N")[..8]}", kind = "health" });
        await agency.ShouldBeAsync(HttpStatusCode.Created);
        var escalation = await api.PostAsJsonAsync("/api/v1/escalations", new { reason = "Too many court cases at once" });
        await escalation.ShouldBeAsync(HttpStatusCode.Created);
        // A second concern, answered with an action for the practitioner: a task of theirs without a case.
        var answered = await api.PostAsJsonAsync("/api/v1/escalations", new { reason = "The new allocation is a second court case" });
        await answered.ShouldBeAsync(HttpStatusCode.Created);
        var response = await supervisorApi.PostAsJsonAsync($"/api/v1/escalations/{(await answered.JsonAsync())["id"]!.GetValue<Guid>()}/response", new
        {
            decision = "additional-support", rationale = "A co-worker on the court cases",
            actions = new[] { new { action = "Agree which court case the co-worker takes", owner = practitioner.UserName, dueOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(7) } },
        });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var escalationActionId = (await response.JsonAsync())["actions"]![0]!["id"]!.GetValue<Guid>();
        // A feedback link for the family's form.
        var link = await api.PostAsync(new Uri($"/api/v1/cases/{records.CaseId}/feedback-links", UriKind.Relative), null);
        await link.ShouldBeAsync(HttpStatusCode.Created);
        var feedbackToken = (await link.JsonAsync())["url"]!.GetValue<string>().Split("/Feedback/")[1];
        // A break-glass use for the DPO to review: a duty worker of another team opens the case in an emergency.
        var (otherTeam, _) = await app.CreateTeamAsync();
        var duty = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, otherTeam));
        var grant = await duty.PostAsJsonAsync($"/api/v1/cases/{records.CaseId}/break-glass", new { reason = "Police on the phone out of hours" });
        await grant.ShouldBeAsync(HttpStatusCode.Created);
        var dpo = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        var dpoApi = await app.ClientForAsync(dpo);
        // A legal hold for the release route: on the sweep's case, placed by the DPO.
        var hold = await dpoApi.PostAsJsonAsync("/api/v1/legal-holds", new { caseId = records.CaseId, reason = "Claim against the council", reference = "CLAIM-1" });
        await hold.ShouldBeAsync(HttpStatusCode.Created);
        // A subject access request about the sweep's person, for its routes and pages.
        var sar = await dpoApi.PostAsJsonAsync("/api/v1/subject-access-requests", new
        {
            personId = records.PersonId, requesterName = "Sweep Requester", relationship = "the-person", receivedOn = "2026-11-02", identityVerifiedOn = "2026-11-02",
        });
        await sar.ShouldBeAsync(HttpStatusCode.Created);
        // An anonymised export the DPO asked for, for its status, approval and download routes.
        var export = await dpoApi.PostAsJsonAsync("/api/v1/exports/anonymised", new { from = "2026-01-01", to = "2026-11-30", include = new[] { "cases" }, purpose = "Service evaluation" });
        await export.ShouldBeAsync(HttpStatusCode.Accepted);
        return new World
        {
            ExportId = (await export.JsonAsync())["id"]!.GetValue<Guid>(),
            SubjectAccessRequestId = (await sar.JsonAsync())["id"]!.GetValue<Guid>(),
            Dpo = dpo,
            DpoApi = dpoApi,
            LegalHoldId = (await hold.JsonAsync())["id"]!.GetValue<Guid>(),
            BreakGlassId = (await grant.JsonAsync())["id"]!.GetValue<Guid>(),
            Practitioner = practitioner,
            Supervisor = supervisor,
            Administrator = administrator,
            ServiceManager = await app.CreateUserAsync(Roles.ServiceManager, null, "send"),
            Spare = await app.CreateUserAsync(Roles.Practitioner, team),
            TeamId = team,
            PractitionerApi = api,
            AdministratorApi = adminApi,
            SupervisorApi = supervisorApi,
            SessionId = (await session.JsonAsync())["id"]!.GetValue<Guid>(),
            ReflectionId = (await reflection.JsonAsync())["id"]!.GetValue<Guid>(),
            Case = records,
            RuleId = (await rule.JsonAsync())["id"]!.GetValue<string>(),
            BuiltInRuleId = rules.Last(r => r!["builtIn"]!.GetValue<bool>())!["id"]!.GetValue<string>(),
            AgencyId = (await agency.JsonAsync())["id"]!.GetValue<int>(),
            EscalationId = (await escalation.JsonAsync())["id"]!.GetValue<Guid>(),
            EscalationActionId = escalationActionId,
            FeedbackToken = feedbackToken,
        };
    }

    /// <summary>A valid supervision session for the practitioner, discussing the sweep's case with one action.</summary>
    private static JsonObject Session(string practitioner, Guid caseId) => new()
    {
        ["practitioner"] = practitioner,
        ["occurredOn"] = "2026-11-20",
        ["kind"] = "one-to-one",
        ["caseDiscussions"] = new JsonArray(new JsonObject
        {
            ["caseId"] = caseId.ToString(), ["discussion"] = "Attendance", ["decision"] = "Continue", ["rationale"] = "Improving",
            ["actions"] = new JsonArray(new JsonObject { ["action"] = "Ring the school", ["owner"] = practitioner, ["dueOn"] = "2026-12-04" }),
        }),
        ["wellbeing"] = new JsonObject { ["rating"] = 4, ["notes"] = "Settled" },
        ["workload"] = "18 cases",
        ["learning"] = "Court skills",
        ["nextSessionOn"] = "2026-12-18",
    };

    /// <summary>A valid Gibbs reflection about the sweep's case, shared with the writer's supervisors.</summary>
    private static JsonObject Reflection(Guid caseId) => new()
    {
        ["model"] = "gibbs",
        ["caseId"] = caseId.ToString(),
        ["sections"] = new JsonObject
        {
            ["description"] = "A home visit where dad was angry", ["feelings"] = "Anxious", ["evaluation"] = "I stayed calm",
            ["analysis"] = "I had not prepared for conflict", ["conclusion"] = "Plan the visit with a colleague", ["actionPlan"] = "Joint visit next time",
        },
        ["shared"] = true,
    };

    private StoredRows RowsOf(World w) =>
        new(app, w.Case.Ids, [.. w.UserIds, w.RuleId]);

    // ---------------------------------------------------------------- API

    /// <summary>
    /// A valid body for each write route: the sweep breaks one field at a time, so what is judged is that field. A write
    /// route missing here fails the sweep.
    /// </summary>
    private static IReadOnlyList<JsonObject>? ValidBodies(string key, World w)
    {
        JsonObject Rule() => new()
        {
            ["category"] = "judgement",
            ["phrases"] = new JsonArray("zqsweepalt"),
            ["exceptions"] = new JsonArray("not zqsweepalt"),
            ["message"] = "A local label of the person.",
            ["suggestion"] = "Record what the young person said or did.",
            ["reason"] = "Heard in supervision",
        };
        JsonObject Note() => new()
        {
            ["type"] = "home-visit",
            ["occurredAt"] = "2026-11-23T09:00:00Z",
            ["presentAndSpokenTo"] = "Mum (Sarah) and Jordan",
            ["whatHappened"] = "Home visit. Jordan showed me his bedroom; there was a bed with clean bedding.",
            ["whatWasDone"] = "Talked with Jordan alone in his room for 10 minutes.",
            ["outcome"] = "Visit completed.",
            ["safeguardingConcern"] = false,
            ["confidentialityExplained"] = true,
            ["lateEntryReason"] = "Recorded the next morning",
            ["nextSteps"] = new JsonArray(new JsonObject { ["action"] = "Ring the school nurse", ["owner"] = w.Practitioner.UserName, ["dueOn"] = "2026-11-27" }),
            ["findingsShown"] = 0,
            ["findingsAcknowledged"] = false,
        };
        JsonObject Reason() => new() { ["reason"] = "Entered on the wrong case" };
        static JsonObject AmendedSession(World w)
        {
            var body = Session(w.Practitioner.UserName, w.Case.CaseId);
            body.Remove("practitioner");
            body["reason"] = "The decision was recorded before the strategy discussion";
            return body;
        }

        JsonObject Amendment()
        {
            var note = Note();
            note["reason"] = "Added who was present";
            return note;
        }

        return key switch
        {
            "POST /api/v1/admin/objectivity-rules/" or "PUT /api/v1/admin/objectivity-rules/{id}" => [Rule()],
            "POST /api/v1/admin/objectivity-rules/preview" => [new JsonObject { ["text"] = "She was zqsweepalt today.", ["rule"] = Rule() }],
            "POST /api/v1/admin/objectivity-rules/{id}/retire" or "POST /api/v1/admin/objectivity-rules/{id}/switch-off"
                or "POST /api/v1/admin/objectivity-rules/{id}/switch-on" => [Reason()],
            "POST /api/v1/auth/token" => [new JsonObject { ["userName"] = "nobody." + Guid.NewGuid().ToString("N")[..8], ["password"] = "Not-the-password-1" }],
            "POST /api/v1/cases/" => [new JsonObject
            {
                ["personId"] = w.Case.PersonId.ToString(), ["service"] = "send", ["allocatedTo"] = w.Practitioner.UserName, ["risk"] = "amber",
                ["restricted"] = false, ["restrictedTo"] = new JsonArray(w.Practitioner.UserName), ["expectedContactEveryWorkingDays"] = 10,
                ["reviewDueOn"] = "2027-01-15",
            }],
            "PATCH /api/v1/cases/{id:guid}" => [new JsonObject
            {
                ["risk"] = "red", ["riskReason"] = "Police called to the home", ["restricted"] = false, ["restrictedTo"] = new JsonArray(w.Practitioner.UserName),
                ["expectedContactEveryWorkingDays"] = 5, ["allocatedTo"] = w.Practitioner.UserName, ["reviewDueOn"] = "2027-01-15", ["clearReviewDueOn"] = false,
            }],
            "POST /api/v1/cases/{id:guid}/close" => [new JsonObject { ["reason"] = "Moved out of the area" }],
            "POST /api/v1/cases/{id:guid}/closure-request" => [new JsonObject { ["reason"] = "Moved out of the area", ["summary"] = "Family moved to Leeds" }],
            "POST /api/v1/cases/{id:guid}/closure-request/decision" => [new JsonObject { ["approve"] = false, ["comment"] = "Check the school's view" }],
            "POST /api/v1/cases/{id:guid}/plans/{planId:guid}/decision" => [new JsonObject { ["approve"] = false, ["comment"] = "Add a goal about sleep" }],
            "POST /api/v1/cases/{caseId:guid}/deadlines/" => [
                new JsonObject { ["timescale"] = "final-ehc-plan", ["startDate"] = "2026-11-02" },
                new JsonObject { ["title"] = "Send the report to court", ["dueDate"] = "2026-12-04", ["reason"] = "Directions hearing" }],
            "PATCH /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}" => [new JsonObject { ["startDate"] = "2026-11-02", ["reason"] = "Referral date was wrong" }],
            "POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/met" => [new JsonObject { ["metOn"] = "2026-11-20", ["missedReason"] = "Police checks were late" }],
            "POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/pause" => [new JsonObject { ["reason"] = "Family away", ["from"] = "2026-11-02", ["until"] = "2026-11-20" }],
            "POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/resume" => [new JsonObject { ["on"] = "2026-11-20" }],
            "POST /api/v1/cases/{caseId:guid}/priority-overrides" => [new JsonObject { ["direction"] = "raise", ["rationale"] = "Court hearing on Thursday", ["expiresOn"] = "2026-11-27" }],
            "POST /api/v1/cases/{id:guid}/notes/" => [Note()],
            "POST /api/v1/cases/{id:guid}/chronology/marks" => [new JsonObject { ["kind"] = "note", ["sourceId"] = w.Case.NoteId.ToString(), ["significant"] = true }],
            "POST /api/v1/cases/{id:guid}/reviews/" => [new JsonObject
            {
                ["progress"] = "Attended school every day", ["barriers"] = "Mum works nights", ["risks"] = "No new concerns", ["riskRating"] = "red",
                ["adjustments"] = "Weekly phone call", ["decision"] = "step-up", ["nextReviewOn"] = "2027-01-15",
            }],
            "POST /api/v1/cases/{id:guid}/notes/{noteId:guid}/amendments" => [Amendment()],
            "POST /api/v1/cases/{id:guid}/notes/{noteId:guid}/strike-through" => [Reason()],
            "POST /api/v1/notes/check" => [new JsonObject { ["text"] = "Jordan was rude to staff." }],
            "POST /api/v1/people/" => [new JsonObject
            {
                ["givenName"] = "Sam", ["familyName"] = "Lee", ["dateOfBirth"] = "2014-05-12", ["characteristics"] = new JsonArray("neet"),
            }],
            "POST /api/v1/people/{id:guid}/characteristics" => [new JsonObject { ["add"] = new JsonArray("neet"), ["remove"] = new JsonArray("looked-after"), ["reason"] = "Left school in July" }],
            "PATCH /api/v1/people/{id:guid}" => [new JsonObject { ["sex"] = "female", ["ethnicity"] = "WBRI", ["postcode"] = "LS6 2AB" }],
            "POST /api/v1/tasks/{id:guid}/outcome" => [new JsonObject { ["status"] = "done", ["outcome"] = "Rang the school nurse" }],
            "POST /api/v1/tasks/{id:guid}/reassign" => [new JsonObject { ["owner"] = w.Supervisor.UserName, ["reason"] = "On leave next week" }],
            "POST /api/v1/supervisions/" => [Session(w.Practitioner.UserName, w.Case.CaseId)],
            "POST /api/v1/reflections/" => [Reflection(w.Case.CaseId)],
            "POST /api/v1/reflections/{id:guid}/comments" => [new JsonObject { ["text"] = "Worth talking through in supervision" }],
            "POST /api/v1/supervisions/{id:guid}/agreement" => [new JsonObject { ["agreed"] = false, ["comment"] = "The workload part leaves out the court report" }],
            "POST /api/v1/supervisions/{id:guid}/amendments" => [AmendedSession(w)],
            "POST /api/v1/agencies/" => [new JsonObject
            {
                ["name"] = "Sweep Academy", ["kind"] = "education", ["phone"] = "0113 496 0000", ["email"] = "office@sweep.example.sch.uk",
                ["address"] = "1 School Lane", ["secureEmail"] = "dsl@sweep.example.sch.uk",
            }],
            "POST /api/v1/cases/{id:guid}/involvements/" => [new JsonObject
            {
                ["agencyId"] = w.AgencyId, ["professional"] = new JsonObject { ["name"] = "Dr Amy Shah", ["role"] = "GP", ["contact"] = "0113 496 0000" },
                ["role"] = "Family doctor", ["from"] = "2026-11-02", ["lead"] = true,
            }],
            "POST /api/v1/cases/{id:guid}/involvements/{involvementId:guid}/end" => [new JsonObject { ["until"] = "2026-11-23", ["reason"] = "Discharged" }],
            "POST /api/v1/cases/{id:guid}/referrals/" => [new JsonObject
            {
                ["agencyId"] = w.AgencyId, ["reason"] = "Low mood", ["requested"] = "An assessment", ["urgency"] = "urgent",
                ["lawfulBasis"] = new JsonObject { ["basis"] = "safeguarding", ["reason"] = "Asking would increase the risk", ["decidedBy"] = "Ann Lee" },
                ["informationShared"] = "Name and school", ["followUpInWorkingDays"] = 3,
            }],
            "POST /api/v1/cases/{id:guid}/plans/" => [new JsonObject
            {
                ["goals"] = new JsonArray(new JsonObject
                {
                    ["description"] = "Jordan gets to school on time", ["personsWords"] = "No more detentions", ["measure"] = "scale", ["baseline"] = 3,
                    ["target"] = 8, ["targetDate"] = "2027-03-26", ["agreedBy"] = "Jordan and Mum",
                }),
                ["actions"] = new JsonArray(new JsonObject { ["action"] = "Ask the school for attendance", ["owner"] = w.Practitioner.UserName, ["dueOn"] = "2026-12-04", ["goalIndex"] = 0 }),
                ["reviewOn"] = "2027-01-18",
            }],
            "POST /api/v1/cases/{id:guid}/feedback" => [new JsonObject
            {
                ["from"] = "Jordan's mum", ["receivedOn"] = "2026-11-20", ["method"] = "conversation", ["rating"] = 4, ["helped"] = "Someone to ring",
                ["couldBeBetter"] = "Visits after school",
            }],
            "POST /api/v1/cases/{id:guid}/plans/{planId:guid}/goals/{goalId:guid}/progress" => [new JsonObject
            {
                ["recordedOn"] = "2026-11-23", ["value"] = 5, ["personsView"] = "Easier", ["comment"] = "Late twice", ["status"] = "abandoned", ["reason"] = "Moved school",
            }],
            "POST /api/v1/cases/{id:guid}/referrals/{referralId:guid}/status" => [new JsonObject { ["status"] = "declined", ["on"] = "2026-11-23", ["note"] = "Threshold not met" }],
            "POST /api/v1/cases/{id:guid}/information-sharing/" => [new JsonObject
            {
                ["sharedWith"] = "Northfield Academy", ["agencyId"] = w.AgencyId, ["what"] = "Attendance", ["purpose"] = "Conference report",
                ["lawfulBasis"] = new JsonObject { ["basis"] = "public-task", ["reason"] = "Statutory conference", ["decidedBy"] = "Ann Lee" },
                ["decidedBy"] = "Ann Lee", ["sharedOn"] = "2026-11-23", ["method"] = "secure-email",
            }],
            "POST /api/v1/people/{id:guid}/consents/" => [new JsonObject
            {
                ["purpose"] = "referral", ["agencyIds"] = new JsonArray(w.AgencyId), ["givenBy"] = "parent-carer", ["givenByName"] = "Sarah Taylor",
                ["method"] = "written", ["givenOn"] = "2026-11-20", ["reviewOn"] = "2027-05-20",
            }],
            "POST /api/v1/people/{id:guid}/consents/{consentId:guid}/withdrawal" => [new JsonObject { ["withdrawnOn"] = "2026-11-23", ["reason"] = "Mum no longer agrees" }],
            "PUT /api/v1/capacity/{userName}/settings" => [new JsonObject { ["fte"] = 0.8m, ["newlyQualified"] = true, ["fullTimePoints"] = 100, ["reason"] = "Four days a week" }],
            "POST /api/v1/capacity/{userName}/adjustments" => [new JsonObject
            {
                ["kind"] = "leave", ["points"] = 10, ["reason"] = "Annual leave", ["from"] = "2026-12-21", ["until"] = "2027-01-01", ["agreedBy"] = w.Supervisor.UserName,
            }],
            "POST /api/v1/escalations/" => [new JsonObject { ["reason"] = "Two court cases and a new allocation this week" }],
            "POST /api/v1/reports/events/" => [new JsonObject
            {
                ["on"] = "2026-09-01", ["kind"] = "funding", ["title"] = "Early help grant reduced", ["description"] = "Two family support posts not renewed",
                ["services"] = new JsonArray("send"),
            }],
            "POST /api/v1/escalations/actions/{id:guid}/outcome" => [new JsonObject { ["status"] = "done", ["outcome"] = "Agreed Jo takes the Smith case" }],
            "POST /api/v1/escalations/{id:guid}/response" => [new JsonObject
            {
                ["decision"] = "temporary-reduction", ["rationale"] = "Two weeks lighter", ["points"] = 10, ["from"] = "2026-11-23", ["until"] = "2026-12-04",
                ["actions"] = new JsonArray(new JsonObject { ["action"] = "Review caseload", ["owner"] = w.Practitioner.UserName, ["dueOn"] = "2026-12-04" }),
            }],
            "POST /api/v1/cases/{id:guid}/break-glass" => [new JsonObject { ["reason"] = "Police on the phone out of hours" }],
            "POST /api/v1/break-glass/{id:guid}/review" => [new JsonObject { ["appropriate"] = true, ["comment"] = "A genuine emergency" }],
            "PUT /api/v1/retention/schedule" => [new JsonObject
            {
                ["rules"] = new JsonArray(new JsonObject { ["service"] = "send", ["recordClass"] = "send", ["years"] = 31, ["runsFrom"] = "date-of-birth", ["source"] = "IRMS" }),
                ["reason"] = "Annual review of the schedule",
            }],
            // The sweep's case is open: a valid decision is refused (409 case-not-closed), so nothing is ever destroyed.
            "POST /api/v1/retention/cases/{id:guid}/decision" => [new JsonObject { ["decision"] = "extend", ["reason"] = "Sibling's proceedings", ["until"] = "2040-01-31" }],
            "POST /api/v1/legal-holds/" => [new JsonObject { ["caseId"] = w.Case.CaseId.ToString(), ["reason"] = "Public inquiry", ["reference"] = "INQ-1" }],
            "POST /api/v1/legal-holds/{id:guid}/release" => [new JsonObject { ["reason"] = "The claim was settled" }],
            "POST /api/v1/subject-access-requests/" => [new JsonObject
            {
                ["personId"] = w.Case.PersonId.ToString(), ["requesterName"] = "Sweep Parent", ["relationship"] = "parent-with-parental-responsibility",
                ["receivedOn"] = "2026-11-09", ["identityVerifiedOn"] = "2026-11-10",
            }],
            "POST /api/v1/subject-access-requests/{id:guid}/pause" => [new JsonObject { ["reason"] = "Asked which years the request covers", ["from"] = "2026-11-16" }],
            "POST /api/v1/subject-access-requests/{id:guid}/resume" => [new JsonObject { ["on"] = "2026-11-18" }],
            "POST /api/v1/subject-access-requests/{id:guid}/extension" => [new JsonObject { ["reason"] = "Records across four services", ["toldRequesterOn"] = "2026-11-20" }],
            "POST /api/v1/subject-access-requests/{id:guid}/redactions" => [new JsonObject
            {
                ["item"] = $"People/{w.Case.PersonId}", ["field"] = "FamilyName", ["action"] = "redact", ["reason"] = "third-party information (DPA 2018 Sch 2 para 16)",
            }],
            "POST /api/v1/subject-access-requests/{id:guid}/completion" => [new JsonObject { ["sentOn"] = "2026-11-20" }],
            "POST /api/v1/subject-access-requests/{id:guid}/redaction-withdrawals" => [new JsonObject { ["redactionId"] = 1, ["reason"] = "The mother agreed to her words being shared" }],
            "POST /api/v1/exports/{id:guid}/approval" => [new JsonObject { ["comment"] = "Fine for the evaluation" }],
            "POST /api/v1/exports/anonymised" => [new JsonObject
            {
                ["from"] = "2026-01-01", ["to"] = "2026-11-30", ["include"] = new JsonArray("cases", "notes"), ["purpose"] = "Service evaluation",
            }],
            _ => null,
        };
    }

    /// <summary>Write routes that read no body, so there is nothing to break (tested with their feature).</summary>
    private static readonly HashSet<string> NoBody = new(StringComparer.Ordinal)
    {
        "POST /api/v1/auth/sign-out-everywhere", // it would end the sweep's own tokens
        "POST /api/v1/cases/{id:guid}/feedback-links", // a new link for the family; nothing is read from the request
    };

    private static IEnumerable<(string Key, RouteEndpoint Endpoint, string Policy)> ApiWriteRoutes(IServiceProvider services) =>
        EndpointPolicyTests.Routes(services)
            .Where(r => r.Key.Split(' ')[0].Split(',').Any(m => WriteMethods.Contains(m, StringComparison.Ordinal)) && r.Key.Contains(" /api/v1/", StringComparison.Ordinal))
            .Where(r => !NoBody.Contains(r.Key))
            .DistinctBy(r => r.Key)
            .OrderBy(r => Destructive(r.Key))
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, r.Endpoint, r.Declared));

    // Routes that end a record's working life go last, so that if one wrongly succeeds the others are still judged on a live record.
    private static bool Destructive(string key) =>
        key.EndsWith("/close", StringComparison.Ordinal) || key.EndsWith("/strike-through", StringComparison.Ordinal) || key.EndsWith("/retire", StringComparison.Ordinal);

    [Fact]
    public async Task Every_write_route_of_the_api_answers_malformed_bodies_with_a_problem_and_stores_nothing()
    {
        var w = await ArrangeAsync();
        var rows = RowsOf(w);
        var failures = new List<string>();
        var swept = 0;
        var bodies = 0;
        var auditMark = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.AuditEvents, e => (long?)e.Id)) ?? 0;

        // Events for the demand report are recorded by a service manager (for the service they manage).
        var managerApi = await app.ClientForAsync(w.ServiceManager);
        foreach (var (key, endpoint, policy) in ApiWriteRoutes(app.Services))
        {
            var method = key.Split(' ')[0].Split(',')[0];
            var route = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            var url = RouteRecords.Fill(route, w.ValueOf);
            var valid = ValidBodies(key, w);
            // Supervision is recorded and amended by the supervisor; only the supervisee answers it.
            // A practitioner's capacity is set by their supervisor chain.
            var bySupervisor = (key.StartsWith("POST /api/v1/supervisions/", StringComparison.Ordinal) && !key.EndsWith("/agreement", StringComparison.Ordinal))
                || key.Contains(" /api/v1/capacity/", StringComparison.Ordinal)
                // A plan is decided by a supervisor of the case (the sweep's plan needs no approval, so a valid body is a 409).
                || key.EndsWith("/plans/{planId:guid}/decision", StringComparison.Ordinal);
            var client = policy switch
            {
                Policies.CaseWork when bySupervisor => w.SupervisorApi,
                Policies.CaseWork or Policies.SignedIn => w.PractitionerApi,
                Policies.Supervise when key == "POST /api/v1/reports/events/" => managerApi,
                Policies.Supervise => w.SupervisorApi,
                Policies.Administer => w.AdministratorApi,
                Policies.BreakGlass => w.PractitionerApi,
                Policies.ReviewBreakGlass or Policies.ManageRetention or Policies.ManageSubjectAccess or Policies.AnonymisedExports or Policies.ApproveExports => w.DpoApi,
                "(anonymous)" => app.Anonymous(),
                _ => null,
            };
            if (url is null || valid is null || client is null)
            {
                failures.Add($"{key}: cannot be exercised ({(url is null ? "an id it takes is not one this sweep makes" : valid is null ? "no valid body in the sweep's table" : $"no caller for policy {policy}")})");
                continue;
            }

            swept++;
            var requestType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var malformed = valid.SelectMany(v => Malformed(v, requestType)).DistinctBy(m => Convert.ToBase64String(m.Body)).ToList();
            var parameters = RouteRecords.Parameters(route);
            var target = parameters.Count == 0 ? null : parameters[^1].Kind;
            var ifMatch = await ETagAsync(w, target);
            var before = await rows.ReadAsync();
            foreach (var (label, body) in malformed)
            {
                bodies++;
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var where = $"{key} with {label}";
                if (status is < 400 or > 499) failures.Add($"{where}: answered {status}: {Short(text)}");
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{where}: answered {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
                else if (!HasErrorCode(text)) failures.Add($"{where}: answered {status} without an errorCode: {Short(text)}");

                var after = await rows.ReadAsync();
                if (!after.SequenceEqual(before, StringComparer.Ordinal))
                {
                    failures.Add($"{where}: changed what is stored:\n      {StoredRows.Difference(before, after)}");
                    before = after;
                    ifMatch = await ETagAsync(w, target);
                }

                var (mark, writes) = await StoredRows.AuditedWritesAsync(app, w.UserIds, auditMark);
                auditMark = mark;
                if (writes.Count > 0) failures.Add($"{where}: audited a write: {string.Join(", ", writes)}");
            }
        }

        Assert.True(swept >= 20, $"Only {swept} write routes were swept");
        Assert.True(failures.Count == 0, $"{failures.Count} of {bodies} malformed bodies over {swept} routes were mishandled:\n  " + string.Join("\n  ", failures.Take(60)));
    }

    private static bool HasErrorCode(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["errorCode"]?.GetValue<string>() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>The current ETag of the record a route changes, read as a partner would, so that the body is what is judged.</summary>
    private static async Task<string?> ETagAsync(World w, RecordKind? kind)
    {
        var c = w.Case;
        switch (kind)
        {
            case RecordKind.Case:
                return (await w.PractitionerApi.GetAsync(new Uri($"/api/v1/cases/{c.CaseId}", UriKind.Relative))).Headers.ETag?.Tag;
            case RecordKind.Note:
                return (await w.PractitionerApi.GetAsync(new Uri($"/api/v1/cases/{c.CaseId}/notes/{c.NoteId}", UriKind.Relative))).Headers.ETag?.Tag;
            case RecordKind.Deadline or RecordKind.PausedDeadline:
                var id = kind == RecordKind.Deadline ? c.DeadlineId : c.PausedDeadlineId;
                var deadlines = (await (await w.PractitionerApi.GetAsync(new Uri($"/api/v1/cases/{c.CaseId}/deadlines", UriKind.Relative))).JsonAsync())["items"]!.AsArray();
                return $"\"{deadlines.Single(d => d!["id"]!.GetValue<Guid>() == id)!["version"]!.GetValue<int>()}\"";
            case RecordKind.Task:
                var tasks = (await (await w.PractitionerApi.GetAsync(new Uri("/api/v1/tasks", UriKind.Relative))).JsonAsync()).AsArray();
                return $"\"{tasks.Single(t => t!["id"]!.GetValue<Guid>() == c.TaskId)!["version"]!.GetValue<int>()}\"";
            case RecordKind.Supervision:
                return (await w.PractitionerApi.GetAsync(new Uri($"/api/v1/supervisions/{w.SessionId}", UriKind.Relative))).Headers.ETag?.Tag;
            case RecordKind.Practitioner:
                return (await w.SupervisorApi.GetAsync(new Uri($"/api/v1/capacity/{w.Practitioner.UserName}", UriKind.Relative))).Headers.ETag?.Tag;
            case RecordKind.ObjectivityRule:
                return (await w.AdministratorApi.GetAsync(new Uri($"/api/v1/admin/objectivity-rules/{w.RuleId}", UriKind.Relative))).Headers.ETag?.Tag;
            case RecordKind.BuiltInObjectivityRule:
                return (await w.AdministratorApi.GetAsync(new Uri($"/api/v1/admin/objectivity-rules/{w.BuiltInRuleId}", UriKind.Relative))).Headers.ETag?.Tag;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- the malformed set

    private const string Nul = "\u0000";
    private static readonly string Huge = new('a', 100_000);
    private static readonly string[] Dates = ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"];

    /// <summary>
    /// From one valid body: each field given a value of every wrong JSON type, arrays with nulls inside, strings with NULs
    /// and of 100,000 characters, date fields at 0001-01-01 and 9999-12-31 (as dates and as date-times); then bodies that are
    /// not an object at all: empty, an array, null, a number, nested 200 deep, cut short, and invalid UTF-8. Fields of the
    /// request type that the valid body leaves out get the wrong types too.
    /// </summary>
    private static IEnumerable<(string Label, byte[] Body)> Malformed(JsonObject valid, Type? requestType)
    {
        var leaves = new List<(List<object> Path, JsonNode? Value)>();
        Collect(valid, [], leaves);
        foreach (var (path, value) in leaves)
        {
            var name = string.Join(".", path);
            foreach (var wrong in WrongTypes(value)) yield return ($"{name} = {Show(wrong)}", Bytes(With(valid, path, wrong)));
            if (value is JsonArray array)
            {
                yield return ($"{name} = [null]", Bytes(With(valid, path, new JsonArray((JsonNode?)null))));
                if (array.Count > 0) yield return ($"{name} = [valid, null]", Bytes(With(valid, path, new JsonArray(array[0]!.DeepClone(), null))));
            }

            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                var s = v.GetValue<string>();
                yield return ($"{name} with a NUL character", Bytes(With(valid, path, JsonValue.Create(s + Nul + "x"))));
                yield return ($"{name} of 100,000 characters", Bytes(With(valid, path, JsonValue.Create(Huge))));
                if (DateLike().IsMatch(s))
                {
                    foreach (var date in Dates) yield return ($"{name} = {date}", Bytes(With(valid, path, JsonValue.Create(date))));
                }
            }
        }

        foreach (var property in requestType?.GetProperties() ?? [])
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (valid.ContainsKey(name)) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            JsonNode? sample = type == typeof(string) ? "text" : type == typeof(bool) ? true : type == typeof(int) ? 1
                : type == typeof(DateOnly) || type == typeof(DateTimeOffset) ? "2026-11-20" : type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable)) ? new JsonArray() : new JsonObject();
            foreach (var wrong in WrongTypes(sample)) yield return ($"{name} (not in the valid body) = {Show(wrong)}", Bytes(With(valid, [name], wrong)));
            if (type == typeof(DateOnly) || type == typeof(DateTimeOffset))
            {
                foreach (var date in Dates) yield return ($"{name} (not in the valid body) = {date}", Bytes(With(valid, [name], JsonValue.Create(date))));
            }
        }

        var json = valid.ToJsonString();
        yield return ("an empty body", []);
        yield return ("a JSON array instead of an object", Encoding.UTF8.GetBytes("[" + json + "]"));
        yield return ("an empty JSON array", Encoding.UTF8.GetBytes("[]"));
        yield return ("JSON null", Encoding.UTF8.GetBytes("null"));
        yield return ("a JSON number", Encoding.UTF8.GetBytes("42"));
        yield return ("a JSON string", Encoding.UTF8.GetBytes("\"text\""));
        yield return ("an object cut short", Encoding.UTF8.GetBytes(json[..(json.Length / 2)]));
        yield return ("objects nested 200 deep", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)));
        yield return ("arrays nested 200 deep in a field", Encoding.UTF8.GetBytes("{\"" + valid.First().Key + "\":" + new string('[', 200) + new string(']', 200) + "}"));
        var firstString = leaves.FirstOrDefault(l => l.Value is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && l.Path.Count == 1);
        var field = firstString.Path is null ? valid.First().Key : (string)firstString.Path[0];
        yield return ("invalid UTF-8 in a string", [.. Encoding.UTF8.GetBytes("{\"" + field + "\":\"ab"), 0xC3, 0x28, 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")]);
    }

    private static void Collect(JsonNode node, List<object> path, List<(List<object>, JsonNode?)> leaves)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    var p = new List<object>(path) { k };
                    leaves.Add((p, v));
                    if (v is JsonObject or JsonArray) Collect(v, p, leaves);
                }

                break;
            case JsonArray a when a.Count > 0 && a[0] is JsonObject first:
                Collect(first, [.. path, 0], leaves);
                break;
            default:
                break;
        }
    }

    private static IEnumerable<JsonNode?> WrongTypes(JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (kind != JsonValueKind.Number) yield return JsonValue.Create(42);
        if (kind == JsonValueKind.Number) yield return JsonValue.Create(1.5);
        if (kind != JsonValueKind.String) yield return JsonValue.Create("text");
        if (kind is not (JsonValueKind.True or JsonValueKind.False)) yield return JsonValue.Create(true);
        if (kind != JsonValueKind.Object) yield return new JsonObject { ["a"] = 1 };
        if (kind != JsonValueKind.Array) yield return new JsonArray(1, 2);
    }

    private static JsonObject With(JsonObject valid, List<object> path, JsonNode? value)
    {
        var copy = (JsonObject)valid.DeepClone();
        JsonNode parent = copy;
        for (var i = 0; i < path.Count - 1; i++) parent = path[i] is int index ? parent[index]! : parent[(string)path[i]]!;
        if (path[^1] is int last) parent.AsArray()[last] = value;
        else parent[(string)path[^1]] = value;
        return copy;
    }

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "null";

    private static byte[] Bytes(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateLike();

    // ---------------------------------------------------------------- pages

    /// <summary>Pages whose POST takes no input; posting to them is not a form to sweep.</summary>
    private static readonly HashSet<string> NoInput = new(StringComparer.Ordinal)
    {
        "/Account/SignOut", // signing out ends the sweep's own session
        "/Admin/Users/{id}/SignOut", // a confirmation: it ends the sessions of a user the sweep works with
        "/Error", // the error page answers a post only to show itself for a refused one
        "/Cases/{id:guid}/Feedback", // its one form takes no input: it makes a feedback link (FeedbackTests; a stale page is refused)
    };

    /// <summary>Query strings some pages need besides their route: the person a case is opened for.</summary>
    private static string QueryFor(string route, World w) => route switch
    {
        "/Cases/Open" => $"?personId={w.Case.PersonId}",
        "/Supervision/New" or "/Supervision/Frequency" => $"?practitioner={w.Practitioner.UserName}",
        "/Capacity/Settings" or "/Capacity/Adjustment" => $"?userName={w.Practitioner.UserName}",
        "/Reflections/New" => "?model=gibbs",
        _ => "",
    };

    /// <summary>
    /// The note forms keep what was typed as the writer's draft, even when it is refused, so that nothing is lost while they
    /// revise: a draft is not part of the record. The sweep lets draft rows change; everything else must stay as it was.
    /// </summary>
    private static List<string> WithoutDrafts(IReadOnlyList<string> rows) =>
        rows.Where(r => !r.Split('|')[0].EndsWith("Drafts", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Junk for every field at once. A browser sends a NUL as %00, which the framework cannot read as a form; "raw-nul" sends the
    /// byte itself, which it reads: both must be refused before the page's handler, whose database might not store it.
    /// </summary>
    private static readonly string[] FormJunk = ["100k", "nul", "raw-nul", "31/2/2026", "1/1/0001", "31/12/9999", "-1/13/year"];

    [Fact]
    public async Task Every_form_of_the_pages_answers_junk_values_with_an_error_page_and_stores_nothing()
    {
        var w = await ArrangeAsync();
        var rows = RowsOf(w);
        var loader = app.Services.GetRequiredService<PageLoader>();
        var failures = new List<string>();
        var browsers = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var posts = 0;
        var forms = 0;
        var auditMark = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.AuditEvents, e => (long?)e.Id)) ?? 0;

        foreach (var (route, endpoint, policy) in EndpointPolicyTests.Routes(app.Services).Where(r => !r.Key.Contains(' ', StringComparison.Ordinal)).DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (descriptor is null || NoInput.Contains(route)) continue;
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var handlers = compiled.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name).Distinct().ToList();
            if (handlers.Count == 0) continue;

            // Supervisors and managers allocate; an escalation is answered by its recipient, the supervisor.
            // Events for the demand report are recorded by service managers.
            var user = route is "/Cases/{id:guid}/Allocate" or "/Capacity/Escalations/{id:guid}" or "/Cases/{id:guid}/Closure/Decision" ? w.Supervisor
                : route is "/Reports/Events" ? w.ServiceManager : policy switch
            {
                Policies.CaseWork or Policies.SignedIn or "(anonymous)" => w.Practitioner,
                Policies.Administer => w.Administrator,
                Policies.Supervise => w.Supervisor,
                Policies.SetPriorityWeights or Policies.SetDriftThresholds or Policies.SetWeightingScheme => w.ServiceManager,
                Policies.SetSupervisionFrequency => w.Supervisor,
                // The practitioner sees the case already: their emergency access is refused before anything is stored.
                Policies.BreakGlass => w.Practitioner,
                Policies.ReviewBreakGlass or Policies.ManageRetention or Policies.ManageSubjectAccess or Policies.AnonymisedExports or Policies.ApproveExports => w.Dpo,
                _ => null,
            };
            var url = RouteRecords.Fill(route, w.ValueOf);
            if (url is null || user is null)
            {
                failures.Add($"{route}: cannot be exercised ({(url is null ? "an id it takes is not one this sweep makes" : $"no user for policy {policy}")})");
                continue;
            }

            if (!browsers.TryGetValue(user.Id, out var browser)) browsers[user.Id] = browser = await PageClient.SignInAsync(app, user);
            url += QueryFor(route, w);
            var page = await browser.GetAsync(new Uri(url, UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"GET {url}: answered {(int)page.StatusCode}, so its form cannot be swept");
                continue;
            }

            forms++;
            var (hidden, fields) = FormFields(html);
            IReadOnlyList<string> before = WithoutDrafts(await rows.ReadAsync());
            foreach (var handler in handlers)
            {
                var target = handler is null ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
                foreach (var junk in FormJunk)
                {
                    posts++;
                    var form = hidden.Concat(fields.Select(f => new KeyValuePair<string, string>(f, JunkFor(f, junk)))).ToList();
                    using var content = junk == "raw-nul" ? RawForm(form) : new FormUrlEncodedContent(form);
                    using var response = await browser.PostAsync(new Uri(target, UriKind.Relative), content);
                    var text = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var where = $"POST {route}{(handler is null ? "" : $"?handler={handler}")} with {junk}";
                    var location = response.Headers.Location?.ToString() ?? "";
                    if (status >= 500) failures.Add($"{where}: answered {status}");
                    // A NUL in any field is refused before the page's handler, with the error page saying so (PostgreSQL could not store it).
                    else if (junk is "nul" or "raw-nul" && fields.Count > 0 && (status != 400 || !text.Contains("What you entered could not be saved", StringComparison.Ordinal)))
                    {
                        failures.Add($"{where}: answered {status} without the page that refuses a NUL character: {Short(Tags().Replace(text, " "))}");
                    }
                    else if (status is >= 300 and < 400 && location.Contains("/Error", StringComparison.OrdinalIgnoreCase)) failures.Add($"{where}: redirected to {location}");
                    else if (status == 400 && handler is null && fields.Count > 0 && text.Contains($"name=\"{fields[0]}\"", StringComparison.Ordinal)
                             && !text.Contains("govuk-error-summary", StringComparison.Ordinal))
                    {
                        failures.Add($"{where}: redisplayed the form (400) without a GOV.UK error summary");
                    }
                    else if (status is >= 400 and < 500 && handler is null && response.Content.Headers.ContentType?.MediaType != "text/html")
                    {
                        failures.Add($"{where}: answered {status} without a page ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}, {text.Length} characters): {Short(Tags().Replace(text, " ").Replace(Nul, "\\0", StringComparison.Ordinal))}");
                    }

                    var after = WithoutDrafts(await rows.ReadAsync());
                    if (!after.SequenceEqual(before, StringComparer.Ordinal))
                    {
                        failures.Add($"{where}: answered {status} and changed what is stored:\n      {StoredRows.Difference(before, after)}");
                        before = after;
                    }

                    var (mark, audited) = await StoredRows.AuditedWritesAsync(app, w.UserIds, auditMark);
                    auditMark = mark;
                    var writes = audited.Where(a => !a.Contains("draft", StringComparison.Ordinal)).ToList();
                    if (writes.Count > 0) failures.Add($"{where}: answered {status} and audited a write: {string.Join(", ", writes)}");
                }
            }
        }

        Assert.True(forms >= 20, $"Only {forms} forms were swept");
        Assert.True(failures.Count == 0, $"{failures.Count} of {posts} junk form posts over {forms} forms were mishandled:\n  " + string.Join("\n  ", failures.Take(60)));
    }

    private static string JunkFor(string field, string junk)
    {
        var part = field.EndsWith("Day", StringComparison.Ordinal) ? 0 : field.EndsWith("Month", StringComparison.Ordinal) ? 1 : field.EndsWith("Year", StringComparison.Ordinal) ? 2 : -1;
        return junk switch
        {
            "100k" => Huge,
            "nul" or "raw-nul" => "a" + Nul + "b",
            _ => part < 0 ? "" : junk.Split('/')[part],
        };
    }

    /// <summary>A form body encoded as a browser would, except that a NUL goes as the byte itself rather than as %00.</summary>
    private static ByteArrayContent RawForm(IEnumerable<KeyValuePair<string, string>> form)
    {
        var body = string.Join('&', form.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value).Replace("%00", Nul, StringComparison.Ordinal)));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    /// <summary>The page's hidden fields as it rendered them (antiforgery token, version), and the names of every other field.</summary>
    private static (List<KeyValuePair<string, string>> Hidden, List<string> Fields) FormFields(string html)
    {
        var hidden = new List<KeyValuePair<string, string>>();
        var fields = new List<string>();
        // The page's own forms are in its main content: the header's person search (a GET form on every page) is not one of them.
        var main = html.IndexOf("id=\"main-content\"", StringComparison.Ordinal);
        if (main > 0) html = html[main..];
        foreach (Match element in FormElement().Matches(html))
        {
            var name = WebUtility.HtmlDecode(NameAttribute().Match(element.Value).Groups[1].Value);
            if (name.Length == 0) continue;
            if (element.Value.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                if (hidden.All(h => h.Key != name)) hidden.Add(new(name, WebUtility.HtmlDecode(ValueAttribute().Match(element.Value).Groups[1].Value)));
            }
            else if (!fields.Contains(name))
            {
                fields.Add(name);
            }
        }

        fields.RemoveAll(f => hidden.Any(h => h.Key == f) || f == "handler");
        return (hidden, fields);
    }

    [GeneratedRegex("<[^>]*>|\\s+")]
    private static partial Regex Tags();

    [GeneratedRegex("<(input|select|textarea|button)\\b[^>]*>")]
    private static partial Regex FormElement();

    [GeneratedRegex("\\bname=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}

public sealed class BadInputSweepTests_Sqlite(SqliteApp app) : BadInputSweepTests(app);

public sealed class BadInputSweepTests_Postgres(PostgresApp app) : BadInputSweepTests(app);
