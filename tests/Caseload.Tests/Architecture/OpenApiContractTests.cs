using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Architecture;

/// <summary>
/// The OpenAPI document is a contract partner systems generate clients from: every operation has a stable, unique
/// operationId (pinned here: a change renames a partner's method), declares the bearer security it needs, and documents the
/// problem details it can answer with. Redocly's recommended rules find no error in it.
/// </summary>
public sealed partial class OpenApiContractTests(SqliteApp app)
{
    /// <summary>Every operation's id. Changing one breaks partners' generated clients: add, never rename.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExpectedOperationIds = new Dictionary<string, string>
    {
        ["GET /api/v1/admin/objectivity-rules"] = "listAdminObjectivityRules",
        ["POST /api/v1/admin/objectivity-rules"] = "createAdminObjectivityRule",
        ["POST /api/v1/admin/objectivity-rules/preview"] = "previewAdminObjectivityRules",
        ["GET /api/v1/admin/objectivity-rules/{id}"] = "getAdminObjectivityRule",
        ["PUT /api/v1/admin/objectivity-rules/{id}"] = "replaceAdminObjectivityRule",
        ["POST /api/v1/admin/objectivity-rules/{id}/retire"] = "retireAdminObjectivityRule",
        ["POST /api/v1/admin/objectivity-rules/{id}/switch-off"] = "switchOffAdminObjectivityRule",
        ["POST /api/v1/admin/objectivity-rules/{id}/switch-on"] = "switchOnAdminObjectivityRule",
        ["GET /api/v1/agencies"] = "listAgencies",
        ["POST /api/v1/agencies"] = "createAgency",
        ["GET /api/v1/audit"] = "searchAuditTrail",
        ["GET /api/v1/audit/verification"] = "verifyAuditTrail",
        ["GET /api/v1/break-glass"] = "listBreakGlass",
        ["POST /api/v1/break-glass/{id}/review"] = "reviewBreakGlass",
        ["POST /api/v1/cases/{id}/break-glass"] = "createCaseBreakGlass",
        ["GET /api/v1/retention/schedule"] = "getRetentionSchedule",
        ["PUT /api/v1/retention/schedule"] = "replaceRetentionSchedule",
        ["GET /api/v1/retention/due"] = "listRetentionDue",
        ["POST /api/v1/retention/cases/{id}/decision"] = "decideRetention",
        ["GET /api/v1/legal-holds"] = "listLegalHolds",
        ["POST /api/v1/legal-holds"] = "createLegalHold",
        ["POST /api/v1/legal-holds/{id}/release"] = "releaseLegalHold",
        ["POST /api/v1/exports/anonymised"] = "requestAnonymisedExport",
        ["GET /api/v1/exports"] = "listExports",
        ["GET /api/v1/exports/{id}"] = "getExport",
        ["POST /api/v1/exports/{id}/approval"] = "approveExport",
        ["GET /api/v1/exports/{id}/download"] = "downloadExport",
        ["GET /api/v1/cases/{id}/notes/{noteId}/anonymised"] = "getAnonymisedNote",
        ["GET /api/v1/calendar/subject-access-due"] = "getCalendarSubjectAccessDue",
        ["GET /api/v1/subject-access-requests"] = "listSubjectAccessRequests",
        ["POST /api/v1/subject-access-requests"] = "createSubjectAccessRequest",
        ["GET /api/v1/subject-access-requests/{id}"] = "getSubjectAccessRequest",
        ["POST /api/v1/subject-access-requests/{id}/pause"] = "pauseSubjectAccessRequest",
        ["POST /api/v1/subject-access-requests/{id}/resume"] = "resumeSubjectAccessRequest",
        ["POST /api/v1/subject-access-requests/{id}/extension"] = "extendSubjectAccessRequest",
        ["POST /api/v1/subject-access-requests/{id}/redactions"] = "createSubjectAccessRedaction",
        ["POST /api/v1/subject-access-requests/{id}/redaction-withdrawals"] = "withdrawSubjectAccessRedaction",
        ["GET /api/v1/subject-access-requests/{id}/bundle"] = "getSubjectAccessBundle",
        ["POST /api/v1/subject-access-requests/{id}/completion"] = "completeSubjectAccessRequest",
        ["POST /api/v1/auth/sign-out-everywhere"] = "signOutEverywhere",
        ["POST /api/v1/auth/token"] = "createAuthToken",
        ["GET /api/v1/calendar/bank-holidays"] = "listCalendarBankHolidays",
        ["GET /api/v1/calendar/working-days/add"] = "addCalendarWorkingDays",
        ["GET /api/v1/cases/{id}/allocation-options"] = "listAllocationOptions",
        ["GET /api/v1/capacity"] = "listCapacity",
        ["GET /api/v1/reports/{name}"] = "getReport",
        ["POST /api/v1/reports/events"] = "recordReportEvent",
        ["GET /api/v1/reports/events"] = "listReportEvents",
        ["GET /api/v1/capacity/{userName}"] = "getCapacity",
        ["PUT /api/v1/capacity/{userName}/settings"] = "replaceCapacitySettings",
        ["POST /api/v1/capacity/{userName}/adjustments"] = "createCapacityAdjustment",
        ["POST /api/v1/escalations"] = "createEscalation",
        ["GET /api/v1/escalations"] = "listEscalations",
        ["GET /api/v1/escalations/{id}"] = "getEscalation",
        ["POST /api/v1/escalations/{id}/response"] = "respondToEscalation",
        ["POST /api/v1/escalations/actions/{id}/outcome"] = "recordEscalationActionOutcome",
        ["GET /api/v1/cases"] = "listCases",
        ["GET /api/v1/drift"] = "getDrift",
        ["GET /api/v1/deadlines"] = "getDeadlines",
        ["POST /api/v1/cases"] = "createCase",
        ["GET /api/v1/cases/{caseId}/deadlines"] = "listCaseDeadlines",
        ["POST /api/v1/cases/{caseId}/deadlines"] = "createCaseDeadline",
        ["PATCH /api/v1/cases/{caseId}/deadlines/{deadlineId}"] = "updateCaseDeadline",
        ["POST /api/v1/cases/{caseId}/deadlines/{deadlineId}/met"] = "markCaseDeadlineMet",
        ["POST /api/v1/cases/{caseId}/deadlines/{deadlineId}/pause"] = "pauseCaseDeadline",
        ["POST /api/v1/cases/{caseId}/deadlines/{deadlineId}/resume"] = "resumeCaseDeadline",
        ["GET /api/v1/cases/{caseId}/priority-history"] = "getCasePriorityHistory",
        ["POST /api/v1/cases/{caseId}/priority-overrides"] = "createCasePriorityOverride",
        ["GET /api/v1/cases/{id}"] = "getCase",
        ["PATCH /api/v1/cases/{id}"] = "updateCase",
        ["POST /api/v1/cases/{id}/close"] = "closeCase",
        ["POST /api/v1/cases/{id}/closure-request"] = "createCaseClosureRequest",
        ["POST /api/v1/cases/{id}/closure-request/decision"] = "createCaseClosureRequestDecision",
        ["GET /api/v1/cases/{id}/involvements"] = "listCaseInvolvements",
        ["POST /api/v1/cases/{id}/involvements"] = "createCaseInvolvement",
        ["POST /api/v1/cases/{id}/involvements/{involvementId}/end"] = "endCaseInvolvement",
        ["GET /api/v1/cases/{id}/referrals"] = "listCaseReferrals",
        ["POST /api/v1/cases/{id}/referrals"] = "createCaseReferral",
        ["POST /api/v1/cases/{id}/referrals/{referralId}/status"] = "recordCaseReferralStatus",
        ["GET /api/v1/cases/{id}/plans"] = "listCasePlans",
        ["GET /api/v1/cases/{id}/feedback"] = "listCaseFeedback",
        ["POST /api/v1/cases/{id}/feedback"] = "createCaseFeedback",
        ["POST /api/v1/cases/{id}/feedback-links"] = "createCaseFeedbackLink",
        ["POST /api/v1/cases/{id}/plans"] = "createCasePlan",
        ["POST /api/v1/cases/{id}/plans/{planId}/goals/{goalId}/progress"] = "recordCasePlanGoalProgress",
        ["POST /api/v1/cases/{id}/plans/{planId}/decision"] = "decideCasePlan",
        ["GET /api/v1/cases/{id}/information-sharing"] = "listCaseInformationShares",
        ["POST /api/v1/cases/{id}/information-sharing"] = "createCaseInformationShare",
        ["GET /api/v1/cases/{id}/notes"] = "listCaseNotes",
        ["POST /api/v1/cases/{id}/notes"] = "createCaseNote",
        ["GET /api/v1/cases/{id}/notes/{noteId}"] = "getCaseNote",
        ["POST /api/v1/cases/{id}/notes/{noteId}/amendments"] = "createCaseNoteAmendment",
        ["POST /api/v1/cases/{id}/notes/{noteId}/strike-through"] = "strikeThroughCaseNote",
        ["GET /api/v1/cases/{id}/chronology"] = "getCaseChronology",
        ["POST /api/v1/cases/{id}/chronology/marks"] = "markChronologyEntry",
        ["GET /api/v1/cases/{id}/reviews"] = "listCaseReviews",
        ["POST /api/v1/cases/{id}/reviews"] = "createCaseReview",
        ["GET /api/v1/cases/{id}/reviews/{reviewId}"] = "getCaseReview",
        ["POST /api/v1/notes/check"] = "checkNotes",
        ["POST /api/v1/people"] = "createPerson",
        ["GET /api/v1/people"] = "searchPeople",
        ["GET /api/v1/people/{id}"] = "getPerson",
        ["POST /api/v1/people/{id}/characteristics"] = "changePersonCharacteristics",
        ["PATCH /api/v1/people/{id}"] = "changePerson",
        ["GET /api/v1/people/{id}/consents"] = "listPersonConsents",
        ["POST /api/v1/people/{id}/consents"] = "createPersonConsent",
        ["POST /api/v1/people/{id}/consents/{consentId}/withdrawal"] = "withdrawPersonConsent",
        ["GET /api/v1/reflections"] = "listReflections",
        ["POST /api/v1/reflections"] = "createReflection",
        ["POST /api/v1/reflections/{id}/comments"] = "createReflectionComment",
        ["GET /api/v1/search/notes"] = "searchNotes",
        ["GET /api/v1/supervisions"] = "listSupervisions",
        ["POST /api/v1/supervisions"] = "createSupervision",
        ["GET /api/v1/supervisions/{id}"] = "getSupervision",
        ["POST /api/v1/supervisions/{id}/agreement"] = "createSupervisionAgreement",
        ["POST /api/v1/supervisions/{id}/amendments"] = "createSupervisionAmendment",
        ["GET /api/v1/tasks"] = "listTasks",
        ["POST /api/v1/tasks/{id}/outcome"] = "recordTaskOutcome",
        ["POST /api/v1/tasks/{id}/reassign"] = "reassignTask",
        ["GET /api/v1/timescales"] = "listTimescales",
        ["GET /api/v1/worklist"] = "getWorklist",
    };

