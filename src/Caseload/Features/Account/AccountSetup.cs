namespace Caseload.Features.Account;

public static class AccountSetup
{
    /// <summary>Signing in and out (pages), API tokens, and keeping a session alive while a long note is written.</summary>
    public static void AddAccount(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<SessionRefresh>();
    }

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapSessionApi();
    }
}
