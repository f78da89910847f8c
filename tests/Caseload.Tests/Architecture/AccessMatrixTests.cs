using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Architecture;

/// <summary>How a user stands to a case.</summary>
public enum Relationship
{
    /// <summary>Allocated to the user (a service manager, who is never allocated, opened it as a referral).</summary>
    Own,
    /// <summary>Allocated to a practitioner in the user's team.</summary>
    Colleague,
    /// <summary>Allocated to a practitioner in another team, in a service the user does not manage.</summary>
    OtherTeam,
    /// <summary>Restricted, allocated to a colleague, with the user named on it.</summary>
    RestrictedNamed,
    /// <summary>Restricted, allocated to a colleague, without the user named on it.</summary>
    RestrictedNotNamed,
    /// <summary>The user's own case, closed.</summary>
    Closed,
}

/// <summary>
/// Every route that takes a case, person, note, deadline or task id (API and pages, reads and writes) × every role × every
/// relationship, judged against one table: README "Who sees what". A case the user may not see answers 404 exactly as a
/// missing one does; a role without the route's policy gets 403 (API) or the access-denied page. Writes are sent with a body
/// or ETag that cannot succeed, so "allowed" is any answer but 404/403 and nothing changes. A route whose id this test cannot
/// fill fails it, so new routes join the matrix.
/// </summary>
public abstract partial class AccessMatrixTests(CaseloadApp app)
{
    private enum Expect
    {
        Allowed,
        Hidden,
        Denied,
        /// <summary>Seen but refused by a rule of the case: the rule's 403 / access denied, or a 400 for the input before the rule is reached; never 404.</summary>
        RefusedByRule,
        /// <summary>
        /// Break-glass: offered to whoever the policy admits on any case, seen or not, so never 404; with no reason (the matrix's empty
        /// body or form) it is refused by validation and opens nothing.
        /// </summary>
        Offered,
        /// <summary>
        /// The DPO's retention decision on any closed case, seen or not (the DPO sees no case by relationship): never refused by the
        /// policy; a change with the matrix's empty body or form is refused by validation and destroys nothing. An open case has
        /// no retention review, so its decision page is 404.
        /// </summary>
        Retention,
    }

    /// <summary>README "Who sees what": the allocated practitioner, the supervisor chain of the team and the service managers of the service; restricted cases only the named.</summary>
    private static readonly Dictionary<string, Relationship[]> Sees = new(StringComparer.Ordinal)
    {
        [Roles.Practitioner] = [Relationship.Own, Relationship.RestrictedNamed, Relationship.Closed],
        [Roles.Supervisor] = [Relationship.Own, Relationship.Colleague, Relationship.RestrictedNamed, Relationship.Closed],
        [Roles.ServiceManager] = [Relationship.Own, Relationship.Colleague, Relationship.RestrictedNamed, Relationship.Closed],
        [Roles.DataProtectionOfficer] = [],
        [Roles.Administrator] = [],
    };

    /// <summary>The roles each policy admits (Platform/Security/SecuritySetup.cs).</summary>
    private static readonly Dictionary<string, string[]> Admits = new(StringComparer.Ordinal)
    {
        [Policies.CaseWork] = [Roles.Practitioner, Roles.Supervisor, Roles.ServiceManager],
        [Policies.Supervise] = [Roles.Supervisor, Roles.ServiceManager],
        [Policies.SetPriorityWeights] = [Roles.ServiceManager],
        [Policies.SetDriftThresholds] = [Roles.ServiceManager],
        [Policies.SetWeightingScheme] = [Roles.ServiceManager],
        [Policies.SetSupervisionFrequency] = [Roles.Supervisor, Roles.ServiceManager, Roles.Administrator],
        [Policies.ReadAudit] = [Roles.DataProtectionOfficer],
        [Policies.BreakGlass] = [Roles.Practitioner, Roles.Supervisor],
        [Policies.ReviewBreakGlass] = [Roles.DataProtectionOfficer],
        [Policies.ManageRetention] = [Roles.DataProtectionOfficer],
        [Policies.ManageSubjectAccess] = [Roles.DataProtectionOfficer],
        [Policies.AnonymisedExports] = [Roles.DataProtectionOfficer, Roles.ServiceManager],
        [Policies.ApproveExports] = [Roles.DataProtectionOfficer],
        [Policies.Administer] = [Roles.Administrator],
        [Policies.SignedIn] = [.. Roles.All],
    };