    [Fact]
    public async Task Every_operation_has_the_operation_id_partners_generate_from()
    {
        var operations = await OperationsAsync();
        var ids = operations.ToDictionary(o => o.Key, o => (string?)o.Operation["operationId"]);
        Assert.DoesNotContain(ids, i => string.IsNullOrEmpty(i.Value));
        var duplicated = ids.GroupBy(i => i.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(i => i.Key))}").ToList();
        Assert.Empty(duplicated);
        var wrong = ids.Where(i => ExpectedOperationIds.GetValueOrDefault(i.Key) != i.Value)
            .Select(i => $"{i.Key}: '{i.Value}', expected '{ExpectedOperationIds.GetValueOrDefault(i.Key, "not in the table")}'").ToList();
        Assert.Empty(wrong);
        Assert.Empty(ExpectedOperationIds.Keys.Except(ids.Keys));
    }

    [Theory]
    [InlineData("GET", "api/v1/cases/{id}", "getCase")]
    [InlineData("GET", "api/v1/cases/{id}/notes/", "listCaseNotes")]
    [InlineData("POST", "api/v1/cases/{id}/notes/{noteId}/amendments", "createCaseNoteAmendment")]
    [InlineData("POST", "api/v1/people", "createPerson")]
    [InlineData("DELETE", "api/v1/people/{id}", "deletePerson")]
    [InlineData("PATCH", "api/v1/agencies/{id}", "updateAgency")]
    [InlineData("GET", "api/v1/search/cases", "searchCases")]
    public void Operation_ids_come_from_the_method_and_the_route(string method, string route, string expected) =>
        Assert.Equal(expected, OpenApiContract.OperationIdFor(method, route));

    [Fact]
    public async Task Every_operation_declares_bearer_security_unless_it_is_anonymous()
    {
        var json = await DocumentAsync();
        var scheme = json["components"]?["securitySchemes"]?[OpenApiContract.BearerScheme];
        Assert.NotNull(scheme);
        Assert.Equal("http", (string?)scheme["type"]);
        Assert.Equal("bearer", (string?)scheme["scheme"]);
        Assert.Equal("JWT", (string?)scheme["bearerFormat"]);

        // Which routes are anonymous comes from the endpoints' authorisation metadata, via the policy table's own reading of it.
        var anonymous = EndpointPolicyTests.Routes(app.Services)
            .Where(r => r.Declared == "(anonymous)" && r.Key.Contains(" /api/", StringComparison.Ordinal))
            .Select(r => Normalise(r.Key)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(anonymous);
        var wrong = new List<string>();
        foreach (var (key, _, _, operation) in Operations(json))
        {
            var security = operation["security"]?.AsArray();
            if (security is null) wrong.Add($"{key}: declares no security");
            else if (anonymous.Contains(key) && security.Count != 0) wrong.Add($"{key}: is anonymous but declares {security.ToJsonString()}");
            else if (!anonymous.Contains(key) && (security.Count != 1 || security[0]?[OpenApiContract.BearerScheme] is null))
            {
                wrong.Add($"{key}: needs authorisation but declares {security.ToJsonString()}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_operation_documents_its_problem_responses()
    {
        var json = await DocumentAsync();
        var problem = json["components"]?["schemas"]?[OpenApiContract.ProblemSchema]?["properties"]?.AsObject();
        Assert.NotNull(problem);
        foreach (var field in new[] { "type", "title", "status", "detail", "instance", "errorCode", "errors" }) Assert.True(problem.ContainsKey(field), field);

        var missing = new List<string>();
        foreach (var (key, path, _, operation) in Operations(json))
        {
            var responses = operation["responses"]!.AsObject();
            var expected = new List<string>();
            if (operation["security"]!.AsArray().Count > 0) expected.AddRange(["401", "403"]);
            if (path.Contains('{', StringComparison.Ordinal)) expected.Add("404");
            if (operation["requestBody"] is not null) expected.AddRange(["400", "422"]);
            missing.AddRange(expected.Where(s => !responses.ContainsKey(s)).Select(s => $"{key}: no {s}"));
            if (!responses.Any(r => r.Key.StartsWith('2'))) missing.Add($"{key}: no 2xx response");
            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4')))
            {
                var reference = (string?)response?["content"]?[OpenApiContract.ProblemMediaType]?["schema"]?["$ref"];
                if (reference != $"#/components/schemas/{OpenApiContract.ProblemSchema}") missing.Add($"{key}: {status} is not {OpenApiContract.ProblemMediaType}");
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_tag_is_described()
    {
        var json = await DocumentAsync();
        var tags = json["tags"]!.AsArray();
        Assert.NotEmpty(tags);
        Assert.DoesNotContain(tags, t => string.IsNullOrWhiteSpace((string?)t?["description"]));
    }

    /// <summary>
    /// The If-Match the document declares is the If-Match the endpoint reads: without it a required one answers 428, and an
    /// If-Match that is not one of our ETags is refused (400 invalid-if-match) exactly where the document declares the header.
    /// </summary>
    [Fact]
    public async Task If_Match_is_documented_where_the_endpoint_reads_it()
    {
        var json = await DocumentAsync();
        // Real records the case worker may see: the case scope answers 404 for any other id before If-Match is read.
        var worker = await app.CreateUserAsync(Roles.Practitioner);
        var caseWorker = await app.ClientForAsync(worker);
        var personId = await caseWorker.CreatePersonAsync();
        var caseId = (await caseWorker.CreateCaseAsync(personId, worker.UserName))["id"]!.GetValue<Guid>();
        var noteId = (await caseWorker.CreateNoteAsync(caseId, NoteApi.Note().With("nextSteps", new[] { new { action = "Phone the school", owner = worker.UserName, dueOn = "2026-12-01" } })))["id"]!.GetValue<Guid>();
        var taskId = await app.WithDbAsync(db => db.Set<Caseload.Features.Tasks.CaseTask>().Where(t => t.CaseId == caseId).Select(t => t.Id).SingleAsync());
        var deadline = await caseWorker.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Send the report", dueDate = "2026-12-04", reason = "Asked by the court" });
        var deadlineId = (await deadline.JsonAsync())["id"]!.GetValue<Guid>();
        string Fill(string path, string name) => name switch
        {
            "{id}" when path.Contains("objectivity-rules", StringComparison.Ordinal) => "local-999",
            "{id}" when path.StartsWith("/api/v1/tasks/", StringComparison.Ordinal) => taskId.ToString(),
            "{id}" when path.StartsWith("/api/v1/people/", StringComparison.Ordinal) => personId.ToString(),
            "{id}" or "{caseId}" => caseId.ToString(),
            "{noteId}" => noteId.ToString(),
            "{deadlineId}" => deadlineId.ToString(),
            _ => Guid.NewGuid().ToString(),
        };
        var administrator = await app.ClientForAsync(await app.CreateUserAsync(Roles.Administrator));
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var wrong = new List<string>();
        var declaredAnywhere = 0;
        foreach (var (key, path, method, operation) in Operations(json))
        {
            if (method is "get" || operation["security"]!.AsArray().Count == 0) continue;
            var header = operation["parameters"]?.AsArray().FirstOrDefault(p => (string?)p?["name"] == "If-Match" && (string?)p?["in"] == "header");
            var required = (bool?)header?["required"] == true;
            if (header is not null)
            {
                declaredAnywhere++;
                var responses = operation["responses"]!.AsObject();
                if (!responses.ContainsKey("412")) wrong.Add($"{key}: takes If-Match but documents no 412");
                if (required != responses.ContainsKey("428")) wrong.Add($"{key}: If-Match required={required} but 428 documented={responses.ContainsKey("428")}");
            }

            // Signing out everywhere ends the caller's tokens: each of its requests gets a caller of its own.
            async Task<HttpClient> CallerAsync() => path.StartsWith("/api/v1/admin/", StringComparison.Ordinal) ? administrator
                : path.StartsWith("/api/v1/retention/", StringComparison.Ordinal) || path.StartsWith("/api/v1/legal-holds", StringComparison.Ordinal)
                    || path.StartsWith("/api/v1/subject-access-requests", StringComparison.Ordinal)
                    || path.StartsWith("/api/v1/exports", StringComparison.Ordinal) ? dpo
                : path == "/api/v1/auth/sign-out-everywhere" ? await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner))
                : caseWorker;
            var url = PathParameter().Replace(path, m => Fill(path, m.Value));
            var without = await SendAsync(await CallerAsync(), method, url, ifMatch: null);
            if ((without.Status == HttpStatusCode.PreconditionRequired) != required)
            {
                wrong.Add($"{key}: without If-Match answers {(int)without.Status} {without.ErrorCode}; the document says required={required}");
            }

            var notOurs = await SendAsync(await CallerAsync(), method, url, ifMatch: "not-an-etag");
            if ((notOurs.ErrorCode == "invalid-if-match") != (header is not null))
            {
                wrong.Add($"{key}: with a foreign If-Match answers {(int)notOurs.Status} {notOurs.ErrorCode}; the document declares the header: {header is not null}");
            }
        }

        Assert.True(declaredAnywhere > 0, "No operation declares If-Match");
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Redocly_recommended_rules_find_no_error()
    {
        var tool = Path.Combine(RepositoryRoot(), "tools", "openapi");
        var cli = Path.Combine(tool, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Redocly CLI is not installed: run `npm ci` in tools/openapi (scripts/test does). Looked for {cli}");
        var file = Path.Combine(Path.GetTempPath(), $"caseload-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = tool,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { cli, "lint", file, "--config", Path.Combine(tool, "redocly.yaml"), "--max-problems", "1000" }) start.ArgumentList.Add(arg);
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            start.Environment["NO_COLOR"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var report = $"{await output}\n{await errors}";
            Assert.True(process.ExitCode == 0, $"redocly lint found errors (exit {process.ExitCode}):\n{report}");
            // Warnings fail too: each is a gap a partner's generated client or reader would meet. Fix it rather than ignore it.
            Assert.False(LintWarnings().IsMatch(report), $"redocly lint found warnings:\n{report}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private async Task<List<(string Key, string Path, string Method, JsonObject Operation)>> OperationsAsync() => Operations(await DocumentAsync());

    private static List<(string Key, string Path, string Method, JsonObject Operation)> Operations(JsonNode json) =>
        json["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject()
                .Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete")
                .Select(m => ($"{m.Key.ToUpperInvariant()} {p.Key}", p.Key, m.Key, m.Value!.AsObject())))
            .ToList();

    // "POST /api/v1/cases/{id:guid}/close" and "GET /api/v1/cases/" as the document writes them.
    private static string Normalise(string routeKey)
    {
        var key = RouteConstraint().Replace(routeKey, "}");
        return key.Length > 1 && key.EndsWith('/') ? key[..^1] : key;
    }

    private static async Task<(HttpStatusCode Status, string? ErrorCode)> SendAsync(HttpClient client, string method, string url, string? ifMatch)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        string? errorCode = null;
        if (response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: OpenApiContract.ProblemMediaType })
        {
            errorCode = (string?)(await response.JsonAsync())["errorCode"];
        }

        return (response.StatusCode, errorCode);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Caseload.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No Caseload.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"You have \d+ warnings?")]
    private static partial Regex LintWarnings();

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
