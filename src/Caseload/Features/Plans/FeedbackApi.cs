using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Plans;

public sealed record GoalViewRequest(Guid? GoalId, string? View);

public sealed record FeedbackRequest(string? From, DateOnly? ReceivedOn, string? Method, int? Rating, string? Helped, string? CouldBeBetter,
    IReadOnlyList<GoalViewRequest?>? GoalViews);

public sealed record GoalViewDto(Guid GoalId, string View);

public sealed record FeedbackDto(Guid Id, Guid CaseId, string From, DateOnly ReceivedOn, string Method, int Rating, string? Helped, string? CouldBeBetter,
    IReadOnlyList<GoalViewDto> GoalViews, bool ThroughLink, DateTimeOffset RecordedAt, string RecordedBy)
{
    public static FeedbackDto Of(CaseFeedback f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.CaseId, f.From, f.ReceivedOn, f.Method, f.Rating, f.Helped, f.CouldBeBetter,
            f.GoalViews.OrderBy(v => v.Id).Select(v => new GoalViewDto(v.GoalId, v.View)).ToList(), f.LinkId is not null, f.RecordedAt, f.RecordedByName);
    }
}

public sealed record FeedbackLinkDto(string Url, DateTimeOffset ExpiresAt);

public static class FeedbackApi
{
    public static void MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/{id:guid}").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Plans");

        group.MapGet("/feedback", async Task<IResult> (Guid id, CaseScope scope, FeedbackService feedback, CancellationToken ct) =>
        {
            var found = await feedback.ListAsync(scope.Case, ct: ct);
            return TypedResults.Ok(found.Select(FeedbackDto.Of).ToList());
        }).WithName("listCaseFeedback")
            .WithSummary("The feedback the person and their family gave on the case, newest first: recorded by hand, or sent by the family through a feedback link (throughLink).");

        group.MapPost("/feedback", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, FeedbackService feedback, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<FeedbackRequest>(request, ct);
            if (problem is not null) return problem;
            var input = new FeedbackInput(body!.From, body.ReceivedOn, body.Method, body.Rating, body.Helped, body.CouldBeBetter,
                body.GoalViews?.Select(v => v is null ? null : new GoalViewInput(v.GoalId, v.View)).ToList());
            var outcome = await feedback.RecordAsync(scope.Case, input, ct);
            return ApiProblems.From(outcome, f => TypedResults.Created($"/api/v1/cases/{id}/feedback", FeedbackDto.Of(f)));
        }).WithName("createCaseFeedback").Accepts<FeedbackRequest>("application/json")
            .WithSummary("Record feedback given to you: from (who gave it), receivedOn (not in the future), method (conversation, paper-form or text), rating "
                         + "(1 not helpful at all to 5 very helpful), helped, couldBeBetter and goalViews (optional: goalId of a goal of the plan in force and "
                         + "their view of its progress). A missing or wrong field: 422 naming it. A closed case: 422 naming status.");

        group.MapPost("/feedback-links", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, FeedbackService feedback, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var preconditionProblem)) return preconditionProblem!;
            if (expected is { } version && version != scope.Case.Version) return ApiProblems.Stale(Concurrency.ETagFor(scope.Case.Version));
            var outcome = await feedback.CreateLinkAsync(scope.Case, $"{request.Scheme}://{request.Host}{request.PathBase}", ct);
            return ApiProblems.From(outcome, l => TypedResults.Created($"/api/v1/cases/{id}/feedback", new FeedbackLinkDto(l.Url, l.Link.ExpiresAt)));
        }).WithName("createCaseFeedbackLink").Produces<FeedbackLinkDto>(StatusCodes.Status201Created).AcceptsIfMatch()
            .WithSummary("A single-use link for the family to give feedback without an account: the url (shown only now; only a hash of its token is kept) "
                         + "and when it expires. If-Match (optional): the case's ETag, 412 when it changed since. The form reveals nothing about the case; what is sent is stored on the case as coming from the family.");
    }
}
