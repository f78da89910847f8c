using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.DataProtection.BreakGlass;

public sealed record BreakGlassRequest(string? Reason);

public sealed record BreakGlassReviewRequest(bool? Appropriate, string? Comment);

public sealed record BreakGlassReviewDto(DateTimeOffset At, string By, bool Appropriate, string Comment);

public sealed record BreakGlassDto(Guid Id, Guid CaseId, string UserName, string UserDisplayName, string Reason, DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt, int? EventsDuringGrant, BreakGlassReviewDto? Review)
{
    public static BreakGlassDto From(BreakGlassGrant g, int? events = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new(g.Id, g.CaseId, g.UserName, g.UserDisplayName, g.Reason, g.GrantedAt, g.ExpiresAt, events,
            g.ReviewedAt is { } at ? new BreakGlassReviewDto(at, g.ReviewedByName ?? "", g.Appropriate == true, g.ReviewComment ?? "") : null);
    }
}

public static class BreakGlassApi
{
    public static void MapBreakGlassApi(this IEndpointRouteBuilder app)
    {
        // Not in the case scope: the caller may not see the case yet. The service finds it, refuses a restricted one (403) and one
        // the caller already sees (409), and audits the grant against the case.
        app.MapPost("/api/v1/cases/{id:guid}/break-glass", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, BreakGlassService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<BreakGlassRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.GrantAsync(await users.GetAsync(ct), id, body!.Reason, ct);
            return ApiProblems.From(outcome, g => TypedResults.Created($"/api/v1/cases/{g.CaseId}", BreakGlassDto.From(g)));
        }).RequireAuthorization(Policies.BreakGlass).WithTags("Break-glass").Accepts<BreakGlassRequest>("application/json")
          .WithSummary("Emergency access, with a reason, to a case the caller may not see: for a few hours (DataProtection:BreakGlassHours, default 4), "
                       + "every read audited as break-glass. Never a restricted case (403); a case the caller already sees is 409.")
          .WithName("createCaseBreakGlass");

        app.MapGet("/api/v1/break-glass", async Task<IResult> (CurrentUserAccessor users, BreakGlassService service, CancellationToken ct, string? reviewed = null) =>
        {
            bool? r = null;
            if (!string.IsNullOrWhiteSpace(reviewed))
            {
                if (!bool.TryParse(reviewed.Trim(), out var parsed))
                {
                    return ApiProblems.Validation(new Dictionary<string, string> { ["reviewed"] = "Reviewed must be true or false" }, StatusCodes.Status400BadRequest);
                }

                r = parsed;
            }

            var uses = await service.ListAsync(await users.GetAsync(ct), r, ct);
            return TypedResults.Ok(new { items = uses.Select(u => BreakGlassDto.From(u.Grant, u.EventsDuringGrant)) });
        }).RequireAuthorization(Policies.ReviewBreakGlass).WithTags("Break-glass")
          .WithSummary("Break-glass uses, newest first (data protection officers); reviewed=false for those awaiting review.")
          .WithName("listBreakGlass");

        app.MapPost("/api/v1/break-glass/{id:guid}/review", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, BreakGlassService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<BreakGlassReviewRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.ReviewAsync(await users.GetAsync(ct), id, body!.Appropriate, body.Comment, ct);
            return ApiProblems.From(outcome, g => TypedResults.Ok(BreakGlassDto.From(g)));
        }).RequireAuthorization(Policies.ReviewBreakGlass).WithTags("Break-glass").Accepts<BreakGlassReviewRequest>("application/json")
          .WithSummary("The DPO's review of a break-glass use: appropriate or not, with a comment (409 once reviewed).")
          .WithName("reviewBreakGlass");
    }
}
