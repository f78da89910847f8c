using System.Text.RegularExpressions;
using Caseload.Features.Deadlines;

namespace Caseload.Tests.Features.Deadlines;

public partial class TimescalesTests
{
    private static TimescaleCatalogue Catalogue => NewInstallation.Catalogue;

    // The timescale that starts when this one is met, as recording it met starts it (TimescaleCatalogue.StartedWhenMet).
    private static Timescale? FollowOn(Timescale timescale) => Catalogue.StartedWhenMet(timescale).SingleOrDefault();

    [Theory]
    [InlineData(Timescales.ReferralDecision, 1, TimescaleUnit.WorkingDays, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.ChildAndFamilyAssessment, 45, TimescaleUnit.WorkingDays, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.InitialChildProtectionConference, 15, TimescaleUnit.WorkingDays, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstCoreGroup, 10, TimescaleUnit.WorkingDays, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstChildProtectionReviewConference, 3, TimescaleUnit.Months, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.ChildProtectionReviewConference, 6, TimescaleUnit.Months, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.EhcNeedsAssessmentDecision, 6, TimescaleUnit.Weeks, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.FinalEhcPlan, 20, TimescaleUnit.Weeks, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstEhcPlanAnnualReview, 12, TimescaleUnit.Months, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.EhcPlanAnnualReview, 12, TimescaleUnit.Months, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstLookedAfterReview, 20, TimescaleUnit.WorkingDays, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.SecondLookedAfterReview, 3, TimescaleUnit.Months, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.LookedAfterReview, 6, TimescaleUnit.Months, Nations.England, TimescaleKind.Statutory)]
    [InlineData(Timescales.ChildProtectionPlanningMeeting, 28, TimescaleUnit.CalendarDays, Nations.Scotland, TimescaleKind.Statutory)]
    [InlineData(Timescales.InitialChildProtectionConferenceWales, 15, TimescaleUnit.WorkingDays, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstCoreGroupWales, 10, TimescaleUnit.WorkingDays, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstChildProtectionReviewConferenceWales, 3, TimescaleUnit.Months, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.ChildProtectionReviewConferenceWales, 6, TimescaleUnit.Months, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstLookedAfterReviewWales, 28, TimescaleUnit.CalendarDays, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.SecondLookedAfterReviewWales, 3, TimescaleUnit.Months, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.LookedAfterReviewWales, 6, TimescaleUnit.Months, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.LocalAuthorityIdp, 12, TimescaleUnit.Weeks, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.FirstIdpReview, 12, TimescaleUnit.Months, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.IdpReview, 12, TimescaleUnit.Months, Nations.Wales, TimescaleKind.Statutory)]
    [InlineData(Timescales.EarlyHelpFirstContact, 5, TimescaleUnit.WorkingDays, Nations.UnitedKingdom, TimescaleKind.Organisational)]
    [InlineData(Timescales.ChildProtectionVisit, 10, TimescaleUnit.WorkingDays, Nations.UnitedKingdom, TimescaleKind.Organisational)]
    [InlineData(Timescales.CareersGuidanceInterview, 10, TimescaleUnit.WorkingDays, Nations.UnitedKingdom, TimescaleKind.Organisational)]
    public void The_catalogue_holds_each_timescale_with_its_length_nations_and_kind(
        string code, int length, TimescaleUnit unit, Nations nations, TimescaleKind kind)
    {
        var timescale = Catalogue.Find(code);

        Assert.NotNull(timescale);
        Assert.Equal((length, unit, nations, kind), (timescale.Length, timescale.Unit, timescale.Nations, timescale.Kind));
    }

    [Fact]
    public void Codes_are_unique_and_kebab_case()
    {
        var codes = Catalogue.All.Select(t => t.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches(KebabCase(), code));
    }

