using Caseload.Features.Cases;

namespace Caseload.Features.Capacity;

/// <summary>One whole number of the scheme a service manager may change, with the range that keeps the scheme believable.</summary>
public sealed record SchemeNumber(string Name, string Label, string Hint, int Min, int Max, Func<WeightingScheme, int> Get, Func<WeightingScheme, int, WeightingScheme> With);

/// <summary>
/// The transparent points scheme: what each open case weighs by service and complexity, the modifiers that add to it, and the
/// capacity a practitioner's points are set against. The defaults and their rationale are in the README; a service manager
/// changes them on the weighting scheme page, each change a version with its reason (<see cref="WeightingSettings"/>).
/// </summary>
public sealed record WeightingScheme
{
    public static WeightingScheme Default { get; } = new();

    /// <summary>
    /// Points per service and complexity (low, medium, high, very-high). Most cases weigh 4 to 10: statutory social care weighs
    /// most (visits, assessments, conferences, court), then early help, SEND and youth support, then careers guidance.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Points { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal)
    {
        [Services.ChildrensSocialCare] = Row(5, 7, 9, 11),
        [Services.EarlyHelp] = Row(3, 4, 6, 8),
        [Services.Send] = Row(2, 4, 5, 7),
        [Services.YouthSupport] = Row(2, 4, 5, 7),
        [Services.CareersIag] = Row(1, 2, 3, 5),
    };

    /// <summary>A child protection plan: core groups, conferences and visits at least every 10 working days (Working Together 2023).</summary>
    public int ChildProtectionPlanPoints { get; init; } = 2;

    /// <summary>A looked-after child: statutory visits, reviews and care planning (Care Planning Regulations 2010).</summary>
    public int LookedAfterPoints { get; init; } = 2;

    /// <summary>Court work, as recorded on the person (youth justice involvement): reports, hearings and court-set timescales.</summary>
    public int CourtWorkPoints { get; init; } = 2;

    /// <summary>A restricted case: the worker cannot share it with the team, so cover and consultation are harder.</summary>
    public int RestrictedPoints { get; init; } = 1;

    /// <summary>The share of a co-worked case's points each of its workers carries (50: each carries half; shared work still needs coordinating).</summary>
    public int CoWorkedSharePercent { get; init; } = 50;

    /// <summary>A full-time practitioner's capacity in points before anything is kept back.</summary>
    public int FullTimePoints { get; init; } = 100;

    /// <summary>Kept back from casework for duty, training and supervision.</summary>
    public int ReservedPercent { get; init; } = 10;

    /// <summary>A newly qualified practitioner's protected level: this percent of what an experienced one at the same hours carries (ASYE).</summary>
    public int NewlyQualifiedPercent { get; init; } = 80;

    /// <summary>The hours of a full-time week, to show a practitioner's FTE as hours.</summary>
    public int FullTimeHours { get; init; } = 37;

    /// <summary>Utilisation from this percent is near capacity (below it is under).</summary>
    public int NearFromPercent { get; init; } = 85;

    /// <summary>Utilisation above this percent is over capacity.</summary>
    public int OverAbovePercent { get; init; } = 100;

    private static Dictionary<string, int> Row(int low, int medium, int high, int veryHigh) => new(StringComparer.Ordinal)
    {
        ["low"] = low,
        ["medium"] = medium,
        ["high"] = high,
        ["very-high"] = veryHigh,
    };

    public const int MaxCasePoints = 30;

