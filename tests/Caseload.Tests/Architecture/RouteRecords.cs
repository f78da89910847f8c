using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Architecture;

/// <summary>The kind of record a route parameter names.</summary>
public enum RecordKind
{
    Case,
    Person,
    Note,
    Deadline,
    /// <summary>A deadline whose clock is stopped, for the routes that restart one.</summary>
    PausedDeadline,
    Task,
    Review,
    ObjectivityRule,
    /// <summary>A built-in objectivity rule, for the routes that switch one off or on.</summary>
    BuiltInObjectivityRule,
    Team,
    User,
    ServiceStandard,
    ApiDocument,
    /// <summary>A supervision session (a record about a practitioner, which may discuss several cases).</summary>
    Supervision,
    /// <summary>A reflection in a practitioner's reflective log.</summary>
    Reflection,
    /// <summary>Someone else involved on a case (the team around the child).</summary>
    Involvement,
    /// <summary>A person's consent.</summary>
    Consent,
    /// <summary>A referral out to another agency, on a case.</summary>
    Referral,
    /// <summary>An agency of the directory (reference data, no case data).</summary>
    Agency,
    /// <summary>A practitioner named by user name: their capacity.</summary>
    Practitioner,
    /// <summary>A capacity escalation about a practitioner.</summary>
    Escalation,
    EscalationAction,
    /// <summary>A version of a case's plan (the one in force).</summary>
    Plan,
    /// <summary>A goal of a case's plan in force.</summary>
    Goal,
    /// <summary>A report by name (figures over many cases, not a record).</summary>
    Report,
    /// <summary>The token of a family's feedback link: its form shows nothing of the case.</summary>
    FeedbackLink,
    /// <summary>A break-glass use (emergency access to a case), as the DPO reviews it.</summary>
    BreakGlass,
    /// <summary>A legal hold the DPO placed (on a person, a case or a service).</summary>
    LegalHold,
    /// <summary>A subject access request the DPO logged.</summary>
    SubjectAccessRequest,
    /// <summary>An anonymised export the DPO or a service manager asked for.</summary>
    AnonymisedExport,
}

/// <summary>
/// Reads a route's parameters as records: the segment before a parameter says what it names ("cases/{id}" a case,
/// "notes/{noteId}" a note). A parameter nobody taught this class to read has no kind, and the tests that use it fail,
/// so a new route is noticed rather than skipped.
/// </summary>
public static partial class RouteRecords
{
    private static readonly Dictionary<string, RecordKind> Collections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cases"] = RecordKind.Case,
        ["people"] = RecordKind.Person,
        ["notes"] = RecordKind.Note,
        ["deadlines"] = RecordKind.Deadline,
        ["tasks"] = RecordKind.Task,
        ["reviews"] = RecordKind.Review,
        ["objectivity-rules"] = RecordKind.ObjectivityRule,
        ["ObjectivityRules"] = RecordKind.ObjectivityRule,
        ["teams"] = RecordKind.Team,
        ["users"] = RecordKind.User,
        ["ServiceStandards"] = RecordKind.ServiceStandard,
        ["openapi"] = RecordKind.ApiDocument,
        ["supervisions"] = RecordKind.Supervision,
        ["Supervision"] = RecordKind.Supervision,
        ["reflections"] = RecordKind.Reflection,
        ["Reflections"] = RecordKind.Reflection,
        ["involvements"] = RecordKind.Involvement,
        ["Involvements"] = RecordKind.Involvement,
        ["consents"] = RecordKind.Consent,
        ["Consents"] = RecordKind.Consent,
        ["agencies"] = RecordKind.Agency,
        ["referrals"] = RecordKind.Referral,
        ["Referrals"] = RecordKind.Referral,
        ["Agencies"] = RecordKind.Agency,
        ["capacity"] = RecordKind.Practitioner,
        ["escalations"] = RecordKind.Escalation,
        ["Escalations"] = RecordKind.Escalation,
        ["actions"] = RecordKind.EscalationAction,
        ["Actions"] = RecordKind.EscalationAction,
        ["plans"] = RecordKind.Plan,
        ["Plan"] = RecordKind.Plan,
        ["goals"] = RecordKind.Goal,
        ["Goals"] = RecordKind.Goal,
        ["reports"] = RecordKind.Report,
        ["Reports"] = RecordKind.Report,
        ["Feedback"] = RecordKind.FeedbackLink,
        ["break-glass"] = RecordKind.BreakGlass,
        ["BreakGlass"] = RecordKind.BreakGlass,
        ["legal-holds"] = RecordKind.LegalHold,
        ["subject-access-requests"] = RecordKind.SubjectAccessRequest,
        ["SubjectAccess"] = RecordKind.SubjectAccessRequest,
        ["exports"] = RecordKind.AnonymisedExport,
    };

    // Page actions between a collection and its id: "/Admin/ObjectivityRules/Edit/{id?}".
    private static readonly HashSet<string> Actions = new(StringComparer.OrdinalIgnoreCase) { "Edit", "Retire", "Switch" };

    /// <summary>Each parameter of the route with the kind of record it names, or null when unknown.</summary>
    public static IReadOnlyList<(string Parameter, RecordKind? Kind)> Parameters(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var segments = route.Split('/');
        var result = new List<(string, RecordKind?)>();
        for (var i = 0; i < segments.Length; i++)
        {
            var match = Parameter().Match(segments[i]);
            if (!match.Success) continue;
            var rest = string.Join('/', segments.Skip(i + 1));
            RecordKind? kind = null;
            var switched = rest.StartsWith("switch", StringComparison.OrdinalIgnoreCase);
            for (var j = i - 1; j >= 0 && kind is null; j--)
            {
                if (Actions.Contains(segments[j]))
                {
                    switched |= segments[j].Equals("Switch", StringComparison.OrdinalIgnoreCase);
                    continue;
                }

                if (!Collections.TryGetValue(segments[j], out var found)) break;
                kind = found switch
                {
                    RecordKind.Deadline when rest.Equals("resume", StringComparison.OrdinalIgnoreCase) => RecordKind.PausedDeadline,
                    RecordKind.ObjectivityRule when switched => RecordKind.BuiltInObjectivityRule,
                    _ => found,
                };
            }

            result.Add((match.Groups[1].Value, kind));
        }

        return result;
    }

    /// <summary>The route with each parameter replaced by the id of its record; null when a parameter's kind is unknown or has no value.</summary>
    public static string? Fill(string route, Func<RecordKind, string?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(valueOf);
        var parameters = Parameters(route);
        var index = 0;
        var missing = false;
        var filled = Parameter().Replace(route, _ =>
        {
            var kind = parameters[index++].Kind;
            var value = kind is null ? null : valueOf(kind.Value);
            missing |= value is null;
            return value ?? "";
        });
        return missing ? null : filled.TrimEnd('/');
    }

    /// <summary>A case review a partner system would send (nextReviewOn after the test clock's today).</summary>
    public static object Review() => new
    {
        progress = "Jordan has attended school every day for three weeks.",
        barriers = "Mum works nights, so visits are in the afternoon.",
        risks = "No new concerns reported by the school or the family.",
        adjustments = "Weekly phone call with Mum instead of a visit.",
        decision = "continue",
        nextReviewOn = "2027-01-15",
    };

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}

