using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Architecture;

/// <summary>
/// Every GET route (API and pages) met with a NUL character (%00) in each of its query parameters: the API answers 400
/// problem details naming the parameter, a page answers 400 with the GOV.UK error page; never a 5xx, on either database.
/// Query parameters come from the handlers themselves (a minimal API's parameters, a page's GET-bound properties and handler
/// parameters), so a new route or parameter joins the sweep; every route also gets one parameter it does not expect.
/// </summary>
public abstract class QueryNulSweepTests(CaseloadApp app)
{
    /// <summary>Query parameters a page reads by hand rather than by binding.</summary>
    private static readonly Dictionary<string, string[]> ReadByHand = new(StringComparer.Ordinal)
    {
        ["/Cases/{id:guid}"] = ["noteType", "notesFrom", "notesTo"],
    };

    private static readonly HashSet<Type> Simple =
        [typeof(string), typeof(int), typeof(long), typeof(bool), typeof(Guid), typeof(DateOnly), typeof(DateTimeOffset), typeof(DateTime)];

    private static bool IsQueryValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return Simple.Contains(t) || t.IsEnum;
    }

    private static List<string> QueryParameters(RouteEndpoint endpoint, PageLoader loader)
    {
        var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            names.AddRange(handler.GetParameters().Where(p => p.Name is not null && !routeValues.Contains(p.Name) && IsQueryValue(p.ParameterType)).Select(p => p.Name!));
        }
        else if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
        {
            var compiled = loader.LoadAsync(descriptor, endpoint.Metadata).GetAwaiter().GetResult();
            names.AddRange(compiled.HandlerTypeInfo.GetProperties()
                .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true } && !routeValues.Contains(p.Name) && IsQueryValue(p.PropertyType))
                .Select(p => p.Name));
            names.AddRange(compiled.HandlerMethods.Where(h => h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Parameters)
                .Where(p => !routeValues.Contains(p.Name) && IsQueryValue(p.ParameterType))
                .Select(p => p.Name));
        }

        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    [Fact]
    public async Task Every_get_route_refuses_a_nul_in_any_query_parameter_with_a_400()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var users = new Dictionary<string, TestUser>(StringComparer.Ordinal)
        {
            [Policies.CaseWork] = practitioner,
            [Policies.SignedIn] = practitioner,
            ["(anonymous)"] = practitioner,
            [Policies.Supervise] = supervisor,
            [Policies.SetPriorityWeights] = await app.CreateUserAsync(Roles.ServiceManager, null, "send"),
            [Policies.SetDriftThresholds] = await app.CreateUserAsync(Roles.ServiceManager, null, "send"),
            [Policies.SetWeightingScheme] = await app.CreateUserAsync(Roles.ServiceManager, null, "send"),
            [Policies.SetSupervisionFrequency] = supervisor,
            [Policies.ReadAudit] = await app.CreateUserAsync(Roles.DataProtectionOfficer),
            [Policies.BreakGlass] = practitioner,
            [Policies.Administer] = await app.CreateUserAsync(Roles.Administrator),
        };
        users[Policies.ReviewBreakGlass] = users[Policies.ReadAudit];
        users[Policies.ManageRetention] = users[Policies.ReadAudit];
        users[Policies.ManageSubjectAccess] = users[Policies.ReadAudit];
        users[Policies.AnonymisedExports] = users[Policies.ReadAudit];
        users[Policies.ApproveExports] = users[Policies.ReadAudit];
        var api = await app.ClientForAsync(practitioner);
        var adminApi = await app.ClientForAsync(users[Policies.Administer]);
        // The directory has an agency before the case's records are made, so the case has a referral.
        await (await adminApi.PostAsJsonAsync("/api/v1/agencies", new { name = $"Sweep Surgery {Guid.NewGuid():N}", kind = "health" })).ShouldBeAsync(HttpStatusCode.Created);
        var records = await CaseRecords.CreateAsync(api, practitioner.UserName, practitioner.UserName);
        var rules = (await (await adminApi.GetAsync(new Uri("/api/v1/admin/objectivity-rules", UriKind.Relative))).JsonAsync()).AsArray();
        string? ValueOf(RecordKind kind) => kind switch
        {
            RecordKind.ObjectivityRule or RecordKind.BuiltInObjectivityRule => rules[0]!["id"]!.GetValue<string>(),
            RecordKind.Team => team.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RecordKind.User => practitioner.Id,
            RecordKind.ServiceStandard or RecordKind.Agency => "", // the forms for a new one
            RecordKind.ApiDocument => "v1",
            // The query is refused before the session is looked for.
            RecordKind.Supervision or RecordKind.Reflection or RecordKind.Escalation or RecordKind.EscalationAction => Guid.NewGuid().ToString(),
            RecordKind.Practitioner => practitioner.UserName,
            RecordKind.Report => "workload",
            // A well-formed token of no link: the family's form answers as for a used one.
            RecordKind.FeedbackLink => Caseload.Features.Plans.FeedbackRules.NewToken(),
            RecordKind.BreakGlass or RecordKind.LegalHold or RecordKind.SubjectAccessRequest or RecordKind.AnonymisedExport => Guid.NewGuid().ToString(),
            _ => records.ValueOf(kind),
        };

        var loader = app.Services.GetRequiredService<PageLoader>();
        var apiClients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var browsers = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var failures = new List<string>();
        var requests = 0;
        var routes = EndpointPolicyTests.Routes(app.Services)
            .Where(r => !r.Key.Contains(' ', StringComparison.Ordinal) || r.Key.Split(' ')[0].Split(',').Contains("GET"))
            .DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        foreach (var (key, endpoint, policy) in routes)
        {
            var route = key.Contains(' ', StringComparison.Ordinal) ? key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..] : key;
            var isApi = route.StartsWith("/api/", StringComparison.Ordinal);
            var url = RouteRecords.Fill(route, ValueOf);
            if (url is null || !users.TryGetValue(policy, out var user))
            {
                failures.Add($"{key}: cannot be exercised ({(url is null ? "an id it takes is not one this sweep makes" : $"no user for policy {policy}")})");
                continue;
            }

            if (url.Length == 0) url = "/";
            HttpClient client;
            if (isApi)
            {
                if (!apiClients.TryGetValue(user.Id, out client!)) apiClients[user.Id] = client = await app.ClientForAsync(user);
            }
            else if (!browsers.TryGetValue(user.Id, out client!))
            {
                browsers[user.Id] = client = await PageClient.SignInAsync(app, user);
            }

            var parameters = QueryParameters(endpoint, loader).Concat(ReadByHand.GetValueOrDefault(route) ?? []).Append("unexpected").ToList();
            foreach (var parameter in parameters)
            {
                requests++;
                var target = $"{url}?{Uri.EscapeDataString(parameter)}=a%00b";
                using var response = await client.GetAsync(new Uri(target, UriKind.Relative));
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status != 400) failures.Add($"GET {target}: answered {status}");
                else if (isApi && (type != "application/problem+json" || !text.Contains("\"errorCode\":\"invalid-query\"", StringComparison.Ordinal)
                                   || !text.Contains($"\"{parameter}\":", StringComparison.Ordinal)))
                {
                    failures.Add($"GET {target}: answered 400 without problem details naming '{parameter}' ({type}): {text[..Math.Min(200, text.Length)]}");
                }
                else if (!isApi && (type != "text/html" || !text.Contains("The web address could not be read", StringComparison.Ordinal)))
                {
                    failures.Add($"GET {target}: answered 400 without the error page ({type})");
                }
            }
        }

        foreach (var c in apiClients.Values.Concat(browsers.Values)) c.Dispose();
        Assert.True(routes.Count >= 60, $"Only {routes.Count} GET routes were found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests over {routes.Count} routes were mishandled:\n  " + string.Join("\n  ", failures.Take(80)));
    }
}

public sealed class QueryNulSweepTests_Sqlite(SqliteApp app) : QueryNulSweepTests(app);

public sealed class QueryNulSweepTests_Postgres(PostgresApp app) : QueryNulSweepTests(app);
