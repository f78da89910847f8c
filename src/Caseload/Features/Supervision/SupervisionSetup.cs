using Caseload.Features.Chronology;
using Caseload.Features.Supervision.Reflections;

namespace Caseload.Features.Supervision;

public static class SupervisionSetup
{
    /// <summary>Supervision: sessions and their agreement, the agenda from the caseload, frequency, management oversight on the case, and the reflective log.</summary>
    public static void AddSupervision(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<SupervisionService>();
        builder.Services.AddScoped<SupervisionAgenda>();
        builder.Services.AddScoped<DemoSupervision>();
        builder.Services.AddScoped<ReflectionService>();
        builder.Services.AddChronologySource<SupervisionChronology>();
    }

    public static void MapSupervision(this IEndpointRouteBuilder app)
    {
        app.MapSupervisionsApi();
        app.MapReflectionsApi();
    }
}
