using Caseload.Features.Cases;

namespace Caseload.Features.Deadlines;

/// <summary>
/// The timescales Caseload knows out of the box. Statutory ones cite their source; organisational ones are
/// common service standards, kept here as defaults until an administrator configures their own.
/// Each length is the latest the event may happen ("within", "not more than"). Each names the nations whose law sets
/// it and the services whose cases it is offered on: a careers case is not offered child protection timescales, and
/// a Welsh case is offered the Welsh rules, not the English ones. Timescales are found through the catalogue in use
/// (<see cref="ServiceStandards.CatalogueAsync"/>), which holds the stored standards rather than these defaults.
/// </summary>
public static class Timescales
{
    public const string ReferralDecision = "referral-decision";
    public const string ChildAndFamilyAssessment = "child-and-family-assessment";
    public const string InitialChildProtectionConference = "initial-child-protection-conference";
    public const string FirstCoreGroup = "first-core-group";
    public const string FirstChildProtectionReviewConference = "first-child-protection-review-conference";
    public const string ChildProtectionReviewConference = "child-protection-review-conference";
    public const string EhcNeedsAssessmentDecision = "ehc-needs-assessment-decision";
    public const string FinalEhcPlan = "final-ehc-plan";
    public const string FirstEhcPlanAnnualReview = "first-ehc-plan-annual-review";
    public const string EhcPlanAnnualReview = "ehc-plan-annual-review";
    public const string FirstLookedAfterReview = "first-looked-after-review";
    public const string SecondLookedAfterReview = "second-looked-after-review";
    public const string LookedAfterReview = "looked-after-review";
    public const string ChildProtectionPlanningMeeting = "child-protection-planning-meeting";
    public const string InitialChildProtectionConferenceWales = "initial-child-protection-conference-wales";
    public const string FirstCoreGroupWales = "first-core-group-wales";
    public const string FirstChildProtectionReviewConferenceWales = "first-child-protection-review-conference-wales";
    public const string ChildProtectionReviewConferenceWales = "child-protection-review-conference-wales";
    public const string FirstLookedAfterReviewWales = "first-looked-after-review-wales";
    public const string SecondLookedAfterReviewWales = "second-looked-after-review-wales";
    public const string LookedAfterReviewWales = "looked-after-review-wales";
    public const string LocalAuthorityIdp = "local-authority-idp";
    public const string FirstIdpReview = "first-idp-review";
    public const string IdpReview = "idp-review";
    public const string EarlyHelpFirstContact = "early-help-first-contact";
    public const string ChildProtectionVisit = "child-protection-visit";
    public const string CareersGuidanceInterview = "careers-guidance-interview";

    private const string WorkingTogether = "Working Together to Safeguard Children 2023, ch. 3";
    private const string WalesProcedures = "Wales Safeguarding Procedures 2019 (children at risk), s. 3";
    private const string WalesCarePlanning = "Care Planning, Placement and Case Review (Wales) Regulations 2015 reg. 39";
    private const string LocalStandard = "Organisational service standard (set locally; not statutory)";

    private static readonly string[] SocialCare = [Services.ChildrensSocialCare];
    private static readonly string[] Send = [Services.Send];

