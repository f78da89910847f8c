using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.BreakGlass;

/// <summary>A break-glass use as the DPO reviews it: who, which case, why, for how long, how many events it left, and the review.</summary>
public sealed record BreakGlassUse(BreakGlassGrant Grant, int EventsDuringGrant);

/// <summary>Break-glass: emergency access to a case with a reason, for a few hours; the DPO's queue and review of each use.</summary>
public sealed class BreakGlassService(CaseloadDb db, AuditTrail audit, TimeProvider clock, IConfiguration config)
{
    public const int DefaultHours = 4;
    public const int MaxHours = 24;

    /// <summary>How long a grant lasts: DataProtection:BreakGlassHours, 1 to 24, else four hours.</summary>
    public TimeSpan Lifetime => TimeSpan.FromHours(config.GetValue<int?>("DataProtection:BreakGlassHours") is { } h and >= 1 and <= MaxHours ? h : DefaultHours);

    public async Task<Outcome<BreakGlassGrant>> GrantAsync(CurrentUser user, Guid caseId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Outcome<BreakGlassGrant>.Invalid("reason", "Enter why you need emergency access to this case");
        if (reason.Length > BreakGlassGrant.MaxReasonLength)
        {
            return Outcome<BreakGlassGrant>.Invalid("reason", $"The reason must be {BreakGlassGrant.MaxReasonLength} characters or fewer");
        }

        var found = await db.Cases.Where(c => c.Id == caseId).Select(c => new { c.Restricted, c.PersonId }).SingleOrDefaultAsync(ct);
        if (found is null) return Outcome<BreakGlassGrant>.NotFound();
        if (await db.VisibleCases(user).AnyAsync(c => c.Id == caseId, ct))
        {
            return Outcome<BreakGlassGrant>.Conflict("already-visible", "You can already see this case: no emergency access is needed.");
        }

        if (found.Restricted)
        {
            // A refused attempt is accountable too: the DPO sees who tried to open a restricted case, and why.
            audit.Add(user, AuditActions.BreakGlassRefused, "break-glass", null, caseId, found.PersonId, reason);
            await db.SaveChangesAsync(ct);
            return Outcome<BreakGlassGrant>.Forbidden("This case is restricted: only the people named on it may see it, and emergency access cannot open it.");
        }

        var now = clock.GetUtcNow();
        var grant = new BreakGlassGrant
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            UserId = user.Id,
            UserName = user.UserName,
            UserDisplayName = user.DisplayName,
            Reason = reason,
            GrantedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Add(grant);
        audit.Add(user, AuditActions.BreakGlassGranted, "break-glass", grant.Id.ToString(), caseId, found.PersonId, reason).BreakGlass = true;
        await db.SaveChangesAsync(ct);
        return Outcome<BreakGlassGrant>.Ok(grant);
    }

    /// <summary>Every use, newest first; <paramref name="reviewed"/> narrows to the reviewed or the unreviewed. The view is audited.</summary>
    public async Task<IReadOnlyList<BreakGlassUse>> ListAsync(CurrentUser dpo, bool? reviewed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var q = db.Set<BreakGlassGrant>().AsNoTracking();
        if (reviewed is { } r) q = r ? q.Where(g => g.ReviewedAt != null) : q.Where(g => g.ReviewedAt == null);
        var uses = await q.OrderByDescending(g => g.GrantedAt).ThenByDescending(g => g.Id).Take(500)
            .Select(g => new BreakGlassUse(g, db.AuditEvents.Count(e => e.BreakGlass && e.UserId == g.UserId && e.CaseId == g.CaseId && e.At >= g.GrantedAt && e.At <= g.ExpiresAt)))
            .ToListAsync(ct);
        await audit.RecordReadAsync(dpo, AuditActions.BreakGlassListed, "break-glass", null, details: reviewed is null ? "all" : $"reviewed={reviewed}", ct: ct);
        return uses;
    }

    /// <summary>One use for the DPO's review page, with the events it left; the read is audited against the case.</summary>
    public async Task<BreakGlassUse?> FindAsync(CurrentUser dpo, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var use = await db.Set<BreakGlassGrant>().AsNoTracking().Where(g => g.Id == id)
            .Select(g => new BreakGlassUse(g, db.AuditEvents.Count(e => e.BreakGlass && e.UserId == g.UserId && e.CaseId == g.CaseId && e.At >= g.GrantedAt && e.At <= g.ExpiresAt)))
            .SingleOrDefaultAsync(ct);
        if (use is null) return null;
        await audit.RecordReadAsync(dpo, AuditActions.BreakGlassListed, "break-glass", id.ToString(), use.Grant.CaseId, ct: ct);
        return use;
    }

    public async Task<Outcome<BreakGlassGrant>> ReviewAsync(CurrentUser dpo, Guid id, bool? appropriate, string? comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        comment = comment?.Trim();
        var errors = new Dictionary<string, string>();
        if (appropriate is null) errors["appropriate"] = "Select whether the emergency access was appropriate";
        if (string.IsNullOrEmpty(comment)) errors["comment"] = "Enter a comment on the emergency access";
        else if (comment.Length > BreakGlassGrant.MaxCommentLength) errors["comment"] = $"The comment must be {BreakGlassGrant.MaxCommentLength} characters or fewer";
        if (errors.Count > 0) return Outcome<BreakGlassGrant>.Invalid(errors);

        var grant = await db.Set<BreakGlassGrant>().SingleOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null) return Outcome<BreakGlassGrant>.NotFound();
        if (grant.ReviewedAt is not null) return Outcome<BreakGlassGrant>.Conflict("already-reviewed", "This emergency access has already been reviewed.");
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two reviewers at once: the first review stands, the second is told so.
        var claimed = await db.Set<BreakGlassGrant>().Where(g => g.Id == id && g.ReviewedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.ReviewedAt, now)
            .SetProperty(g => g.ReviewedByName, dpo.DisplayName)
            .SetProperty(g => g.Appropriate, appropriate)
            .SetProperty(g => g.ReviewComment, comment), ct);
        if (claimed == 0) return Outcome<BreakGlassGrant>.Conflict("already-reviewed", "This emergency access has already been reviewed.");
        var personId = await db.Cases.Where(c => c.Id == grant.CaseId).Select(c => (Guid?)c.PersonId).SingleOrDefaultAsync(ct);
        audit.Add(dpo, AuditActions.BreakGlassReviewed, "break-glass", grant.Id.ToString(), grant.CaseId, personId,
            $"{(appropriate == true ? "appropriate" : "not appropriate")}: {comment}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        grant.ReviewedAt = now;
        grant.ReviewedByName = dpo.DisplayName;
        grant.Appropriate = appropriate;
        grant.ReviewComment = comment;
        return Outcome<BreakGlassGrant>.Ok(grant);
    }

    /// <summary>A case's break-glass uses, newest first, for those who see the case (its practitioner and their supervisor among them).</summary>
    public Task<List<BreakGlassGrant>> ForCaseAsync(Guid caseId, CancellationToken ct) =>
        db.Set<BreakGlassGrant>().AsNoTracking().Where(g => g.CaseId == caseId).OrderByDescending(g => g.GrantedAt).Take(20).ToListAsync(ct);
}
