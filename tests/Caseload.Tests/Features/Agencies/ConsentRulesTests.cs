using Caseload.Features.Agencies;

namespace Caseload.Tests.Features.Agencies;

public sealed class ConsentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly BornAt14 = new(2012, 5, 1);
    private static readonly DateOnly BornAt17 = new(2009, 5, 1);

    private static Consent Given(DateOnly givenOn, params int[] agencies) => new()
    {
        Purpose = ConsentCodes.Referral,
        GivenBy = "parent-carer",
        GivenByName = "Sarah Taylor",
        Method = "written",
        GivenOn = givenOn,
        RecordedById = "u",
        RecordedByName = "Pat",
        Agencies = agencies.Select(a => new ConsentAgency { AgencyId = a }).ToList(),
    };

    private static ConsentInput Input(string givenBy = "parent-carer", string? competence = null, int[]? agencies = null, string purpose = "referral",
        DateOnly? givenOn = null, DateOnly? reviewOn = null) =>
        new(purpose, agencies ?? [1], givenBy, "Sarah Taylor", competence, "verbal", givenOn ?? Today, reviewOn);

    [Fact]
    public void A_consent_covers_the_agencies_it_names_from_the_day_it_was_given()
    {
        var consent = Given(Today.AddDays(-10), 1, 2);
        Assert.True(ConsentRules.Covers(consent, 2, Today).Covers);
        Assert.True(ConsentRules.Covers(consent, 1, Today.AddDays(-10)).Covers);
        var before = ConsentRules.Covers(consent, 1, Today.AddDays(-11));
        Assert.False(before.Covers);
        Assert.Equal(ConsentRules.NotYetGiven, before.Reason);
    }

    [Fact]
    public void A_consent_does_not_cover_an_agency_it_does_not_name()
    {
        var coverage = ConsentRules.Covers(Given(Today, 1), 3, Today);
        Assert.False(coverage.Covers);
        Assert.Equal(ConsentRules.AgencyNotCovered, coverage.Reason);
        Assert.Equal("The consent does not cover this agency", coverage.Explanation);
    }

    [Fact]
    public void A_withdrawn_consent_covers_nothing_from_its_withdrawal_date_but_did_before_it()
    {
        var consent = Given(Today.AddDays(-30), 1);
        consent.WithdrawnOn = Today.AddDays(-2);
        var after = ConsentRules.Covers(consent, 1, Today.AddDays(-2));
        Assert.False(after.Covers);
        Assert.Equal(ConsentRules.Withdrawn, after.Reason);
        Assert.Contains("21 Nov 2026", after.Explanation, StringComparison.Ordinal);
        Assert.True(ConsentRules.Covers(consent, 1, Today.AddDays(-3)).Covers);
    }

    [Fact]
    public void A_consent_for_another_purpose_does_not_cover_when_the_purpose_is_asked()
    {
        var consent = Given(Today, 1);
        var coverage = ConsentRules.Covers(consent, 1, Today, ConsentCodes.InformationSharing);
        Assert.False(coverage.Covers);
        Assert.Equal(ConsentRules.OtherPurpose, coverage.Reason);
        Assert.True(ConsentRules.Covers(consent, 1, Today, ConsentCodes.Referral).Covers);
    }

    [Fact]
    public void A_consent_past_its_review_date_still_covers_and_is_due_for_review()
    {
        var consent = Given(Today.AddMonths(-6), 1);
        consent.ReviewOn = Today;
        var coverage = ConsentRules.Covers(consent, 1, Today);
        Assert.True(coverage.Covers);
        Assert.True(coverage.DueForReview);
        Assert.False(ConsentRules.IsDueForReview(consent, Today.AddDays(-1)));
        consent.WithdrawnOn = Today;
        Assert.False(ConsentRules.IsDueForReview(consent, Today));
    }

    [Fact]
    public void Consent_given_by_a_person_under_16_needs_a_note_of_their_competence()
    {
        var errors = ConsentRules.Check(Input(givenBy: "person"), BornAt14, Today);
        Assert.Contains("under 16", errors["competence"], StringComparison.Ordinal);
        Assert.Empty(ConsentRules.Check(Input(givenBy: "person", competence: "Understood who the school nurse is and what would be shared"), BornAt14, Today));
        Assert.Empty(ConsentRules.Check(Input(givenBy: "person"), BornAt17, Today));
        Assert.Empty(ConsentRules.Check(Input(givenBy: "parent-carer"), BornAt14, Today));
    }

    [Fact]
    public void Referral_and_sharing_consents_name_agencies_and_contact_consents_need_none()
    {
        Assert.Equal("Select the agencies the consent covers", ConsentRules.Check(Input(agencies: []), BornAt14, Today)["agencyIds"]);
        Assert.Empty(ConsentRules.Check(Input(purpose: "contact-by-text", agencies: []), BornAt14, Today));
    }

    [Fact]
    public void Dates_must_be_plausible()
    {
        Assert.Contains("givenOn", ConsentRules.Check(Input(givenOn: Today.AddDays(1)), BornAt14, Today).Keys);
        Assert.Contains("givenOn", ConsentRules.Check(Input(givenOn: new DateOnly(2001, 1, 1)), BornAt14, Today).Keys);
        Assert.Contains("reviewOn", ConsentRules.Check(Input(reviewOn: Today), BornAt14, Today).Keys);
        Assert.Contains("reviewOn", ConsentRules.Check(Input(reviewOn: new DateOnly(9999, 12, 31)), BornAt14, Today).Keys);
        Assert.Empty(ConsentRules.Check(Input(reviewOn: Today.AddMonths(6)), BornAt14, Today));
    }

    [Fact]
    public void Every_missing_answer_is_named_in_govuk_wording()
    {
        var errors = ConsentRules.Check(new ConsentInput(null, null, null, null, null, null, null, null), BornAt14, Today);
        Assert.Equal("Select what the consent is for", errors["purpose"]);
        Assert.Equal("Select who gave consent", errors["givenBy"]);
        Assert.Equal("Enter the name of who gave consent", errors["givenByName"]);
        Assert.Equal("Select how consent was given", errors["method"]);
        Assert.Equal("Enter the date consent was given", errors["givenOn"]);
    }

    [Fact]
    public void A_withdrawal_needs_a_date_from_when_it_was_given_to_today_and_a_reason_and_happens_once()
    {
        var consent = Given(Today.AddDays(-5), 1);
        Assert.Empty(ConsentRules.CheckWithdrawal(consent, Today, "Mum no longer agrees", Today));
        Assert.Contains("withdrawnOn", ConsentRules.CheckWithdrawal(consent, Today.AddDays(-6), "Mum no longer agrees", Today).Keys);
        Assert.Contains("withdrawnOn", ConsentRules.CheckWithdrawal(consent, Today.AddDays(1), "Mum no longer agrees", Today).Keys);
        Assert.Equal("Enter why consent was withdrawn", ConsentRules.CheckWithdrawal(consent, Today, " ", Today)["reason"]);
        consent.WithdrawnOn = Today;
        Assert.StartsWith("This consent was already withdrawn", ConsentRules.CheckWithdrawal(consent, Today, "Again", Today)["withdrawnOn"], StringComparison.Ordinal);
    }
}

