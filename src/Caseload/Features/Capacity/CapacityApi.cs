using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Capacity;

public sealed record CaseLoadDto(Guid? CaseId, decimal Points, string Explanation);

public sealed record AdjustmentDto(Guid Id, string Kind, decimal? Points, int? Percent, string Reason, DateOnly From, DateOnly? Until,
    string AgreedBy, string RecordedBy, DateTimeOffset RecordedAt, bool Active)
{
    public static AdjustmentDto Of(CapacityAdjustment a, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Kind.ToCode(), a.Points, a.Percent, a.Reason, a.From, a.Until, a.AgreedByName, a.RecordedByName, a.RecordedAt, a.ToFacts().IsActiveOn(today));
    }
}

/// <summary>One open capacity escalation about the practitioner, as their capacity shows it.</summary>
public sealed record OpenEscalationDto(Guid Id, DateTimeOffset RaisedAt, string RaisedBy, string Reason, string Band, string? Recipient, DateOnly? RespondBy);

/// <summary>A practitioner's capacity, with the open capacity escalations about them.</summary>
public sealed record CapacityDto(string UserName, string DisplayName, decimal Fte, decimal Hours, bool NewlyQualified, int? FullTimePoints,
    decimal CapacityPoints, IReadOnlyList<string> CapacityExplanation, decimal LoadPoints, decimal? Utilisation, string Band,
    IReadOnlyList<CaseLoadDto> Cases, IReadOnlyList<AdjustmentDto> Adjustments, IReadOnlyList<OpenEscalationDto> OpenEscalations)
{
    public static CapacityDto From(PractitionerCapacityView v, WeightingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(scheme);
        return new(v.Practitioner.UserName, v.Practitioner.DisplayName, v.Basis.Fte, CapacityRules.Round(v.Basis.Fte * scheme.FullTimeHours), v.Basis.NewlyQualified,
            v.Basis.FullTimePoints, v.Capacity.CapacityPoints, v.Capacity.Steps, v.LoadPoints, v.Utilisation, v.Band.ToCode(),
            v.Cases.Select(c => new CaseLoadDto(c.CaseId, c.Points, c.Explanation)).ToList(),
            v.Adjustments.Select(a => AdjustmentDto.Of(a, v.Today)).ToList(),
            v.OpenEscalations.Select(e => new OpenEscalationDto(e.Id, e.RaisedAt, e.RaisedByName, e.Reason, e.Band, e.RecipientName, e.RespondBy)).ToList());
    }
}

public sealed record CapacityRowDto(string UserName, string DisplayName, string? Team, decimal Fte, bool NewlyQualified, int Cases, int RedCases,
    int OverdueDeadlines, int DriftingCases, DateOnly? LastSupervisionOn, int OpenEscalations, decimal CapacityPoints, decimal LoadPoints, decimal? Utilisation, string Band)
{
    public static CapacityRowDto Of(CapacityRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Practitioner.UserName, r.Practitioner.DisplayName, r.Team, r.Basis.Fte, r.Basis.NewlyQualified, r.Cases, r.RedCases,
            r.OverdueDeadlines, r.DriftingCases, r.LastSupervisionOn, r.OpenEscalations, r.CapacityPoints, r.LoadPoints, r.Utilisation, r.Band.ToCode());
    }
}

/// <summary>A team's figures added up (team null for the totals of everyone listed).</summary>
public sealed record TeamTotalsDto(int? TeamId, string Team, int Practitioners, int OverCapacity, int NearCapacity, int Cases, decimal LoadPoints,
    decimal CapacityPoints, decimal? Utilisation, string Band, int RedCases, int OverdueDeadlines, int DriftingCases, int OpenEscalations)
{
    public static TeamTotalsDto Of(TeamTotals t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.TeamId, t.Team, t.Practitioners, t.Over, t.Near, t.Cases, t.LoadPoints, t.CapacityPoints, t.Utilisation, t.Band.ToCode(),
            t.RedCases, t.OverdueDeadlines, t.DriftingCases, t.OpenEscalations);
    }
}

/// <summary>Utilisation of a team (or of all the teams listed) in each of the weeks, from the weekly snapshots; null for a week with none.</summary>
public sealed record UtilisationSeriesDto(string Name, IReadOnlyList<decimal?> Utilisation);

public sealed record UtilisationHistoryDto(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<UtilisationSeriesDto> Series);

