namespace Caseload.Features.Cases;

public static class CaseRules
{
    public const int MaxReasonLength = 1000;
    public const int MaxExpectedContactWorkingDays = 260;

    public static readonly IReadOnlyList<string> ClosureReasons =
    [
        "Needs met and outcomes achieved",
        "Stepped up to children's social care",
        "Stepped down to universal or targeted services",
        "Moved out of the area",
        "Consent withdrawn",
        "No longer eligible for the service",
        "Transferred to another service",
        "Other",
    ];

    /// <summary>A review date may be set in the past (a review already overdue is a fact to show), but not years either way.</summary>
    public static string? ValidateReviewDue(DateOnly? due, DateOnly today) =>
        due is null || (due.Value >= today.AddYears(-2) && due.Value <= today.AddYears(2))
            ? null
            : "Review date must be within 2 years of today";

    public static string? ValidateExpectedContact(int? days) =>
        days is null or (>= 1 and <= MaxExpectedContactWorkingDays)
            ? null
            : $"Expected contact must be every 1 to {MaxExpectedContactWorkingDays} working days";
}