/// <summary>A case with one of everything hanging off it, made through the API as a partner system would.</summary>
public sealed record CaseRecords(Guid CaseId, Guid PersonId, Guid NoteId, Guid TaskId, Guid DeadlineId, Guid PausedDeadlineId, Guid ReviewId, Guid InvolvementId, Guid ConsentId,
    Guid ReferralId, Guid PlanId = default, Guid GoalId = default)
{
    /// <summary>
    /// Opens a case (allocated to <paramref name="allocatedTo"/>, or a referral when null) with a note whose next step is a task
    /// for the caller, a one-off deadline and a paused statutory one (SEND: the EHC plan's 20 weeks), a referral on a lawful basis
    /// to the directory's first agency (when the directory has one), then closes it if asked.
    /// </summary>
    public static async Task<CaseRecords> CreateAsync(HttpClient client, string? allocatedTo, string taskOwner, string service = "send",
        bool restricted = false, string[]? restrictedTo = null, bool close = false, string noteWord = "")
    {
        ArgumentNullException.ThrowIfNull(client);
        var personId = await client.CreatePersonAsync();
        var caseId = (await client.CreateCaseAsync(personId, allocatedTo, restricted, service, restrictedTo: restrictedTo))["id"]!.GetValue<Guid>();
        var note = await client.CreateNoteAsync(caseId,
            NoteApi.Note($"Home visit {noteWord}. Jordan showed me his bedroom; there was a bed with clean bedding.")
                .With("nextSteps", new[] { new { action = "Ring the school nurse", owner = taskOwner, dueOn = "2026-11-27" } }));
        var noteId = note["id"]!.GetValue<Guid>();
        var deadlineId = await AddDeadlineAsync(client, caseId, new { title = "Send the report to court", dueDate = "2026-12-18", reason = "Directions hearing" });
        var pausedId = service == "send"
            ? await AddDeadlineAsync(client, caseId, new { timescale = "final-ehc-plan", startDate = "2026-09-01" })
            : await AddDeadlineAsync(client, caseId, new { title = "Review the plan", dueDate = "2027-01-15", reason = "Plan review" });
        if (service == "send")
        {
            var pause = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/deadlines/{pausedId}/pause")
            {
                Content = JsonContent.Create(new { reason = "Family away from the area", from = "2026-11-02" }),
            };
            pause.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            await (await client.SendAsync(pause)).ShouldBeAsync(HttpStatusCode.OK);
        }

        var review = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", RouteRecords.Review());
        await review.ShouldBeAsync(HttpStatusCode.Created);
        var reviewId = (await review.JsonAsync())["id"]!.GetValue<Guid>();
        var involvement = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { professional = new { name = "Jo Bell", role = "School nurse" }, role = "Health checks at school", from = "2026-11-02" });
        await involvement.ShouldBeAsync(HttpStatusCode.Created);
        var involvementId = (await involvement.JsonAsync())["id"]!.GetValue<Guid>();
        var consent = await client.PostAsJsonAsync($"/api/v1/people/{personId}/consents", new { purpose = "contact-by-text", agencyIds = Array.Empty<int>(), givenBy = "parent-carer", givenByName = "Sarah Taylor", method = "verbal", givenOn = "2026-11-20" });
        await consent.ShouldBeAsync(HttpStatusCode.Created);
        var consentId = (await consent.JsonAsync())["id"]!.GetValue<Guid>();
        var agencies = (await (await client.GetAsync(new Uri("/api/v1/agencies", UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        var referralId = Guid.Empty;
        if (agencies.Count > 0)
        {
            var referral = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", new
            {
                agencyId = agencies[0]!["id"]!.GetValue<int>(), reason = "Low mood", requested = "An assessment", urgency = "routine",
                lawfulBasis = new { basis = "safeguarding", reason = "Asking would put Jordan at risk", decidedBy = "Ann Lee" }, informationShared = "Name and school",
            });
            await referral.ShouldBeAsync(HttpStatusCode.Created);
            referralId = (await referral.JsonAsync())["id"]!.GetValue<Guid>();
        }

        // A plan agreed with the family: one SMART goal and an action for someone outside Caseload (so it makes no task).
        var plan = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", new
        {
            goals = new[] { new { description = "Jordan gets to school on time", measure = "scale", baseline = 3, target = 8, targetDate = "2027-03-26" } },
            actions = new[] { new { action = "Walk to school together on Mondays", owner = "Mum", dueOn = "2026-12-07" } },
            reviewOn = "2027-01-18",
        });
        await plan.ShouldBeAsync(HttpStatusCode.Created);
        var planBody = await plan.JsonAsync();
        var planId = planBody["id"]!.GetValue<Guid>();
        var goalId = planBody["goals"]![0]!["id"]!.GetValue<Guid>();
        var tasks = (await (await client.GetAsync(new Uri("/api/v1/tasks", UriKind.Relative))).JsonAsync()).AsArray();
        // The note's task, not the referral's follow-up.
        var taskId = tasks.Where(t => t!["caseId"]!.GetValue<Guid>() == caseId && t["action"]!.GetValue<string>() == "Ring the school nurse")
            .Select(t => t!["id"]!.GetValue<Guid>()).FirstOrDefault();
        if (close)
        {
            await (await client.PostJsonTextAsync($"/api/v1/cases/{caseId}/close",
                $$"""{"reason":"Needs met: the plan is in place","goalOutcomes":[{"goalId":"{{goalId}}","outcome":"achieved"}]}""")).ShouldBeAsync(HttpStatusCode.OK);
        }

        return new CaseRecords(caseId, personId, noteId, taskId, deadlineId, pausedId, reviewId, involvementId, consentId, referralId, planId, goalId);
    }

    private static async Task<Guid> AddDeadlineAsync(HttpClient client, Guid caseId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync())["id"]!.GetValue<Guid>();
    }

    public string? ValueOf(RecordKind kind) => kind switch
    {
        RecordKind.Case => CaseId.ToString(),
        RecordKind.Person => PersonId.ToString(),
        RecordKind.Note => NoteId.ToString(),
        RecordKind.Deadline => DeadlineId.ToString(),
        RecordKind.PausedDeadline => PausedDeadlineId.ToString(),
        RecordKind.Task => TaskId == Guid.Empty ? null : TaskId.ToString(),
        RecordKind.Review => ReviewId.ToString(),
        RecordKind.Involvement => InvolvementId.ToString(),
        RecordKind.Consent => ConsentId.ToString(),
        RecordKind.Referral => ReferralId == Guid.Empty ? null : ReferralId.ToString(),
        RecordKind.Plan => PlanId == Guid.Empty ? null : PlanId.ToString(),
        RecordKind.Goal => GoalId == Guid.Empty ? null : GoalId.ToString(),
        _ => null,
    };

    public IEnumerable<Guid> Ids => [CaseId, PersonId, NoteId, TaskId, DeadlineId, PausedDeadlineId, ReviewId, InvolvementId, ConsentId, ReferralId, PlanId, GoalId];
}
