using Caseload.Features.Capacity;
using Caseload.Features.Cases;

namespace Caseload.Tests.Features.Capacity;

/// <summary>The weighting scheme's points with their explanations, capacity after FTE, protection and adjustments, and the bands.</summary>
public class CapacityRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly CapacityRules Rules = new(WeightingScheme.Default);

    [Fact]
    public void A_case_weighs_by_service_and_complexity_and_says_so()
    {
        var weight = Rules.Weigh(new CaseLoadFacts(Services.EarlyHelp, Complexity.High));
        Assert.Equal(6m, weight.Points);
        Assert.Equal("Early help, high complexity: 6", weight.Explanation);
    }

    [Fact]
    public void Modifiers_add_their_points_each_named()
    {
        var weight = Rules.Weigh(new CaseLoadFacts(Services.EarlyHelp, Complexity.High, ChildProtectionPlan: true));
        Assert.Equal(8m, weight.Points);
        Assert.Equal("Early help, high complexity: 6; child protection plan: +2", weight.Explanation);

        var all = Rules.Weigh(new CaseLoadFacts(Services.ChildrensSocialCare, Complexity.VeryHigh, ChildProtectionPlan: true, LookedAfter: true, CourtWork: true, Restricted: true));
        Assert.Equal(11m + 2 + 2 + 2 + 1, all.Points);
        Assert.Contains("looked-after child: +2", all.Explanation, StringComparison.Ordinal);
        Assert.Contains("court work: +2", all.Explanation, StringComparison.Ordinal);
        Assert.Contains("restricted case: +1", all.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unassessed_case_counts_as_medium_and_says_so()
    {
        var weight = Rules.Weigh(new CaseLoadFacts(Services.Send, null));
        Assert.Equal(Rules.Weigh(new CaseLoadFacts(Services.Send, Complexity.Medium)).Points, weight.Points);
        Assert.Equal("SEND, complexity not assessed (counts as medium): 4", weight.Explanation);
    }

    [Fact]
    public void A_co_worked_case_is_shared_after_its_modifiers()
    {
        var weight = Rules.Weigh(new CaseLoadFacts(Services.EarlyHelp, Complexity.Low, ChildProtectionPlan: true, Workers: 2));
        Assert.Equal(2.5m, weight.Points);
        Assert.EndsWith("co-worked by 2: 50% share of 5 is 2.5", weight.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_modifier_set_to_zero_is_not_mentioned()
    {
        var rules = new CapacityRules(WeightingScheme.Default with { RestrictedPoints = 0 });
        var weight = rules.Weigh(new CaseLoadFacts(Services.CareersIag, Complexity.Low, Restricted: true));
        Assert.Equal(1m, weight.Points);
        Assert.DoesNotContain("restricted", weight.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_time_capacity_keeps_time_back_for_duty_training_and_supervision()
    {
        var figure = Rules.CapacityOn(new CapacityBasis(), [], Today);
        Assert.Equal(90m, figure.CapacityPoints);
        Assert.Equal(new[] { "Full time: 100 points", "less 10% kept for duty, training and supervision: 90" }, figure.Steps);
    }

    [Fact]
    public void Part_time_and_newly_qualified_protection_lower_capacity_in_steps()
    {
        var figure = Rules.CapacityOn(new CapacityBasis(0.8m, null, NewlyQualified: true), [], Today);
        // 100 × 0.8 = 80; less 10% = 72; protected at 80% = 57.6
        Assert.Equal(57.6m, figure.CapacityPoints);
        Assert.Equal(3, figure.Steps.Count);
        Assert.Contains("newly qualified, protected at 80%: 57.6", figure.Steps[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_practitioners_own_full_time_points_replace_the_schemes()
    {
        Assert.Equal(108m, Rules.CapacityOn(new CapacityBasis(1m, 120), [], Today).CapacityPoints);
    }

    [Fact]
    public void Adjustments_apply_only_while_they_last_and_a_percent_is_of_capacity_before_adjustments()
    {
        AdjustmentFacts[] adjustments =
        [
            new(AdjustmentKind.Responsibility, 10m, null, Today.AddDays(-30), null, "Practice educator"),
            new(AdjustmentKind.Leave, null, 50, Today, Today.AddDays(4), "Annual leave"),
            new(AdjustmentKind.Reduction, 20m, null, Today.AddDays(1), Today.AddDays(10), "Phased return"),
            new(AdjustmentKind.Reduction, 20m, null, Today.AddDays(-10), Today.AddDays(-1), "Ended yesterday"),
        ];
        var today = Rules.CapacityOn(new CapacityBasis(), adjustments, Today);
        // 90 − 10 points − 50% of 90 (45) = 35
        Assert.Equal(35m, today.CapacityPoints);
        Assert.Contains(today.Steps, s => s.StartsWith("Leave (Annual leave)", StringComparison.Ordinal) && s.Contains("50% (45 points)", StringComparison.Ordinal));
        Assert.DoesNotContain(today.Steps, s => s.Contains("Ended yesterday", StringComparison.Ordinal));

        var afterLeave = Rules.CapacityOn(new CapacityBasis(), adjustments, Today.AddDays(5));
        Assert.Equal(60m, afterLeave.CapacityPoints);
    }

    [Fact]
    public void Capacity_never_goes_below_zero()
    {
        var figure = Rules.CapacityOn(new CapacityBasis(), [new AdjustmentFacts(AdjustmentKind.Leave, null, 100, Today, Today, "Leave"), new AdjustmentFacts(AdjustmentKind.Reduction, 5m, null, Today, null, "More")], Today);
        Assert.Equal(0m, figure.CapacityPoints);
    }

    [Theory]
    [InlineData(0, 90, "under", 0)]
    [InlineData(76, 90, "under", 0.844)]
    [InlineData(76.5, 90, "near", 0.85)]
    [InlineData(90, 90, "near", 1)]
    [InlineData(90.1, 90, "over", 1.001)]
    public void Utilisation_is_load_over_capacity_in_bands(double load, double capacity, string band, double utilisation)
    {
        Assert.Equal(band, Rules.Band((decimal)load, (decimal)capacity).ToCode());
        Assert.Equal((decimal)utilisation, CapacityRules.Utilisation((decimal)load, (decimal)capacity));
    }

    [Fact]
    public void Load_with_no_capacity_is_over_and_has_no_utilisation_figure()
    {
        Assert.Equal(CapacityBand.Over, Rules.Band(4m, 0m));
        Assert.Null(CapacityRules.Utilisation(4m, 0m));
        Assert.Equal(CapacityBand.Under, Rules.Band(0m, 0m));
    }

    [Fact]
    public void The_band_thresholds_come_from_the_scheme()
    {
        var rules = new CapacityRules(WeightingScheme.Default with { NearFromPercent = 70, OverAbovePercent = 90 });
        Assert.Equal(CapacityBand.Near, rules.Band(70m, 100m));
        Assert.Equal(CapacityBand.Over, rules.Band(91m, 100m));
    }

    [Fact]
    public void The_default_scheme_is_valid_and_weighs_most_cases_4_to_10_points()
    {
        Assert.Empty(WeightingScheme.Default.Validate());
        var medium = Services.Titles.Keys.Where(s => s != Services.CareersIag).Select(s => WeightingScheme.Default.PointsFor(s, Complexity.Medium)).ToList();
        Assert.All(medium, p => Assert.InRange(p, 4, 10));
    }

    [Fact]
    public void A_scheme_outside_its_ranges_or_weighing_complex_cases_less_is_refused_by_field()
    {
        var points = WeightingScheme.Default.Points.ToDictionary(p => p.Key, p => p.Value);
        points[Services.EarlyHelp] = new Dictionary<string, int> { ["low"] = 5, ["medium"] = 4, ["high"] = 6, ["very-high"] = 40 };
        var problems = (WeightingScheme.Default with { Points = points, NearFromPercent = 95, OverAbovePercent = 90, ReservedPercent = 60 }).Validate();
        Assert.Contains("points.early-help.very-high", problems.Keys);
        Assert.Contains("points.early-help", problems.Keys);
        Assert.Contains("OverAbovePercent", problems.Keys);
        Assert.Contains("ReservedPercent", problems.Keys);
    }
}
