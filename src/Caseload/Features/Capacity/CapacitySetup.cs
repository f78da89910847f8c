using Caseload.Data;
using Caseload.Features.Capacity.Escalations;
using Caseload.Platform.Hosting;

namespace Caseload.Features.Capacity;

public static class CapacitySetup
{
    /// <summary>Capacity: the weighting scheme and its versions, practitioners' capacity and agreed adjustments, utilisation and its bands.</summary>
    public static void AddCapacity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRefreshable<WeightingSettings>();
        builder.Services.AddScoped<CapacityService>();
        builder.Services.AddScoped<AllocationService>();
        builder.Services.AddScoped<TeamCapacityService>();
        builder.Services.AddScoped<EscalationRouting>();
        builder.Services.AddScoped<EscalationService>();
        builder.Services.AddLeasedJob<EscalationScan>(EscalationScan.JobName, TimeSpan.FromHours(1), TimeSpan.FromMinutes(2));
        // Each practitioner's load and capacity once a week (a run that finds the week done writes nothing).
        builder.Services.AddLeasedJob<CapacitySnapshotJob>(CapacitySnapshotJob.JobName, TimeSpan.FromHours(6), TimeSpan.FromMinutes(2));
        // Each open case's points are stored on it: kept by every save that changes what the scheme weighs, and re-weighed
        // after a change of scheme (readers weigh live any case the job has not reached yet).
        builder.Services.AddSingleton<ISaveHook, CaseWeightHook>();
        builder.Services.AddLeasedJob<CaseWeightJob>(CaseWeightJob.JobName, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));
    }

    public static void MapCapacity(this IEndpointRouteBuilder app)
    {
        app.MapCapacityApi();
        app.MapEscalationsApi();
        app.MapAllocationOptionsApi();
    }
}
