using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.DataProtection.Retention;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.LegalHolds;

/// <summary>Legal holds: the DPO places one on a person, a case or a whole service, with a reason and a reference, and releases it.</summary>
public sealed class LegalHoldService(CaseloadDb db, AuditTrail audit, TimeProvider clock, RetentionService retention)
{
    public async Task<Outcome<LegalHold>> PlaceAsync(CurrentUser dpo, Guid? personId, Guid? caseId, string? service, string? reason, string? reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        reason = reason?.Trim();
        reference = reference?.Trim();
        service = string.IsNullOrWhiteSpace(service) ? null : service.Trim();
        var errors = new Dictionary<string, string>();
        var targets = (personId is null ? 0 : 1) + (caseId is null ? 0 : 1) + (service is null ? 0 : 1);
        if (targets != 1) errors["personId"] = "Give one of a person, a case or a service for the hold to cover";
        else if (service is not null && !Services.IsKnown(service)) errors["service"] = "Select a service Caseload knows";
        if (string.IsNullOrEmpty(reason)) errors["reason"] = "Enter the reason for the hold";
        else if (reason.Length > LegalHold.MaxReasonLength) errors["reason"] = $"The reason must be {LegalHold.MaxReasonLength} characters or fewer";
        if (string.IsNullOrEmpty(reference)) errors["reference"] = "Enter the reference of the hold (the inquiry, claim or investigation)";
        else if (reference.Length > LegalHold.MaxReferenceLength) errors["reference"] = $"The reference must be {LegalHold.MaxReferenceLength} characters or fewer";
        if (errors.Count > 0) return Outcome<LegalHold>.Invalid(errors);

        if (personId is { } p && !await db.People.AnyAsync(x => x.Id == p, ct)) return Outcome<LegalHold>.Invalid("personId", "No person has this id");
        Guid? casePerson = null;
        if (caseId is { } c)
        {
            casePerson = await db.Cases.Where(x => x.Id == c).Select(x => (Guid?)x.PersonId).SingleOrDefaultAsync(ct);
            if (casePerson is null) return Outcome<LegalHold>.Invalid("caseId", "No case has this id");
        }

        var hold = retention.NewHold(dpo, personId, caseId, service, reason!, reference!);
        db.Add(hold);
        audit.Add(dpo, AuditActions.LegalHoldPlaced, "legal-hold", hold.Id.ToString(), caseId, personId ?? casePerson, service is null ? (caseId is null ? "person" : "case") : $"service {service}");
        await db.SaveChangesAsync(ct);
        return Outcome<LegalHold>.Ok(hold);
    }

    public async Task<Outcome<LegalHold>> ReleaseAsync(CurrentUser dpo, Guid id, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        reason = reason?.Trim();
        if (reason?.Length > LegalHold.MaxReasonLength) return Outcome<LegalHold>.Invalid("reason", $"The reason must be {LegalHold.MaxReasonLength} characters or fewer");
        var hold = await db.Set<LegalHold>().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (hold is null) return Outcome<LegalHold>.NotFound();
        if (hold.ReleasedAt is not null) return Outcome<LegalHold>.Conflict("already-released", "This legal hold has already been released.");
        hold.ReleasedAt = clock.GetUtcNow();
        hold.ReleasedByName = dpo.DisplayName;
        hold.ReleaseReason = string.IsNullOrEmpty(reason) ? null : reason;
        audit.Add(dpo, AuditActions.LegalHoldReleased, "legal-hold", hold.Id.ToString(), hold.CaseId, hold.PersonId, hold.Service is null ? null : $"service {hold.Service}");
        await db.SaveChangesAsync(ct);
        return Outcome<LegalHold>.Ok(hold);
    }

    /// <summary>Holds in force, newest first, then (with <paramref name="all"/>) released ones. The view is audited.</summary>
    public async Task<IReadOnlyList<LegalHold>> ListAsync(CurrentUser dpo, bool all, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var q = db.Set<LegalHold>().AsNoTracking();
        if (!all) q = q.Where(h => h.ReleasedAt == null);
        var holds = await q.OrderBy(h => h.ReleasedAt != null).ThenByDescending(h => h.PlacedAt).Take(500).ToListAsync(ct);
        await audit.RecordReadAsync(dpo, AuditActions.LegalHoldsListed, "legal-hold", null, details: all ? "all" : "in force", ct: ct);
        return holds;
    }
}
