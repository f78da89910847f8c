using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Closure;

public sealed record ClosureRequestInput(string? Reason, string? Summary, ClosureOutcomeInput? Outcome = null);

public sealed record ClosureDecisionInput(bool? Approve, string? Comment);

/// <summary>A closure request awaiting a supervisor's decision, for the Team page.</summary>
public sealed record AwaitingClosureRow(Guid CaseId, string PersonName, string Service, string RequestedBy, DateTimeOffset RequestedAt, string Reason);

/// <summary>
/// Closure with a supervisor's approval: the practitioner's request (reason and closing summary), and the decision of a
/// supervisor of the case who is not the requester — approving closes the case in the same commit; returning keeps it open.
/// Every command checks visibility and permission and audits in the same commit.
/// </summary>
public sealed class ClosureService(CaseloadDb db, AuditTrail audit, TimeProvider clock, CaseService cases, ClosurePolicy policy, ClosureOutcomes outcomes)
{
    public async Task<Outcome<ClosureRequest>> RequestAsync(CurrentUser user, Guid caseId, ClosureRequestInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<ClosureRequest>.NotFound();
        if (!CasePermissions.CanEdit(user, @case)) return Outcome<ClosureRequest>.Forbidden("Only the allocated practitioner, their supervisors and service managers ask to close a case.");
        var errors = ClosureRules.ValidateRequest(input.Reason, input.Summary);
        var (outcomeErrors, closing) = await outcomes.CheckAsync(caseId, @case.Service, input.Outcome ?? ClosureOutcomeInput.None, ct);
        foreach (var (key, message) in outcomeErrors) errors.TryAdd(key, message);
        // A reason from the list needs no words of its own.
        if (!string.IsNullOrWhiteSpace(input.Outcome?.ReasonCode) && string.IsNullOrWhiteSpace(input.Reason)) errors.Remove("reason");
        var reasonText = ClosureOutcomeRules.ReasonText(closing.Reason, input.Reason);
        if (reasonText is { Length: > CaseRules.MaxReasonLength }) errors["reason"] = $"Reason must be {CaseRules.MaxReasonLength - (closing.Reason?.Label.Length ?? 0)} characters or fewer";
        if (errors.Count > 0) return Outcome<ClosureRequest>.Invalid(errors);
        if (@case.Status == CaseStatus.Closed) return Outcome<ClosureRequest>.Conflict("case-closed", "The case is already closed.");
        if (!policy.RequiresApproval(@case.Service))
        {
            return Outcome<ClosureRequest>.Conflict("closure-approval-not-required", $"Closing a {Services.Title(@case.Service)} case needs no approval: close it directly.");
        }

        if (await PendingAsync(caseId, ct) is not null) return PendingConflict();

        var request = new ClosureRequest
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            Status = ClosureRequestStatus.Pending,
            Reason = reasonText!,
            Summary = input.Summary!.Trim(),
            RequestedById = user.Id,
            RequestedByName = user.UserName,
            RequestedAt = clock.GetUtcNow(),
            ReasonCode = closing.Reason?.Code,
        };
        db.Add(request);
        outcomes.Stage(closing, null, request.Id, user.UserName);
        audit.Add(user, AuditActions.ClosureRequested, "closure-request", request.Id.ToString(), caseId, @case.PersonId, $"reason={request.Reason}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request for the case was made at the same moment: one pending request per case (a unique index).
            db.ChangeTracker.Clear();
            if (await PendingAsync(caseId, ct) is not null) return PendingConflict();
            throw;
        }

