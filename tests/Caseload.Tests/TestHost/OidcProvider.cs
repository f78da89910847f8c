using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Caseload.Tests.TestHost;

/// <summary>
/// An organisation's OpenID Connect provider, in-process on a real loopback port (OpenIddict): discovery, signing keys, an
/// authorization endpoint (code flow, PKCE required, form_post answers) and a token endpoint, for one confidential client, the
/// app. The app's own OpenID Connect handler talks to it over HTTP, as it would to Microsoft Entra ID.
/// <para>
/// Who is signed in at the provider is the browser's business, as at a real provider: <see cref="LoginPath"/> signs a browser
/// in as any subject, name and email the test chooses (a cookie of the provider's own), and the authorization endpoint issues
/// the code for that person.
/// </para>
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "caseload-tests";
    public const string ClientSecret = "a-client-secret-for-the-tests-only";
    public const string LoginPath = "/login";
    private const string Session = "provider-session";

    private readonly WebApplication _host;

    private OidcProvider(WebApplication host, Uri authority)
    {
        _host = host;
        Authority = authority;
    }

    /// <summary>The provider's address (its issuer), e.g. http://127.0.0.1:41234/.</summary>
    public Uri Authority { get; }

    /// <summary>Starts a provider for the app whose callback is <paramref name="redirectUri"/>: no other redirect is accepted.</summary>
    public static async Task<OidcProvider> StartAsync(Uri redirectUri)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var services = builder.Services;
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(Session).AddCookie(Session);
        services.AddAuthorization();
        services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.Email, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            // No database: the one client is checked by the handlers below, and codes are self-contained (encrypted).
            o.EnableDegradedMode();
            o.UseAspNetCore().DisableTransportSecurityRequirement();

            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.RedirectUri != redirectUri.AbsoluteUri) context.Reject(Errors.InvalidRequest, "That redirect_uri is not registered.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret) context.Reject(Errors.InvalidClient, "The client is not known or its secret is wrong.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(h => h.UseInlineHandler(async context =>
            {
                var http = context.Transaction.GetHttpRequest()!.HttpContext;
                var session = await http.AuthenticateAsync(Session);
                if (!session.Succeeded)
                {
                    context.Reject(Errors.LoginRequired, "Nobody is signed in at the provider.");
                    return;
                }

                var identity = new ClaimsIdentity(session.Principal!.Claims, "provider", Claims.Name, Claims.Role);
                foreach (var claim in identity.Claims) claim.SetDestinations(Destinations.IdentityToken);
                context.SignIn(new ClaimsPrincipal(identity));
            }));
        });

        var host = builder.Build();
        host.UseAuthentication();
        host.MapGet(LoginPath, async (HttpContext http, string sub, string? name, string? email) =>
        {
            List<Claim> claims = [new(Claims.Subject, sub)];
            if (!string.IsNullOrEmpty(name))
            {
                claims.Add(new(Claims.Name, name));
                claims.Add(new(Claims.PreferredUsername, name));
            }

            if (!string.IsNullOrEmpty(email))
            {
                claims.Add(new(Claims.Email, email));
                claims.Add(new(Claims.EmailVerified, "true"));
            }

            await http.SignInAsync(Session, new ClaimsPrincipal(new ClaimsIdentity(claims, Session)));
            return Results.Text($"Signed in at the provider as {sub}");
        });
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new OidcProvider(host, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Switches on the app's single sign-on with this provider as its authority.</summary>
    public void ConfigureApp(IWebHostBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSetting("Authentication:OpenIdConnect:Authority", Authority.AbsoluteUri);
        app.UseSetting("Authentication:OpenIdConnect:ClientId", ClientId);
        app.UseSetting("Authentication:OpenIdConnect:ClientSecret", ClientSecret);
        app.UseSetting("Authentication:OpenIdConnect:DisplayName", "Test organisation");
        // The provider speaks plain HTTP on loopback; in production the authority's metadata must come over HTTPS.
        app.ConfigureTestServices(s => s.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.RequireHttpsMetadata = false));
    }

    /// <summary>A browser's own session at the provider (its cookies), in which the test signs in as whoever it likes.</summary>
    public HttpClient Browser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Authority,
        };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }
}

/// <summary>A test app with single sign-on switched on against a provider of its own.</summary>
public interface ISingleSignOnApp
{
    OidcProvider Organisation { get; }
}

public sealed class SingleSignOnSqliteApp : SqliteApp, ISingleSignOnApp
{
    private OidcProvider? _organisation;

    public OidcProvider Organisation => _organisation ?? throw new InvalidOperationException("Not started.");

    protected override async Task<string?> PrepareDatabaseAsync()
    {
        _organisation = await OidcProvider.StartAsync(SingleSignOnBrowser.AppCallback);
        return await base.PrepareDatabaseAsync();
    }

    protected override void Configure(IWebHostBuilder builder) => Organisation.ConfigureApp(builder);

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        if (_organisation is not null) await _organisation.DisposeAsync();
    }
}

public sealed class SingleSignOnPostgresApp : PostgresApp, ISingleSignOnApp
{
    private OidcProvider? _organisation;

    public OidcProvider Organisation => _organisation ?? throw new InvalidOperationException("Not started.");

    protected override async Task<string?> PrepareDatabaseAsync()
    {
        _organisation = await OidcProvider.StartAsync(SingleSignOnBrowser.AppCallback);
        return await base.PrepareDatabaseAsync();
    }

    protected override void Configure(IWebHostBuilder builder) => Organisation.ConfigureApp(builder);

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        if (_organisation is not null) await _organisation.DisposeAsync();
    }
}
