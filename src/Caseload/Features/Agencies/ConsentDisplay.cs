namespace Caseload.Features.Agencies;

/// <summary>How a consent's standing reads, for the API and the pages.</summary>
public static class ConsentDisplay
{
    public static string StatusCode(Consent consent, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return ConsentRules.IsWithdrawn(consent, today) ? "withdrawn" : ConsentRules.IsDueForReview(consent, today) ? "due-for-review" : "current";
    }

    public static (string TagClass, string Text) Tag(Consent consent, DateOnly today) => StatusCode(consent, today) switch
    {
        "withdrawn" => ("govuk-tag govuk-tag--grey", "Withdrawn"),
        "due-for-review" => ("govuk-tag govuk-tag--orange", "Due for review"),
        _ => ("govuk-tag govuk-tag--green", "Current"),
    };

    public static string Agencies(Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return consent.Agencies.Count == 0 ? "Not for other agencies" : string.Join(", ", consent.Agencies.Select(a => a.Agency?.Name ?? "Unknown agency").Order(StringComparer.Ordinal));
    }
}
