using Caseload.Features.Worklist;

namespace Caseload.Tests.Features.Worklist;

public class PriorityOrderTests
{
    private static PriorityAssessment Scored(int score, int? mostUrgentDeadline = null, int? sinceContact = 0) =>
        new(score, PriorityRules.Default.BandOf(score), [], OverrideOutcome.None, mostUrgentDeadline, sinceContact);

    private static int Compare(PriorityAssessment x, PriorityAssessment y) => PriorityOrder.WorkFirst.Compare(x, y);

    [Fact]
    public void Higher_score_comes_first_whatever_the_tie_break_keys_say()
    {
        Assert.True(Compare(Scored(60, mostUrgentDeadline: null, sinceContact: 0), Scored(59, mostUrgentDeadline: -20, sinceContact: null)) < 0);
    }

    [Fact]
    public void Equal_scores_are_broken_by_the_most_urgent_deadline()
    {
        Assert.True(Compare(Scored(40, mostUrgentDeadline: -3), Scored(40, mostUrgentDeadline: 0)) < 0);
        Assert.True(Compare(Scored(40, mostUrgentDeadline: 12), Scored(40, mostUrgentDeadline: null)) < 0);
        Assert.True(Compare(Scored(40, mostUrgentDeadline: null), Scored(40, mostUrgentDeadline: 12)) > 0);
    }

    [Fact]
    public void Then_by_the_longest_without_contact()
    {
        Assert.True(Compare(Scored(40, 5, sinceContact: 9), Scored(40, 5, sinceContact: 3)) < 0);
        Assert.True(Compare(Scored(40, 5, sinceContact: null), Scored(40, 5, sinceContact: 300)) < 0);
    }

    [Fact]
    public void Cases_equal_on_every_key_compare_equal_so_the_caller_adds_a_stable_key() =>
        Assert.Equal(0, Compare(Scored(40, 5, 3), Scored(40, 5, 3)));

    [Fact]
    public void Real_cases_with_equal_scores_tie_break_on_their_inputs()
    {
        // Both score 40: a statutory deadline due today, and an organisational one ten working days overdue.
        var dueToday = PriorityInputBuilder.ACase().StatutoryDeadline("single assessment", 0).Assess();
        var longOverdue = PriorityInputBuilder.ACase().OrganisationalDeadline("case summary", -10).Assess();

        Assert.Equal(dueToday.Score, longOverdue.Score);
        Assert.True(Compare(longOverdue, dueToday) < 0);
    }
}
