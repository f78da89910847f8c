using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Supervision;

/// <summary>A team with a supervisor, a practitioner with a case, and steps through the supervision API, for arranging tests.</summary>
public sealed record SupervisedTeam(int TeamId, TestUser Supervisor, HttpClient SupervisorApi, TestUser Practitioner, HttpClient PractitionerApi, Guid CaseId, Guid PersonId)
{
    public static async Task<SupervisedTeam> CreateAsync(CaseloadApp app, int? parentTeamId = null, string service = "early-help")
    {
        ArgumentNullException.ThrowIfNull(app);
        var (team, supervisor) = await app.CreateTeamAsync(parentTeamId);
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(practitioner);
        var personId = await api.CreatePersonAsync("Jordan", "Ellis");
        var caseId = (await api.CreateCaseAsync(personId, practitioner.UserName, service: service))["id"]!.GetValue<Guid>();
        return new SupervisedTeam(team, supervisor, await app.ClientForAsync(supervisor), practitioner, api, caseId, personId);
    }
}

public static class SupervisionApi
{
    public const string Decision = "Continue at early help; no step-up to social care now";
    public const string Rationale = "School attendance is back to 94% and mum is engaging with the parenting course";
    public const string WellbeingWords = "Finding the weight of two court cases heavy this month";
    public const string LearningWords = "Wants training on the Graded Care Profile";
    public const string WorkloadWords = "Caseload of 18 with two in proceedings: agreed no new allocations for two weeks";

    /// <summary>A valid session for the practitioner, with one case discussion and one action for <paramref name="owner"/>.</summary>
    public static JsonObject Session(string practitioner, Guid caseId, string owner, string occurredOn = "2026-11-20", string kind = "one-to-one") => new()
    {
        ["practitioner"] = practitioner,
        ["occurredOn"] = occurredOn,
        ["kind"] = kind,
        ["caseDiscussions"] = new JsonArray(Discussion(caseId, owner)),
        ["wellbeing"] = new JsonObject { ["rating"] = 3, ["notes"] = WellbeingWords },
        ["workload"] = WorkloadWords,
        ["learning"] = LearningWords,
        ["nextSessionOn"] = "2026-12-18",
    };

    public static JsonObject Discussion(Guid caseId, string owner, string decision = Decision, string action = "Ring the school about attendance", string dueOn = "2026-12-04") => new()
    {
        ["caseId"] = caseId.ToString(),
        ["discussion"] = "Attendance, mum's engagement and Jordan's wishes",
        ["decision"] = decision,
        ["rationale"] = Rationale,
        ["actions"] = new JsonArray(new JsonObject { ["action"] = action, ["owner"] = owner, ["dueOn"] = dueOn }),
    };

    public static async Task<JsonNode> RecordAsync(this HttpClient supervisor, JsonObject session)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        var response = await supervisor.PostAsJsonAsync("/api/v1/supervisions", session);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<Guid> RecordIdAsync(this HttpClient supervisor, JsonObject session) => (await supervisor.RecordAsync(session))["id"]!.GetValue<Guid>();

    public static JsonObject Without(this JsonObject body, string key)
    {
        ArgumentNullException.ThrowIfNull(body);
        var copy = (JsonObject)body.DeepClone();
        copy.Remove(key);
        return copy;
    }

    public static JsonObject With(this JsonObject body, string key, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(body);
        var copy = (JsonObject)body.DeepClone();
        copy[key] = value;
        return copy;
    }

    /// <summary>The amendment of a session: its content (without the practitioner) and the reason.</summary>
    public static JsonObject Amendment(this JsonObject session, string reason)
    {
        var body = session.Without("practitioner");
        body["reason"] = reason;
        return body;
    }
}
