using Caseload.Features.Closure;

namespace Caseload.Tests.Features.Closure;

public sealed class ClosureOutcomeRulesTests
{
    private static readonly GoalToClose Open = new(Guid.NewGuid(), 0, "On time", "on-track");
    private static readonly GoalToClose Achieved = new(Guid.NewGuid(), 1, "In school", "achieved");
    private static readonly GoalToClose Abandoned = new(Guid.NewGuid(), 2, "Clubs", "abandoned");

    [Fact]
    public void The_census_reasons_are_rc1_to_rc9_in_the_dfe_wording()
    {
        Assert.Equal(["RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"], ClosureReasonList.CensusReasons.Select(r => r.Code));
        Assert.Equal("RC9 – Case closed after assessment, referred to early help", ClosureReasonList.CensusReasons[8].Label);
        var list = new ClosureReasonList(ClosureReasonList.Defaults);
        Assert.Equal("RC4", list.Find("childrens-social-care", "RC4")!.Code);
        Assert.Null(list.Find("early-help", "RC4"));
        Assert.Equal("Needs met and outcomes achieved", list.Find("early-help", "needs-met")!.Label);
    }

    [Fact]
    public void An_open_goal_needs_an_outcome_and_a_finished_one_takes_its_own()
    {
        var (errors, _) = ClosureOutcomeRules.Check(new ClosureOutcomeInput("needs-met", null), ClosureReasonList.LocalReasons, [Open, Achieved, Abandoned]);
        Assert.Equal(["goalOutcomes"], errors.Keys);
        Assert.Contains("goal 1", errors["goalOutcomes"], StringComparison.Ordinal);

        var (none, closing) = ClosureOutcomeRules.Check(new ClosureOutcomeInput("needs-met", [new GoalOutcomeInput(Open.Id, "partly-achieved")]), ClosureReasonList.LocalReasons,
            [Open, Achieved, Abandoned]);
        Assert.Empty(none);
        Assert.Equal("needs-met", closing.Reason!.Code);
        Assert.Equal([(Open.Id, "partly-achieved"), (Achieved.Id, "achieved"), (Abandoned.Id, "not-achieved")], closing.Goals);
    }

    [Fact]
    public void Unknown_codes_goals_and_outcomes_are_named()
    {
        var (errors, _) = ClosureOutcomeRules.Check(
            new ClosureOutcomeInput("RC10", [new GoalOutcomeInput(Guid.NewGuid(), "achieved"), new GoalOutcomeInput(Open.Id, "mostly"), null]),
            ClosureReasonList.CensusReasons, [Open]);
        Assert.Equal(["goalOutcomes[0].goalId", "goalOutcomes[1].outcome", "goalOutcomes[2]", "reasonCode"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_reason_kept_leads_with_the_listed_reason_once()
    {
        var rc8 = ClosureReasonList.CensusReasons[7];
        Assert.Equal(rc8.Label, ClosureOutcomeRules.ReasonText(rc8, " "));
        Assert.Equal($"{rc8.Label}: No concerns", ClosureOutcomeRules.ReasonText(rc8, "No concerns"));
        Assert.Equal($"{rc8.Label}: No concerns", ClosureOutcomeRules.ReasonText(rc8, $"{rc8.Label}: No concerns"));
        Assert.Equal("Moved to Leeds", ClosureOutcomeRules.ReasonText(null, " Moved to Leeds "));
    }
}