    private static readonly RecordKind[] CaseData = [RecordKind.Case, RecordKind.Person, RecordKind.Note, RecordKind.Deadline, RecordKind.PausedDeadline, RecordKind.Task, RecordKind.Review,
        RecordKind.Involvement, RecordKind.Consent, RecordKind.Referral, RecordKind.Plan, RecordKind.Goal];

    private static readonly HashSet<string> ChangesThePlan = new(StringComparer.Ordinal)
    {
        "POST /api/v1/cases/{caseId:guid}/deadlines/",
        "PATCH /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}",
        "POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/met",
        "POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/pause",
        "POST /api/v1/cases/{caseId:guid}/deadlines/{deadlineId:guid}/resume",
        "POST /api/v1/cases/{caseId:guid}/priority-overrides",
        "POST /api/v1/people/{id:guid}/characteristics",
        "PATCH /api/v1/people/{id:guid}",
        "POST /Cases/{id:guid}/Priority",
        "POST /People/{id:guid}/Characteristics",
        "POST /People/{id:guid}/Details",
        "POST /api/v1/cases/{id:guid}/reviews/",
        "GET /Cases/{id:guid}/Reviews/New",
        "POST /Cases/{id:guid}/Reviews/New",
    };

    /// <summary>
    /// Where a user who sees a case is still refused, by a rule of the case rather than by who may see it: each names the routes,
    /// roles and relationships, what they answer, and why. Everything else a user sees is let through.
    /// </summary>
    private static readonly (Func<MatrixRoute, bool> Routes, string[] Roles, Relationship[] Relationships, Expect Answer, string Why)[] Rules =
    [
        (r => (r.IsPage && r.Pattern.EndsWith("/Allocate", StringComparison.Ordinal)) || r.Pattern.EndsWith("/allocation-options", StringComparison.Ordinal), [Roles.Practitioner],
            Enum.GetValues<Relationship>(), Expect.RefusedByRule,
            "only supervisors and service managers allocate"),
        (r => r.IsPage && r.Pattern.EndsWith("/Amend", StringComparison.Ordinal), [Roles.Practitioner], [Relationship.RestrictedNamed], Expect.RefusedByRule,
            "a practitioner amends only their own notes"),
        (r => r.Label == "POST /api/v1/cases/{id:guid}/closure-request/decision", [Roles.Practitioner], Enum.GetValues<Relationship>(), Expect.RefusedByRule,
            "a closure request is decided by a supervisor of the case or a service manager of its service"),
        (r => r.Label == "POST /api/v1/cases/{id:guid}/closure-request", [Roles.Practitioner], [Relationship.RestrictedNamed], Expect.RefusedByRule,
            "closure is asked for by the case's allocated practitioner and its managers, as closing is"),
        (r => r.Label == "POST /api/v1/cases/{id:guid}/plans/{planId:guid}/decision", [Roles.Practitioner], Enum.GetValues<Relationship>(), Expect.RefusedByRule,
            "a plan awaiting approval is decided by a supervisor of the case or a service manager of its service"),
        (r => r.IsPage && r.Pattern.EndsWith("/Closure/Decision", StringComparison.Ordinal), [Roles.Practitioner], Enum.GetValues<Relationship>(), Expect.RefusedByRule,
            "a closure request is decided by a supervisor of the case or a service manager of its service"),
        (r => r.IsPage && r.Pattern.EndsWith("/Closure/Request", StringComparison.Ordinal), [Roles.Practitioner], [Relationship.RestrictedNamed], Expect.RefusedByRule,
            "closure is asked for by the case's allocated practitioner and its managers, as closing is"),
        (r => ChangesThePlan.Contains(r.Label), [Roles.Practitioner], [Relationship.RestrictedNamed], Expect.RefusedByRule,
            "a practitioner named on a restricted case reads it and records notes; its deadlines, priority, reviews and the person's characteristics are for its allocated practitioner and managers"),
        (r => r.Label is "POST /api/v1/cases/{id:guid}/chronology/marks" or "POST /Cases/{id:guid}/Chronology?handler=Mark", [Roles.Practitioner],
            [Relationship.RestrictedNamed], Expect.RefusedByRule,
            "a practitioner named on a restricted case reads its chronology; marking significant events is for those who change the case"),
        (r => r.Pattern.EndsWith("/priority-history", StringComparison.Ordinal) || r.Pattern.EndsWith("/Priority", StringComparison.Ordinal),
            [.. Roles.All], [Relationship.Closed], Expect.Hidden, "a closed case is off every worklist, so it has no priority to show or override"),
    ];