/// <summary>
/// The team view. TeamsOnly: a service manager's view of every team, a row a team in Teams and no practitioner in Items;
/// ask again with team for that team's practitioners.
/// </summary>
public sealed record CapacityListDto(IReadOnlyList<CapacityRowDto> Items, IReadOnlyList<TeamTotalsDto> Teams, TeamTotalsDto Totals, UtilisationHistoryDto History, bool TeamsOnly)
{
    public static CapacityListDto Of(TeamCapacityView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Rows.Select(CapacityRowDto.Of).ToList(), v.Teams.Select(TeamTotalsDto.Of).ToList(), TeamTotalsDto.Of(v.Total),
            new UtilisationHistoryDto(v.History.Weeks, v.History.Series.Select(s => new UtilisationSeriesDto(s.Name, s.Values)).ToList()), v.TeamsOnly);
    }
}

public sealed record CapacitySettingsRequest(decimal? Fte, bool? NewlyQualified, int? FullTimePoints, string? Reason);

public sealed record AdjustmentRequest(string? Kind, int? Points, int? Percent, string? Reason, DateOnly? From, DateOnly? Until, string? AgreedBy);

public static class CapacityApi
{
    public static void MapCapacityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/capacity").WithTags("Capacity");

        group.MapGet("/", async Task<IResult> (int? team, CurrentUserAccessor users, TeamCapacityService teams, CancellationToken ct) =>
            ApiProblems.From(await teams.ForTeamsAsync(await users.GetAsync(ct), team, ct: ct), v => TypedResults.Ok(CapacityListDto.Of(v))))
            .RequireAuthorization(Policies.Supervise)
            .WithName("listCapacity")
            .Produces<CapacityListDto>()
            .WithSummary("Each practitioner of the caller's teams (supervisors), or of one of their teams or a service manager's (team): cases, points, capacity, utilisation and band, red cases, overdue deadlines, drifting cases, last supervision and open escalations; each team's totals and everyone's; and utilisation in each of the last 12 weeks from the weekly snapshots. A service manager without team sees every team of their services as a row a team (teamsOnly, no items).");

        group.MapGet("/{userName}", async Task<IResult> (string userName, CurrentUserAccessor users, CapacityService capacity, CancellationToken ct) =>
            ApiProblems.From(await capacity.ForPractitionerAsync(await users.GetAsync(ct), userName, ct), v => v.Version,
                v => TypedResults.Ok(CapacityDto.From(v, capacity.Rules.Scheme))))
            .RequireAuthorization(Policies.CaseWork)
            .WithName("getCapacity")
            .Produces<CapacityDto>()
            .WithSummary("A practitioner's capacity, each open case's points with why, and their adjustments, with the settings' ETag. For the practitioner, their supervisor chain and the service managers of their services; 404 for anyone else.");

        group.MapPut("/{userName}/settings", async Task<IResult> (string userName, HttpRequest request, CurrentUserAccessor users, CapacityService capacity, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var preconditionProblem)) return preconditionProblem!;
            var (body, problem) = await JsonBody.ReadAsync<CapacitySettingsRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await capacity.SaveSettingsAsync(await users.GetAsync(ct), userName, expected,
                new CapacitySettingsInput(body!.Fte, body.NewlyQualified, body.FullTimePoints, body.Reason), ct);
            return ApiProblems.From(outcome, v => v.Version, v => TypedResults.Ok(CapacityDto.From(v, capacity.Rules.Scheme)));
        }).RequireAuthorization(Policies.CaseWork).WithName("replaceCapacitySettings").Accepts<CapacitySettingsRequest>("application/json").Produces<CapacityDto>().RequiresIfMatch()
          .WithSummary("Change a practitioner's FTE, newly qualified protection and full-time points, with the reason. Needs If-Match with the ETag last read (\"0\" before any save); by their supervisor chain or a service manager of their services.");

        group.MapPost("/{userName}/adjustments", async Task<IResult> (string userName, HttpRequest request, CurrentUserAccessor users, CapacityService capacity, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<AdjustmentRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await capacity.AddAdjustmentAsync(await users.GetAsync(ct), userName,
                new AdjustmentInput(body!.Kind, body.Points, body.Percent, body.Reason, body.From, body.Until, body.AgreedBy), ct: ct);
            return ApiProblems.From(outcome, a => TypedResults.Created($"/api/v1/capacity/{Uri.EscapeDataString(userName)}", AdjustmentDto.Of(a, capacity.Today)));
        }).RequireAuthorization(Policies.Supervise).WithName("createCapacityAdjustment").Accepts<AdjustmentRequest>("application/json").Produces<AdjustmentDto>(StatusCodes.Status201Created)
          .WithSummary("Record an agreed adjustment (reduction, responsibility or leave) in points or a percent, with its reason, dates and who agreed it.");
    }
}
