using Caseload.Features.Chronology;

namespace Caseload.Features.Reviews;

public static class ReviewsSetup
{
    /// <summary>Case reviews (plan–do–review) and the caseload review a practitioner takes to supervision.</summary>
    public static void AddReviews(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ReviewService>();
        builder.Services.AddChronologySource<ReviewsChronology>();
    }

    public static void MapReviews(this IEndpointRouteBuilder app) => app.MapReviewsApi();
}