    private static Expect ExpectFor(MatrixRoute route, string role, Relationship relationship)
    {
        if (!Admits.TryGetValue(route.Policy, out var roles) || !roles.Contains(role)) return Expect.Denied;
        if (route.Policy == Policies.BreakGlass) return Expect.Offered;
        if (route.Policy == Policies.ManageRetention) return Expect.Retention;
        if (!Sees[role].Contains(relationship)) return Expect.Hidden;
        var rule = Rules.FirstOrDefault(r => r.Roles.Contains(role) && r.Relationships.Contains(relationship) && r.Routes(route));
        return rule.Routes is null ? Expect.Allowed : rule.Answer;
    }

    /// <summary>Bodies that pass reading but cannot succeed, so a write that is let through changes nothing; every write also sends a stale If-Match.</summary>
    private static string HarmlessBody(string route) => route switch
    {
        _ when route.EndsWith("/met", StringComparison.Ordinal) => """{"metOn":"2099-01-01"}""",
        _ when route.EndsWith("/outcome", StringComparison.Ordinal) => """{"status":"done"}""",
        _ => "{}",
    };

    private sealed class World
    {
        public required Dictionary<string, TestUser> Users { get; init; }
        public required Dictionary<string, CaseRecords> Own { get; init; }
        public required Dictionary<string, CaseRecords> Closed { get; init; }
        public required CaseRecords Colleague { get; init; }
        public required CaseRecords OtherTeam { get; init; }
        public required CaseRecords RestrictedNamed { get; init; }
        public required CaseRecords RestrictedNotNamed { get; init; }
        public required string Word { get; init; }

        public CaseRecords For(string role, Relationship relationship) => relationship switch
        {
            Relationship.Own => Own.GetValueOrDefault(role) ?? Own[Roles.Practitioner],
            Relationship.Closed => Closed.GetValueOrDefault(role) ?? Closed[Roles.Practitioner],
            Relationship.Colleague => Colleague,
            Relationship.OtherTeam => OtherTeam,
            Relationship.RestrictedNamed => RestrictedNamed,
            Relationship.RestrictedNotNamed => RestrictedNotNamed,
            _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
        };

        public IEnumerable<CaseRecords> All => [.. Own.Values, .. Closed.Values, Colleague, OtherTeam, RestrictedNamed, RestrictedNotNamed];
    }

