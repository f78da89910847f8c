using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.DataProtection.LegalHolds;

public sealed record LegalHoldRequest(Guid? PersonId, Guid? CaseId, string? Service, string? Reason, string? Reference);

public sealed record LegalHoldReleaseRequest(string? Reason);

public sealed record LegalHoldDto(Guid Id, Guid? PersonId, Guid? CaseId, string? Service, string Reason, string Reference, DateTimeOffset PlacedAt, string PlacedBy,
    DateTimeOffset? ReleasedAt, string? ReleasedBy, string? ReleaseReason)
{
    public static LegalHoldDto From(LegalHold h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(h.Id, h.PersonId, h.CaseId, h.Service, h.Reason, h.Reference, h.PlacedAt, h.PlacedByName, h.ReleasedAt, h.ReleasedByName, h.ReleaseReason);
    }
}

public static class LegalHoldsApi
{
    public static void MapLegalHoldsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/legal-holds").WithTags("Legal holds");

        group.MapGet("/", async Task<IResult> (CurrentUserAccessor users, LegalHoldService holds, CancellationToken ct, string? all = null) =>
        {
            if (all is not null && all is not ("true" or "false")) return ApiProblems.Validation(new Dictionary<string, string> { ["all"] = "All must be true or false" }, StatusCodes.Status400BadRequest);
            var list = await holds.ListAsync(await users.GetAsync(ct), all == "true", ct);
            return TypedResults.Ok(new { items = list.Select(LegalHoldDto.From) });
        }).RequireAuthorization(Policies.ManageRetention).WithName("listLegalHolds")
          .WithSummary("Legal holds in force, newest first (?all=true with released ones). Data protection officers.");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, LegalHoldService holds, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<LegalHoldRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await holds.PlaceAsync(await users.GetAsync(ct), body!.PersonId, body.CaseId, body.Service, body.Reason, body.Reference, ct);
            return ApiProblems.From(outcome, h => TypedResults.Created($"/api/v1/legal-holds/{h.Id}", LegalHoldDto.From(h)));
        }).RequireAuthorization(Policies.ManageRetention).WithName("createLegalHold").Accepts<LegalHoldRequest>("application/json").Produces<LegalHoldDto>(StatusCodes.Status201Created)
          .WithSummary("Place a legal hold on one person (all their cases), one case or a whole service, with a reason and a reference: nothing it covers is destroyed until it is released.");

        group.MapPost("/{id:guid}/release", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, LegalHoldService holds, CancellationToken ct) =>
        {
            string? reason = null;
            // The body is optional: none at all releases without a reason; one sent must be well-formed.
            if (request.ContentLength is > 0 || request.ContentType is not null)
            {
                var (body, problem) = await JsonBody.ReadAsync<LegalHoldReleaseRequest>(request, ct);
                if (problem is not null) return problem;
                reason = body!.Reason;
            }

            var outcome = await holds.ReleaseAsync(await users.GetAsync(ct), id, reason, ct);
            return ApiProblems.From(outcome, h => TypedResults.Ok(LegalHoldDto.From(h)));
        }).RequireAuthorization(Policies.ManageRetention).WithName("releaseLegalHold").Accepts<LegalHoldReleaseRequest>("application/json").Produces<LegalHoldDto>()
          .WithSummary("Release a legal hold (optionally with a reason); 409 once released. What it covered may then come up for destruction again.");
    }
}
