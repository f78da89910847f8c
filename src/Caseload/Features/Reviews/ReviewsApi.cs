using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Reviews;

public sealed record ReviewRequest(string? Progress, string? Barriers, string? Risks, string? RiskRating, string? Adjustments, string? Decision,
    DateOnly? NextReviewOn);

public sealed record ReviewDto(Guid Id, Guid CaseId, int Number, DateOnly ReviewedOn, DateTimeOffset RecordedAt, string Author, string Progress,
    string Barriers, string Risks, string RiskRating, string? PreviousRiskRating, string Adjustments, string Decision, DateOnly NextReviewOn,
    DateOnly? WasDueOn)
{
    public static ReviewDto From(CaseReview r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.CaseId, r.Number, r.ReviewedOn, r.RecordedAt, r.AuthorName, r.Progress, r.Barriers, r.Risks, r.RiskRating.ToCode(),
            r.PreviousRiskRating?.ToCode(), r.Adjustments, r.Decision.ToCode(), r.NextReviewOn, r.WasDueOn);
    }
}

public sealed record ReviewListDto(IReadOnlyList<ReviewDto> Items);

public static class ReviewsApi
{
    public static void MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/{id:guid}/reviews").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Reviews");

        group.MapPost("/", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, ReviewService reviews, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<ReviewRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await reviews.RecordAsync(await users.GetAsync(ct), id, expected,
                new ReviewInput(body!.Progress, body.Barriers, body.Risks, body.RiskRating, body.Adjustments, body.Decision, body.NextReviewOn), ct);
            return outcome.Kind == OutcomeKind.Stale
                ? ApiProblems.Stale(Concurrency.ETagFor(outcome.Value!.CaseVersion))
                : ApiProblems.From(outcome, r => TypedResults.Created($"/api/v1/cases/{id}/reviews/{r.Review!.Id}", ReviewDto.From(r.Review)));
        }).WithSummary("Record a case review: progress, barriers, risks (riskRating re-rates the case, kept in its risk history), adjustments to the plan, "
                       + "the decision (continue, step-up, step-down, transfer, close) and nextReviewOn, which becomes the case's review date. "
                       + "A decision to close or transfer does not close or reallocate the case. If-Match with the case's ETag is optional; 412 when the case changed.")
            .Accepts<ReviewRequest>("application/json").AcceptsIfMatch();

        group.MapGet("/", async Task<IResult> (Guid id, CaseScope scope, ReviewService reviews, CancellationToken ct) =>
            TypedResults.Ok(new ReviewListDto((await reviews.ListAsync(scope.Case, ct)).Select(ReviewDto.From).ToList())))
            .WithSummary("A case's reviews, newest first.");

        group.MapGet("/{reviewId:guid}", async Task<IResult> (Guid id, Guid reviewId, CaseScope scope, ReviewService reviews, CancellationToken ct) =>
            await reviews.ReadAsync(scope.Case, reviewId, ct) is { } review
                ? TypedResults.Ok(ReviewDto.From(review))
                : ApiProblems.NotFound("No review with this id was found on this case"))
            .WithSummary("One review of the case.");
    }
}
