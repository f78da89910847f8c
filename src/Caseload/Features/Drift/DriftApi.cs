using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Drift;

public sealed record DriftSignalDto(string Code, string Detail, DateOnly Since);

public sealed record DriftItemDto(Guid CaseId, string Person, string? Practitioner, string Severity, IReadOnlyList<DriftSignalDto> Signals)
{
    public static DriftItemDto From(DriftItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.CaseId, i.PersonName, i.Practitioner, i.Severity.ToCode(), i.Signals.Select(s => new DriftSignalDto(s.Code, s.Detail, s.Since)).ToList());
    }
}

public sealed record DriftListDto(IReadOnlyList<DriftItemDto> Items);

public static class DriftApi
{
    public static void MapDriftApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/drift", async Task<IResult> (CurrentUserAccessor users, DriftService drift, CancellationToken ct, string? userName = null, string? team = null) =>
        {
            if (team is not null && team is not ("true" or "false")) return ApiProblems.Validation(new Dictionary<string, string> { ["team"] = "Team must be true or false" }, StatusCodes.Status400BadRequest);
            if (team == "true" && userName is not null) return ApiProblems.Validation(new Dictionary<string, string> { ["userName"] = "Ask for a practitioner's drifting cases or the team's, not both" }, StatusCodes.Status400BadRequest);
            var user = await users.GetAsync(ct);
            if (team == "true") return ApiProblems.From(await drift.ForTeamsAsync(user, ct), items => TypedResults.Ok(new DriftListDto(items.Select(DriftItemDto.From).ToList())));
            return ApiProblems.From(await drift.ForPractitionerAsync(user, userName, ct),
                v => TypedResults.Ok(new DriftListDto(v.Items.Select(DriftItemDto.From).ToList())));
        }).RequireAuthorization(Policies.CaseWork).WithTags("Drift")
          .Produces<DriftListDto>()
          .WithSummary("Cases that have stalled, most severe first, each signal in words with the day it started; ?userName= a supervisee's, ?team=true the teams' or services'.");
    }
}
