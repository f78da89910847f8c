using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Capacity;

public sealed record AllocationWarningDto(string Code, string Message);

public sealed record AllocationOptionDto(string UserName, string DisplayName, string? Team, bool NewlyQualified, bool Current, decimal Points, string Explanation,
    decimal CapacityPoints, decimal LoadPoints, decimal LoadPointsAfter, decimal? UtilisationAfter, string Band, string BandAfter, decimal HeadroomAfter,
    IReadOnlyList<AllocationWarningDto> Warnings)
{
    public static AllocationOptionDto From(AllocationOption o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var c = o.Candidate;
        return new(c.UserName, c.DisplayName, c.Team, c.NewlyQualified, c.HoldsCase, o.Points, o.Explanation, c.CapacityPoints, c.LoadPoints, o.LoadAfter,
            o.UtilisationAfter, o.BandNow.ToCode(), o.BandAfter.ToCode(), o.HeadroomAfter, o.Warnings.Select(w => new AllocationWarningDto(w.Code, w.Message)).ToList());
    }
}

/// <summary>
/// A case's allocation options: the case's points and why, then each practitioner the caller may allocate to, most headroom
/// after allocation first. <c>skillsConsidered</c> is false: no skills are recorded for cases or practitioners yet.
/// </summary>
public sealed record AllocationOptionsDto(Guid CaseId, string Service, string Status, string? AllocatedTo, decimal Points, string Explanation,
    bool SkillsConsidered, IReadOnlyList<AllocationOptionDto> Items)
{
    public static AllocationOptionsDto From(AllocationOptionsView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Case.CaseId, v.Case.Service, v.Case.Status.ToString().ToLowerInvariant(), v.Case.AllocatedTo, v.Weight.Points, v.Weight.Explanation, false,
            v.Options.Select(AllocationOptionDto.From).ToList());
    }
}

public static class AllocationOptionsApi
{
    public static void MapAllocationOptionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cases/{id:guid}/allocation-options", async Task<IResult> (Guid id, CaseScope scope, CurrentUserAccessor users, AllocationService allocation, CancellationToken ct) =>
                ApiProblems.From(await allocation.OptionsAsync(await users.GetAsync(ct), scope.Case, ct), v => TypedResults.Ok(AllocationOptionsDto.From(v))))
            .RequireAuthorization(Policies.CaseWork)
            .WithCaseScope("id")
            .WithTags("Cases")
            .WithName("listAllocationOptions")
            .Produces<AllocationOptionsDto>()
            .WithSummary("The practitioners the caller may allocate the case to, most headroom after allocation first: the points the case would add and why, utilisation and band after, and warnings (over-capacity, newly-qualified-protection, service-mismatch). For those who may allocate the case (403 otherwise); a closed case is a 422 naming status.");
    }
}