    /// <summary>Set by law or statutory guidance: fixed in code, changed only with the law.</summary>
    public static IReadOnlyList<Timescale> Statutory { get; } =
    [
        new(ReferralDecision, "Decision on a referral", "the referral was received",
            1, TimescaleUnit.WorkingDays, $"{WorkingTogether}: decision on the response to a referral within one working day",
            Nations.England, TimescaleKind.Statutory) { Services = SocialCare },

        new(ChildAndFamilyAssessment, "Child and family assessment", "the referral was received",
            45, TimescaleUnit.WorkingDays, $"{WorkingTogether}: assessment completed within 45 working days of the referral",
            Nations.England, TimescaleKind.Statutory) { Services = SocialCare },

        new(InitialChildProtectionConference, "Initial child protection conference",
            "the strategy discussion at which section 47 enquiries were started",
            15, TimescaleUnit.WorkingDays, $"{WorkingTogether}: initial conference within 15 working days of the strategy discussion",
            Nations.England, TimescaleKind.Statutory)
        {
            Services = SocialCare, AlsoStartsWhenMet = [FirstCoreGroup, FirstChildProtectionReviewConference],
        },

        new(FirstCoreGroup, "First core group meeting", "the initial child protection conference",
            10, TimescaleUnit.WorkingDays, $"{WorkingTogether}: first core group within 10 working days of the initial conference",
            Nations.England, TimescaleKind.Statutory) { Services = SocialCare },

        new(FirstChildProtectionReviewConference, "First child protection review conference", "the initial child protection conference",
            3, TimescaleUnit.Months, $"{WorkingTogether}: first review within 3 months of the initial conference",
            Nations.England, TimescaleKind.Statutory, FollowedBy: ChildProtectionReviewConference) { Services = SocialCare },

        new(ChildProtectionReviewConference, "Child protection review conference", "the previous review conference",
            6, TimescaleUnit.Months, $"{WorkingTogether}: further reviews at intervals of not more than 6 months",
            Nations.England, TimescaleKind.Statutory, FollowedBy: ChildProtectionReviewConference) { Services = SocialCare },

        new(EhcNeedsAssessmentDecision, "Decision whether to carry out an EHC needs assessment",
            "the request for an EHC needs assessment was received",
            6, TimescaleUnit.Weeks, "SEND Code of Practice 2015, ch. 9; SEND Regulations 2014 reg. 5(1): decision within 6 weeks of the request",
            Nations.England, TimescaleKind.Statutory)
        {
            Services = Send,
            PauseAllowedBy = "SEND Regulations 2014 reg. 5(4): exceptions to the 6-week limit (e.g. exceptional personal circumstances, absence from the area for 4 weeks or more)",
        },

        new(FinalEhcPlan, "Final EHC plan issued", "the request for an EHC needs assessment was received",
            20, TimescaleUnit.Weeks, "SEND Code of Practice 2015, ch. 9; SEND Regulations 2014 reg. 13(2): final plan within 20 weeks of the request",
            Nations.England, TimescaleKind.Statutory)
        {
            Services = Send,
            PauseAllowedBy = "SEND Regulations 2014 reg. 13(3): exceptions to the 20-week limit (e.g. a school closed for 4 weeks or more, exceptional personal circumstances, a missed appointment)",
        },

        new(FirstEhcPlanAnnualReview, "First annual review of the EHC plan", "the EHC plan was first issued",
            12, TimescaleUnit.Months, "Children and Families Act 2014 s. 44(1); SEND Code of Practice 2015, ch. 9: first review within 12 months of the plan",
            Nations.England, TimescaleKind.Statutory, FollowedBy: EhcPlanAnnualReview) { Services = Send },

        // The review is complete when the authority notifies its decision, so the next 12 months run from then.
        new(EhcPlanAnnualReview, "Annual review of the EHC plan", "the local authority's decision following the previous review",
            12, TimescaleUnit.Months, "Children and Families Act 2014 s. 44(1); SEND Code of Practice 2015, ch. 9: then within 12 months of the previous review",
            Nations.England, TimescaleKind.Statutory, FollowedBy: EhcPlanAnnualReview) { Services = Send },

        new(FirstLookedAfterReview, "First looked-after child review", "the child became looked after",
            20, TimescaleUnit.WorkingDays, "Care Planning, Placement and Case Review (England) Regulations 2010 reg. 33(1): first review within 20 working days",
            Nations.England, TimescaleKind.Statutory, FollowedBy: SecondLookedAfterReview) { Services = SocialCare },

        new(SecondLookedAfterReview, "Second looked-after child review", "the first review",
            3, TimescaleUnit.Months, "Care Planning, Placement and Case Review (England) Regulations 2010 reg. 33(2): second review not more than 3 months after the first",
            Nations.England, TimescaleKind.Statutory, FollowedBy: LookedAfterReview) { Services = SocialCare },

        new(LookedAfterReview, "Looked-after child review", "the previous review",
            6, TimescaleUnit.Months, "Care Planning, Placement and Case Review (England) Regulations 2010 reg. 33(2): later reviews at intervals of not more than 6 months",
            Nations.England, TimescaleKind.Statutory, FollowedBy: LookedAfterReview) { Services = SocialCare },

        new(ChildProtectionPlanningMeeting, "Child protection planning meeting", "the child protection concern was referred",
            28, TimescaleUnit.CalendarDays, "National Guidance for Child Protection in Scotland 2021 (updated 2023), Appendix D: CPPM within 28 calendar days",
            Nations.Scotland, TimescaleKind.Statutory) { Services = SocialCare },

        // Wales: Social Services and Well-being (Wales) Act 2014 and its regulations and procedures.
        new(InitialChildProtectionConferenceWales, "Initial child protection conference (Wales)", "the strategy discussion",
            15, TimescaleUnit.WorkingDays, $"{WalesProcedures}: initial conference within 15 working days of the strategy discussion",
            Nations.Wales, TimescaleKind.Statutory)
        {
            Services = SocialCare, AlsoStartsWhenMet = [FirstCoreGroupWales, FirstChildProtectionReviewConferenceWales],
        },

        new(FirstCoreGroupWales, "First core group meeting (Wales)", "the initial child protection conference",
            10, TimescaleUnit.WorkingDays, $"{WalesProcedures}: core group meets within 10 working days of the initial conference",
            Nations.Wales, TimescaleKind.Statutory) { Services = SocialCare },

        new(FirstChildProtectionReviewConferenceWales, "First child protection review conference (Wales)", "the initial child protection conference",
            3, TimescaleUnit.Months, $"{WalesProcedures}: first review conference within 3 months of the initial conference",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: ChildProtectionReviewConferenceWales) { Services = SocialCare },

        new(ChildProtectionReviewConferenceWales, "Child protection review conference (Wales)", "the previous review conference",
            6, TimescaleUnit.Months, $"{WalesProcedures}: further review conferences at intervals of not more than 6 months",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: ChildProtectionReviewConferenceWales) { Services = SocialCare },

        new(FirstLookedAfterReviewWales, "First looked-after child review (Wales)", "the child became looked after",
            28, TimescaleUnit.CalendarDays, $"{WalesCarePlanning}: first review within 28 days of the child becoming looked after",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: SecondLookedAfterReviewWales) { Services = SocialCare },

        new(SecondLookedAfterReviewWales, "Second looked-after child review (Wales)", "the first review",
            3, TimescaleUnit.Months, $"{WalesCarePlanning}: second review not more than 3 months after the first",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: LookedAfterReviewWales) { Services = SocialCare },

        new(LookedAfterReviewWales, "Looked-after child review (Wales)", "the previous review",
            6, TimescaleUnit.Months, $"{WalesCarePlanning}: later reviews at intervals of not more than 6 months",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: LookedAfterReviewWales) { Services = SocialCare },

        new(LocalAuthorityIdp, "Local authority decision on ALN and individual development plan", "the matter was brought to the local authority's attention",
            12, TimescaleUnit.Weeks, "Additional Learning Needs Code for Wales 2021 and ALN (Wales) Regulations 2021: decide and give a copy of the IDP within 12 weeks",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: FirstIdpReview)
        {
            Services = Send,
            PauseAllowedBy = "ALN (Wales) Regulations 2021: exceptions to the 12-week limit where it is impractical to meet it (e.g. circumstances of the child or family)",
        },

        new(FirstIdpReview, "First review of the individual development plan", "a copy of the IDP was given",
            12, TimescaleUnit.Months, "Additional Learning Needs and Education Tribunal (Wales) Act 2018 s. 23: review within a year of the plan being given",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: IdpReview) { Services = Send },

        new(IdpReview, "Review of the individual development plan", "the revised plan, or the decision not to revise it, after the previous review",
            12, TimescaleUnit.Months, "Additional Learning Needs and Education Tribunal (Wales) Act 2018 s. 23: then within a year of the previous review's outcome",
            Nations.Wales, TimescaleKind.Statutory, FollowedBy: IdpReview) { Services = Send },
    ];

    /// <summary>The organisational standards a new installation starts with; an administrator changes them from then on.</summary>
    public static IReadOnlyList<Timescale> DefaultOrganisational { get; } =
    [
        new(EarlyHelpFirstContact, "First contact with an early help referral", "the early help referral was received",
            5, TimescaleUnit.WorkingDays, LocalStandard,
            Nations.UnitedKingdom, TimescaleKind.Organisational) { Services = [Services.EarlyHelp] },

        new(ChildProtectionVisit, "Child protection visit", "the previous child protection visit",
            10, TimescaleUnit.WorkingDays, LocalStandard,
            Nations.UnitedKingdom, TimescaleKind.Organisational, FollowedBy: ChildProtectionVisit) { Services = SocialCare },

        new(CareersGuidanceInterview, "Careers guidance interview offered", "the young person was referred for careers guidance",
            10, TimescaleUnit.WorkingDays, LocalStandard,
            Nations.UnitedKingdom, TimescaleKind.Organisational)
        {
            Services = [Services.CareersIag],
            PauseAllowedBy = "Local standard: the clock stops while the young person has asked to put the interview off",
        },
    ];
}
