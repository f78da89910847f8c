using Caseload.Platform.Audit;

namespace Caseload.Tests.Platform.Audit;

public sealed class AuditRouteTests
{
    [Theory]
    [InlineData("", "GET /People/Search")]
    [InlineData("?", "GET /People/Search")]
    [InlineData("?q=Ottilie+Smith", "GET /People/Search?q=…")]
    [InlineData("?Q=Ottilie", "GET /People/Search?Q=…")]
    [InlineData("?take=50&q=Zo%C3%AB&page=2", "GET /People/Search?take=50&q=…&page=2")]
    [InlineData("?name=Ada&team=3", "GET /People/Search?name=…&team=3")]
    [InlineData("?from=2026-01-01&to=2026-03-31&service=early-help", "GET /People/Search?from=2026-01-01&to=2026-03-31&service=early-help")]
    [InlineData("?q=", "GET /People/Search?q=")]
    [InlineData("?quarter=2", "GET /People/Search?quarter=2")]
    public void Keeps_the_route_and_its_filters_but_never_the_words_typed(string query, string expected) =>
        Assert.Equal(expected, AuditRoute.Of("GET", "/People/Search", query));
}
