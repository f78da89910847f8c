using Caseload.Features.Chronology;
using Caseload.Platform.Hosting;

namespace Caseload.Features.Deadlines;

public static class DeadlinesSetup
{
    /// <summary>Working-day calendars, the timescale catalogue and service standards, and deadlines on cases.</summary>
    public static void AddDeadlines(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRefreshable<Calendars>();
        builder.Services.AddScoped<ServiceStandards>();
        builder.Services.AddScoped<DeadlineService>();
        builder.Services.AddChronologySource<DeadlinesChronology>();
    }

    public static void MapDeadlines(this IEndpointRouteBuilder app) => app.MapDeadlinesApi();
}
