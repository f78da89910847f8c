using Caseload.Features.People;
using Caseload.Features.Worklist;
using static Caseload.Tests.Features.Worklist.PriorityInputBuilder;

namespace Caseload.Tests.Features.Worklist;

public class PriorityExplanationTests
{
    [Fact]
    public void Reasons_are_ordered_by_weight()
    {
        var assessment = ACase()
            .OverdueTasks(2)
            .With(Characteristics.YoungCarer)
            .LastContact(30, expectedEvery: 10)
            .StatutoryDeadline("single assessment", -1)
            .RedRisk()
            .Assess();

        Assert.Equal(
            [PriorityFactors.Risk, PriorityFactors.OverdueDeadline, PriorityFactors.ContactDrift, PriorityFactors.Vulnerability, PriorityFactors.OverdueTasks],
            assessment.Reasons.Select(reason => reason.Factor));
        Assert.Equal([100, 72, 20, 10, 4], assessment.Reasons.Select(reason => reason.Weight));
    }

    [Fact]
    public void Lowering_override_is_listed_last()
    {
        var assessment = ACase().AmberRisk().OverdueTasks(1).Lowered("Family engaging").Assess();

        Assert.Equal(PriorityFactors.Override, assessment.Reasons[^1].Factor);
        Assert.True(assessment.Reasons[^1].Weight < 0);
    }

    [Fact]
    public void Explanation_says_why_in_plain_English()
    {
        var assessment = ACase()
            .RedRisk()
            .WithSafeguardingConcern()
            .With(Characteristics.SendEhcPlan, Characteristics.LookedAfter)
            .StatutoryDeadline("initial child protection conference", 1)
            .OrganisationalDeadline("chronology update", -3)
            .LastContact(20, expectedEvery: 10)
            .OverdueTasks(2)
            .ReviewOverdueBy(5)
            .Raised("Sibling placed on a child protection plan", until: new DateOnly(2026, 11, 30))
            .Assess();

        Assert.Equal(
            [
                "Risk rated red",
                "Safeguarding concern recorded",
                "Priority raised by sue.supervisor: Sibling placed on a child protection plan (until 30 Nov 2026)",
                "Looked-after child; EHC plan",
                "Statutory deadline: initial child protection conference due in 1 working day",
                "Organisational deadline: chronology update overdue by 3 working days",
                "Review overdue by 5 working days",
                "No contact for 20 working days; expected every 10",
                "2 tasks overdue",
            ],
            assessment.Reasons.Select(reason => reason.Detail));
        Assert.Equal(
            "Red priority, score 388. Risk rated red (+100). Safeguarding concern recorded (+100). "
            + "Priority raised by sue.supervisor: Sibling placed on a child protection plan (until 30 Nov 2026) (+50). "
            + "Looked-after child; EHC plan (+40). "
            + "Statutory deadline: initial child protection conference due in 1 working day (+36). "
            + "Organisational deadline: chronology update overdue by 3 working days (+33). "
            + "Review overdue by 5 working days (+15). No contact for 20 working days; expected every 10 (+10). "
            + "2 tasks overdue (+4).",
            assessment.Explain());
    }

    [Fact]
    public void Singular_and_due_today_read_naturally()
    {
        var assessment = ACase()
            .StatutoryDeadline("EHC plan issue", 0)
            .OrganisationalDeadline("case summary", -1)
            .OverdueTasks(1)
            .ReviewOverdueBy(1)
            .NeverContacted()
            .Aged(3)
            .Assess();

        Assert.Equal(
            [
                "Statutory deadline: EHC plan issue due today",
                "Organisational deadline: case summary overdue by 1 working day",
                "No contact recorded yet",
                "Review overdue by 1 working day",
                "Aged under 5",
                "1 task overdue",
            ],
            assessment.Reasons.Select(reason => reason.Detail));
    }

    [Fact]
    public void Under_five_is_added_to_the_characteristics() =>
        Assert.Equal(
            "Child in need; aged under 5",
            Assert.Single(ACase().With(Characteristics.ChildInNeed).Aged(2).Assess().Reasons).Detail);

    [Fact]
    public void Case_with_nothing_pressing_says_so() =>
        Assert.Equal("Green priority, score 0. Nothing raises this case's priority.", ACase().Assess().Explain());

    [Fact]
    public void Notes_and_lowering_show_their_effect()
    {
        var expired = ACase().AmberRisk().Raised("Hearing", until: Today.AddDays(-3)).Assess();
        var lowered = ACase().AmberRisk().Lowered("Family engaging well.").Assess();

        Assert.Equal(
            "Amber priority, score 50. Risk rated amber (+50). Priority override by sue.supervisor expired on 30 Oct 2026 and is ignored: Hearing (no effect).",
            expired.Explain());
        Assert.Equal(
            "Green priority, score 0. Risk rated amber (+50). Priority lowered by sue.supervisor: Family engaging well (-50).",
            lowered.Explain());
    }

    [Fact]
    public void Band_codes_are_kebab_case() =>
        Assert.Equal(["green", "amber", "red"], Enum.GetValues<PriorityBand>().Select(band => band.ToCode()));
}
