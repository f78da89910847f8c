namespace Caseload.Features.Agencies.Referrals;

/// <summary>A lawful basis for sharing without consent, as typed: the basis, why consent was not sought, and who decided.</summary>
public sealed record LawfulBasisInput(string? Basis, string? Reason, string? DecidedBy);

/// <summary>A referral as typed.</summary>
public sealed record ReferralInput(int? AgencyId, string? Reason, string? Requested, string? Urgency, Guid? ConsentId, LawfulBasisInput? LawfulBasis,
    string? InformationShared, int? FollowUpInWorkingDays);

/// <summary>A share as typed.</summary>
public sealed record ShareInput(string? SharedWith, int? AgencyId, string? What, string? Purpose, Guid? ConsentId, LawfulBasisInput? LawfulBasis, string? DecidedBy,
    DateOnly? SharedOn, string? Method);

public static class ReferralCodes
{
    public const string Routine = "routine";
    public const string Urgent = "urgent";
    public const string Emergency = "emergency";

    public static readonly IReadOnlyDictionary<string, string> Urgencies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Routine] = "Routine",
        [Urgent] = "Urgent",
        [Emergency] = "Emergency",
    };

    public const string Sent = "sent";
    public const string Acknowledged = "acknowledged";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string AppointmentOffered = "appointment-offered";
    public const string Accessed = "accessed";
    public const string NotAccessed = "not-accessed";
    public const string Closed = "closed";

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Sent] = "Sent",
        [Acknowledged] = "Acknowledged",
        [Accepted] = "Accepted",
        [Declined] = "Declined",
        [AppointmentOffered] = "Appointment offered",
        [Accessed] = "Accessed",
        [NotAccessed] = "Not accessed",
        [Closed] = "Closed",
    };

    /// <summary>Grounds for sharing without consent (UK GDPR art. 6(1)(c), (e), (d); Working Together 2023 for safeguarding).</summary>
    public static readonly IReadOnlyDictionary<string, string> LawfulBases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["legal-obligation"] = "Legal obligation",
        ["public-task"] = "Public task",
        ["vital-interests"] = "Vital interests",
        ["safeguarding"] = "Safeguarding of children and individuals at risk",
    };

    public const string ByReferral = "referral";

    /// <summary>How information was sent. "referral" is the share a referral logs itself; a share recorded on its own is one of the others.</summary>
    public static readonly IReadOnlyDictionary<string, string> Methods = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["secure-email"] = "Secure email",
        ["email"] = "Email",
        ["phone"] = "Phone call",
        ["meeting"] = "Meeting or conference",
        ["letter"] = "Letter",
        ["portal"] = "Online portal",
        ["other"] = "Other",
        [ByReferral] = "With a referral",
    };

    /// <summary>The seven golden rules of information sharing (HM Government, Information sharing advice for safeguarding practitioners, 2024).</summary>
    public static readonly IReadOnlyList<(string Rule, string Meaning)> GoldenRules =
    [
        ("Necessary", "share only what is needed for the purpose"),
        ("Proportionate", "no more than the risk or need calls for"),
        ("Relevant", "only what bears on the purpose, to those who need it"),
        ("Adequate", "enough, and of the right quality, to be understood and relied on"),
        ("Accurate", "correct and up to date, with fact told from opinion"),
        ("Timely", "shared in time to act on it"),
        ("Secure", "sent and kept safely: a secure route, to the right person"),
    ];

    public static string Title(IReadOnlyDictionary<string, string> codes, string code)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return codes.TryGetValue(code, out var title) ? title : code;
    }
}

/// <summary>
/// Referrals' and shares' rules, pure: what a referral and a share must record, the lawful basis (a consent that covers the
/// agency, judged by <see cref="ConsentRules.Covers"/>, or a ground for sharing without it), the path of a referral's status,
/// and the follow-up period in working days.
/// </summary>
public static class ReferralRules
{
    public const int MaxTextLength = 4000;
    public const int MaxNameLength = 200;
    public const int MaxFollowUpWorkingDays = 60;

