using Caseload.Platform.Time;

namespace Caseload.Features.Agencies;

/// <summary>A consent as typed.</summary>
public sealed record ConsentInput(string? Purpose, IReadOnlyList<int>? AgencyIds, string? GivenBy, string? GivenByName, string? Competence,
    string? Method, DateOnly? GivenOn, DateOnly? ReviewOn);

/// <summary>Whether a consent covers sharing with an agency on a day, and if not, why (a code and the words).</summary>
public sealed record ConsentCoverage(bool Covers, string? Reason, string? Explanation, bool DueForReview)
{
    public static ConsentCoverage No(string reason, string explanation) => new(false, reason, explanation, false);
}

/// <summary>
/// Consent's rules, pure: what a consent must record, when it is due for review, whether it covers sharing with an agency,
/// and what a withdrawal must say. Referrals and the information sharing log ask <see cref="Covers(Consent, int, DateOnly, string?)"/>.
/// </summary>
public static class ConsentRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 2000;
    /// <summary>The age from which a young person is presumed able to consent for themselves (Mental Capacity Act 2005, s.2(5); Gillick below it).</summary>
    public const int PresumedCompetentAge = 16;
    /// <summary>How far ahead a review date may be set: consent is revisited at least this often.</summary>
    public const int MaxReviewYears = 3;

    public const string Withdrawn = "withdrawn";
    public const string NotYetGiven = "not-yet-given";
    public const string AgencyNotCovered = "agency-not-covered";
    public const string OtherPurpose = "other-purpose";

    public static Dictionary<string, string> Check(ConsentInput input, DateOnly personBornOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var purpose = input.Purpose?.Trim();
        if (string.IsNullOrEmpty(purpose)) errors["purpose"] = "Select what the consent is for";
        else if (!ConsentCodes.Purposes.ContainsKey(purpose)) errors["purpose"] = $"The purpose must be one of: {string.Join(", ", ConsentCodes.Purposes.Keys)}";

        var agencies = input.AgencyIds ?? [];
        if (purpose is not null && ConsentCodes.NamesAgencies.Contains(purpose) && agencies.Count == 0)
        {
            errors["agencyIds"] = "Select the agencies the consent covers";
        }
        else if (agencies.Count > 100)
        {
            errors["agencyIds"] = "A consent covers at most 100 agencies";
        }

        var givenBy = input.GivenBy?.Trim();
        if (string.IsNullOrEmpty(givenBy)) errors["givenBy"] = "Select who gave consent";
        else if (!ConsentCodes.GivenBy.ContainsKey(givenBy)) errors["givenBy"] = $"Who gave consent must be one of: {string.Join(", ", ConsentCodes.GivenBy.Keys)}";
        TextField.Required(errors, "givenByName", input.GivenByName, "the name of who gave consent", MaxNameLength);

        var method = input.Method?.Trim();
        if (string.IsNullOrEmpty(method)) errors["method"] = "Select how consent was given";
        else if (!ConsentCodes.Methods.ContainsKey(method)) errors["method"] = $"How consent was given must be one of: {string.Join(", ", ConsentCodes.Methods.Keys)}";

        if (input.GivenOn is not { } givenOn) errors["givenOn"] = "Enter the date consent was given";
        else if (givenOn > today) errors["givenOn"] = "The date consent was given must be today or in the past";
        else if (givenOn < personBornOn) errors["givenOn"] = "The date consent was given must be on or after the person's date of birth";

        if (input.ReviewOn is { } reviewOn)
        {
            if (input.GivenOn is { } given && reviewOn <= given) errors["reviewOn"] = "The review date must be after the date consent was given";
            else if (reviewOn > today.AddYears(MaxReviewYears)) errors["reviewOn"] = $"The review date must be within {MaxReviewYears} years";
        }

        TextField.Optional(errors, "competence", input.Competence, "The note of their competence", MaxTextLength);
        if (givenBy == ConsentCodes.ByPerson && input.GivenOn is { } on && NeedsCompetenceNote(personBornOn, on) && string.IsNullOrWhiteSpace(input.Competence))
        {
            errors["competence"] = $"Say why they were competent to decide for themselves: they were under {PresumedCompetentAge} when they gave consent";
        }

        return errors;
    }

    /// <summary>Consent given by someone under 16 needs a note of their competence to decide (Gillick).</summary>
    public static bool NeedsCompetenceNote(DateOnly bornOn, DateOnly givenOn) => bornOn.AddYears(PresumedCompetentAge) > givenOn;

    /// <summary>A consent whose review date has come and which is not withdrawn is due for review.</summary>
    public static bool IsDueForReview(Consent consent, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return !IsWithdrawn(consent, today) && consent.ReviewOn is { } review && review <= today;
    }

    /// <summary>Withdrawn on or before the day: nothing may be shared under it from its withdrawal date.</summary>
    public static bool IsWithdrawn(Consent consent, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return consent.WithdrawnOn is { } withdrawn && withdrawn <= on;
    }

    /// <summary>
    /// Whether the consent covers sharing with the agency on the day (and, when given, for that purpose): not when it was
    /// withdrawn by then, not before it was given, not for an agency it does not name, not for another purpose. A consent past
    /// its review date still covers, marked due for review.
    /// </summary>
    public static ConsentCoverage Covers(Consent consent, int agencyId, DateOnly on, string? purpose = null)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (consent.WithdrawnOn is { } withdrawn && withdrawn <= on)
        {
            return ConsentCoverage.No(Withdrawn, $"The consent was withdrawn on {UkTime.Format(withdrawn)}");
        }

        if (consent.GivenOn > on) return ConsentCoverage.No(NotYetGiven, $"The consent was given on {UkTime.Format(consent.GivenOn)}, after that day");
        if (purpose is not null && !string.Equals(consent.Purpose, purpose, StringComparison.Ordinal))
        {
            return ConsentCoverage.No(OtherPurpose, $"The consent is for {ConsentCodes.Title(ConsentCodes.Purposes, consent.Purpose).ToLowerInvariant()}, not this");
        }

        if (!consent.Agencies.Any(a => a.AgencyId == agencyId)) return ConsentCoverage.No(AgencyNotCovered, "The consent does not cover this agency");
        return new ConsentCoverage(true, null, null, IsDueForReview(consent, on));
    }

    public static Dictionary<string, string> CheckWithdrawal(Consent consent, DateOnly? withdrawnOn, string? reason, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (consent.WithdrawnOn is { } already) errors["withdrawnOn"] = $"This consent was already withdrawn on {UkTime.Format(already)}";
        else if (withdrawnOn is not { } on) errors["withdrawnOn"] = "Enter the date consent was withdrawn";
        else if (on > today) errors["withdrawnOn"] = "The date consent was withdrawn must be today or in the past";
        else if (on < consent.GivenOn) errors["withdrawnOn"] = "The date consent was withdrawn must be on or after the date it was given";
        TextField.Required(errors, "reason", reason, "why consent was withdrawn", MaxTextLength);
        return errors;
    }
}
