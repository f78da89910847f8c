using Caseload.Data;
using Caseload.Features.Supervision;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Capacity.Escalations;

public sealed record EscalationActionInput(string? Action, string? Owner, DateOnly? DueOn);

public sealed record EscalationResponseInput(string? Decision, string? Rationale, IReadOnlyList<EscalationActionInput?>? Actions,
    int? Points, int? Percent, DateOnly? From, DateOnly? Until);

/// <summary>An escalation as its reader sees it, and whether they may answer it now.</summary>
public sealed record EscalationView(CapacityEscalation Escalation, bool MayRespond);

/// <summary>
/// Capacity escalations for the right people only: the practitioner, whoever raised it, everyone it has gone to, the owners
/// of its actions, the practitioner's supervisor chain and the service managers of their services read it; anyone else is told it does not
/// exist. Only the current recipient answers. Every read and write is audited.
/// </summary>
public sealed class EscalationService(CaseloadDb db, AuditTrail audit, TimeProvider clock, CapacityService capacity, EscalationRouting routing)
{
    public static readonly IReadOnlyList<string> Decisions = ["reallocate", "temporary-reduction", "additional-support", "accept-with-mitigation", "escalate"];

    public DateOnly Today => UkTime.Today(clock);

    /// <summary>Raises a concern in words about the caller's own capacity, or (for their supervisor chain) a supervisee's.</summary>
    public async Task<Outcome<CapacityEscalation>> RaiseAsync(CurrentUser user, string? practitionerUserName, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, string>();
        Supervisee? practitioner;
        if (string.IsNullOrWhiteSpace(practitionerUserName)) practitioner = await SupervisionAccess.FindByIdAsync(db, user.Id, ct);
        else if ((practitioner = await SupervisionAccess.FindAsync(db, practitionerUserName, ct)) is null || !practitioner.IsActive)
        {
            errors["practitioner"] = "No active practitioner with this user name";
        }
        else if (practitioner.Id != user.Id && !SupervisionAccess.Supervises(user, practitioner))
        {
            errors["practitioner"] = "You may raise a concern for yourself or for someone you supervise";
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why)) errors["reason"] = "Describe your concern about capacity";
        else if (why.Length > EscalationLimits.ReasonLength) errors["reason"] = $"Reason must be {EscalationLimits.ReasonLength} characters or fewer";
        if (errors.Count > 0) return Outcome<CapacityEscalation>.Invalid(errors);

