using System.Globalization;
using Caseload.Features.Cases;

namespace Caseload.Features.Capacity;

/// <summary>
/// Someone a case could be allocated to, as the rules need them: their capacity today, the load they carry without this case,
/// and the services of the open cases they hold (the only record of where they work: users and teams have no service).
/// </summary>
public sealed record AllocationCandidate(
    string Id,
    string UserName,
    string DisplayName,
    string? Team,
    bool NewlyQualified,
    decimal CapacityPoints,
    decimal LoadPoints,
    IReadOnlySet<string> Services,
    bool HoldsCase = false);

/// <summary>A warning on an allocation option: a stable code and what it means, in words.</summary>
public sealed record AllocationWarning(string Code, string Message);

/// <summary>One practitioner the case could go to, with what it would do to their capacity.</summary>
public sealed record AllocationOption(
    AllocationCandidate Candidate,
    decimal Points,
    string Explanation,
    decimal LoadAfter,
    decimal? UtilisationAfter,
    CapacityBand BandNow,
    CapacityBand BandAfter,
    decimal HeadroomAfter,
    IReadOnlyList<AllocationWarning> Warnings)
{
    public bool OverCapacityAfter => BandAfter == CapacityBand.Over;
}

/// <summary>
/// Allocation by capacity, pure: what a case would add to each candidate's load (their share, when they already co-work it),
/// their utilisation and band after, the warnings, and the ranking by headroom after allocation (most first). The skills
/// a case needs are not recorded anywhere yet, so there is no skills warning.
/// </summary>
public static class AllocationRules
{
    public const string OverCapacity = "over-capacity";
    public const string NewlyQualifiedProtection = "newly-qualified-protection";
    public const string ServiceMismatch = "service-mismatch";

    /// <summary>The longest rationale for allocating over capacity: it is kept on the case's allocation and on the escalation.</summary>
    public const int RationaleLength = 2000;

    /// <summary>
    /// The case's facts for one candidate: its workers once they hold it are its current co-workers other than them, and them.
    /// </summary>
    public static CaseLoadFacts FactsFor(CaseLoadFacts @case, IReadOnlyCollection<string> coWorkerIds, string candidateId)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(coWorkerIds);
        return @case with { Workers = 1 + coWorkerIds.Count(id => id != candidateId) };
    }

    public static AllocationOption Assess(CapacityRules rules, CaseLoadFacts @case, IReadOnlyCollection<string> coWorkerIds, AllocationCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(candidate);
        var weight = rules.Weigh(FactsFor(@case, coWorkerIds, candidate.Id));
        var after = candidate.LoadPoints + weight.Points;
        var utilisation = CapacityRules.Utilisation(after, candidate.CapacityPoints);
        var band = rules.Band(after, candidate.CapacityPoints);
        var warnings = new List<AllocationWarning>();
        if (band == CapacityBand.Over)
        {
            warnings.Add(new(OverCapacity,
                $"Would be over capacity: {CapacityRules.Format(after)} points against {CapacityRules.Format(candidate.CapacityPoints)} ({CapacityCodes.Percent(utilisation)})"));
        }

        if (candidate.NewlyQualified && NewlyQualifiedConcern(@case, band) is { } concern)
        {
            warnings.Add(new(NewlyQualifiedProtection, $"Newly qualified, with a protected caseload: {concern}"));
        }

        if (candidate.Services.Count > 0 && !candidate.Services.Contains(@case.Service))
        {
            warnings.Add(new(ServiceMismatch,
                $"Holds no open {Services.Title(@case.Service)} cases (works in {string.Join(", ", candidate.Services.Order(StringComparer.Ordinal).Select(Services.Title))})"));
        }

        return new AllocationOption(candidate, weight.Points, weight.Explanation, after, utilisation, rules.Band(candidate.LoadPoints, candidate.CapacityPoints), band,
            candidate.CapacityPoints - after, warnings);
    }

    /// <summary>Every candidate assessed, most headroom after allocation first; then lower utilisation, then by name.</summary>
    public static IReadOnlyList<AllocationOption> Rank(CapacityRules rules, CaseLoadFacts @case, IReadOnlyCollection<string> coWorkerIds, IEnumerable<AllocationCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates.Select(c => Assess(rules, @case, coWorkerIds, c))
            .OrderByDescending(o => o.HeadroomAfter)
            .ThenBy(o => o.UtilisationAfter ?? decimal.MaxValue)
            .ThenBy(o => o.Candidate.DisplayName, StringComparer.Ordinal)
            .ThenBy(o => o.Candidate.UserName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Why a newly qualified practitioner's protection bears on this case: the most complex work (high or very high
    /// complexity, a child protection plan, court work) or a caseload that would reach the near band; null when neither.
    /// </summary>
    public static string? NewlyQualifiedConcern(CaseLoadFacts @case, CapacityBand bandAfter)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var reasons = new List<string>();
        if (@case.Complexity is Complexity.High or Complexity.VeryHigh) reasons.Add($"{@case.Complexity.Value.Text().ToLowerInvariant()} complexity");
        if (@case.ChildProtectionPlan) reasons.Add("a child protection plan");
        if (@case.CourtWork) reasons.Add("court work");
        var parts = new List<string>();
        if (reasons.Count > 0) parts.Add($"the case has {string.Join(" and ", reasons)}");
        if (bandAfter != CapacityBand.Under) parts.Add(string.Create(CultureInfo.InvariantCulture, $"it would take them {(bandAfter == CapacityBand.Over ? "over" : "near")} their protected capacity"));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>The rationale for allocating over capacity, checked: the error for the field, or null when it may be saved.</summary>
    public static string? ValidateRationale(AllocationOption option, string? rationale)
    {
        ArgumentNullException.ThrowIfNull(option);
        var text = rationale?.Trim();
        if (text is { Length: > RationaleLength }) return $"The rationale must be {RationaleLength} characters or fewer";
        if (!option.OverCapacityAfter || !string.IsNullOrEmpty(text)) return null;
        return $"Give a rationale for allocating over capacity: {option.Candidate.DisplayName} would have {CapacityRules.Format(option.LoadAfter)} points against a capacity of {CapacityRules.Format(option.Candidate.CapacityPoints)} ({CapacityCodes.Percent(option.UtilisationAfter)})";
    }
}