    /// <summary>The follow-up period by urgency: an emergency is chased the next working day, a routine referral within a working week.</summary>
    public static int DefaultFollowUpWorkingDays(string urgency) => urgency switch
    {
        ReferralCodes.Emergency => 1,
        ReferralCodes.Urgent => 2,
        _ => 5,
    };

    public static int FollowUpWorkingDays(string urgency, int? overridden) => overridden ?? DefaultFollowUpWorkingDays(urgency);

    /// <summary>The steps that may follow each status. Closing is open from every step; a person not reached may be offered again.</summary>
    private static readonly Dictionary<string, string[]> Next = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [ReferralCodes.Sent] = [ReferralCodes.Acknowledged, ReferralCodes.Accepted, ReferralCodes.Declined, ReferralCodes.Closed],
        [ReferralCodes.Acknowledged] = [ReferralCodes.Accepted, ReferralCodes.Declined, ReferralCodes.Closed],
        [ReferralCodes.Accepted] = [ReferralCodes.AppointmentOffered, ReferralCodes.Accessed, ReferralCodes.Closed],
        [ReferralCodes.Declined] = [ReferralCodes.Closed],
        [ReferralCodes.AppointmentOffered] = [ReferralCodes.Accessed, ReferralCodes.NotAccessed, ReferralCodes.Closed],
        [ReferralCodes.Accessed] = [ReferralCodes.Closed],
        [ReferralCodes.NotAccessed] = [ReferralCodes.AppointmentOffered, ReferralCodes.Closed],
        [ReferralCodes.Closed] = [],
    };

    public static IReadOnlyList<string> NextSteps(string status) => Next.TryGetValue(status, out var next) ? next : [];

    public static bool CanMove(string from, string to) => NextSteps(from).Contains(to, StringComparer.Ordinal);

    /// <summary>Followed up until the person has reached the help, the agency has declined, or the referral is closed.</summary>
    public static bool NeedsFollowUp(string status) => status is not (ReferralCodes.Accessed or ReferralCodes.Declined or ReferralCodes.Closed);

    /// <summary>A referral still open (not closed) that relied on a consent since withdrawn is flagged.</summary>
    public static bool ConsentWithdrawnFlag(string status, Consent? consent, DateOnly today) =>
        status != ReferralCodes.Closed && consent is not null && ConsentRules.IsWithdrawn(consent, today);

    public static Dictionary<string, string> Check(ReferralInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.AgencyId is null) errors["agencyId"] = "Select the agency the referral is to";
        TextField.Required(errors, "reason", input.Reason, "the reason for the referral", MaxTextLength);
        TextField.Required(errors, "requested", input.Requested, "what is asked for", MaxTextLength);
        TextField.Required(errors, "informationShared", input.InformationShared, "what information was shared", MaxTextLength);
        var urgency = input.Urgency?.Trim();
        if (string.IsNullOrEmpty(urgency)) errors["urgency"] = "Select how urgent the referral is";
        else if (!ReferralCodes.Urgencies.ContainsKey(urgency)) errors["urgency"] = $"The urgency must be one of: {string.Join(", ", ReferralCodes.Urgencies.Keys)}";
        if (input.FollowUpInWorkingDays is { } days && (days < 1 || days > MaxFollowUpWorkingDays))
        {
            errors["followUpInWorkingDays"] = $"The follow-up period must be between 1 and {MaxFollowUpWorkingDays} working days";
        }

        CheckBasis(errors, input.ConsentId, input.LawfulBasis);
        return errors;
    }

    public static Dictionary<string, string> CheckShare(ShareInput input, DateOnly today, DateOnly personBornOn)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        TextField.Required(errors, "sharedWith", input.SharedWith, "who the information was shared with", MaxNameLength);
        TextField.Required(errors, "what", input.What, "what was shared", MaxTextLength);
        TextField.Required(errors, "purpose", input.Purpose, "why it was shared", MaxTextLength);
        TextField.Required(errors, "decidedBy", input.DecidedBy, "who decided to share", MaxNameLength);
        if (input.SharedOn is not { } on) errors["sharedOn"] = "Enter the date the information was shared";
        else if (on > today) errors["sharedOn"] = "The date the information was shared must be today or in the past";
        else if (on < personBornOn) errors["sharedOn"] = "The date the information was shared must be on or after the person's date of birth";
        var method = input.Method?.Trim();
        if (string.IsNullOrEmpty(method)) errors["method"] = "Select how the information was sent";
        else if (!ReferralCodes.Methods.ContainsKey(method) || method == ReferralCodes.ByReferral)
        {
            errors["method"] = $"How it was sent must be one of: {string.Join(", ", ReferralCodes.Methods.Keys.Where(k => k != ReferralCodes.ByReferral))}";
        }

        CheckBasis(errors, input.ConsentId, input.LawfulBasis);
        if (input.ConsentId is not null && input.AgencyId is null && !errors.ContainsKey("consent"))
        {
            errors["agencyId"] = "Select the agency from the directory: a consent covers named agencies";
        }

        return errors;
    }

    /// <summary>Either a consent or a lawful basis, not neither and not both; a lawful basis says which, why consent was not sought, and who decided.</summary>
    public static void CheckBasis(Dictionary<string, string> errors, Guid? consentId, LawfulBasisInput? basis)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (consentId is null && basis is null)
        {
            errors["consent"] = "Give the consent that covers this agency, or the lawful basis for sharing without consent";
            return;
        }

        if (consentId is not null && basis is not null)
        {
            errors["consent"] = "Give either a consent or a lawful basis for sharing without consent, not both";
            return;
        }

        if (basis is null) return;
        var code = basis.Basis?.Trim();
        if (string.IsNullOrEmpty(code)) errors["lawfulBasis.basis"] = "Select the lawful basis for sharing without consent";
        else if (!ReferralCodes.LawfulBases.ContainsKey(code)) errors["lawfulBasis.basis"] = $"The lawful basis must be one of: {string.Join(", ", ReferralCodes.LawfulBases.Keys)}";
        TextField.Required(errors, "lawfulBasis.reason", basis.Reason, "why consent was not sought", MaxTextLength);
        TextField.Required(errors, "lawfulBasis.decidedBy", basis.DecidedBy, "who decided to share without consent", MaxNameLength);
    }

    /// <summary>The consent's error for sharing with the agency on the day for the purpose, or null when it covers it.</summary>
    public static string? ConsentError(Consent? consent, int agencyId, DateOnly on, string purpose)
    {
        if (consent is null) return "No consent with this id was recorded for this person";
        var coverage = ConsentRules.Covers(consent, agencyId, on, purpose);
        return coverage.Covers ? null : $"{coverage.Explanation}: this consent cannot be relied on. Record a consent that covers it, or give a lawful basis";
    }

    /// <summary>A step of the path: a status that may follow, its date (not in the future, not before the last step), and a reason for a decline.</summary>
    public static Dictionary<string, string> CheckStep(string current, DateOnly lastStepOn, string? status, DateOnly? on, string? note, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var to = status?.Trim();
        if (string.IsNullOrEmpty(to)) errors["status"] = "Select the referral's new status";
        else if (!ReferralCodes.Statuses.ContainsKey(to)) errors["status"] = $"The status must be one of: {string.Join(", ", ReferralCodes.Statuses.Keys)}";
        else if (!CanMove(current, to))
        {
            var next = NextSteps(current);
            errors["status"] = next.Count == 0
                ? "The referral is closed: no further step can be recorded"
                : $"A referral that is {ReferralCodes.Title(ReferralCodes.Statuses, current).ToLowerInvariant()} can next be: {string.Join(", ", next)}";
        }

        if (on is not { } day) errors["on"] = "Enter the date of this step";
        else if (day > today) errors["on"] = "The date of this step must be today or in the past";
        else if (day < lastStepOn) errors["on"] = "The date of this step must be on or after the date of the step before";
        if (to == ReferralCodes.Declined && string.IsNullOrWhiteSpace(note)) errors["note"] = "Enter why the agency declined the referral";
        else TextField.Optional(errors, "note", note, "The note", MaxTextLength);
        return errors;
    }
}
