using Caseload.Features.Chronology;

namespace Caseload.Features.Plans;

public static class PlansSetup
{
    /// <summary>
    /// SMART plans: versions of a case's plan (approved by a supervisor where the service needs it), goals with their measures,
    /// actions (tasks for Caseload users) and progress; and
    /// feedback from the person and family, by hand or through a single-use link (<c>Feedback</c> in configuration).
    /// </summary>
    public static void AddPlans(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Approval of plans where the service needs it (Plans:ApprovalRequiredFor; children's social care and early help by default).
        builder.Services.AddSingleton(PlanApprovalPolicy.From(builder.Configuration));
        builder.Services.AddScoped<PlanService>();
        builder.Services.AddChronologySource<PlansChronology>();
        builder.Services.AddOptions<FeedbackOptions>().Bind(builder.Configuration.GetSection("Feedback"))
            .Validate(o => o.LinkValidFor > TimeSpan.Zero && o.FormRequestsPerClient > 0 && o.Window > TimeSpan.Zero, "Feedback link settings must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<FeedbackService>();
        builder.Services.AddChronologySource<FeedbackChronology>();
    }

    public static void MapPlans(this IEndpointRouteBuilder app)
    {
        app.MapPlansApi();
        app.MapFeedbackApi();
    }
}
