namespace Caseload.Features.Chronology;

public static class ChronologySetup
{
    /// <summary>
    /// The case chronology: the child's story in date order, gathered from each feature's <see cref="IChronologySource"/>
    /// (registered by the feature itself), and the marks of significant events.
    /// </summary>
    public static void AddChronology(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ChronologyService>();
    }

    public static void MapChronology(this IEndpointRouteBuilder app) => app.MapChronologyApi();
}