        var figures = await capacity.FiguresAsync(practitioner!.Id, ct);
        var escalation = routing.New(practitioner.Id, practitioner.UserName, practitioner.DisplayName, user.Id, user.UserName, why!, figures);
        await routing.RouteAsync(escalation, null, practitioner.Id == user.Id ? "Raised by the practitioner" : $"Raised by {user.DisplayName} for their supervisee", ct);
        db.Add(escalation);
        audit.Add(user, AuditActions.EscalationRaised, "capacity-escalation", escalation.Id.ToString(), details: EscalationRouting.Describe(escalation));
        await db.SaveChangesAsync(ct);
        return Outcome<CapacityEscalation>.Ok(escalation);
    }

    /// <summary>The escalations the caller raised, received, is the subject of, or oversees (their supervisees' and their services' practitioners').</summary>
    public async Task<Outcome<IReadOnlyList<CapacityEscalation>>> ListAsync(CurrentUser user, string? status, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        EscalationStatus? only = null;
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "all": break;
            case "open": only = EscalationStatus.Open; break;
            case "closed": only = EscalationStatus.Closed; break;
            default: return Outcome<IReadOnlyList<CapacityEscalation>>.Invalid("status", "Status must be open, closed or all");
        }

        var list = await Visible(user).Where(e => only == null || e.Status == only).Include(e => e.Steps).Include(e => e.Actions)
            .OrderByDescending(e => e.RaisedAt).Take(200).AsSplitQuery().ToListAsync(ct);
        await audit.RecordReadAsync(user, AuditActions.EscalationListed, "capacity-escalation", null, details: $"status={status ?? "all"}; shown={list.Count}", ct: ct);
        return Outcome<IReadOnlyList<CapacityEscalation>>.Ok(list);
    }

    /// <summary>The open escalations the caller may see, newest first, for a page whose own view event records them (the team view).</summary>
    public async Task<IReadOnlyList<CapacityEscalation>> OpenVisibleAsync(CurrentUser user, CancellationToken ct = default) =>
        await Visible(user).AsNoTracking().Where(e => e.Status == EscalationStatus.Open).OrderByDescending(e => e.RaisedAt).Take(200).ToListAsync(ct);

    /// <summary>Open escalations about one practitioner, for their capacity page (its reader is already allowed to see it).</summary>
    public async Task<IReadOnlyList<CapacityEscalation>> OpenForAsync(string practitionerId, CancellationToken ct = default) =>
        await db.Set<CapacityEscalation>().AsNoTracking().Where(e => e.PractitionerId == practitionerId && e.Status == EscalationStatus.Open)
            .OrderBy(e => e.RaisedAt).ToListAsync(ct);

    public async Task<Outcome<EscalationView>> ReadAsync(CurrentUser user, Guid id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var escalation = await Visible(user).Where(e => e.Id == id).Include(e => e.Steps).Include(e => e.Actions).AsSplitQuery().SingleOrDefaultAsync(ct);
        if (escalation is null) return Outcome<EscalationView>.NotFound();
        await audit.RecordReadAsync(user, AuditActions.EscalationViewed, "capacity-escalation", id.ToString(), details: $"practitioner={escalation.PractitionerUserName}", ct: ct);
        return Outcome<EscalationView>.Ok(new EscalationView(escalation, MayRespond(user, escalation)));
    }

    public static bool MayRespond(CurrentUser user, CapacityEscalation escalation)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(escalation);
        return escalation.Status == EscalationStatus.Open && escalation.RecipientId == user.Id;
    }

    /// <summary>The current recipient's answer: a decision, its rationale and actions; a temporary reduction is agreed as an adjustment; escalate passes it up.</summary>
    public async Task<Outcome<CapacityEscalation>> RespondAsync(CurrentUser user, Guid id, EscalationResponseInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var escalation = await Visible(user).Where(e => e.Id == id).Include(e => e.Steps).Include(e => e.Actions).AsSplitQuery().SingleOrDefaultAsync(ct);
        if (escalation is null) return Outcome<CapacityEscalation>.NotFound();
        if (escalation.Status != EscalationStatus.Open) return Outcome<CapacityEscalation>.Forbidden("This escalation has been answered and is closed.");
        if (escalation.RecipientId != user.Id) return Outcome<CapacityEscalation>.Forbidden("Only the person the escalation is with now may answer it.");

        var errors = new Dictionary<string, string>();
        var decision = input.Decision?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(decision)) errors["decision"] = "Select a decision";
        else if (!Decisions.Contains(decision)) errors["decision"] = "Decision must be reallocate, temporary-reduction, additional-support, accept-with-mitigation or escalate";
        var rationale = input.Rationale?.Trim();
        if (string.IsNullOrEmpty(rationale)) errors["rationale"] = "Enter the rationale for your decision";
        else if (rationale.Length > EscalationLimits.RationaleLength) errors["rationale"] = $"Rationale must be {EscalationLimits.RationaleLength} characters or fewer";
        var actions = input.Actions ?? [];
        var owners = new List<Supervisee?>();
        if (actions.Count > EscalationLimits.MaxActions) errors["actions"] = $"Enter no more than {EscalationLimits.MaxActions} actions";
        else
        {
            for (var i = 0; i < actions.Count; i++)
            {
                var a = actions[i];
                var key = $"actions[{i}]";
                Supervisee? owner = null;
                if (a is null) { errors[key] = $"Action {i + 1} is empty"; owners.Add(null); continue; }
                if (string.IsNullOrWhiteSpace(a.Action)) errors[$"{key}.action"] = $"Enter what action {i + 1} is";
                else if (a.Action.Trim().Length > EscalationLimits.ActionLength) errors[$"{key}.action"] = $"Action {i + 1} must be {EscalationLimits.ActionLength} characters or fewer";
                if (string.IsNullOrWhiteSpace(a.Owner)) errors[$"{key}.owner"] = $"Enter the user name of who owns action {i + 1}";
                else if ((owner = await SupervisionAccess.FindAsync(db, a.Owner, ct)) is null || !owner.IsActive) errors[$"{key}.owner"] = $"No active user named {a.Owner.Trim()}";
                if (a.DueOn is not { } due) errors[$"{key}.dueOn"] = $"Enter when action {i + 1} is due";
                else if (due < Today || due > Today.AddYears(1)) errors[$"{key}.dueOn"] = $"Action {i + 1} must be due from today to a year from now";
                owners.Add(owner);
            }
        }

        if (decision == "temporary-reduction")
        {
            if (input.Points is null && input.Percent is null) errors["points"] = "Enter the points or the percent of the temporary reduction";
            if (input.From is null) errors["from"] = "Enter the date the reduction starts";
            if (input.Until is null) errors["until"] = "Enter the date a temporary reduction ends";
        }

        if (errors.Count > 0) return Outcome<CapacityEscalation>.Invalid(errors);

        var now = clock.GetUtcNow();
        escalation.Decision = decision;
        escalation.Rationale = rationale;
        escalation.RespondedAt = now;
        escalation.RespondedByName = user.UserName;
        escalation.Version++;
        for (var i = 0; i < actions.Count; i++)
        {
            escalation.Actions.Add(new EscalationAction
            {
                TaskId = Guid.CreateVersion7(), Action = actions[i]!.Action!.Trim(), OwnerId = owners[i]!.Id, OwnerName = owners[i]!.UserName, DueOn = actions[i]!.DueOn!.Value,
            });
        }

        if (decision == "escalate")
        {
            var before = escalation.RecipientId;
            await routing.RouteAsync(escalation, before, $"Escalated by {user.DisplayName}: {rationale}", ct);
            if (escalation.RecipientId == before)
            {
                db.ChangeTracker.Clear();
                return Outcome<CapacityEscalation>.Invalid("decision", "Nobody is higher in the chain to escalate to: choose another decision");
            }

            escalation.Decision = null;
            escalation.Rationale = null;
            escalation.RespondedAt = null;
            escalation.RespondedByName = null;
        }
        else
        {
            escalation.Status = EscalationStatus.Closed;
            escalation.RespondBy = null;
            escalation.Steps.Add(new EscalationStep { At = now, ToId = null, ToName = null, Why = $"Answered by {user.DisplayName}: {decision}" });
        }

        audit.Add(user, AuditActions.EscalationResponded, "capacity-escalation", escalation.Id.ToString(),
            details: $"practitioner={escalation.PractitionerUserName}; decision={decision}; actions={actions.Count}; {rationale}");
        if (decision == "temporary-reduction")
        {
            var adjustment = await capacity.AddAdjustmentAsync(user, escalation.PractitionerUserName,
                new AdjustmentInput("reduction", input.Points, input.Percent, $"Agreed in answer to a capacity escalation: {rationale}".Length > CapacityLimits.ReasonLength
                    ? $"Agreed in answer to a capacity escalation: {rationale}"[..CapacityLimits.ReasonLength] : $"Agreed in answer to a capacity escalation: {rationale}",
                    input.From, input.Until, user.UserName), raiseIfOver: false, ct: ct);
            if (adjustment.Value is null)
            {
                db.ChangeTracker.Clear();
                return adjustment.Kind == OutcomeKind.Invalid
                    ? Outcome<CapacityEscalation>.Invalid(adjustment.Errors.ToDictionary(e => e.Key == "reason" ? "rationale" : e.Key, e => e.Value))
                    : Outcome<CapacityEscalation>.Forbidden("You may not change this practitioner's capacity.");
            }

            escalation.AdjustmentId = adjustment.Value.Id;
        }

        await db.SaveChangesAsync(ct);
        return Outcome<CapacityEscalation>.Ok(escalation);
    }

    /// <summary>Every escalation the user may see, in SQL.</summary>
    /// <summary>
    /// The caller's escalation actions, as tasks for "My tasks" and the tasks API: open ones by due date, then those closed in
    /// the last 30 days. They are the caller's own and carry no case or person, so they join the list's audit event rather than
    /// adding one (reading their escalation is audited as capacity-escalation.viewed).
    /// </summary>
    public async Task<IReadOnlyList<EscalationAction>> ActionsOwnedByAsync(CurrentUser user, bool includeClosed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var me = user.Id;
        var since = clock.GetUtcNow().AddDays(-30);
        return await db.Set<EscalationAction>().AsNoTracking()
            .Where(a => a.OwnerId == me && (a.Status == Tasks.CaseTaskStatus.Open || (includeClosed && a.ClosedAt >= since)))
            .OrderBy(a => a.Status == Tasks.CaseTaskStatus.Open ? 0 : 1).ThenBy(a => a.DueOn).ThenBy(a => a.Id)
            .Take(200).ToListAsync(ct);
    }

    /// <summary>One action for its outcome page: only its owner reads it there (others read it on the escalation).</summary>
    public async Task<EscalationAction?> OwnActionAsync(CurrentUser user, Guid taskId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var action = await db.Set<EscalationAction>().AsNoTracking().SingleOrDefaultAsync(a => a.TaskId == taskId && a.OwnerId == user.Id, ct);
        if (action is not null)
        {
            await audit.RecordReadAsync(user, AuditActions.EscalationActionViewed, "capacity-escalation-action", taskId.ToString(),
                details: $"escalation={action.EscalationId}", ct: ct);
        }

        return action;
    }

    /// <summary>
    /// Records that an escalation action was done or not done, with what came of it: by its owner only. Others who may see the
    /// escalation are refused; anyone else is told it does not exist.
    /// </summary>
    public async Task<Outcome<EscalationAction>> CloseActionAsync(CurrentUser user, Guid taskId, int? expectedVersion, Tasks.CaseTaskStatus status,
        string? outcome, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var action = await db.Set<EscalationAction>().SingleOrDefaultAsync(a => a.TaskId == taskId, ct);
        if (action is null || !await Visible(user).AnyAsync(e => e.Id == action.EscalationId, ct)) return Outcome<EscalationAction>.NotFound();
        if (action.OwnerId != user.Id) return Outcome<EscalationAction>.Forbidden("Only the action's owner records its outcome.");
        if (expectedVersion is { } v && v != action.Version) return Outcome<EscalationAction>.Stale(action);
        if (action.Status != Tasks.CaseTaskStatus.Open)
        {
            return Outcome<EscalationAction>.Invalid("status", $"The action is already recorded as {Tasks.CaseTaskStatusCodes.Title(action.Status).ToLowerInvariant()}");
        }

        if (status == Tasks.CaseTaskStatus.Open) return Outcome<EscalationAction>.Invalid("status", "Select done or not done");
        if (Tasks.TaskRules.ValidateOutcome(status, outcome) is { } error) return Outcome<EscalationAction>.Invalid("outcome", error);

        action.Status = status;
        action.Outcome = outcome!.Trim();
        action.ClosedAt = clock.GetUtcNow();
        action.ClosedByName = user.UserName;
        action.Version++;
        audit.Add(user, AuditActions.EscalationActionClosed, "capacity-escalation-action", taskId.ToString(),
            details: $"escalation={action.EscalationId}; status={Tasks.CaseTaskStatusCodes.ToCode(status)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<EscalationAction>.Stale(await db.Set<EscalationAction>().AsNoTracking().SingleAsync(a => a.TaskId == taskId, ct));
        }

        return Outcome<EscalationAction>.Ok(action);
    }

    private IQueryable<CapacityEscalation> Visible(CurrentUser user)
    {
        var me = user.Id;
        var teams = user.SupervisedTeamIds;
        var services = user.ManagedServices;
        return db.Set<CapacityEscalation>().Where(e =>
            e.PractitionerId == me || e.RaisedById == me || e.RecipientId == me || e.Steps.Any(s => s.ToId == me) || e.Actions.Any(a => a.OwnerId == me)
            || db.Users.Any(u => u.Id == e.PractitionerId && u.TeamId != null && teams.Contains(u.TeamId.Value))
            || (services.Count > 0 && db.Cases.Any(c => c.AllocatedToId == e.PractitionerId && c.Status != Cases.CaseStatus.Closed && services.Contains(c.Service))));
    }
}
