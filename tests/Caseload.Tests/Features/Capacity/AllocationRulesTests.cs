using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Chronology;

namespace Caseload.Tests.Features.Capacity;

/// <summary>Allocation by capacity: points for each candidate, utilisation and band after, warnings, ranking and the rationale rule.</summary>
public class AllocationRulesTests
{
    private static readonly CapacityRules Rules = new(WeightingScheme.Default);
    private static readonly CaseLoadFacts EarlyHelpHigh = new(Services.EarlyHelp, Complexity.High);

    private static AllocationCandidate Candidate(string name, decimal capacity, decimal load, bool newlyQualified = false, params string[] services) =>
        new(name, name, name, "North", newlyQualified, capacity, load, services.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void Candidates_rank_by_headroom_after_allocation_and_a_co_worked_case_adds_only_a_share()
    {
        // "co" already co-works the case: allocated to them it is theirs alone; allocated to anyone else, "co" stays on and shares it.
        var ranked = AllocationRules.Rank(Rules, EarlyHelpHigh, ["co"], [Candidate("co", 90, 80), Candidate("busy", 90, 88), Candidate("roomy", 90, 78)]);
        Assert.Equal(["roomy", "co", "busy"], ranked.Select(o => o.Candidate.UserName));
        Assert.Equal(3m, ranked[0].Points);
        Assert.Contains("co-worked by 2", ranked[0].Explanation, StringComparison.Ordinal);
        Assert.Equal(6m, ranked[1].Points);
        Assert.Equal(86m, ranked[1].LoadAfter);
        Assert.Equal(CapacityBand.Near, ranked[1].BandAfter);
        Assert.Equal(CapacityBand.Over, ranked[2].BandAfter);
        Assert.Equal(-1m, ranked[2].HeadroomAfter);
    }

    [Fact]
    public void Over_capacity_after_is_warned_with_the_figures()
    {
        var option = AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("busy", 90, 88));
        var warning = Assert.Single(option.Warnings);
        Assert.Equal(AllocationRules.OverCapacity, warning.Code);
        Assert.Equal("Would be over capacity: 94 points against 90 (104%)", warning.Message);
        Assert.True(option.OverCapacityAfter);
        Assert.Equal(CapacityBand.Near, option.BandNow);
    }

    [Fact]
    public void A_newly_qualified_practitioner_is_warned_of_complex_work_or_nearing_their_protected_capacity()
    {
        Assert.Null(AllocationRules.NewlyQualifiedConcern(new CaseLoadFacts(Services.EarlyHelp, Complexity.Medium), CapacityBand.Under));
        Assert.Equal("the case has high complexity and a child protection plan",
            AllocationRules.NewlyQualifiedConcern(new CaseLoadFacts(Services.EarlyHelp, Complexity.High, ChildProtectionPlan: true), CapacityBand.Under));
        Assert.Equal("it would take them near their protected capacity",
            AllocationRules.NewlyQualifiedConcern(new CaseLoadFacts(Services.EarlyHelp, Complexity.Low), CapacityBand.Near));

        var experienced = AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("old.hand", 90, 10));
        Assert.Empty(experienced.Warnings);
        var newcomer = AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("new", 72, 10, newlyQualified: true));
        var warning = Assert.Single(newcomer.Warnings);
        Assert.Equal(AllocationRules.NewlyQualifiedProtection, warning.Code);
        Assert.StartsWith("Newly qualified, with a protected caseload: the case has high complexity", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_practitioner_who_holds_cases_only_in_other_services_is_warned_and_one_with_none_is_not()
    {
        var mismatch = AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("send.worker", 90, 10, false, Services.Send, Services.CareersIag));
        var warning = Assert.Single(mismatch.Warnings);
        Assert.Equal(AllocationRules.ServiceMismatch, warning.Code);
        Assert.Equal("Holds no open Early help cases (works in Careers and IAG, SEND)", warning.Message);
        Assert.Empty(AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("new.starter", 90, 0)).Warnings);
        Assert.Empty(AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("mixed", 90, 10, false, Services.Send, Services.EarlyHelp)).Warnings);
    }

    [Fact]
    public void A_rationale_is_needed_only_over_capacity_and_has_a_limit()
    {
        var over = AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("busy", 90, 88));
        var under = AllocationRules.Assess(Rules, EarlyHelpHigh, [], Candidate("roomy", 90, 10));
        Assert.StartsWith("Give a rationale for allocating over capacity: busy would have 94 points against a capacity of 90 (104%)",
            AllocationRules.ValidateRationale(over, "  "), StringComparison.Ordinal);
        Assert.Null(AllocationRules.ValidateRationale(over, "Only worker with the language the family speaks"));
        Assert.Null(AllocationRules.ValidateRationale(under, null));
        Assert.Equal($"The rationale must be {AllocationRules.RationaleLength} characters or fewer",
            AllocationRules.ValidateRationale(over, new string('x', AllocationRules.RationaleLength + 1)));
    }

    [Fact]
    public void The_chronology_reads_the_rationale_last_in_an_allocations_details_whatever_it_holds()
    {
        Assert.Equal("Knows the family; to=someone else", ChronologyRules.OverCapacityRationaleIn("from=-; to=pat; overCapacityRationale=Knows the family; to=someone else"));
        Assert.Null(ChronologyRules.OverCapacityRationaleIn("from=-; to=pat"));
        Assert.Null(ChronologyRules.OverCapacityRationaleIn(null));
        var allocation = ChronologyRules.AllocationIn("case.allocated", "from=-; to=pat; overCapacityRationale=Knows the family; to=someone else");
        Assert.Equal("pat", allocation!.Value.To);
        Assert.Null(allocation.Value.From);
    }
}
