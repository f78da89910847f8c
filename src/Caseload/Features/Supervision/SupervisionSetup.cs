namespace Caseload.Features.Supervision;

public static class SupervisionSetup
{
    /// <summary>Supervision: sessions and their agreement, the agenda from the caseload, frequency, and management oversight on the case.</summary>
    public static void AddSupervision(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<SupervisionService>();
        builder.Services.AddScoped<SupervisionAgenda>();
    }

    public static void MapSupervision(this IEndpointRouteBuilder app) => app.MapSupervisionsApi();
}
