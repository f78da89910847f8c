using Caseload.Features.Chronology;

namespace Caseload.Features.Plans;

public static class PlansSetup
{
    /// <summary>SMART plans: versions of a case's plan, goals with their measures, actions (tasks for Caseload users) and progress.</summary>
    public static void AddPlans(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<PlanService>();
        builder.Services.AddChronologySource<PlansChronology>();
    }

    public static void MapPlans(this IEndpointRouteBuilder app) => app.MapPlansApi();
}