        return Outcome<ClosureRequest>.Ok(request);
    }

    public async Task<Outcome<ClosureRequest>> DecideAsync(CurrentUser user, Guid caseId, ClosureDecisionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<ClosureRequest>.NotFound();
        if (!ClosureRules.IsSupervisorOf(user, @case))
        {
            return Outcome<ClosureRequest>.Forbidden("Only a supervisor of the case's team or a service manager of its service decides a closure request.");
        }

        var errors = ClosureRules.ValidateDecision(input.Approve, input.Comment);
        if (errors.Count > 0) return Outcome<ClosureRequest>.Invalid(errors);
        var request = await db.Set<ClosureRequest>().Include(r => r.GoalOutcomes).SingleOrDefaultAsync(r => r.CaseId == caseId && r.Status == ClosureRequestStatus.Pending, ct);
        if (request is null || @case.Status == CaseStatus.Closed)
        {
            return Outcome<ClosureRequest>.Conflict("no-closure-request-pending", "There is no closure request waiting for a decision on this case.");
        }

        if (request.RequestedById == user.Id) return Outcome<ClosureRequest>.Forbidden("A closure request is decided by a supervisor other than the person who made it.");

        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        request.Status = input.Approve == true ? ClosureRequestStatus.Approved : ClosureRequestStatus.Returned;
        request.DecidedByName = user.UserName;
        request.DecidedAt = clock.GetUtcNow();
        request.Comment = comment;
        if (request.Status == ClosureRequestStatus.Returned)
        {
            audit.Add(user, AuditActions.ClosureReturned, "closure-request", request.Id.ToString(), caseId, @case.PersonId, $"comment={comment}");
            await db.SaveChangesAsync(ct);
            return Outcome<ClosureRequest>.Ok(request);
        }

        audit.Add(user, AuditActions.ClosureApproved, "closure-request", request.Id.ToString(), caseId, @case.PersonId,
            $"requestedBy={request.RequestedByName}{(comment is null ? "" : $"; comment={comment}")}");
        // The case closes with the request's reason, in the same commit as the decision and its audit event.
        // With the reason code and the goals' outcomes the request proposed (checked again against the plan now in force).
        var proposed = new ClosureOutcomeInput(request.ReasonCode, request.GoalOutcomes.Select(o => (GoalOutcomeInput?)new GoalOutcomeInput(o.GoalId, o.Outcome)).ToList());
        var closed = await cases.CloseApprovedAsync(user, caseId, request.Reason, proposed, ct);
        return closed.Kind switch
        {
            OutcomeKind.Ok => Outcome<ClosureRequest>.Ok(request),
            OutcomeKind.Invalid => Outcome<ClosureRequest>.Invalid(closed.Errors),
            OutcomeKind.Forbidden => Outcome<ClosureRequest>.Forbidden(closed.Message ?? "Not allowed"),
            OutcomeKind.NotFound => Outcome<ClosureRequest>.NotFound(),
            _ => Outcome<ClosureRequest>.Conflict("case-changed", "The case changed while you were deciding. Check it and decide again."),
        };
    }

    /// <summary>The case's requests, newest first, for a case the caller may see (the case scope has checked).</summary>
    public Task<List<ClosureRequest>> ForCaseAsync(Guid caseId, CancellationToken ct = default) =>
        db.Set<ClosureRequest>().AsNoTracking().Include(r => r.GoalOutcomes).Where(r => r.CaseId == caseId).OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).ToListAsync(ct);

    /// <summary>
    /// The case page's closure section for a case the caller may see: the waiting request and whether this user may decide it
    /// (a supervisor of the case who did not ask), or the last request when it was returned, with its comment.
    /// </summary>
    public async Task<ClosureView> ViewAsync(CurrentUser user, CaseContext scoped, Case @case, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(@case);
        var latest = (await ForCaseAsync(scoped.CaseId, ct)).FirstOrDefault();
        var pending = latest is { Status: ClosureRequestStatus.Pending } && @case.Status != CaseStatus.Closed ? latest : null;
        var returned = latest is { Status: ClosureRequestStatus.Returned } && @case.Status != CaseStatus.Closed ? latest : null;
        var names = await Chronology.ChronologyNames.DisplayNamesAsync(db, [latest?.RequestedByName, latest?.DecidedByName], ct);
        var mayDecide = pending is not null && pending.RequestedById != user.Id && ClosureRules.IsSupervisorOf(user, @case);
        // The goals' outcomes the waiting request proposes, in the goals' order, for the practitioner and the deciding supervisor.
        IReadOnlyList<(string Goal, string Outcome)> proposed = [];
        if (pending is { GoalOutcomes.Count: > 0 })
        {
            var ids = pending.GoalOutcomes.Select(o => o.GoalId).ToList();
            var goals = await db.Set<Plans.PlanGoal>().AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
            proposed = pending.GoalOutcomes.OrderBy(o => goals.TryGetValue(o.GoalId, out var g) ? g.Number : int.MaxValue).ThenBy(o => o.Id)
                .Select(o => (goals.TryGetValue(o.GoalId, out var g) ? $"Goal {g.Number + 1}: {g.Description}" : "A goal", GoalOutcomeCodes.Title(o.Outcome))).ToList();
        }

        return new ClosureView(scoped.CaseId, pending, returned, mayDecide, names, proposed);
    }

    /// <summary>Pending requests on open cases this user may decide: cases of teams they supervise or of services they manage, not their own requests.</summary>
    public async Task<IReadOnlyList<AwaitingClosureRow>> AwaitingDecisionAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var teams = user.IsInRole(Roles.Supervisor) ? user.SupervisedTeamIds.ToArray() : [];
        var services = user.IsInRole(Roles.ServiceManager) ? user.ManagedServices.ToArray() : [];
        if (teams.Length == 0 && services.Length == 0) return [];
        return await (from r in db.Set<ClosureRequest>()
                      join c in db.VisibleCases(user) on r.CaseId equals c.Id
                      join u in db.Users on r.RequestedById equals u.Id
                      where r.Status == ClosureRequestStatus.Pending && c.Status != CaseStatus.Closed && r.RequestedById != user.Id
                            && ((c.TeamId != null && teams.Contains(c.TeamId.Value)) || services.Contains(c.Service))
                      orderby r.RequestedAt
                      select new AwaitingClosureRow(c.Id, c.Person.GivenName + " " + c.Person.FamilyName, c.Service, u.DisplayName, r.RequestedAt, r.Reason))
            .Take(200).ToListAsync(ct);
    }

    private Task<ClosureRequest?> PendingAsync(Guid caseId, CancellationToken ct) =>
        db.Set<ClosureRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.CaseId == caseId && r.Status == ClosureRequestStatus.Pending, ct);

    private static Outcome<ClosureRequest> PendingConflict() =>
        Outcome<ClosureRequest>.Conflict("closure-request-pending", "A closure request for this case is already waiting for a supervisor's decision.");
}
