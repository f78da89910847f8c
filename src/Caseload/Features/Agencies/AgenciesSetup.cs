namespace Caseload.Features.Agencies;

public static class AgenciesSetup
{
    /// <summary>Other agencies: the directory, who else is involved on a case, and consent.</summary>
    public static void AddAgencies(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AgencyService>();
        builder.Services.AddScoped<InvolvementService>();
        builder.Services.AddScoped<ConsentService>();
    }

    public static void MapAgencies(this IEndpointRouteBuilder app) => app.MapAgenciesApi();
}
