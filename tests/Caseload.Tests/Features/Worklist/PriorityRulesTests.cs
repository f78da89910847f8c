using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Features.Worklist;
using static Caseload.Tests.Features.Worklist.PriorityInputBuilder;
using static Caseload.Tests.Features.Worklist.Ranking;

namespace Caseload.Tests.Features.Worklist;

public class PriorityRulesTests
{
    private static readonly string[] EveryCharacteristic = [.. Characteristics.Titles.Keys];

    // Risk

    [Fact]
    public void Red_risk_case_ranks_above_green_case_with_no_deadline_pressure()
    {
        // The green case has everything except safeguarding and deadlines, at its maximum.
        var busyGreenCase = ACase()
            .With(EveryCharacteristic).Aged(2)
            .LastContact(200, expectedEvery: 5)
            .OverdueTasks(40)
            .ReviewOverdueBy(60);

        // Points alone never lift it over red risk: seen within twice the expected interval, it ranks below.
        AssertRanksAbove(ACase().RedRisk(), ACase().With(EveryCharacteristic).Aged(2).LastContact(9, expectedEvery: 5).OverdueTasks(40).ReviewOverdueBy(60));
        // Unseen for forty intervals it is red whatever its rating (PriorityMinimumBandTests): level with red risk alone.
        Assert.Equal(PriorityBand.Red, busyGreenCase.Assess().Band);
        Assert.Equal(ACase().RedRisk().Assess().Score, busyGreenCase.Assess().Score);
        // A follow-up overdue is pressure like an overdue organisational deadline: it may lift such a case over red risk, as one would.
        AssertRanksAbove(busyGreenCase.ReferralFollowUpOverdue("Riverside CAMHS", 10), ACase().RedRisk());
    }

    [Fact]
    public void Amber_risk_ranks_above_green_risk_at_equal_other_factors() =>
        AssertRanksAbove(ACase().AmberRisk().OverdueTasks(1), ACase().OverdueTasks(1));

    [Fact]
    public void Red_risk_ranks_above_amber_risk_at_equal_other_factors() =>
        AssertRanksAbove(ACase().RedRisk().With(Characteristics.ChildInNeed), ACase().AmberRisk().With(Characteristics.ChildInNeed));

    [Fact]
    public void Red_risk_case_is_always_red_priority_and_amber_risk_at_least_amber()
    {
        Assert.Equal(PriorityBand.Red, ACase().RedRisk().Assess().Band);
        Assert.Equal(PriorityBand.Amber, ACase().AmberRisk().Assess().Band);
        Assert.Equal(PriorityBand.Green, ACase().Assess().Band);
    }

    // Safeguarding

    [Theory]
    [InlineData(Risk.Green)]
    [InlineData(Risk.Amber)]
    [InlineData(Risk.Red)]
    public void Safeguarding_concern_ranks_above_none_at_equal_risk(Risk risk) =>
        AssertRanksAbove(ACase().WithRisk(risk).WithSafeguardingConcern(), ACase().WithRisk(risk));

    [Fact]
    public void Safeguarding_concern_makes_a_green_risk_case_red_priority() =>
        Assert.Equal(PriorityBand.Red, ACase().WithSafeguardingConcern().Assess().Band);

    // Deadlines

    [Fact]
    public void Overdue_statutory_deadline_ranks_above_deadline_due_next_week() =>
        AssertRanksAbove(
            ACase().StatutoryDeadline("single assessment", -1),
            ACase().StatutoryDeadline("initial child protection conference", 6));

    [Theory]
    [InlineData(-1)]
    [InlineData(-5)]
    [InlineData(-30)]
    public void Overdue_statutory_deadline_ranks_above_overdue_organisational_deadline(int workingDaysUntilDue) =>
        AssertRanksAbove(
            ACase().StatutoryDeadline("EHC needs assessment decision", workingDaysUntilDue),
            ACase().OrganisationalDeadline("case summary", workingDaysUntilDue));

    [Fact]
    public void Any_overdue_statutory_deadline_ranks_above_the_longest_overdue_organisational_one() =>
        AssertRanksAbove(
            ACase().StatutoryDeadline("EHC needs assessment decision", -1),
            ACase().OrganisationalDeadline("case summary", -100));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public void Statutory_deadline_ranks_above_organisational_deadline_due_the_same_day(int workingDaysUntilDue) =>
        AssertRanksAbove(
            ACase().StatutoryDeadline("review child protection conference", workingDaysUntilDue),
            ACase().OrganisationalDeadline("transfer summary", workingDaysUntilDue));

    [Fact]
    public void Overdue_deadline_ranks_above_the_same_deadline_due_today() =>
        AssertRanksAbove(ACase().StatutoryDeadline("single assessment", -1), ACase().StatutoryDeadline("single assessment", 0));

