using Caseload.Platform.Hosting;

namespace Caseload.Features.Worklist;

public static class WorklistSetup
{
    /// <summary>The prioritised worklist: priority rules and weights, overrides and the priority history.</summary>
    public static void AddWorklist(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRefreshable<PrioritySettings>();
        builder.Services.AddScoped<WorklistService>();
    }

    public static void MapWorklist(this IEndpointRouteBuilder app) => app.MapWorklistApi();
}
