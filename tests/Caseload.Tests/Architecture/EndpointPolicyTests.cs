using Caseload.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Architecture;

/// <summary>Deny by default: every page and endpoint names a policy, unless it is on the short list that must be public.</summary>
public sealed class EndpointPolicyTests(SqliteApp app)
{
    private static readonly HashSet<string> Public =
    [
        "/Account/SignIn", "/Account/AccessDenied", "/Account/ExternalCallback", "/Error",
        "/api/v1/auth/token", "/openapi/{documentName}.json", "/health",
        // Public reference data from GOV.UK: bank holidays and working-day sums, no case data.
        "/api/v1/calendar/",
    ];

    [Fact]
    public void Every_endpoint_but_the_public_ones_requires_a_named_policy()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var unguarded = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => a.Policy is not null || a.Roles is not null).ToList();
            if (Public.Any(p => route.StartsWith(p, StringComparison.Ordinal))) continue;
            if (anonymous || policies.Count == 0) unguarded.Add(route);
        }

        Assert.Empty(unguarded);
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