    [Fact]
    public void Deadline_pressure_grows_as_the_due_date_nears()
    {
        for (var days = 10; days > 0; days--)
        {
            AssertRanksAbove(ACase().StatutoryDeadline("single assessment", days - 1), ACase().StatutoryDeadline("single assessment", days));
            AssertRanksAbove(ACase().OrganisationalDeadline("case summary", days - 1), ACase().OrganisationalDeadline("case summary", days));
        }
    }

    [Fact]
    public void Deadline_beyond_two_working_weeks_adds_nothing()
    {
        var assessment = ACase().StatutoryDeadline("single assessment", 11).Assess();

        Assert.Equal(0, assessment.Score);
        Assert.DoesNotContain(assessment.Reasons, reason => reason.Factor == PriorityFactors.Deadline);
    }

    [Fact]
    public void Longer_overdue_ranks_above_just_overdue_until_two_working_weeks()
    {
        AssertRanksAbove(ACase().StatutoryDeadline("single assessment", -10), ACase().StatutoryDeadline("single assessment", -1));
        AssertRanksEqual(ACase().StatutoryDeadline("single assessment", -30), ACase().StatutoryDeadline("single assessment", -10));
    }

    [Fact]
    public void A_deadline_overdue_by_no_working_days_yet_counts_as_overdue_and_ranks_above_one_due_today()
    {
        // Due on a Saturday, on the Sunday.
        var weekend = ACase().StatutoryDeadlineOverdueByNoWorkingDays("single assessment");

        AssertRanksAbove(weekend, ACase().StatutoryDeadline("single assessment", 0));
        AssertRanksAbove(ACase().StatutoryDeadline("single assessment", -1), weekend);
        var reasons = weekend.Assess().Reasons;
        Assert.Equal("Statutory deadline: single assessment overdue", Assert.Single(reasons, r => r.Factor == PriorityFactors.OverdueDeadline).Detail);
        Assert.DoesNotContain(reasons, r => r.Factor == PriorityFactors.Deadline);
    }

    [Fact]
    public void Each_pressing_deadline_counts() =>
        AssertRanksAbove(
            ACase().StatutoryDeadline("single assessment", -2).OrganisationalDeadline("case summary", 3),
            ACase().StatutoryDeadline("single assessment", -2));

    // Contact drift