public sealed class InvolvementRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Born = new(2014, 5, 1);

    [Fact]
    public void An_involvement_names_an_agency_or_a_professional()
    {
        var none = InvolvementRules.Check(new InvolvementInput(null, null, "School nurse", Today, false), Born, Today);
        Assert.Equal("Choose an agency or name a professional", none["agencyId"]);
        Assert.Empty(InvolvementRules.Check(new InvolvementInput(3, null, "School nurse", Today, false), Born, Today));
        Assert.Empty(InvolvementRules.Check(new InvolvementInput(null, new ProfessionalInput("Amy Shah", "GP", "0113 496 0000"), "GP", Today, true), Born, Today));
        var roleWithoutName = InvolvementRules.Check(new InvolvementInput(3, new ProfessionalInput(" ", "GP", null), "GP", Today, false), Born, Today);
        Assert.Equal("Enter the professional's name", roleWithoutName["professional.name"]);
    }

    [Fact]
    public void Its_start_is_between_the_person_s_birth_and_today_and_its_end_after_its_start()
    {
        Assert.Contains("from", InvolvementRules.Check(new InvolvementInput(3, null, "GP", Today.AddDays(1), false), Born, Today).Keys);
        Assert.Contains("from", InvolvementRules.Check(new InvolvementInput(3, null, "GP", new DateOnly(1, 1, 1), false), Born, Today).Keys);
        Assert.Contains("until", InvolvementRules.CheckEnd(Today, Today.AddDays(-1), null, Today).Keys);
        Assert.Contains("until", InvolvementRules.CheckEnd(Today, Today.AddDays(1), null, Today).Keys);
        Assert.Empty(InvolvementRules.CheckEnd(Today.AddDays(-3), Today, "Discharged", Today));
    }

    [Fact]
    public void Agency_details_are_checked_field_by_field()
    {
        var errors = AgencyRules.Check(new AgencyInput("", "prison", null, "not an email", "a\0b", "x@y"));
        Assert.Equal("Enter the agency's name", errors["name"]);
        Assert.StartsWith("The kind must be one of", errors["kind"], StringComparison.Ordinal);
        Assert.Contains("email address", errors["email"], StringComparison.Ordinal);
        Assert.Contains("cannot be stored", errors["address"], StringComparison.Ordinal);
        Assert.Contains("secureEmail", errors.Keys);
        Assert.Empty(AgencyRules.Check(new AgencyInput("Riverside Surgery", "health", "0113 496 0000", "reception@riverside.example.nhs.uk", null, "riverside.safeguarding@nhs.net")));
    }
}
