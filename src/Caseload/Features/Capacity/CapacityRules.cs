using System.Globalization;
using Caseload.Features.Cases;

namespace Caseload.Features.Capacity;

/// <summary>What the scheme needs to know of an open case a practitioner holds.</summary>
public sealed record CaseLoadFacts(
    string Service,
    Complexity? Complexity,
    bool ChildProtectionPlan = false,
    bool LookedAfter = false,
    bool CourtWork = false,
    bool Restricted = false,
    int Workers = 1);

/// <summary>A case's points for one of its workers, and why, in words.</summary>
public sealed record CaseWeight(decimal Points, string Explanation);

/// <summary>A practitioner's capacity settings: FTE, their full-time points when not the scheme's, and whether newly qualified.</summary>
public sealed record CapacityBasis(decimal Fte = 1m, int? FullTimePoints = null, bool NewlyQualified = false);

public enum AdjustmentKind
{
    Reduction = 0,
    Responsibility = 1,
    Leave = 2,
}

public enum CapacityBand
{
    Under = 0,
    Near = 1,
    Over = 2,
}

/// <summary>An agreed adjustment as the rules see it: a number of points or a percent off casework capacity, between two days.</summary>
public sealed record AdjustmentFacts(AdjustmentKind Kind, decimal? Points, int? Percent, DateOnly From, DateOnly? Until, string Reason)
{
    public bool IsActiveOn(DateOnly day) => From <= day && (Until is null || day <= Until);
}

/// <summary>A practitioner's capacity in points on a day, and each step that made it.</summary>
public sealed record CapacityFigure(decimal CapacityPoints, IReadOnlyList<string> Steps);

/// <summary>
/// The weighting and capacity rules, pure: each case's points with its explanation, a practitioner's capacity after FTE, the
/// time kept back, the newly qualified protection and agreed adjustments, and utilisation with its band. No I/O.
/// </summary>
public sealed class CapacityRules(WeightingScheme scheme)
{
    public WeightingScheme Scheme { get; } = scheme ?? throw new ArgumentNullException(nameof(scheme));

