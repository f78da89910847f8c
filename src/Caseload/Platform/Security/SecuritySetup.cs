using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Caseload.Data;
using Caseload.Features.Administration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Caseload.Platform.Security;

public sealed class ApiTokenOptions
{
    public const string Issuer = "caseload";
    public const string Audience = "caseload-api";
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);
    public required SymmetricSecurityKey SigningKey { get; init; }
}

public static class SecuritySetup
{
    private const string SmartScheme = "CookieOrBearer";

    public static void AddCaseloadSecurity(this WebApplicationBuilder builder, string dataDirectory)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUserAccessor>();
        services.AddScoped<Sessions>();

        services.AddIdentity<CaseloadUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                // No lockout settings: wrong passwords lock a (user name, client address) pair, never the account for everyone
                // (Features/Account/SignInGuard), so Identity's failure counter is not used.
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<CaseloadDb>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "caseload";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
            // Every request checks its session against the database; signing out ends it on the server (Sessions).
            o.Events.OnSigningIn = Sessions.StartAsync;
            o.Events.OnValidatePrincipal = Sessions.ValidateCookieAsync;
            o.Events.OnSigningOut = Sessions.EndAsync;
        });

        var key = LoadSigningKey(builder.Configuration, dataDirectory);
        services.AddSingleton(new ApiTokenOptions { SigningKey = key });

        var auth = services.AddAuthentication(o =>
        {
            // AddIdentity set the cookie as the default for authenticate and challenge: both go through the selector instead.
            o.DefaultScheme = SmartScheme;
            o.DefaultAuthenticateScheme = SmartScheme;
            o.DefaultChallengeScheme = SmartScheme;
            o.DefaultForbidScheme = SmartScheme;
        });
        // The API (/api/...) knows callers by bearer token only, never by the sign-in cookie: a page on the same site cannot
        // make a browser send a bearer token, so the API needs no antiforgery check. Pages use the cookie.
        auth.AddPolicyScheme(SmartScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
            ctx.Request.Path.StartsWithSegments("/api")
            || ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : IdentityConstants.ApplicationScheme);
        auth.AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = ApiTokenOptions.Issuer,
                ValidAudience = ApiTokenOptions.Audience,
                IssuerSigningKey = key,
                NameClaimType = ClaimTypes.Name,
                RoleClaimType = ClaimTypes.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            // A token stops working at once when its account is deactivated or deleted or its stamp changes; its roles are the account's now.
            o.Events = new JwtBearerEvents { OnTokenValidated = Sessions.ValidateTokenAsync };
        });

        // Token lifetimes are judged by the app's clock, so the rules hold at any date a test or operator sets.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((o, clock) =>
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now + p.ClockSkew) && (expires is null || expires > now - p.ClockSkew);
            });

        // Single sign-on for an authority (e.g. Microsoft Entra ID): set Authentication:OpenIdConnect:Authority and ClientId.
        var oidc = builder.Configuration.GetSection("Authentication:OpenIdConnect");
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc["DisplayName"] ?? "Single sign-on", o =>
            {
                o.Authority = oidc["Authority"];
                o.ClientId = oidc["ClientId"];
                o.ClientSecret = oidc["ClientSecret"];
                o.ResponseType = "code";
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Scope.Add("email");
                o.CallbackPath = "/signin-oidc";
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.CaseWork, p => p.RequireAuthenticatedUser().RequireRole(Roles.Practitioner, Roles.Supervisor, Roles.ServiceManager))
            .AddPolicy(Policies.Supervise, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.ServiceManager))
            .AddPolicy(Policies.SetPriorityWeights, p => p.RequireAuthenticatedUser().RequireRole(Roles.ServiceManager))
            .AddPolicy(Policies.SetDriftThresholds, p => p.RequireAuthenticatedUser().RequireRole(Roles.ServiceManager))
            .AddPolicy(Policies.SetWeightingScheme, p => p.RequireAuthenticatedUser().RequireRole(Roles.ServiceManager))
            .AddPolicy(Policies.SetSupervisionFrequency, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.ServiceManager, Roles.Administrator))
            .AddPolicy(Policies.ReadAudit, p => p.RequireAuthenticatedUser().RequireRole(Roles.DataProtectionOfficer))
            .AddPolicy(Policies.BreakGlass, p => p.RequireAuthenticatedUser().RequireRole(Roles.Practitioner, Roles.Supervisor)
                .RequireAssertion(ctx => !ctx.User.IsInRole(Roles.Administrator)))
            .AddPolicy(Policies.ReviewBreakGlass, p => p.RequireAuthenticatedUser().RequireRole(Roles.DataProtectionOfficer))
            .AddPolicy(Policies.ManageRetention, p => p.RequireAuthenticatedUser().RequireRole(Roles.DataProtectionOfficer))
            .AddPolicy(Policies.ManageSubjectAccess, p => p.RequireAuthenticatedUser().RequireRole(Roles.DataProtectionOfficer))
            .AddPolicy(Policies.AnonymisedExports, p => p.RequireAuthenticatedUser().RequireRole(Roles.DataProtectionOfficer, Roles.ServiceManager))
            .AddPolicy(Policies.ApproveExports, p => p.RequireAuthenticatedUser().RequireRole(Roles.DataProtectionOfficer))
            .AddPolicy(Policies.Administer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
    }

    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        // The API, and a page's script asking for JSON (the timeout warning's keep-alive), get a status rather than a page.
        if (ctx.Request.Path.StartsWithSegments("/api") || AsksForJsonOnly(ctx.Request))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static bool AsksForJsonOnly(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accept
        && accept.All(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || a.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    // Tokens must verify on every instance: an operator sets Authentication:TokenSigningKey (base64, 32+ bytes);
    // the embedded default keeps a generated key beside the SQLite database.
    private static SymmetricSecurityKey LoadSigningKey(ConfigurationManager config, string dataDirectory)
    {
        var configured = config["Authentication:TokenSigningKey"];
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            bytes = Convert.FromBase64String(configured);
        }
        else
        {
            var path = Path.Combine(dataDirectory, "token-signing.key");
            if (File.Exists(path))
            {
                bytes = Convert.FromBase64String(File.ReadAllText(path, Encoding.ASCII).Trim());
            }
            else
            {
                bytes = RandomNumberGenerator.GetBytes(32);
                Directory.CreateDirectory(dataDirectory);
                File.WriteAllText(path, Convert.ToBase64String(bytes), Encoding.ASCII);
            }
        }

        if (bytes.Length < 32) throw new InvalidOperationException("Authentication:TokenSigningKey must be at least 32 bytes (base64).");
        return new SymmetricSecurityKey(bytes);
    }
}