    [Fact]
    public void Contact_drift_beyond_expected_frequency_raises_priority() =>
        AssertRanksAbove(ACase().LastContact(20, expectedEvery: 10), ACase().LastContact(5, expectedEvery: 10));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 10)]
    [InlineData(30, null)]
    public void Contact_within_expected_frequency_adds_nothing(int workingDaysAgo, int? expectedEvery)
    {
        var assessment = ACase().LastContact(workingDaysAgo, expectedEvery).Assess();

        Assert.Equal(0, assessment.Score);
        Assert.DoesNotContain(assessment.Reasons, reason => reason.Factor == PriorityFactors.ContactDrift);
    }

    [Fact]
    public void Contact_drift_grows_with_missed_contacts_up_to_three()
    {
        // On red-risk cases, so that the minimum bands drift sets at twice and three times the interval (PriorityMinimumBandTests)
        // do not hide the points.
        AssertRanksAbove(ACase().RedRisk().LastContact(11, expectedEvery: 10), ACase().RedRisk().LastContact(10, expectedEvery: 10));
        AssertRanksAbove(ACase().RedRisk().LastContact(20, expectedEvery: 10), ACase().RedRisk().LastContact(11, expectedEvery: 10));
        AssertRanksAbove(ACase().RedRisk().LastContact(30, expectedEvery: 10), ACase().RedRisk().LastContact(20, expectedEvery: 10));
        AssertRanksAbove(ACase().RedRisk().LastContact(40, expectedEvery: 10), ACase().RedRisk().LastContact(30, expectedEvery: 10));
        AssertRanksEqual(ACase().RedRisk().LastContact(400, expectedEvery: 10), ACase().RedRisk().LastContact(40, expectedEvery: 10));
    }

    [Fact]
    public void Drift_is_relative_to_the_expected_frequency() =>
        AssertRanksAbove(ACase().LastContact(20, expectedEvery: 5), ACase().LastContact(20, expectedEvery: 10));

    [Fact]
    public void Never_contacted_case_ranks_above_case_contacted_as_expected() =>
        AssertRanksAbove(ACase().NeverContacted(), ACase().LastContact(3, expectedEvery: 10));

    // Vulnerability

    [Fact]
    public void Looked_after_child_ranks_above_child_with_no_characteristics() =>
        AssertRanksAbove(ACase().With(Characteristics.LookedAfter), ACase());

    [Theory]
    [InlineData(Characteristics.ChildProtectionPlan, Characteristics.SendEhcPlan)]
    [InlineData(Characteristics.LookedAfter, Characteristics.CareLeaver)]
    [InlineData(Characteristics.ChildInNeed, Characteristics.YoungCarer)]
    [InlineData(Characteristics.SendEhcPlan, Characteristics.SendSupport)]
    [InlineData(Characteristics.YouthJustice, Characteristics.Neet)]
    [InlineData(Characteristics.Disability, Characteristics.TeenageParent)]
    [InlineData(Characteristics.TeenageParent, Characteristics.EnglishAdditionalLanguage)]
    public void More_vulnerable_characteristic_ranks_above_less_vulnerable(string moreVulnerable, string lessVulnerable) =>
        AssertRanksAbove(ACase().With(moreVulnerable), ACase().With(lessVulnerable));

    [Fact]
    public void Every_known_characteristic_raises_priority()
    {
        foreach (var code in EveryCharacteristic)
        {
            AssertRanksAbove(ACase().With(code), ACase());
        }
    }

    [Fact]
    public void Vulnerability_is_capped_below_red_risk()
    {
        // Amber risk, so that the minimum band a child protection plan sets (amber) adds nothing to the vulnerability reason.
        var assessment = ACase().AmberRisk().With(EveryCharacteristic).Aged(1).Assess();

        var vulnerability = Assert.Single(assessment.Reasons, r => r.Factor == PriorityFactors.Vulnerability);
        Assert.Equal(PriorityFactors.Vulnerability, vulnerability.Factor);
        Assert.Equal(PriorityWeights.Default.VulnerabilityCap, vulnerability.Weight);
        Assert.True(vulnerability.Weight < PriorityWeights.Default.RiskRed);
    }

    [Fact]
    public void Under_five_ranks_above_older_child_at_equal_factors()
    {
        AssertRanksAbove(ACase().Aged(4).With(Characteristics.ChildInNeed), ACase().Aged(5).With(Characteristics.ChildInNeed));
        AssertRanksAbove(ACase().Aged(0), ACase().Aged(null));
    }

    [Fact]
    public void Unknown_and_repeated_characteristics_add_nothing_more() =>
        AssertRanksEqual(
            ACase().With(Characteristics.LookedAfter, Characteristics.LookedAfter, "not-a-characteristic"),
            ACase().With(Characteristics.LookedAfter));

    // Overdue tasks

    [Fact]
    public void Overdue_tasks_raise_priority_a_little()
    {
        AssertRanksAbove(ACase().OverdueTasks(2), ACase().OverdueTasks(1));
        AssertRanksAbove(ACase().OverdueTasks(1), ACase());
        AssertRanksAbove(ACase().AmberRisk(), ACase().OverdueTasks(100));
    }

    // Referral follow-ups

    [Fact]
    public void An_overdue_referral_follow_up_raises_priority_more_the_longer_it_is_overdue()
    {
        AssertRanksAbove(ACase().ReferralFollowUpOverdue("Riverside CAMHS", 0), ACase());
        AssertRanksAbove(ACase().ReferralFollowUpOverdue("Riverside CAMHS", 3), ACase().ReferralFollowUpOverdue("Riverside CAMHS", 1));
        // It weighs more than an overdue task (someone may not have reached the help), never as much as a missed service standard.
        AssertRanksAbove(ACase().ReferralFollowUpOverdue("Riverside CAMHS", 0), ACase().OverdueTasks(1));
        AssertRanksAbove(ACase().OrganisationalDeadline("early help assessment", -1), ACase().ReferralFollowUpOverdue("A", 40).ReferralFollowUpOverdue("B", 40));
    }

    [Fact]
    public void Overdue_referral_follow_ups_are_one_factor_naming_each_agency_and_capped()
    {
        var one = ACase().ReferralFollowUpOverdue("Riverside CAMHS", 3).Assess();
        var reason = Assert.Single(one.Reasons, r => r.Factor == PriorityFactors.ReferralFollowUpOverdue);
        Assert.Equal("Referral to Riverside CAMHS: follow-up overdue by 3 working days", reason.Detail);
        Assert.Equal(PriorityWeights.Default.ReferralFollowUpOverdue + (3 * PriorityWeights.Default.ReferralFollowUpOverduePerWorkingDay), reason.Weight);
        Assert.Equal("Referral to Riverside CAMHS: follow-up overdue", Assert.Single(ACase().ReferralFollowUpOverdue("Riverside CAMHS", 0).Assess().Reasons,
            r => r.Factor == PriorityFactors.ReferralFollowUpOverdue).Detail);

        var two = ACase().ReferralFollowUpOverdue("Oak Lane School", 1).ReferralFollowUpOverdue("Riverside CAMHS", 12).Assess();
        var both = Assert.Single(two.Reasons, r => r.Factor == PriorityFactors.ReferralFollowUpOverdue);
        Assert.Equal("2 referral follow-ups overdue: Riverside CAMHS by 12 working days; Oak Lane School by 1 working day", both.Detail);
        Assert.Equal(PriorityWeights.Default.ReferralFollowUpOverdueCap, both.Weight);
        Assert.Equal("Referral follow-up overdue", PriorityFactors.Title(both.Factor));
    }

    // Review

    [Fact]
    public void Review_overdue_ranks_above_review_in_date()
    {
        AssertRanksAbove(ACase().ReviewOverdueBy(1), ACase().ReviewOverdueBy(0));
        AssertRanksAbove(ACase().ReviewOverdueBy(5), ACase().ReviewOverdueBy(1));
        AssertRanksEqual(ACase().ReviewOverdueBy(0), ACase().ReviewOverdueBy(null));
    }

    [Fact]
    public void Overdue_review_weighs_less_than_an_overdue_statutory_deadline() =>
        AssertRanksAbove(ACase().StatutoryDeadline("single assessment", -1), ACase().ReviewOverdueBy(100));

    // Order of receipt

    [Fact]
    public void Order_of_receipt_makes_no_difference()
    {
        // The same caseload received in three different orders (oldest first, newest first, interleaved).
        PriorityInputBuilder[] receivedInOrder =
        [
            ACase().OverdueTasks(1),
            ACase().RedRisk(),
            ACase().StatutoryDeadline("single assessment", -3),
            ACase().With(Characteristics.LookedAfter).LastContact(25, expectedEvery: 10),
            ACase(),
            ACase().WithSafeguardingConcern().ReviewOverdueBy(4),
            ACase().OrganisationalDeadline("case summary", 2),
            ACase().OverdueTasks(1),
        ];
        int[][] receipts = [[0, 1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1, 0], [3, 7, 1, 5, 0, 4, 2, 6]];

        var worklists = receipts
            .Select(receipt => receipt
                .Select(index => receivedInOrder[index].Assess())
                .Order(PriorityOrder.WorkFirst)
                .Select(assessment => assessment.Explain())
                .ToList())
            .ToList();

        Assert.Equal(worklists[0], worklists[1]);
        Assert.Equal(worklists[0], worklists[2]);
        Assert.StartsWith("Red priority, score 114.", worklists[0][0], StringComparison.Ordinal);
        Assert.StartsWith("Green priority, score 0.", worklists[0][^1], StringComparison.Ordinal);

        // Two identical cases, whenever they arrived, are equal on every key the worklist orders by.
        var older = receivedInOrder[0].Assess();
        var newer = receivedInOrder[^1].Assess();
        Assert.Equal(0, PriorityOrder.WorkFirst.Compare(older, newer));
        Assert.Equal(older.Explain(), newer.Explain());
    }

    // Rules

    [Fact]
    public void Score_is_the_sum_of_the_reasons_weights()
    {
        PriorityInputBuilder[] cases =
        [
            ACase(),
            ACase().RedRisk().WithSafeguardingConcern().With(EveryCharacteristic).Aged(3).NeverContacted()
                .StatutoryDeadline("single assessment", -4).OrganisationalDeadline("case summary", 1).OverdueTasks(3).ReviewOverdueBy(2),
            ACase().RedRisk().StatutoryDeadline("single assessment", 2).Lowered("Family engaging well"),
            ACase().AmberRisk().With(Characteristics.YoungCarer).Raised("New school place at risk"),
        ];

        foreach (var builder in cases)
        {
            var assessment = builder.Assess();
            Assert.Equal(assessment.Score, assessment.Reasons.Sum(reason => reason.Weight));
        }
    }

    [Fact]
    public void Bands_follow_the_weights_thresholds()
    {
        var rules = PriorityRules.Default;

        Assert.Equal(PriorityBand.Green, rules.BandOf(49));
        Assert.Equal(PriorityBand.Amber, rules.BandOf(50));
        Assert.Equal(PriorityBand.Amber, rules.BandOf(99));
        Assert.Equal(PriorityBand.Red, rules.BandOf(100));
    }

    [Fact]
    public void Nonsense_counts_are_ignored_rather_than_lowering_priority()
    {
        var assessment = PriorityRules.Default.Assess(ACase().Build() with { OverdueTasks = -3, ReviewOverdueByWorkingDays = -5, AgeInYears = -1 });

        Assert.Equal(0, assessment.Score);
        Assert.Empty(assessment.Reasons);
    }
}
