using Caseload.Features.Agencies;
using Caseload.Features.Agencies.Referrals;

namespace Caseload.Tests.Features.Agencies.Referrals;

public sealed class ReferralRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Born = new(2012, 5, 1);

    private static Consent Given(string purpose = ConsentCodes.Referral, DateOnly? withdrawnOn = null, params int[] agencies) => new()
    {
        Purpose = purpose,
        GivenBy = "parent-carer",
        GivenByName = "Sarah Taylor",
        Method = "written",
        GivenOn = Today.AddDays(-10),
        WithdrawnOn = withdrawnOn,
        RecordedById = "u",
        RecordedByName = "Pat",
        Agencies = agencies.Select(a => new ConsentAgency { AgencyId = a }).ToList(),
    };

    private static ReferralInput Input(Guid? consentId = null, LawfulBasisInput? basis = null, string urgency = "routine", int? followUp = null) =>
        new(1, "Low mood for months", "An assessment by CAMHS", urgency, consentId, basis, "School attendance and the GP's letter", followUp);

    [Theory]
    [InlineData("emergency", 1)]
    [InlineData("urgent", 2)]
    [InlineData("routine", 5)]
    public void The_follow_up_period_defaults_by_urgency(string urgency, int days) =>
        Assert.Equal(days, ReferralRules.FollowUpWorkingDays(urgency, null));

    [Fact]
    public void A_follow_up_period_given_overrides_the_default_within_bounds()
    {
        Assert.Equal(3, ReferralRules.FollowUpWorkingDays(ReferralCodes.Emergency, 3));
        Assert.Empty(ReferralRules.Check(Input(Guid.NewGuid(), followUp: 60)));
        Assert.Contains("followUpInWorkingDays", ReferralRules.Check(Input(Guid.NewGuid(), followUp: 0)).Keys);
        Assert.Contains("followUpInWorkingDays", ReferralRules.Check(Input(Guid.NewGuid(), followUp: 61)).Keys);
    }

    [Theory]
    [InlineData("sent", "acknowledged")]
    [InlineData("sent", "accepted")]
    [InlineData("acknowledged", "declined")]
    [InlineData("accepted", "appointment-offered")]
    [InlineData("appointment-offered", "accessed")]
    [InlineData("appointment-offered", "not-accessed")]
    [InlineData("not-accessed", "appointment-offered")]
    [InlineData("accessed", "closed")]
    [InlineData("sent", "closed")]
    public void The_path_allows_the_next_steps(string from, string to) => Assert.True(ReferralRules.CanMove(from, to));

    [Theory]
    [InlineData("sent", "accessed")]
    [InlineData("sent", "appointment-offered")]
    [InlineData("acknowledged", "sent")]
    [InlineData("declined", "accepted")]
    [InlineData("accessed", "not-accessed")]
    [InlineData("closed", "sent")]
    [InlineData("closed", "closed")]
    [InlineData("sent", "sent")]
    public void The_path_refuses_steps_out_of_order(string from, string to)
    {
        Assert.False(ReferralRules.CanMove(from, to));
        Assert.Contains("status", ReferralRules.CheckStep(from, Today, to, Today, "note", Today).Keys);
    }

    [Fact]
    public void A_step_is_dated_not_in_the_future_nor_before_the_last_and_a_decline_says_why()
    {
        Assert.Empty(ReferralRules.CheckStep(ReferralCodes.Sent, Today.AddDays(-3), ReferralCodes.Acknowledged, Today.AddDays(-1), null, Today));
        Assert.Contains("on", ReferralRules.CheckStep(ReferralCodes.Sent, Today, ReferralCodes.Acknowledged, Today.AddDays(1), null, Today).Keys);
        Assert.Contains("on", ReferralRules.CheckStep(ReferralCodes.Sent, Today, ReferralCodes.Acknowledged, Today.AddDays(-1), null, Today).Keys);
        Assert.Contains("on", ReferralRules.CheckStep(ReferralCodes.Sent, Today, ReferralCodes.Acknowledged, null, null, Today).Keys);
        Assert.Contains("note", ReferralRules.CheckStep(ReferralCodes.Acknowledged, Today, ReferralCodes.Declined, Today, " ", Today).Keys);
        Assert.Empty(ReferralRules.CheckStep(ReferralCodes.Acknowledged, Today, ReferralCodes.Declined, Today, "Threshold not met", Today));
        Assert.Contains("status", ReferralRules.CheckStep(ReferralCodes.Sent, Today, "lost", Today, null, Today).Keys);
    }

    [Theory]
    [InlineData("sent", true)]
    [InlineData("acknowledged", true)]
    [InlineData("appointment-offered", true)]
    [InlineData("not-accessed", true)]
    [InlineData("accessed", false)]
    [InlineData("declined", false)]
    [InlineData("closed", false)]
    public void Follow_up_goes_on_until_accessed_declined_or_closed(string status, bool follows) => Assert.Equal(follows, ReferralRules.NeedsFollowUp(status));

    [Fact]
    public void Neither_consent_nor_a_lawful_basis_names_consent_and_so_do_both()
    {
        Assert.Contains("consent", ReferralRules.Check(Input()).Keys);
        Assert.Contains("consent", ReferralRules.Check(Input(Guid.NewGuid(), new LawfulBasisInput("safeguarding", "Risk of harm", "Team manager"))).Keys);
        Assert.Empty(ReferralRules.Check(Input(Guid.NewGuid())));
        Assert.Empty(ReferralRules.Check(Input(basis: new LawfulBasisInput("safeguarding", "Asking would put the child at risk", "Ann Lee, team manager"))));
    }

    [Fact]
    public void A_lawful_basis_is_one_of_four_with_a_reason_and_who_decided()
    {
        var errors = ReferralRules.Check(Input(basis: new LawfulBasisInput("convenience", "", null)));
        Assert.Equal(["lawfulBasis.basis", "lawfulBasis.decidedBy", "lawfulBasis.reason"], errors.Keys.Order(StringComparer.Ordinal));
        foreach (var basis in new[] { "legal-obligation", "public-task", "vital-interests", "safeguarding" })
        {
            Assert.Empty(ReferralRules.Check(Input(basis: new LawfulBasisInput(basis, "Reason", "Ann Lee"))));
        }
    }

    [Fact]
    public void A_consent_must_cover_the_agency_for_the_purpose_and_not_be_withdrawn()
    {
        Assert.Null(ReferralRules.ConsentError(Given(agencies: [1]), 1, Today, ConsentCodes.Referral));
        Assert.Contains("does not cover this agency", ReferralRules.ConsentError(Given(agencies: [2]), 1, Today, ConsentCodes.Referral), StringComparison.Ordinal);
        Assert.Contains("withdrawn on", ReferralRules.ConsentError(Given(withdrawnOn: Today, agencies: [1]), 1, Today, ConsentCodes.Referral), StringComparison.Ordinal);
        Assert.Contains("not this", ReferralRules.ConsentError(Given(ConsentCodes.InformationSharing, agencies: [1]), 1, Today, ConsentCodes.Referral), StringComparison.Ordinal);
        Assert.NotNull(ReferralRules.ConsentError(null, 1, Today, ConsentCodes.Referral));
    }

    [Fact]
    public void An_open_referral_on_a_withdrawn_consent_is_flagged_a_closed_one_is_not()
    {
        var withdrawn = Given(withdrawnOn: Today, agencies: [1]);
        Assert.True(ReferralRules.ConsentWithdrawnFlag(ReferralCodes.Accepted, withdrawn, Today));
        Assert.False(ReferralRules.ConsentWithdrawnFlag(ReferralCodes.Closed, withdrawn, Today));
        Assert.False(ReferralRules.ConsentWithdrawnFlag(ReferralCodes.Accepted, Given(agencies: [1]), Today));
        Assert.False(ReferralRules.ConsentWithdrawnFlag(ReferralCodes.Accepted, null, Today));
    }

    [Fact]
    public void A_share_needs_who_what_why_when_how_and_on_a_consent_the_agency()
    {
        var basis = new LawfulBasisInput("public-task", "Report to the conference", "Ann Lee");
        var ok = new ShareInput("Northfield Academy", null, "Attendance", "Child protection conference", null, basis, "Ann Lee", Today, "secure-email");
        Assert.Empty(ReferralRules.CheckShare(ok, Today, Born));
        Assert.Contains("sharedOn", ReferralRules.CheckShare(ok with { SharedOn = Today.AddDays(1) }, Today, Born).Keys);
        Assert.Contains("sharedOn", ReferralRules.CheckShare(ok with { SharedOn = new DateOnly(1, 1, 1) }, Today, Born).Keys);
        Assert.Contains("method", ReferralRules.CheckShare(ok with { Method = "referral" }, Today, Born).Keys);
        Assert.Contains("agencyId", ReferralRules.CheckShare(ok with { LawfulBasis = null, ConsentId = Guid.NewGuid() }, Today, Born).Keys);
        Assert.Contains("consent", ReferralRules.CheckShare(ok with { LawfulBasis = null }, Today, Born).Keys);
        Assert.Equal(["decidedBy", "method", "purpose", "sharedOn", "sharedWith", "what"],
            ReferralRules.CheckShare(new ShareInput(null, null, null, null, null, basis, null, null, null), Today, Born).Keys.Order(StringComparer.Ordinal));
    }
}
