using Caseload.Platform.Hosting;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Caseload.Features.Account;

public static class AccountSetup
{
    /// <summary>Signing in and out (pages), API tokens, and keeping a session alive while a long note is written.</summary>
    public static void AddAccount(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<SessionRefresh>();
        builder.Services.AddOptions<SignInLimitOptions>().Bind(builder.Configuration.GetSection("SignIn"))
            .Validate(o => o is { AttemptsPerClient: > 0, AttemptsPerAccount: > 0, FailuresBeforeLock: > 0 } && o.Window > TimeSpan.Zero && o.LockFor > TimeSpan.Zero,
                "SignIn limits must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<SignInCounts>();
        builder.Services.AddScoped<SignInGuard>();
        builder.Services.AddScoped<SignOutEverywhere>();
        builder.Services.AddLeasedJob<SignInCounterCleanup>(SignInCounterCleanup.Name, every: TimeSpan.FromMinutes(15), leaseLength: TimeSpan.FromMinutes(1));
        // Only used when single sign-on is configured: a refused round trip shows a page rather than an error.
        builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.Events.OnRemoteFailure = ExternalCallbackModel.RefuseAsync);
    }

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapSessionApi();
    }
}
