using Caseload.Data;
using Caseload.Features.Chronology;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Plans;

/// <summary>Plans on the chronology: each version when it was agreed, and each progress recorded on a goal.</summary>
public sealed class PlansChronology(CaseloadDb db) : IChronologySource
{
    public const string PlanAgreed = "plan";
    public const string Progress = "plan-progress";
    public const string Approved = "plan-approved";
    public const string Returned = "plan-returned";

    public IReadOnlyList<ChronologyKind> Kinds { get; } =
        [new(PlanAgreed, "Plan agreed"), new(Progress, "Plan progress"), new(Approved, "Plan approved"), new(Returned, "Plan returned")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var plans = await db.Set<Plan>().AsNoTracking().Where(p => p.CaseId == caseId)
            .Select(p => new { p.Id, p.Version, p.AgreedOn, p.RecordedAt, p.RecordedByName, p.ReviewOn, Goals = p.Goals.Count, p.Approval, p.DecidedAt, p.DecidedByName, p.DecisionComment, p.RecordedById, p.DecidedById })
            .ToListAsync(ct);
        var progress = await (from p in db.Set<GoalProgress>().AsNoTracking()
                              join g in db.Set<PlanGoal>() on p.GoalId equals g.Id
                              where p.CaseId == caseId
                              select new { p.Id, p.RecordedOn, p.RecordedAt, p.RecordedByName, p.Value, p.Status, g.Description, g.Measure, g.Unit, g.PlanVersion })
            .ToListAsync(ct);
        var entries = new List<ChronologyEntry>();
        entries.AddRange(plans.Select(p => new ChronologyEntry(p.AgreedOn, p.RecordedAt, PlanAgreed, p.Id.ToString(),
            $"Plan version {p.Version} agreed: {p.Goals} {(p.Goals == 1 ? "goal" : "goals")}; review {Platform.Time.UkTime.Format(p.ReviewOn)}"
            + (p.Approval is null || (p.Approval == PlanApproval.Approved && p.DecidedById == p.RecordedById) ? "" : "; for a supervisor's approval"),
            p.RecordedByName, $"/Cases/{caseId}/Plan?version={p.Version}")));
        // A supervisor's decision on a version awaiting approval (not the approval a supervisor's own plan carries as it is agreed).
        entries.AddRange(plans.Where(p => p.DecidedAt is not null && (p.Approval is PlanApproval.Approved or PlanApproval.Returned) && p.DecidedById != p.RecordedById)
            .Select(p => new ChronologyEntry(Platform.Time.UkTime.DateOf(p.DecidedAt!.Value), p.DecidedAt.Value, p.Approval == PlanApproval.Approved ? Approved : Returned,
                p.Id.ToString(),
                (p.Approval == PlanApproval.Approved ? $"Plan version {p.Version} approved: in force" : $"Plan version {p.Version} returned")
                + (string.IsNullOrWhiteSpace(p.DecisionComment) ? "" : $": {ChronologyRules.FirstLine(p.DecisionComment, 150)}"),
                p.DecidedByName ?? "", $"/Cases/{caseId}/Plan?version={p.Version}")));
        entries.AddRange(progress.Select(p => new ChronologyEntry(p.RecordedOn, p.RecordedAt, Progress, p.Id.ToString(),
            $"Progress on \"{ChronologyRules.FirstLine(p.Description)}\": {PlanCodes.StatusTitle(p.Status).ToLowerInvariant()}"
            + (p.Value is { } v ? $", {new GoalMeasure(p.Measure, p.Unit).Format(v)}" : ""),
            p.RecordedByName, $"/Cases/{caseId}/Plan?version={p.PlanVersion}")));
        return entries;
    }
}
