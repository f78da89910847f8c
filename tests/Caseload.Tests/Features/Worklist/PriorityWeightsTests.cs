using Caseload.Features.People;
using Caseload.Features.Worklist;
using Microsoft.Extensions.Configuration;
using static Caseload.Tests.Features.Worklist.PriorityInputBuilder;

namespace Caseload.Tests.Features.Worklist;

public class PriorityWeightsTests
{
    [Fact]
    public void Default_weights_are_safe() => Assert.Empty(PriorityWeights.Default.Validate());

    [Fact]
    public void Weights_that_would_let_a_red_risk_case_leave_red_are_rejected()
    {
        var weights = PriorityWeights.Default with { RiskRed = 90 };

        Assert.Contains(weights.Validate(), problem => problem.StartsWith("RiskRed must be at least RedBandFrom", StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => new PriorityRules(weights));
        Assert.Contains("RiskRed must be at least RedBandFrom", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_that_would_let_a_safeguarding_case_leave_red_are_rejected() =>
        Assert.Contains(
            (PriorityWeights.Default with { SafeguardingConcern = 60 }).Validate(),
            problem => problem.StartsWith("SafeguardingConcern must be at least RedBandFrom", StringComparison.Ordinal));

    [Fact]
    public void Weights_that_let_other_factors_outweigh_red_risk_are_rejected() =>
        Assert.Contains(
            (PriorityWeights.Default with { VulnerabilityCap = 60 }).Validate(),
            problem => problem.StartsWith("RiskRed must be above the most that vulnerability", StringComparison.Ordinal));

    [Fact]
    public void Weights_that_let_referral_follow_ups_outweigh_a_missed_service_standard_are_rejected()
    {
        Assert.Contains(
            (PriorityWeights.Default with { ReferralFollowUpOverdueCap = 31 }).Validate(),
            problem => problem.StartsWith("ReferralFollowUpOverdueCap must be at most OrganisationalOverdue", StringComparison.Ordinal));
        Assert.Contains((PriorityWeights.Default with { ReferralFollowUpOverdue = -1 }).Validate(), problem => problem == "ReferralFollowUpOverdue must not be negative");
        Assert.Empty((PriorityWeights.Default with { ReferralFollowUpOverdueCap = 30 }).Validate());
    }

    [Fact]
    public void Weights_that_put_organisational_above_statutory_are_rejected() =>
        Assert.Contains(
            (PriorityWeights.Default with { OrganisationalDueMax = 50 }).Validate(),
            problem => problem == "Statutory deadlines must weigh more than organisational ones");

    [Fact]
    public void Negative_weights_are_rejected() =>
        Assert.Contains(
            (PriorityWeights.Default with { Vulnerability = new Dictionary<string, int> { [Characteristics.Neet] = -5 } }).Validate(),
            problem => problem == "Vulnerability weight for neet must not be negative");

    [Fact]
    public void A_service_manager_can_change_the_weights_by_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Priority:OverdueTask"] = "5",
                ["Priority:Vulnerability:neet"] = "25",
            })
            .Build();

        var weights = configuration.GetSection("Priority").Get<PriorityWeights>();

        Assert.NotNull(weights);
        Assert.Equal(5, weights.OverdueTask);
        Assert.Equal(25, weights.Vulnerability[Characteristics.Neet]);
        Assert.Equal(30, weights.Vulnerability[Characteristics.LookedAfter]);
        Assert.Equal(30, PriorityWeights.Default.Vulnerability[Characteristics.LookedAfter]);
        Assert.Equal(5, PriorityWeights.Default.Vulnerability[Characteristics.Neet]);

        var input = ACase().With(Characteristics.Neet).OverdueTasks(1).Build();
        Assert.Equal(30, new PriorityRules(weights).Assess(input).Score);
        Assert.Equal(7, PriorityRules.Default.Assess(input).Score);
    }
}
