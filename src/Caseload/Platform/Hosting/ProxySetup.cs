using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Platform.Hosting;

/// <summary>
/// Running behind a reverse proxy or load balancer: X-Forwarded-For/Proto/Host are believed only from the proxies an operator
/// names (ForwardedHeaders:KnownProxies, ForwardedHeaders:KnownNetworks), so the audit trail records the client's address
/// and the app knows when the client used TLS. Then HSTS, HTTPS redirection (Https:Redirect) and Secure cookies follow.
/// </summary>
public static class ProxySetup
{
    public const string InstanceHeader = "X-Caseload-Instance";

    public static void AddProxyAwareness(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        var services = builder.Services;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The defaults trust loopback; only what the operator names is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in List(config["ForwardedHeaders:KnownProxies"])) o.KnownProxies.Add(ParseAddress(proxy));
            foreach (var network in List(config["ForwardedHeaders:KnownNetworks"])) o.KnownIPNetworks.Add(ParseNetwork(network));
            // A chain of named proxies (a load balancer in front of nginx) is walked back to the first address not named.
            o.ForwardLimit = null;
        });

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = config.GetValue("Https:HstsIncludeSubDomains", false);
        });
        services.AddHttpsRedirection(o => o.HttpsPort = config.GetValue<int?>("Https:Port") ?? 443);

        // Secure whenever the request came over TLS, including TLS ended at a named proxy (X-Forwarded-Proto: https).
        services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    public static void UseProxyAwareness(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var config = app.Configuration;
        if (TrustsAProxy(config)) app.UseForwardedHeaders();

        var instance = config["Hosting:InstanceName"];
        if (!string.IsNullOrWhiteSpace(instance))
        {
            // Names the instance that answered, so an operator (and scripts/cluster --check) can see the balancer spread the load.
            app.Use((ctx, next) =>
            {
                ctx.Response.Headers[InstanceHeader] = instance;
                return next(ctx);
            });
        }

        // HSTS is sent only on HTTPS requests (and never for localhost), so it is on wherever the app knows the client used TLS.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        if (RedirectsToHttps(config))
        {
            // A load balancer's health probe often comes over plain HTTP inside the network: answer it rather than redirect.
            app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }
    }

    public static bool TrustsAProxy(IConfiguration config) =>
        List(config["ForwardedHeaders:KnownProxies"]).Length > 0 || List(config["ForwardedHeaders:KnownNetworks"]).Length > 0;

    /// <summary>Https:Redirect when set; otherwise on when the app itself listens on HTTPS.</summary>
    public static bool RedirectsToHttps(IConfiguration config) =>
        config.GetValue<bool?>("Https:Redirect")
        ?? List(config["urls"]?.Replace(';', ',')).Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static string[] List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IPAddress ParseAddress(string value) => IPAddress.TryParse(value, out var address)
        ? address
        : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{value}' is not an IP address.");

    private static System.Net.IPNetwork ParseNetwork(string value) => System.Net.IPNetwork.TryParse(value, out var network)
        ? network
        : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{value}' is not a network in CIDR form (e.g. 10.0.0.0/24).");
}
