using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Closure;

public sealed record ClosureRequestBody(string? Reason, string? Summary, string? ReasonCode = null, IReadOnlyList<Cases.GoalOutcomeRequest?>? GoalOutcomes = null)
{
    public ClosureOutcomeInput Outcome => new(ReasonCode, GoalOutcomes?.Select(o => o is null ? null : new GoalOutcomeInput(o.GoalId, o.Outcome)).ToList());
}

public sealed record ClosureDecisionBody(bool? Approve, string? Comment);

public sealed record ClosureRequestDto(Guid Id, Guid CaseId, string Status, string Reason, string Summary, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment, string? ReasonCode, IReadOnlyList<Cases.GoalOutcomeDto> GoalOutcomes)
{
    public static ClosureRequestDto From(ClosureRequest r) => new(r.Id, r.CaseId, r.Status.ToString().ToLowerInvariant(), r.Reason, r.Summary,
        r.RequestedByName, r.RequestedAt, r.DecidedByName, r.DecidedAt, r.Comment, r.ReasonCode,
        r.GoalOutcomes.OrderBy(o => o.Id).Select(o => new Cases.GoalOutcomeDto(o.GoalId, o.Outcome)).ToList());
}

public static class ClosureApi
{
    public static void MapClosureApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").RequireAuthorization(Policies.CaseWork).WithTags("Cases");

        group.MapPost("/{id:guid}/closure-request", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, ClosureService closure, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ClosureRequestBody>(request, ct);
            if (problem is not null) return problem;
            var outcome = await closure.RequestAsync(await users.GetAsync(ct), id, new ClosureRequestInput(body!.Reason, body.Summary, body.Outcome), ct);
            return ApiProblems.From(outcome, r => TypedResults.Accepted($"/api/v1/cases/{id}", ClosureRequestDto.From(r)));
        }).WithSummary("Ask a supervisor to approve closing the case, with a reason and a closing summary (services where closure needs approval). 409 while a request is pending. "
                         + "reasonCode and goalOutcomes as when closing a case: checked now (422), recorded on the case when the request is approved.")
            .Accepts<ClosureRequestBody>("application/json").Produces<ClosureRequestDto>(StatusCodes.Status202Accepted).WithCaseScope("id");

        group.MapPost("/{id:guid}/closure-request/decision", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, ClosureService closure, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ClosureDecisionBody>(request, ct);
            if (problem is not null) return problem;
            var outcome = await closure.DecideAsync(await users.GetAsync(ct), id, new ClosureDecisionInput(body!.Approve, body.Comment), ct);
            return ApiProblems.From(outcome, r => TypedResults.Ok(ClosureRequestDto.From(r)));
        }).WithSummary("Approve (closing the case) or return (with a comment) the pending closure request: a supervisor of the case who did not make it.")
            .Accepts<ClosureDecisionBody>("application/json").Produces<ClosureRequestDto>().WithCaseScope("id");
    }
}
