using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.TestHost;

/// <summary>Other app instances on a test app's database, and clients that reach them as a browser or a proxy would.</summary>
public static class Hosts
{
    /// <summary>
    /// Names the TCP peer of a test request. The in-memory server has no connection, and a request with no peer address is
    /// one the forwarded-headers middleware believes, so tests say who is calling: a named proxy or not.
    /// </summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>Another instance on the same database, with its own services (key ring, caches) and extra settings.</summary>
    public static WebApplicationFactory<Program> AnotherInstance(CaseloadApp app, params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        var factory = app.Factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, PeerFromHeader>());
        });
        _ = factory.Server;
        return factory;
    }

    /// <summary>A client of the host that keeps cookies in <paramref name="jar"/> (shared by clients of several hosts, like one browser) and sends the given headers.</summary>
    public static HttpClient Client(WebApplicationFactory<Program> factory, CookieJar jar, params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateDefaultClient(new RequestHeaders(headers), jar.Handler());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, inner) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers[PeerHeader], out var peer)) ctx.Connection.RemoteIpAddress = peer;
                ctx.Request.Headers.Remove(PeerHeader);
                return inner(ctx);
            });
            next(app);
        };
    }

    private sealed class RequestHeaders((string Name, string Value)[] headers) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>
/// A browser's cookies, kept by name and sent back whatever their Secure flag: the test client speaks plain HTTP to the
/// app even when a proxy in front would have used TLS. The raw Set-Cookie headers stay on the responses for assertions.
/// </summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string? this[string name] { get { lock (_cookies) return _cookies.GetValueOrDefault(name); } }

    public DelegatingHandler Handler() => new JarHandler(this);

    private sealed class JarHandler(CookieJar jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (jar._cookies)
            {
                if (jar._cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", jar._cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                lock (jar._cookies)
                {
                    foreach (var setCookie in setCookies)
                    {
                        var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                        if (pair.Length != 2) continue;
                        var expired = setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                        if (expired || pair[1].Length == 0) jar._cookies.Remove(pair[0]);
                        else jar._cookies[pair[0]] = pair[1];
                    }
                }
            }

            return response;
        }
    }
}
