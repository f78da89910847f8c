using Caseload.Features.Cases;
using Caseload.Platform.Security;

namespace Caseload.Features.Closure;

/// <summary>
/// Which services need a supervisor's approval to close a case (<c>Closure:ApprovalRequiredFor</c>; see
/// <see cref="ServicesNeedingApproval"/>).
/// </summary>
public sealed class ClosurePolicy(IEnumerable<string> approvalRequiredFor) : ServicesNeedingApproval(approvalRequiredFor)
{
    public static ClosurePolicy From(IConfiguration configuration) => new(Configured(configuration, "Closure:ApprovalRequiredFor"));

    /// <summary>
    /// Whether this user must ask for approval rather than close: in a service that needs it, everyone but a supervisor of
    /// the case (its team's supervisor, or a service manager of its service), who may close it directly.
    /// </summary>
    public bool MustRequest(CurrentUser user, Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return RequiresApproval(@case.Service) && !ClosureRules.IsSupervisorOf(user, @case);
    }
}

/// <summary>The rules of closure requests. Pure.</summary>
public static class ClosureRules
{
    public const int SummaryLength = 4000;
    public const int CommentLength = ApprovalDecision.CommentLength;

    /// <summary>A supervisor of the case: a supervisor of its team (the allocated worker's) or a service manager of its service.</summary>
    public static bool IsSupervisorOf(CurrentUser user, Case @case) => CasePermissions.CanAllocate(user, @case);

    public static Dictionary<string, string> ValidateRequest(string? reason, string? summary)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = "Enter the reason for closing the case";
        else if (reason.Trim().Length > CaseRules.MaxReasonLength) errors["reason"] = $"Reason must be {CaseRules.MaxReasonLength} characters or fewer";
        if (string.IsNullOrWhiteSpace(summary)) errors["summary"] = "Enter the closing summary";
        else if (summary.Trim().Length > SummaryLength) errors["summary"] = $"Closing summary must be {SummaryLength} characters or fewer";
        return errors;
    }

    public static Dictionary<string, string> ValidateDecision(bool? approve, string? comment) =>
        ApprovalDecision.Validate(approve, comment, "the closure request");
}
