using Caseload.Features.Cases;

namespace Caseload.Features.Plans;

/// <summary>
/// Which services need a supervisor's approval before a new version of a plan is in force (<c>Plans:ApprovalRequiredFor</c>; see
/// <see cref="ServicesNeedingApproval"/>).
/// </summary>
public sealed class PlanApprovalPolicy(IEnumerable<string> approvalRequiredFor) : ServicesNeedingApproval(approvalRequiredFor)
{
    public static PlanApprovalPolicy From(IConfiguration configuration) => new(Configured(configuration, "Plans:ApprovalRequiredFor"));
}

/// <summary>The stable codes of a plan version's standing, as the API and the pages name it.</summary>
public static class PlanStatusCodes
{
    public const string InForce = "in-force";
    public const string AwaitingApproval = "awaiting-approval";
    public const string Returned = "returned";
    public const string Superseded = "superseded";

    public static string Title(string code) => code switch
    {
        InForce => "In force",
        AwaitingApproval => "Awaiting approval",
        Returned => "Returned",
        Superseded => "Superseded",
        _ => code,
    };

    public static string TagClass(string code) => code switch
    {
        InForce => "govuk-tag govuk-tag--green",
        AwaitingApproval => "govuk-tag govuk-tag--yellow",
        Returned => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };
}

/// <summary>The rules of approving plans. Pure.</summary>
public static class PlanApprovalRules
{
    public const int CommentLength = ApprovalDecision.CommentLength;

    /// <summary>A plan that needed no approval, or was approved, may be in force.</summary>
    public static bool IsEffective(PlanApproval? approval) => approval is null or PlanApproval.Approved;

    /// <summary>
    /// Each version's standing among the case's versions: the highest effective version is in force; a version awaiting approval
    /// is superseded once a later version is agreed (only the newest may be approved); a returned version stays returned;
    /// every other effective version is superseded.
    /// </summary>
    public static string StatusOf(PlanApproval? approval, int version, int? inForceVersion, int latestVersion) => approval switch
    {
        PlanApproval.Returned => PlanStatusCodes.Returned,
        PlanApproval.Pending => version == latestVersion ? PlanStatusCodes.AwaitingApproval : PlanStatusCodes.Superseded,
        _ => version == inForceVersion ? PlanStatusCodes.InForce : PlanStatusCodes.Superseded,
    };

    /// <summary>
    /// Who may decide: a supervisor of the case (its team's supervisor, or a service manager of its service) who did not agree
    /// the plan. Null when they may; otherwise why not.
    /// </summary>
    public static string? WhyMayNotDecide(bool isSupervisorOfCase, bool isAuthor) =>
        !isSupervisorOfCase ? "Only a supervisor of the case's team or a service manager of its service approves a plan."
        : isAuthor ? "A plan is approved by a supervisor other than the person who agreed it."
        : null;

    public static Dictionary<string, string> ValidateDecision(bool? approve, string? comment) =>
        ApprovalDecision.Validate(approve, comment, "the plan");
}

/// <summary>The plan in force, as every feature that reads it asks for it (drift, progress, feedback's goal views, closure outcomes).</summary>
public static class PlanQueries
{
    /// <summary>Versions that needed no approval or were approved.</summary>
    public static IQueryable<Plan> Effective(this IQueryable<Plan> plans) =>
        plans.Where(p => p.Approval == null || p.Approval == PlanApproval.Approved);

    /// <summary>Each case's plan in force: its highest effective version.</summary>
    public static IQueryable<Plan> InForce(this IQueryable<Plan> plans)
    {
        var effective = plans.Effective();
        return effective.Where(p => !effective.Any(later => later.CaseId == p.CaseId && later.Version > p.Version));
    }
}

/// <summary>A plan awaiting this supervisor's approval, for their Team page.</summary>
public sealed record AwaitingPlanRow(Guid CaseId, Guid PlanId, int Version, string PersonName, string Service, string AgreedBy, DateTimeOffset AgreedAt, int Goals);