    /// <summary>The numbers other than the points table, with their safe ranges, in the order the page shows them.</summary>
    public static IReadOnlyList<SchemeNumber> Numbers { get; } =
    [
        new(nameof(ChildProtectionPlanPoints), "Child protection plan", "Points added for a child on a child protection plan. From 0 to 10.",
            0, 10, s => s.ChildProtectionPlanPoints, (s, v) => s with { ChildProtectionPlanPoints = v }),
        new(nameof(LookedAfterPoints), "Looked-after child", "Points added for a looked-after child. From 0 to 10.",
            0, 10, s => s.LookedAfterPoints, (s, v) => s with { LookedAfterPoints = v }),
        new(nameof(CourtWorkPoints), "Court work", "Points added when the person has youth justice involvement (court work). From 0 to 10.",
            0, 10, s => s.CourtWorkPoints, (s, v) => s with { CourtWorkPoints = v }),
        new(nameof(RestrictedPoints), "Restricted case", "Points added for a restricted case. From 0 to 10.",
            0, 10, s => s.RestrictedPoints, (s, v) => s with { RestrictedPoints = v }),
        new(nameof(CoWorkedSharePercent), "Share of a co-worked case, percent", "Each worker on a co-worked case carries this percent of its points. From 25 to 100.",
            25, 100, s => s.CoWorkedSharePercent, (s, v) => s with { CoWorkedSharePercent = v }),
        new(nameof(FullTimePoints), "Full-time capacity, points", "A full-time practitioner's points before anything is kept back. From 20 to 300.",
            20, 300, s => s.FullTimePoints, (s, v) => s with { FullTimePoints = v }),
        new(nameof(ReservedPercent), "Kept for duty, training and supervision, percent", "Taken off every practitioner's capacity. From 0 to 50.",
            0, 50, s => s.ReservedPercent, (s, v) => s with { ReservedPercent = v }),
        new(nameof(NewlyQualifiedPercent), "Newly qualified protected level, percent", "A newly qualified practitioner carries this percent of an experienced one's capacity. From 50 to 100.",
            50, 100, s => s.NewlyQualifiedPercent, (s, v) => s with { NewlyQualifiedPercent = v }),
        new(nameof(FullTimeHours), "Full-time hours a week", "To show FTE as hours. From 20 to 48.",
            20, 48, s => s.FullTimeHours, (s, v) => s with { FullTimeHours = v }),
        new(nameof(NearFromPercent), "Near capacity from, percent", "Utilisation from this is near capacity; below it is under. From 50 to 100.",
            50, 100, s => s.NearFromPercent, (s, v) => s with { NearFromPercent = v }),
        new(nameof(OverAbovePercent), "Over capacity above, percent", "Utilisation above this is over capacity. From 80 to 150, and not below the near threshold.",
            80, 150, s => s.OverAbovePercent, (s, v) => s with { OverAbovePercent = v }),
    ];

    /// <summary>The points of a service and complexity; a service missing from the table weighs as early help medium would.</summary>
    public int PointsFor(string service, Complexity complexity)
    {
        var row = Points.GetValueOrDefault(service) ?? Points.GetValueOrDefault(Services.EarlyHelp);
        return row?.GetValueOrDefault(complexity.ToCode()) ?? Default.Points[Services.EarlyHelp][complexity.ToCode()];
    }

    /// <summary>Field name of a points cell, as the API and the page name it: points.early-help.high.</summary>
    public static string PointsField(string service, Complexity complexity) => $"points.{service}.{complexity.ToCode()}";

    /// <summary>Problems with this scheme, by field, in plain English; empty when it is safe to use.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Points is null)
        {
            problems["points"] = "Points must be set for every service";
            return problems;
        }

        foreach (var service in Points.Keys.Where(s => !Services.IsKnown(s))) problems[$"points.{service}"] = $"{service} is not a service";
        foreach (var service in Services.Titles.Keys)
        {
            var row = Points.GetValueOrDefault(service);
            foreach (var complexity in ComplexityCodes.All)
            {
                var field = PointsField(service, complexity);
                if (row is null || !row.TryGetValue(complexity.ToCode(), out var points)) problems[field] = $"Enter the points for {Services.Title(service)}, {complexity.Text().ToLowerInvariant()} complexity";
                else if (points < 0 || points > MaxCasePoints) problems[field] = $"{Services.Title(service)}, {complexity.Text().ToLowerInvariant()} complexity must be from 0 to {MaxCasePoints} points";
            }

            foreach (var key in row?.Keys.Where(k => ComplexityCodes.All.All(c => c.ToCode() != k)) ?? []) problems[$"points.{service}.{key}"] = $"{key} is not a complexity";
            if (row is not null && ComplexityCodes.All.Zip(ComplexityCodes.All.Skip(1)).Any(p => row.GetValueOrDefault(p.First.ToCode()) > row.GetValueOrDefault(p.Second.ToCode())))
            {
                problems.TryAdd($"points.{service}", $"{Services.Title(service)}: a more complex case must not weigh less than a simpler one");
            }
        }

        foreach (var n in Numbers)
        {
            var value = n.Get(this);
            if (value < n.Min || value > n.Max) problems[n.Name] = $"{n.Label} must be from {n.Min} to {n.Max}";
        }

        if (!problems.ContainsKey(nameof(OverAbovePercent)) && OverAbovePercent < NearFromPercent) problems[nameof(OverAbovePercent)] = "Over capacity must not start below near capacity";
        return problems;
    }
}
