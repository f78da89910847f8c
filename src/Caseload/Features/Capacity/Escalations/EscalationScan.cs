using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Hosting;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Capacity.Escalations;

/// <summary>
/// Passes each open escalation whose recipient has not answered within their working days up the chain, run once across all
/// instances (<see cref="LeasedJobs.AddLeasedJob{T}"/>). Each escalation commits on its own with its step and audit event, so a
/// run stopped half-way is safe to repeat: what it moved is no longer overdue.
/// </summary>
public sealed class EscalationScan(CaseloadDb db, EscalationRouting routing, AuditTrail audit, TimeProvider clock, ILogger<EscalationScan> log) : ILeasedJob
{
    public const string JobName = "capacity-escalations";

    public async Task RunAsync(CancellationToken ct)
    {
        var moved = await PassUpOverdueAsync(ct);
        if (moved > 0) log.LogInformation("Capacity escalations: {Moved} unanswered passed up the chain", moved);
    }

    public async Task<int> PassUpOverdueAsync(CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var due = await db.Set<CapacityEscalation>().Where(e => e.Status == EscalationStatus.Open && e.RespondBy != null && e.RespondBy < today)
            .OrderBy(e => e.RespondBy).Select(e => e.Id).Take(1000).ToListAsync(ct);
        var moved = 0;
        foreach (var id in due)
        {
            var escalation = await db.Set<CapacityEscalation>().Include(e => e.Steps).SingleAsync(e => e.Id == id, ct);
            if (escalation.Status != EscalationStatus.Open || escalation.RespondBy is not { } respondBy || respondBy >= today) continue;
            var was = escalation.RecipientName;
            await routing.RouteAsync(escalation, escalation.RecipientId,
                $"Unanswered by {was ?? "nobody"} after {routing.RespondWithinWorkingDays} working days (due by {escalation.RespondBy:yyyy-MM-dd})", ct);
            escalation.Version++;
            audit.Add(CurrentUser.ForAudit(null, EscalationRouting.SystemName), AuditActions.EscalationPassedUp, "capacity-escalation", id.ToString(),
                details: $"practitioner={escalation.PractitionerUserName}; from={was ?? "-"}; to={escalation.RecipientName ?? "-"}");
            try
            {
                await db.SaveChangesAsync(ct);
                moved++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Answered, or moved by another run, since it was read: nothing left to do for it.
            }

            db.ChangeTracker.Clear();
        }

        return moved;
    }
}
