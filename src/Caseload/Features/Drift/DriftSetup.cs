using Caseload.Platform.Hosting;

namespace Caseload.Features.Drift;

public static class DriftSetup
{
    /// <summary>Drift: the rules and their thresholds, the drift lists and the daily scan that records when each signal started.</summary>
    public static void AddDrift(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRefreshable<DriftSettings>();
        builder.Services.AddScoped<DriftService>();
        // Daily, on one instance at a time; a run over a large authority takes seconds, and the lease is renewed while it runs.
        builder.Services.AddLeasedJob<DriftScan>(DriftScan.JobName, TimeSpan.FromDays(1), TimeSpan.FromMinutes(5));
    }

    public static void MapDrift(this IEndpointRouteBuilder app) => app.MapDriftApi();
}