    [Fact]
    public void Every_timescale_says_what_starts_it_and_cites_its_source_in_one_line()
    {
        Assert.All(Catalogue.All, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Title));
            Assert.False(string.IsNullOrWhiteSpace(t.StartEvent));
            Assert.False(string.IsNullOrWhiteSpace(t.Source));
            Assert.DoesNotContain('\n', t.Source);
            Assert.True(t.Length > 0);
            Assert.NotEqual(Nations.None, t.Nations);
        });
    }

    [Fact]
    public void Every_follow_on_is_in_the_catalogue()
    {
        Assert.All(Catalogue.All.Where(t => t.FollowedBy is not null), t => Assert.NotNull(FollowOn(t)));
    }

    [Fact]
    public void Looked_after_reviews_run_first_then_second_then_every_six_months()
    {
        var first = Catalogue.Find(Timescales.FirstLookedAfterReview)!;

        var second = FollowOn(first)!;
        var third = FollowOn(second)!;

        Assert.Equal(Timescales.SecondLookedAfterReview, second.Code);
        Assert.Equal(Timescales.LookedAfterReview, third.Code);
        Assert.Same(third, FollowOn(third));
    }

    [Fact]
    public void Child_protection_and_EHC_plan_reviews_repeat_after_the_first()
    {
        Assert.Equal(Timescales.ChildProtectionReviewConference, FollowOn(Catalogue.Find(Timescales.FirstChildProtectionReviewConference)!)!.Code);
        Assert.Equal(Timescales.EhcPlanAnnualReview, FollowOn(Catalogue.Find(Timescales.EhcPlanAnnualReview)!)!.Code);
        Assert.Null(FollowOn(Catalogue.Find(Timescales.ChildAndFamilyAssessment)!));
    }

    [Fact]
    public void The_Scottish_planning_meeting_applies_only_in_Scotland()
    {
        var cppm = Catalogue.Find(Timescales.ChildProtectionPlanningMeeting)!;

        Assert.True(cppm.AppliesIn(Nations.Scotland));
        Assert.False(cppm.AppliesIn(Nations.England));
        Assert.False(Catalogue.Find(Timescales.InitialChildProtectionConference)!.AppliesIn(Nations.Scotland));
    }

    [Fact]
    public void Every_timescale_names_the_services_it_is_offered_on_and_child_protection_is_social_care_only()
    {
        Assert.All(Catalogue.All, t =>
        {
            Assert.NotEmpty(t.Services);
            Assert.All(t.Services, s => Assert.True(Caseload.Features.Cases.Services.IsKnown(s), s));
        });
        var offeredOnCareers = Catalogue.All.Where(t => t.OfferedFor(Nations.England, "careers-iag")).Select(t => t.Code).ToList();
        Assert.Equal([Timescales.CareersGuidanceInterview], offeredOnCareers);
        Assert.All(Catalogue.All.Where(t => t.Code.Contains("child-protection", StringComparison.Ordinal)), t => Assert.Equal(["childrens-social-care"], t.Services));
    }

    [Fact]
    public void English_and_Welsh_statutory_timescales_are_offered_only_in_their_own_nation()
    {
        var english = Catalogue.All.Where(t => t.OfferedFor(Nations.England, "childrens-social-care")).Select(t => t.Code).ToList();
        var welsh = Catalogue.All.Where(t => t.OfferedFor(Nations.Wales, "childrens-social-care")).Select(t => t.Code).ToList();

        Assert.Contains(Timescales.InitialChildProtectionConference, english);
        Assert.DoesNotContain(Timescales.InitialChildProtectionConferenceWales, english);
        Assert.Contains(Timescales.InitialChildProtectionConferenceWales, welsh);
        Assert.DoesNotContain(Timescales.InitialChildProtectionConference, welsh);
        Assert.DoesNotContain(Timescales.FirstLookedAfterReview, welsh);
        Assert.Contains(Timescales.ChildProtectionVisit, welsh); // organisational standards apply in every nation
        Assert.DoesNotContain(Timescales.Statutory, t => t.AppliesIn(Nations.England) && t.AppliesIn(Nations.Wales));
    }

    [Fact]
    public void A_Welsh_initial_conference_starts_the_Welsh_core_group_and_first_review_and_an_IDP_starts_its_reviews()
    {
        var started = Catalogue.StartedWhenMet(Catalogue.Find(Timescales.InitialChildProtectionConferenceWales)!).Select(t => t.Code);
        Assert.Equal([Timescales.FirstCoreGroupWales, Timescales.FirstChildProtectionReviewConferenceWales], started);
        Assert.Equal(Timescales.FirstIdpReview, FollowOn(Catalogue.Find(Timescales.LocalAuthorityIdp)!)!.Code);
        Assert.Equal(Timescales.LookedAfterReviewWales, FollowOn(Catalogue.Find(Timescales.SecondLookedAfterReviewWales)!)!.Code);
    }

    [Fact]
    public void Lengths_read_as_plain_English()
    {
        Assert.Equal("1 working day", Catalogue.Find(Timescales.ReferralDecision)!.LengthText);
        Assert.Equal("45 working days", Catalogue.Find(Timescales.ChildAndFamilyAssessment)!.LengthText);
        Assert.Equal("28 calendar days", Catalogue.Find(Timescales.ChildProtectionPlanningMeeting)!.LengthText);
        Assert.Equal("6 weeks", Catalogue.Find(Timescales.EhcNeedsAssessmentDecision)!.LengthText);
        Assert.Equal("3 months", Catalogue.Find(Timescales.SecondLookedAfterReview)!.LengthText);
    }

    [Fact]
    public void An_unknown_code_finds_nothing()
    {
        Assert.Null(Catalogue.Find("no-such-timescale"));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
