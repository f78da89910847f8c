using Caseload.Features.People;
using Caseload.Features.Worklist;
using static Caseload.Tests.Features.Worklist.PriorityInputBuilder;
using static Caseload.Tests.Features.Worklist.Ranking;

namespace Caseload.Tests.Features.Worklist;

/// <summary>
/// The minimum bands that hold whatever the risk rating: contact drift at twice and three times the expected interval, and a
/// child protection plan or looked-after status; and the flag on a green rating beside such a status.
/// </summary>
public class PriorityMinimumBandTests
{
    [Fact]
    public void A_child_unseen_for_142_working_days_against_10_is_red_whatever_the_green_rating()
    {
        var assessment = ACase().LastContact(142, 10).Assess();

        Assert.Equal(PriorityBand.Red, assessment.Band);
        var contact = Assert.Single(assessment.Reasons, r => r.Factor == PriorityFactors.ContactDrift);
        Assert.Equal("No contact for 142 working days; expected every 10 (three times the expected interval or more, so at least red priority)", contact.Detail);
        Assert.Equal(assessment.Score, contact.Weight);
    }

    [Theory]
    [InlineData(19, PriorityBand.Green)]
    [InlineData(20, PriorityBand.Amber)]
    [InlineData(29, PriorityBand.Amber)]
    [InlineData(30, PriorityBand.Red)]
    public void Contact_drift_escalates_at_twice_and_three_times_the_expected_interval(int workingDaysSince, PriorityBand band) =>
        Assert.Equal(band, ACase().LastContact(workingDaysSince, 10).Assess().Band);

    [Fact]
    public void The_floor_never_lowers_a_case_already_above_it()
    {
        var without = ACase().AmberRisk().StatutoryDeadline("single assessment", 0).Assess();
        var with = ACase().AmberRisk().StatutoryDeadline("single assessment", 0).LastContact(20, 10).Assess();

        Assert.True(with.Score > without.Score);
        Assert.DoesNotContain("at least", Assert.Single(with.Reasons, r => r.Factor == PriorityFactors.ContactDrift).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Longer_without_contact_is_worked_first_within_the_red_band()
    {
        var longer = ACase().LastContact(60, 10).Assess();
        var shorter = ACase().LastContact(31, 10).Assess();

        Assert.Equal(PriorityBand.Red, shorter.Band);
        Assert.True(PriorityOrder.WorkFirst.Compare(longer, shorter) < 0);
    }

    [Fact]
    public void Drift_below_twice_the_interval_still_ranks_by_points() =>
        AssertRanksAbove(ACase().LastContact(18, 10), ACase().LastContact(12, 10));

    [Theory]
    [InlineData(Characteristics.ChildProtectionPlan)]
    [InlineData(Characteristics.LookedAfter)]
    public void A_child_on_a_plan_or_looked_after_is_never_green(string status)
    {
        var assessment = ACase().With(status).Assess();

        Assert.Equal(PriorityBand.Amber, assessment.Band);
        Assert.Contains("at least amber priority", Assert.Single(assessment.Reasons, r => r.Factor == PriorityFactors.Vulnerability).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lowering_override_cannot_take_a_child_protection_case_out_of_amber()
    {
        var assessment = ACase().With(Characteristics.ChildProtectionPlan).Lowered("Plan working well").Assess();

        Assert.Equal(PriorityBand.Amber, assessment.Band);
        Assert.Contains("stays amber because of the child protection plan status", Assert.Single(assessment.Reasons, r => r.Factor == PriorityFactors.Override).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lowering_override_cannot_take_a_long_unseen_child_out_of_red()
    {
        var assessment = ACase().LastContact(40, 10).Lowered("Family on holiday").Assess();

        Assert.Equal(PriorityBand.Red, assessment.Band);
    }

    [Fact]
    public void A_green_rating_beside_a_child_protection_plan_is_flagged_with_the_day_it_began()
    {
        var input = ACase().With(Characteristics.ChildProtectionPlan).Build() with
        {
            StatusSince = new Dictionary<string, DateOnly> { [Characteristics.ChildProtectionPlan] = new(2026, 3, 3) },
        };

        Assert.Equal("Rated green; child protection plan since 3 Mar 2026: review the risk rating", PriorityRules.Default.Assess(input).RatingInconsistency);
    }

    [Fact]
    public void An_amber_rating_or_a_child_without_such_status_is_not_flagged()
    {
        Assert.Null(ACase().AmberRisk().With(Characteristics.LookedAfter).Assess().RatingInconsistency);
        Assert.Null(ACase().With(Characteristics.ChildInNeed).Assess().RatingInconsistency);
        Assert.Equal("Rated green; looked after: review the risk rating", ACase().With(Characteristics.LookedAfter).Assess().RatingInconsistency);
    }

    [Fact]
    public void A_service_manager_may_bring_the_contact_floors_earlier_but_never_later()
    {
        var earlier = PriorityWeights.Default with { ContactDriftAmberFromPercent = 150, ContactDriftRedFromPercent = 250 };
        Assert.Empty(earlier.Validate());
        Assert.Equal(PriorityBand.Amber, new PriorityRules(earlier).Assess(ACase().LastContact(15, 10).Build()).Band);

        var later = (PriorityWeights.Default with { ContactDriftAmberFromPercent = 250 }).Problems();
        Assert.Contains(later, p => p.Weight == nameof(PriorityWeights.ContactDriftAmberFromPercent));
        Assert.Contains((PriorityWeights.Default with { ContactDriftRedFromPercent = 400 }).Problems(), p => p.Weight == nameof(PriorityWeights.ContactDriftRedFromPercent));
        Assert.Contains((PriorityWeights.Default with { ContactDriftRedFromPercent = 200 }).Problems(), p => p.Weight == nameof(PriorityWeights.ContactDriftRedFromPercent));
    }
}
