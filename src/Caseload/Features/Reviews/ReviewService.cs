using System.Globalization;
using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Features.Worklist;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reviews;

/// <summary>A review as recorded, with the case's version after it (the review date, and perhaps the risk, changed the case).</summary>
public sealed record RecordedReview(CaseReview? Review, int CaseVersion);

/// <summary>A case's last review and how many it has had.</summary>
public sealed record LastReview(CaseReview? Review, int Count);

/// <summary>One open case of a caseload review: its worklist standing, its reviews, and its drift (null when it is not drifting).</summary>
public sealed record CaseloadRow(WorklistItem Item, DateOnly? LastReviewedOn, ReviewDecision? LastDecision, bool ReviewOverdue, DriftItem? Drift = null)
{
    public DateOnly? NextReviewOn => Item.ReviewDueOn;
}

/// <summary>A practitioner's caseload as reviewed: every open case they hold that the viewer may see, in worklist order.</summary>
public sealed record CaseloadReview(CaseloadUser Practitioner, IReadOnlyList<CaseloadRow> Rows, DateOnly Today);

/// <summary>Someone whose caseload the viewer may review: a practitioner they supervise, or who holds cases in a service they manage.</summary>
public sealed record SuperviseeOption(string UserName, string DisplayName, string Team);

/// <summary>
/// The one writer of case reviews, and the caseload review. A review changes the case through <see cref="CaseService"/> (its
/// review date, and its risk rating when the review re-rates it, kept in the risk history) in the same transaction as the
/// review and its audit event.
/// </summary>
public sealed class ReviewService(CaseloadDb db, AuditTrail audit, CaseService cases, TimeProvider clock, PrioritySettings priority, Calendars calendars,
    DriftService drift)
{
    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<RecordedReview>> RecordAsync(CurrentUser user, Guid caseId, int? expectedVersion, ReviewInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var @case = await db.VisibleCases(user).AsNoTracking().Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<RecordedReview>.NotFound();
        if (expectedVersion is { } v && v != @case.Version) return Outcome<RecordedReview>.Stale(new RecordedReview(null, @case.Version));
        if (!CasePermissions.CanEdit(user, @case)) return Outcome<RecordedReview>.Forbidden("Only the allocated practitioner, their supervisors and service managers review a case.");
        if (@case.Status == CaseStatus.Closed) return Outcome<RecordedReview>.Invalid("status", ClosedCaseMessage);
        var checkedInput = ReviewRules.Check(input, Today);
        if (checkedInput.Errors.Count > 0) return Outcome<RecordedReview>.Invalid(checkedInput.Errors);

        var now = clock.GetUtcNow();
        var rating = checkedInput.RiskRating;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The case's own writer moves the review date and re-rates the risk (its history, and closing a safeguarding concern
        // when re-rated after one), comparing the case's version as every case change does.
        var changed = await cases.ChangeAsync(user, caseId, @case.Version,
            new CaseChange(Risk: rating, RiskReason: rating is null ? null : ReviewRules.RiskReason(input.Risks!), ReviewDueOn: checkedInput.NextReviewOn), ct);
        switch (changed.Kind)
        {
            case OutcomeKind.Ok:
                break;
            case OutcomeKind.Stale:
                return Outcome<RecordedReview>.Stale(new RecordedReview(null, changed.Value!.Version));
            case OutcomeKind.Invalid:
                return Outcome<RecordedReview>.Invalid(changed.Errors.ToDictionary(
                    e => e.Key switch { "reviewDueOn" => "nextReviewOn", "riskReason" => "risks", "risk" => "riskRating", _ => e.Key }, e => e.Value));
            case OutcomeKind.NotFound:
                return Outcome<RecordedReview>.NotFound();
            case OutcomeKind.Forbidden:
                return Outcome<RecordedReview>.Forbidden(changed.Message ?? "Not allowed");
            default:
                throw new InvalidOperationException($"Unexpected outcome {changed.Kind}");
        }

        var number = (await db.Set<CaseReview>().Where(r => r.CaseId == caseId).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        var review = new CaseReview
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            Number = number,
            ReviewedOn = Today,
            RecordedAt = now,
            AuthorId = user.Id,
            AuthorName = user.DisplayName,
            Progress = input.Progress!.Trim(),
            Barriers = input.Barriers!.Trim(),
            Risks = input.Risks!.Trim(),
            RiskRating = rating ?? @case.Risk,
            PreviousRiskRating = rating is { } r && r != @case.Risk ? @case.Risk : null,
            Adjustments = input.Adjustments!.Trim(),
            Decision = checkedInput.Decision,
            NextReviewOn = checkedInput.NextReviewOn,
            WasDueOn = @case.ReviewDueOn,
        };
        db.Set<CaseReview>().Add(review);
        audit.Add(user, AuditActions.ReviewCreated, "case-review", review.Id.ToString(), caseId, @case.PersonId,
            $"number={number}; decision={review.Decision.ToCode()}; nextReviewOn={Iso(review.NextReviewOn)}; wasDueOn={Iso(review.WasDueOn)}; " +
            $"risk={(review.PreviousRiskRating is { } from ? $"{from.ToCode()}→" : "")}{review.RiskRating.ToCode()}");
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another review of the case was saved at the same moment and took this number: nothing of this one is kept.
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(ct);
            var current = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync(ct);
            return Outcome<RecordedReview>.Stale(new RecordedReview(null, current));
        }

        return Outcome<RecordedReview>.Ok(new RecordedReview(review, changed.Value!.Version));
    }

    /// <summary>Why a closed case takes no review.</summary>
    public const string ClosedCaseMessage = "The case is closed: a closed case is not reviewed";

    /// <summary>The reviews of the case the scope found, newest first; the list is recorded as read.</summary>
    public async Task<IReadOnlyList<CaseReview>> ListAsync(CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var reviews = await db.Set<CaseReview>().AsNoTracking().Where(r => r.CaseId == scoped.CaseId).OrderByDescending(r => r.Number).ToListAsync(ct);
        await audit.RecordReadAsync(scoped.User, AuditActions.ReviewListed, "case", scoped.CaseId.ToString(), scoped.CaseId, scoped.PersonId,
            $"reviews={reviews.Count}", ct);
        return reviews;
    }

    /// <summary>One review of the case the scope found, recorded as read; null when the case has no review with this id.</summary>
    public async Task<CaseReview?> ReadAsync(CaseContext scoped, Guid reviewId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var review = await db.Set<CaseReview>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId && r.CaseId == scoped.CaseId, ct);
        if (review is not null)
        {
            await audit.RecordReadAsync(scoped.User, AuditActions.ReviewViewed, "case-review", reviewId.ToString(), scoped.CaseId, scoped.PersonId, ct: ct);
        }

        return review;
    }

    /// <summary>The last review of the case the scope found (whose read the scope records), and how many there are.</summary>
    public async Task<LastReview> LastAsync(CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var reviews = db.Set<CaseReview>().AsNoTracking().Where(r => r.CaseId == scoped.CaseId);
        var last = await reviews.OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        return new LastReview(last, last?.Number ?? 0);
    }

    /// <summary>
    /// A practitioner's caseload review: their own, or one they supervise (a supervisor for their teams' practitioners, a service
    /// manager for the cases of their services). Cases come from the worklist's own query, so the priority band is the
    /// worklist's and drift the drift rules'; each case shown is recorded in the audit trail under <paramref name="auditAction"/>.
    /// </summary>
    public async Task<Outcome<CaseloadReview>> CaseloadAsync(CurrentUser user, string? userName, string auditAction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalised = userName?.Trim().ToUpperInvariant();
        var target = string.IsNullOrEmpty(normalised)
            ? await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, ct)
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalised, ct);
        if (target is null) return Outcome<CaseloadReview>.NotFound();
        var own = target.Id == user.Id;
        var supervises = target.TeamId is { } team && user.SupervisedTeamIds.Contains(team);
        if (!own && !supervises && !user.IsInRole(Roles.ServiceManager))
        {
            return Outcome<CaseloadReview>.Forbidden("You can review your own caseload and those of practitioners in teams you supervise.");
        }

        var today = Today;
        var items = await WorklistQuery.LoadAsync(db, user, WorklistScope.Of(target.Id), new WorklistFilter(), priority.Rules, calendars, today, ct);
        var last = new Dictionary<Guid, (DateOnly On, ReviewDecision Decision)>();
        // As the worklist does: up to 2,000 cases a query, within every database's parameter limit.
        foreach (var chunk in items.Chunk(2000))
        {
            var ids = chunk.Select(i => i.CaseId).ToList();
            var reviews = db.Set<CaseReview>().AsNoTracking();
            foreach (var r in await reviews.Where(r => ids.Contains(r.CaseId) && !reviews.Any(n => n.CaseId == r.CaseId && n.Number > r.Number))
                         .Select(r => new { r.CaseId, r.ReviewedOn, r.Decision }).ToListAsync(ct))
            {
                last[r.CaseId] = (r.ReviewedOn, r.Decision);
            }
        }

        // Each case's drift signals by the drift rules and thresholds in force; the list below audits every case shown.
        var drifting = await drift.OfCasesAsync(user, items.Select(i => i.CaseId).ToList(), ct);
        var rows = items.Select(i =>
        {
            var found = last.TryGetValue(i.CaseId, out var l);
            return new CaseloadRow(i, found ? l.On : null, found ? l.Decision : null, i.ReviewDueOn is { } due && due < today, drifting.GetValueOrDefault(i.CaseId));
        }).ToList();
        await audit.RecordListAsync(user, auditAction, rows.Select(r => r.Item.CaseId), ct);
        return Outcome<CaseloadReview>.Ok(new CaseloadReview(target, rows, today));
    }

    /// <summary>Whose caseloads the user may review besides their own: their teams' practitioners, and for a service manager whoever holds open cases of their services.</summary>
    public async Task<IReadOnlyList<SuperviseeOption>> SuperviseesAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var manager = user.IsInRole(Roles.ServiceManager);
        if (!manager && user.SupervisedTeamIds.Count == 0) return [];
        var practitionerRoles = await db.Roles.Where(r => r.Name == Roles.Practitioner || r.Name == Roles.Supervisor).Select(r => r.Id).ToListAsync(ct);
        var teams = user.SupervisedTeamIds;
        var services = user.ManagedServices;
        var selfId = user.Id;
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Id != selfId && db.UserRoles.Any(ur => ur.UserId == u.Id && practitionerRoles.Contains(ur.RoleId)))
            .Where(u => (u.TeamId != null && teams.Contains(u.TeamId.Value))
                        || (manager && db.Cases.Any(c => c.AllocatedToId == u.Id && c.Status != CaseStatus.Closed && services.Contains(c.Service))))
            .OrderBy(u => u.DisplayName)
            .Select(u => new SuperviseeOption(u.UserName!, u.DisplayName, u.Team != null ? u.Team.Name : "No team"))
            .ToListAsync(ct);
    }

    private static string Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
