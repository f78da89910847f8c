using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Platform.Hosting;

/// <summary>
/// An instance behind a reverse proxy: X-Forwarded-For/Proto/Host are believed only from a named proxy or network, so the
/// audit trail records the client's address and TLS ended at the proxy gives Secure cookies and HSTS.
/// </summary>
public abstract class ForwardedHeadersTests(CaseloadApp app) : IAsyncDisposable
{
    private const string Proxy = "10.1.2.3";
    private const string ProxyNetwork = "192.168.10.0/24";
    private const string Client = "203.0.113.7";
    private WebApplicationFactory<Program>? _behindProxy;

    private WebApplicationFactory<Program> BehindProxy => _behindProxy ??= Hosts.AnotherInstance(app,
        ("ForwardedHeaders:KnownProxies", $"{Proxy}, 10.1.2.4"),
        ("ForwardedHeaders:KnownNetworks", ProxyNetwork));

    public async ValueTask DisposeAsync()
    {
        if (_behindProxy is not null) await _behindProxy.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(Proxy, Client)]
    [InlineData("192.168.10.77", Client)]
    [InlineData("10.9.9.9", "10.9.9.9")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public async Task The_audit_trail_records_the_forwarded_client_only_from_a_named_proxy(string peer, string recorded)
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        using var client = Hosts.Client(BehindProxy, new CookieJar(), (Hosts.PeerHeader, peer), ("X-Forwarded-For", Client));

        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user.UserName, password = CaseloadApp.Password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var audited = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.TokenIssued && e.UserId == user.Id));
        Assert.Equal(recorded, audited.IpAddress);
    }

    [Fact]
    public async Task Tls_ended_at_a_named_proxy_gives_a_secure_session_cookie_and_hsts()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        using var client = Hosts.Client(BehindProxy, new CookieJar(),
            (Hosts.PeerHeader, Proxy), ("X-Forwarded-For", Client), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "caseload.example.gov.uk"));

        var signedIn = await client.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = CaseloadApp.Password });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("caseload=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=31536000", Assert.Single(signedIn.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Proxy, "http")]
    [InlineData("10.9.9.9", "https")]
    public async Task Plain_http_or_an_unnamed_proxys_claim_of_tls_gives_no_secure_cookie_and_no_hsts(string peer, string proto)
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        using var client = Hosts.Client(BehindProxy, new CookieJar(),
            (Hosts.PeerHeader, peer), ("X-Forwarded-Proto", proto), ("X-Forwarded-Host", "caseload.example.gov.uk"));

        var signedIn = await client.PostFormAsync("/Account/SignIn", new() { ["UserName"] = user.UserName, ["Password"] = CaseloadApp.Password });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("caseload=", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.False(signedIn.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task With_https_redirect_set_a_plain_http_request_through_the_proxy_is_sent_to_https_but_the_health_probe_is_not()
    {
        await using var redirecting = Hosts.AnotherInstance(app, ("ForwardedHeaders:KnownProxies", Proxy), ("Https:Redirect", "true"));
        using var client = Hosts.Client(redirecting, new CookieJar(),
            (Hosts.PeerHeader, Proxy), ("X-Forwarded-Proto", "http"), ("X-Forwarded-Host", "caseload.example.gov.uk"));

        var page = await client.GetAsync(new Uri("/Account/SignIn", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https://caseload.example.gov.uk/Account/SignIn", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }
}

public sealed class ForwardedHeadersTests_Sqlite(SqliteApp app) : ForwardedHeadersTests(app);

public sealed class ForwardedHeadersTests_Postgres(PostgresApp app) : ForwardedHeadersTests(app);
