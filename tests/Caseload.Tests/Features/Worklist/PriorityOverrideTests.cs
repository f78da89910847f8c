using Caseload.Features.Cases;
using Caseload.Features.Worklist;
using static Caseload.Tests.Features.Worklist.PriorityInputBuilder;
using static Caseload.Tests.Features.Worklist.Ranking;

namespace Caseload.Tests.Features.Worklist;

public class PriorityOverrideTests
{
    [Fact]
    public void Raised_override_ranks_above_the_same_case_without_one() =>
        AssertRanksAbove(
            ACase().OverdueTasks(1).Raised("Mother reports new partner with a history of violence"),
            ACase().OverdueTasks(1));

    [Fact]
    public void Raising_moves_a_case_about_one_band()
    {
        var assessment = ACase().AmberRisk().Raised("Court hearing brought forward").Assess();

        Assert.Equal(PriorityBand.Red, assessment.Band);
        Assert.Equal(OverrideOutcome.Applied, assessment.Override);
    }

    [Fact]
    public void Lowered_override_ranks_below_the_same_case_without_one() =>
        AssertRanksAbove(
            ACase().AmberRisk().StatutoryDeadline("single assessment", 3),
            ACase().AmberRisk().StatutoryDeadline("single assessment", 3).Lowered("Assessment completed; awaiting sign-off"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Override_without_rationale_is_refused(string rationale)
    {
        var priorityOverride = new PriorityOverride(OverrideDirection.Raise, rationale, "sue.supervisor", null);

        Assert.Equal("Enter a rationale for the priority override", PriorityRules.ValidateOverride(priorityOverride));

        var assessment = ACase().OverdueTasks(2).WithOverride(priorityOverride).Assess();
        Assert.Equal(ACase().OverdueTasks(2).Assess().Score, assessment.Score);
        Assert.Equal(OverrideOutcome.Refused, assessment.Override);
        Assert.Contains(
            new PriorityReason(PriorityFactors.Override, "Priority override by sue.supervisor not applied: it has no rationale", 0),
            assessment.Reasons);
    }

    [Fact]
    public void Override_without_author_is_refused()
    {
        var priorityOverride = new PriorityOverride(OverrideDirection.Lower, "Family moved out of area", " ", null);

        Assert.Equal("A priority override must record who made it", PriorityRules.ValidateOverride(priorityOverride));
        var assessment = ACase().AmberRisk().WithOverride(priorityOverride).Assess();
        Assert.Equal(OverrideOutcome.Refused, assessment.Override);
        Assert.Equal(ACase().AmberRisk().Assess().Score, assessment.Score);
    }

    [Fact]
    public void Override_that_neither_raises_nor_lowers_is_refused()
    {
        var priorityOverride = new PriorityOverride((OverrideDirection)7, "Because", "sue.supervisor", null);

        Assert.Equal("Select whether to raise or lower the priority", PriorityRules.ValidateOverride(priorityOverride));
        Assert.Equal(OverrideOutcome.Refused, ACase().WithOverride(priorityOverride).Assess().Override);
    }

    [Fact]
    public void Override_with_rationale_and_author_is_valid() =>
        Assert.Null(PriorityRules.ValidateOverride(new PriorityOverride(OverrideDirection.Lower, "Placement stable", "sue.supervisor", null)));

    [Fact]
    public void Expired_override_is_ignored()
    {
        var yesterday = Today.AddDays(-1);

        var assessment = ACase().OverdueTasks(1).Raised("Exclusion hearing this week", until: yesterday).Assess();

        Assert.Equal(ACase().OverdueTasks(1).Assess().Score, assessment.Score);
        Assert.Equal(OverrideOutcome.Expired, assessment.Override);
        Assert.Contains(
            new PriorityReason(
                PriorityFactors.Override,
                "Priority override by sue.supervisor expired on 1 Nov 2026 and is ignored: Exclusion hearing this week",
                0),
            assessment.Reasons);
    }

    [Fact]
    public void Override_still_applies_on_its_last_day() =>
        AssertRanksAbove(ACase().Raised("Exclusion hearing today", until: Today), ACase());

    [Fact]
    public void Lowering_never_takes_a_red_risk_case_out_of_red()
    {
        var lowered = ACase().RedRisk().Lowered("Risk being managed by the YOT").Assess();

        Assert.Equal(PriorityBand.Red, lowered.Band);
        Assert.Equal(PriorityWeights.Default.RedBandFrom, lowered.Score);
        Assert.Contains(
            new PriorityReason(
                PriorityFactors.Override,
                "Priority lowered by sue.supervisor: Risk being managed by the YOT; stays red because risk is rated red",
                0),
            lowered.Reasons);
    }

    [Fact]
    public void Lowering_a_red_risk_case_moves_it_down_within_red()
    {
        AssertRanksAbove(
            ACase().RedRisk().StatutoryDeadline("single assessment", -2),
            ACase().RedRisk().StatutoryDeadline("single assessment", -2).Lowered("Extension agreed with the IRO"));
        Assert.Equal(PriorityBand.Red, ACase().RedRisk().StatutoryDeadline("single assessment", -2).Lowered("Extension agreed").Assess().Band);
    }

    [Fact]
    public void Lowering_never_takes_a_safeguarding_case_out_of_red()
    {
        var lowered = ACase().WithSafeguardingConcern().Lowered("Concern being looked into by the police").Assess();

        Assert.Equal(PriorityBand.Red, lowered.Band);
        Assert.Contains(lowered.Reasons, reason => reason.Detail.EndsWith("stays red because of the safeguarding concern", StringComparison.Ordinal));
    }

    [Fact]
    public void Lowering_an_amber_risk_case_can_leave_amber() =>
        Assert.Equal(PriorityBand.Green, ACase().AmberRisk().Lowered("Risk reduced; re-rating at next review").Assess().Band);

    [Fact]
    public void Lowering_never_makes_the_score_negative()
    {
        var assessment = ACase().OverdueTasks(1).Lowered("Tasks reassigned").Assess();

        Assert.Equal(0, assessment.Score);
        Assert.Equal(-2, Assert.Single(assessment.Reasons, reason => reason.Factor == PriorityFactors.Override).Weight);
    }

    [Fact]
    public void Override_never_hides_the_underlying_reasons()
    {
        var without = ACase().RedRisk().StatutoryDeadline("single assessment", 1).OverdueTasks(2).Assess();
        var lowered = ACase().RedRisk().StatutoryDeadline("single assessment", 1).OverdueTasks(2).Lowered("Extension agreed").Assess();

        Assert.Equal(without.Reasons, lowered.Reasons.Where(reason => reason.Factor != PriorityFactors.Override));
        Assert.Equal(without.Reasons.Count + 1, lowered.Reasons.Count);
    }

    [Fact]
    public void Override_is_listed_with_its_author_rationale_and_expiry()
    {
        var assessment = ACase().Raised("Sibling placed on a child protection plan", until: new DateOnly(2026, 11, 30)).Assess();

        Assert.Equal(
            new PriorityReason(
                PriorityFactors.Override,
                "Priority raised by sue.supervisor: Sibling placed on a child protection plan (until 30 Nov 2026)",
                PriorityWeights.Default.OverrideShift),
            Assert.Single(assessment.Reasons));
    }

    [Fact]
    public void Case_without_override_says_so() =>
        Assert.Equal(OverrideOutcome.None, ACase().WithRisk(Risk.Red).Assess().Override);
}