    private async Task<World> ArrangeAsync()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var (otherTeam, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, team);
        var outsider = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, "send");
        var users = new Dictionary<string, TestUser>(StringComparer.Ordinal)
        {
            [Roles.Practitioner] = practitioner,
            [Roles.Supervisor] = supervisor,
            [Roles.ServiceManager] = manager,
            [Roles.DataProtectionOfficer] = await app.CreateUserAsync(Roles.DataProtectionOfficer, team),
            [Roles.Administrator] = await app.CreateUserAsync(Roles.Administrator, team),
        };
        var word = "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'x');
        var colleagueApi = await app.ClientForAsync(colleague);
        // The directory has an agency before the cases' records are made, so each case has a referral.
        var adminApi = await app.ClientForAsync(users[Roles.Administrator]);
        await (await adminApi.PostAsJsonAsync("/api/v1/agencies", new { name = $"Matrix Surgery {Guid.NewGuid():N}", kind = "health" })).ShouldBeAsync(HttpStatusCode.Created);
        var own = new Dictionary<string, CaseRecords>(StringComparer.Ordinal);
        var closed = new Dictionary<string, CaseRecords>(StringComparer.Ordinal);
        foreach (var role in new[] { Roles.Practitioner, Roles.Supervisor, Roles.ServiceManager })
        {
            var user = users[role];
            var api = await app.ClientForAsync(user);
            var allocated = role == Roles.ServiceManager ? null : user.UserName;
            own[role] = await CaseRecords.CreateAsync(api, allocated, user.UserName, noteWord: word);
            closed[role] = await CaseRecords.CreateAsync(api, allocated, user.UserName, close: true, noteWord: word);
        }

        return new World
        {
            Users = users,
            Own = own,
            Closed = closed,
            Colleague = await CaseRecords.CreateAsync(colleagueApi, colleague.UserName, colleague.UserName, noteWord: word),
            OtherTeam = await CaseRecords.CreateAsync(await app.ClientForAsync(outsider), outsider.UserName, outsider.UserName, service: "careers-iag", noteWord: word),
            RestrictedNamed = await CaseRecords.CreateAsync(colleagueApi, colleague.UserName, colleague.UserName, restricted: true,
                restrictedTo: [practitioner.UserName, supervisor.UserName, manager.UserName], noteWord: word),
            RestrictedNotNamed = await CaseRecords.CreateAsync(colleagueApi, colleague.UserName, colleague.UserName, restricted: true, noteWord: word),
            Word = word,
        };
    }

    /// <summary>A route of the matrix: its key, its pattern, its method (null: a page's GET) and page handler, and its policy.</summary>
    private sealed record MatrixRoute(string Key, string Pattern, string Method, string? Handler, bool IsPage, string Policy)
    {
        public string Label => IsPage ? $"{Method} {Pattern}{(Handler is null ? "" : $"?handler={Handler}")}" : Key;

        public override string ToString() => Label;
    }

    private async Task<(List<MatrixRoute> Routes, List<string> Unknown)> RoutesAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var routes = new List<MatrixRoute>();
        var unknown = new List<string>();
        foreach (var (key, endpoint, policy) in EndpointPolicyTests.Routes(app.Services).DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var isPage = !key.Contains(' ', StringComparison.Ordinal);
            var pattern = isPage ? key : key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            var parameters = RouteRecords.Parameters(pattern);
            if (parameters.Count == 0) continue;
            if (parameters.Any(p => p.Kind is null))
            {
                unknown.Add($"{key}: the matrix does not know what {string.Join(", ", parameters.Where(p => p.Kind is null).Select(p => $"{{{p.Parameter}}}"))} names");
                continue;
            }

            if (!parameters.Any(p => CaseData.Contains(p.Kind!.Value))) continue;
            if (!isPage)
            {
                routes.Add(new MatrixRoute(key, pattern, key.Split(' ')[0].Split(',')[0], null, false, policy));
                continue;
            }

            routes.Add(new MatrixRoute(key, pattern, "GET", null, true, policy));
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!;
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name).Distinct())
            {
                routes.Add(new MatrixRoute(key, pattern, "POST", handler, true, policy));
            }
        }

        return (routes, unknown);
    }

    [Fact]
    public async Task Every_route_that_takes_case_data_answers_each_role_and_relationship_as_who_sees_what_says_and_changes_nothing()
    {
        var (routes, unknown) = await RoutesAsync();
        Assert.True(unknown.Count == 0, "Routes with an id the matrix cannot fill:\n  " + string.Join("\n  ", unknown));
        var w = await ArrangeAsync();
        var rows = new StoredRows(app, w.All.SelectMany(c => c.Ids), w.Users.Values.Select(u => u.Id));
        var before = Without(await rows.ReadAsync(), "Drafts");
        var failures = new List<string>();
        var cells = 0;
        var relationships = Enum.GetValues<Relationship>();

        foreach (var role in Roles.All)
        {
            var user = w.Users[role];
            var api = await app.ClientForAsync(user);
            var browser = await PageClient.SignInAsync(app, user);
            var token = AntiforgeryToken(await browser.GetStringAsync(new Uri("/Account/AccessDenied", UriKind.Relative)));
            foreach (var route in routes)
            {
                var missing = await SendAsync(route, RouteRecords.Fill(route.Pattern, _ => Guid.NewGuid().ToString())!, api, browser, token);
                foreach (var relationship in relationships)
                {
                    cells++;
                    var records = w.For(role, relationship);
                    var url = RouteRecords.Fill(route.Pattern, records.ValueOf);
                    var cell = $"{route} as {role} on {relationship}";
                    if (url is null)
                    {
                        failures.Add($"{cell}: no record to fill the route with");
                        continue;
                    }

                    var expected = ExpectFor(route, role, relationship);
                    var actual = await SendAsync(route, url, api, browser, token);
                    var wrong = expected switch
                    {
                        Expect.Denied when !actual.Denied => $"expected the policy to refuse (403 / access denied), got {actual}",
                        Expect.Hidden when actual.Status != HttpStatusCode.NotFound => $"expected 404 as for a missing case, got {actual}",
                        Expect.Hidden when actual.ErrorCode != missing.ErrorCode => $"answered {actual}, not exactly as a missing case ({missing})",
                        Expect.RefusedByRule when (int)actual.Status >= 500 || actual.Status == HttpStatusCode.NotFound => $"expected a case it sees to be refused by rule (403 / access denied / 400), got {actual}",
                        Expect.Offered when actual.Denied || (int)actual.Status >= 500 || actual.Status == HttpStatusCode.NotFound || ((!route.IsPage || route.Method == "POST") && (int)actual.Status < 400)
                            => $"expected emergency access to be offered and, with no reason, refused by validation, got {actual}",
                        Expect.Retention when actual.Denied || (int)actual.Status >= 500 || ((!route.IsPage || route.Method == "POST") && (int)actual.Status < 400)
                            => $"expected the DPO's retention decision to be reached and, with no decision, refused by validation, got {actual}",
                        Expect.Allowed when actual.Denied || (int)actual.Status >= 500 || actual.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden => $"expected to be let through, got {actual}",
                        _ => null,
                    };
                    if (wrong is not null) failures.Add($"{cell}: {wrong}");
                }
            }
        }

        var after = Without(await rows.ReadAsync(), "Drafts");
        if (!after.SequenceEqual(before, StringComparer.Ordinal)) failures.Add($"The matrix's requests changed what is stored:\n      {StoredRows.Difference(before, after)}");
        Assert.True(routes.Count >= 30, $"Only {routes.Count} routes take case data");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {cells} cells ({routes.Count} routes × {Roles.All.Count} roles × {relationships.Length} relationships) differ from who sees what:\n  "
            + string.Join("\n  ", failures.Take(400)));
    }

    /// <summary>What a route answered, reduced to what the matrix judges.</summary>
    private sealed record Answer(HttpStatusCode Status, string? ErrorCode, string? Location)
    {
        public bool Denied => Status == HttpStatusCode.Forbidden
            || (Location?.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) ?? false);

        public override string ToString() => $"{(int)Status}{(ErrorCode is null ? "" : $" {ErrorCode}")}{(Location is null ? "" : $" → {Location}")}";
    }

    private static async Task<Answer> SendAsync(MatrixRoute route, string url, HttpClient api, HttpClient browser, string token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Handler is null ? url : $"{url}?handler={route.Handler}");
        HttpClient client;
        if (!route.IsPage)
        {
            client = api;
            if (route.Method != "GET")
            {
                request.Content = new StringContent(HarmlessBody(route.Pattern), Encoding.UTF8, "application/json");
                request.Headers.TryAddWithoutValidation("If-Match", "\"999\"");
            }
        }
        else
        {
            client = browser;
            if (route.Method == "POST") request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        }

        using var response = await client.SendAsync(request);
        string? errorCode = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            errorCode = (await response.JsonAsync())["errorCode"]?.GetValue<string>();
        }

        var location = (int)response.StatusCode is >= 300 and < 400 ? response.Headers.Location?.ToString() : null;
        return new Answer(response.StatusCode, errorCode, location);
    }

    private static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(TokenInput().Match(html).Groups[1].Value) is { Length: > 0 } token ? token : throw new InvalidOperationException("No antiforgery token on the access-denied page");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex TokenInput();

    private static List<string> Without(IReadOnlyList<string> rows, string tableSuffix) =>
        rows.Where(r => !r.Split('|')[0].EndsWith(tableSuffix, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// A break-glass grant opens an unrestricted case through every one of its routes, and never a restricted one: with a live
    /// grant on each (as if granted before the case was restricted), a practitioner and a supervisor who are not named on the
    /// restricted case get 404 from every route that takes its records, exactly as for a missing case, while the other case answers.
    /// </summary>
    [Fact]
    public async Task A_break_glass_grant_never_opens_a_restricted_case_through_any_case_route()
    {
        var (routes, unknown) = await RoutesAsync();
        Assert.Empty(unknown);
        var w = await ArrangeAsync();
        var failures = new List<string>();
        var opened = 0;
        foreach (var role in new[] { Roles.Practitioner, Roles.Supervisor })
        {
            var user = w.Users[role];
            var now = app.Clock.GetUtcNow();
            await app.WithDbAsync(async db =>
            {
                foreach (var c in new[] { w.RestrictedNotNamed, w.OtherTeam })
                {
                    db.Add(new Caseload.Features.DataProtection.BreakGlass.BreakGlassGrant
                    {
                        Id = Guid.NewGuid(), CaseId = c.CaseId, UserId = user.Id, UserName = user.UserName, UserDisplayName = user.UserName,
                        Reason = "Duty call", GrantedAt = now, ExpiresAt = now.AddHours(4),
                    });
                }

                return await db.SaveChangesAsync();
            });
            var api = await app.ClientForAsync(user);
            var browser = await PageClient.SignInAsync(app, user);
            var token = AntiforgeryToken(await browser.GetStringAsync(new Uri("/Account/AccessDenied", UriKind.Relative)));
            var refused = await api.PostAsJsonAsync($"/api/v1/cases/{w.RestrictedNotNamed.CaseId}/break-glass", new { reason = "Duty call" });
            if (refused.StatusCode != HttpStatusCode.Forbidden) failures.Add($"break-glass on the restricted case as {role}: answered {(int)refused.StatusCode}, not 403");
            foreach (var route in routes.Where(r => r.Policy != Policies.BreakGlass && Admits.TryGetValue(r.Policy, out var admitted) && admitted.Contains(role)))
            {
                var missing = await SendAsync(route, RouteRecords.Fill(route.Pattern, _ => Guid.NewGuid().ToString())!, api, browser, token);
                var url = RouteRecords.Fill(route.Pattern, w.RestrictedNotNamed.ValueOf);
                if (url is null) continue;
                var actual = await SendAsync(route, url, api, browser, token);
                if (actual.Status != HttpStatusCode.NotFound || actual.ErrorCode != missing.ErrorCode)
                {
                    failures.Add($"{route} as {role} with a grant on a restricted case: answered {actual}, not as a missing case ({missing})");
                }

                // The unrestricted case opens: its own reads answer (or are refused by a rule of the case, never hidden).
                if (route.Method == "GET" && RouteRecords.Parameters(route.Pattern).All(p => p.Kind == RecordKind.Case))
                {
                    var open = await SendAsync(route, RouteRecords.Fill(route.Pattern, w.OtherTeam.ValueOf)!, api, browser, token);
                    opened++;
                    if (open.Status == HttpStatusCode.NotFound || (int)open.Status >= 500) failures.Add($"{route} as {role} with a grant on an unrestricted case: answered {open}");
                }
            }
        }

        Assert.True(opened >= 10, $"Only {opened} reads of the granted case were tried");
        Assert.True(failures.Count == 0, $"{failures.Count} answers differ:\n  " + string.Join("\n  ", failures.Take(100)));
    }

    // ---------------------------------------------------------------- lists and searches

    /// <summary>Routes that list or search cases, notes, tasks or deadlines, with the query that makes them show everything they may.</summary>
    private static string[] Lists(string word) =>
    [
        "GET /api/v1/cases?pageSize=1000",
        "GET /api/v1/cases?pageSize=1000&status=closed",
        "GET /api/v1/worklist",
        "GET /api/v1/worklist?team=true",
        "GET /api/v1/drift",
        "GET /api/v1/drift?team=true",
        "GET /api/v1/deadlines",
        "GET /api/v1/deadlines?scope=team",
        "GET /api/v1/worklist?scope=team",
        $"GET /api/v1/search/notes?q={word}&take=50",
        "GET /api/v1/tasks",
        "PAGE /Cases?scope=all&status=all",
        "PAGE /Worklist",
        $"PAGE /Notes/Search?q={word}",
        "PAGE /Tasks",
        "PAGE /Deadlines",
        "PAGE /Deadlines?Scope=team",
        "PAGE /Worklist?UserName=team",
        "PAGE /Team",
        "PAGE /Reviews",
        "PAGE /Drift",
        "PAGE /Drift?UserName=team",
        "GET /api/v1/capacity",
        "PAGE /Capacity",
        "PAGE /Capacity/Team",
        "GET /api/v1/reports/workload",
        "GET /api/v1/reports/deadlines",
        "PAGE /Reports/workload",
        "PAGE /Reports/deadlines",
        "GET /api/v1/reports/outcomes",
        "PAGE /Reports/outcomes",
        "GET /api/v1/reports/demand",
        "PAGE /Reports/demand",
        "GET /api/v1/reports/supervision",
        "PAGE /Reports/supervision",
        "GET /api/v1/reports/recording",
        "PAGE /Reports/recording",
        "PAGE /Reports/Dashboard",
    ];

    [Fact]
    public async Task Lists_and_searches_never_show_a_role_the_cases_of_another_team_or_restricted_cases_it_is_not_named_on()
    {
        var w = await ArrangeAsync();
        var hidden = new[] { w.OtherTeam, w.RestrictedNotNamed }
            .SelectMany(c => new[] { ("case", c.CaseId), ("person", c.PersonId), ("note", c.NoteId), ("task", c.TaskId), ("deadline", c.DeadlineId) })
            .Where(h => h.Item2 != Guid.Empty)
            .ToList();
        var failures = new List<string>();
        var checks = 0;
        foreach (var role in Roles.All)
        {
            var user = w.Users[role];
            var api = await app.ClientForAsync(user);
            var browser = await PageClient.SignInAsync(app, user);
            foreach (var list in Lists(w.Word))
            {
                checks++;
                var isPage = list.StartsWith("PAGE ", StringComparison.Ordinal);
                var url = list[(list.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                using var response = await (isPage ? browser : api).GetAsync(new Uri(url, UriKind.Relative));
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) failures.Add($"{list} as {role}: answered {(int)response.StatusCode}");
                var shown = hidden.Where(h => text.Contains(h.Item2.ToString(), StringComparison.OrdinalIgnoreCase)).Select(h => h.Item1).ToList();
                if (shown.Count > 0) failures.Add($"{list} as {role}: shows the {string.Join(", ", shown)} of a case it may not see");
            }

            // The lists are not empty by accident: each case-working role finds its own case.
            if (Sees[role].Length > 0)
            {
                var cases = await (await api.GetAsync(new Uri("/api/v1/cases?pageSize=1000", UriKind.Relative))).Content.ReadAsStringAsync();
                if (!cases.Contains(w.For(role, Relationship.Own).CaseId.ToString(), StringComparison.OrdinalIgnoreCase)) failures.Add($"GET /api/v1/cases as {role}: does not list its own case");
                var search = await (await api.GetAsync(new Uri($"/api/v1/search/notes?q={w.Word}&take=50", UriKind.Relative))).Content.ReadAsStringAsync();
                if (!search.Contains(w.For(role, Relationship.Own).NoteId.ToString(), StringComparison.OrdinalIgnoreCase)) failures.Add($"GET /api/v1/search/notes as {role}: does not find the note on its own case");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} lists showed too much:\n  " + string.Join("\n  ", failures));
    }
}

public sealed class AccessMatrixTests_Sqlite(SqliteApp app) : AccessMatrixTests(app);

public sealed class AccessMatrixTests_Postgres(PostgresApp app) : AccessMatrixTests(app);