    /// <summary>
    /// Names this scheme in 16 characters: a case's stored points carry the stamp of the scheme that weighed them, and count as
    /// weighed only while that scheme is in force (a hash of the whole scheme, so any change to it re-weighs).
    /// </summary>
    public string Stamp => _stamp ??= Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(WeightingSettings.ToJson(Scheme))))[..16];

    private string? _stamp;

    /// <summary>Points as stored on a case: whole tenths (every weight is rounded to one decimal place).</summary>
    public static int ToTenths(decimal points) => (int)Math.Round(points * 10m, 0, MidpointRounding.AwayFromZero);

    public CaseWeight Weigh(CaseLoadFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var complexity = facts.Complexity ?? ComplexityCodes.Unassessed;
        var basePoints = Scheme.PointsFor(facts.Service, complexity);
        var complexityWords = facts.Complexity is null
            ? "complexity not assessed (counts as medium)"
            : $"{complexity.Text().ToLowerInvariant()} complexity";
        var parts = new List<string> { $"{Services.Title(facts.Service)}, {complexityWords}: {basePoints}" };
        decimal points = basePoints;
        void Add(bool applies, int modifier, string words)
        {
            if (!applies || modifier == 0) return;
            points += modifier;
            parts.Add($"{words}: +{modifier}");
        }

        Add(facts.ChildProtectionPlan, Scheme.ChildProtectionPlanPoints, "child protection plan");
        Add(facts.LookedAfter, Scheme.LookedAfterPoints, "looked-after child");
        Add(facts.CourtWork, Scheme.CourtWorkPoints, "court work");
        Add(facts.Restricted, Scheme.RestrictedPoints, "restricted case");
        if (facts.Workers > 1 && Scheme.CoWorkedSharePercent < 100)
        {
            var share = Round(points * Scheme.CoWorkedSharePercent / 100m);
            parts.Add($"co-worked by {facts.Workers}: {Scheme.CoWorkedSharePercent}% share of {Format(points)} is {Format(share)}");
            points = share;
        }

        return new CaseWeight(points, string.Join("; ", parts));
    }

    /// <summary>
    /// Capacity on <paramref name="day"/>: full-time points × FTE, less the time kept for duty, training and supervision; a newly
    /// qualified practitioner's protected level of that; then each adjustment in force that day (a percent is of the capacity
    /// before adjustments). Never below zero.
    /// </summary>
    public CapacityFigure CapacityOn(CapacityBasis basis, IEnumerable<AdjustmentFacts> adjustments, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(adjustments);
        var fullTime = basis.FullTimePoints ?? Scheme.FullTimePoints;
        var steps = new List<string>();
        var capacity = Round(fullTime * basis.Fte);
        steps.Add(basis.Fte == 1m
            ? $"Full time: {fullTime} points"
            : $"{Format(basis.Fte)} FTE of {fullTime} full-time points: {Format(capacity)}");
        if (Scheme.ReservedPercent > 0)
        {
            capacity = Round(capacity * (100 - Scheme.ReservedPercent) / 100m);
            steps.Add($"less {Scheme.ReservedPercent}% kept for duty, training and supervision: {Format(capacity)}");
        }

        if (basis.NewlyQualified && Scheme.NewlyQualifiedPercent < 100)
        {
            capacity = Round(capacity * Scheme.NewlyQualifiedPercent / 100m);
            steps.Add($"newly qualified, protected at {Scheme.NewlyQualifiedPercent}%: {Format(capacity)}");
        }

        var beforeAdjustments = capacity;
        foreach (var a in adjustments.Where(a => a.IsActiveOn(day)).OrderBy(a => a.From))
        {
            var off = a.Percent is { } percent ? Round(beforeAdjustments * percent / 100m) : Round(a.Points ?? 0m);
            capacity = Math.Max(0m, capacity - off);
            var amount = a.Percent is { } p ? $"{p}% ({Format(off)} points)" : $"{Format(off)} points";
            steps.Add($"{KindWords(a.Kind)} ({a.Reason}) until {(a.Until is { } until ? Caseload.Platform.Time.UkTime.Format(until) : "further notice")}: −{amount}, {Format(capacity)}");
        }

        return new CapacityFigure(capacity, steps);
    }

    /// <summary>Load ÷ capacity; null when there is load and no capacity at all (on leave, say), which is over by any measure.</summary>
    public static decimal? Utilisation(decimal load, decimal capacity) =>
        capacity > 0 ? Math.Round(load / capacity, 3, MidpointRounding.AwayFromZero) : load > 0 ? null : 0m;

    public CapacityBand Band(decimal load, decimal capacity)
    {
        if (capacity <= 0) return load > 0 ? CapacityBand.Over : CapacityBand.Under;
        var percent = load * 100m / capacity;
        if (percent > Scheme.OverAbovePercent) return CapacityBand.Over;
        return percent >= Scheme.NearFromPercent ? CapacityBand.Near : CapacityBand.Under;
    }

    public static string KindWords(AdjustmentKind kind) => kind switch
    {
        AdjustmentKind.Reduction => "Reduction",
        AdjustmentKind.Responsibility => "Extra responsibility",
        AdjustmentKind.Leave => "Leave",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

public static class CapacityCodes
{
    public static string ToCode(this CapacityBand band) => band switch
    {
        CapacityBand.Under => "under",
        CapacityBand.Near => "near",
        CapacityBand.Over => "over",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static string ToCode(this AdjustmentKind kind) => kind switch
    {
        AdjustmentKind.Reduction => "reduction",
        AdjustmentKind.Responsibility => "responsibility",
        AdjustmentKind.Leave => "leave",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseKind(string? code, out AdjustmentKind kind)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "reduction": kind = AdjustmentKind.Reduction; return true;
            case "responsibility": kind = AdjustmentKind.Responsibility; return true;
            case "leave": kind = AdjustmentKind.Leave; return true;
            default: kind = AdjustmentKind.Reduction; return false;
        }
    }

    /// <summary>A band as a GOV.UK tag: colour and words, never colour alone.</summary>
    public static (string TagClass, string Text) Tag(CapacityBand band) => band switch
    {
        CapacityBand.Under => ("govuk-tag govuk-tag--green", "Under capacity"),
        CapacityBand.Near => ("govuk-tag govuk-tag--yellow", "Near capacity"),
        CapacityBand.Over => ("govuk-tag govuk-tag--red", "Over capacity"),
        _ => ("govuk-tag", band.ToString()),
    };

    public static string Percent(decimal? utilisation) => utilisation is { } u ? $"{Math.Round(u * 100m, 0, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%" : "No capacity";
}
