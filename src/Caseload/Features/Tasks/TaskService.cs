using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Tasks;

/// <summary>A task with the case it belongs to, for lists.</summary>
public sealed record TaskRow(CaseTask Task, Guid PersonId, string PersonName);

/// <summary>The one writer of tasks. Tasks from a note's next steps are staged in the note's unit of work, so they commit with it.</summary>
public sealed class TaskService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Finds each owner by user name and checks that they may see the case: a task nobody can open is no task.
    /// Errors are keyed "nextSteps[i].owner".
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CaseloadUser>> ResolveOwnersAsync(Guid caseId, IReadOnlyList<string?> owners,
        Dictionary<string, string> errors, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(errors);
        var found = new Dictionary<string, CaseloadUser>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < owners.Count; i++)
        {
            var name = owners[i]?.Trim();
            if (string.IsNullOrEmpty(name) || found.ContainsKey(name)) continue;
            var normalised = name.ToUpperInvariant();
            var owner = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalised && u.IsActive, ct);
            if (owner is null)
            {
                errors[$"nextSteps[{i}].owner"] = $"No active user named {name}";
                continue;
            }

            var asOwner = await CurrentUserAccessor.LoadAsync(db, owner.Id, ct);
            if (asOwner is null || !await db.VisibleCases(asOwner).AnyAsync(c => c.Id == caseId, ct))
            {
                errors[$"nextSteps[{i}].owner"] = $"{owner.DisplayName} cannot see this case: choose someone who works on it";
                continue;
            }

            found[name] = owner;
        }

        return found;
    }

    /// <summary>Adds tasks to the caller's unit of work, with their audit events; the caller saves.</summary>
    public IReadOnlyList<CaseTask> Stage(CurrentUser user, Guid caseId, Guid personId, Guid? noteId,
        IEnumerable<(string Action, CaseloadUser Owner, DateOnly DueOn)> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return Stage(user, caseId, personId, noteId, steps.Select(s => (s.Action, s.Owner, s.DueOn, (string?)null)));
    }

    /// <summary>As above; a step with an external owner is done by them (named in free text) and followed up by its Caseload owner.</summary>
    public IReadOnlyList<CaseTask> Stage(CurrentUser user, Guid caseId, Guid personId, Guid? noteId,
        IEnumerable<(string Action, CaseloadUser Owner, DateOnly DueOn, string? ExternalOwner)> steps)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(steps);
        var now = clock.GetUtcNow();
        var tasks = new List<CaseTask>();
        foreach (var (action, owner, dueOn, externalOwner) in steps)
        {
            var task = new CaseTask
            {
                Id = Guid.CreateVersion7(),
                CaseId = caseId,
                NoteId = noteId,
                Action = action.Trim(),
                OwnerId = owner.Id,
                OwnerName = owner.DisplayName,
                ExternalOwner = externalOwner,
                DueOn = dueOn,
                Status = CaseTaskStatus.Open,
                CreatedAt = now,
                CreatedById = user.Id,
                CreatedByName = user.UserName,
                Version = 1,
            };
            db.Set<CaseTask>().Add(task);
            audit.Add(user, AuditActions.TaskCreated, "task", task.Id.ToString(), caseId, personId, $"owner={owner.UserName}; {(externalOwner is null ? "" : $"externalOwner={externalOwner}; ")}due={dueOn:yyyy-MM-dd}; note={noteId}");
            tasks.Add(task);
        }

        return tasks;
    }

    /// <summary>Records that a task was done or not done, with its outcome. The owner, or whoever may change the case, closes it.</summary>
    public async Task<Outcome<CaseTask>> CloseAsync(CurrentUser user, Guid taskId, int? expectedVersion, CaseTaskStatus status, string? outcome,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var task = await db.Set<CaseTask>().SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return Outcome<CaseTask>.NotFound();
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == task.CaseId, ct);
        if (@case is null) return Outcome<CaseTask>.NotFound();
        if (expectedVersion is { } v && v != task.Version) return Outcome<CaseTask>.Stale(task);
        if (task.OwnerId != user.Id && !CasePermissions.CanEdit(user, @case)) return Outcome<CaseTask>.Forbidden("Only the task's owner or someone who may change the case records its outcome.");
        if (task.Status != CaseTaskStatus.Open) return Outcome<CaseTask>.Invalid("status", $"The task is already recorded as {task.Status.Title().ToLowerInvariant()}");
        if (status == CaseTaskStatus.Open) return Outcome<CaseTask>.Invalid("status", "Select done or not done");
        if (TaskRules.ValidateOutcome(status, outcome) is { } error) return Outcome<CaseTask>.Invalid("outcome", error);

        task.Status = status;
        task.Outcome = outcome!.Trim();
        task.ClosedAt = clock.GetUtcNow();
        task.ClosedById = user.Id;
        task.ClosedByName = user.UserName;
        task.Version++;
        audit.Add(user, AuditActions.TaskClosed, "task", task.Id.ToString(), task.CaseId, @case.PersonId, $"status={status.ToCode()}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<CaseTask>.Stale(await db.Set<CaseTask>().AsNoTracking().SingleAsync(t => t.Id == taskId, ct));
        }

        return Outcome<CaseTask>.Ok(task);
    }

    /// <summary>
    /// Hands an open task to another owner who may see the case, with the reason. The owner does it, or a supervisor or
    /// service manager of the case; the handover is kept with who, when and why, and audited.
    /// </summary>
    public async Task<Outcome<CaseTask>> ReassignAsync(CurrentUser user, Guid taskId, int expectedVersion, string? newOwner, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var task = await db.Set<CaseTask>().SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return Outcome<CaseTask>.NotFound();
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == task.CaseId, ct);
        if (@case is null) return Outcome<CaseTask>.NotFound();
        if (expectedVersion != task.Version) return Outcome<CaseTask>.Stale(task);
        if (task.OwnerId != user.Id && !CasePermissions.CanAllocate(user, @case)) return Outcome<CaseTask>.Forbidden("Only the task's owner, or a supervisor or service manager of the case, reassigns it.");
        if (task.Status != CaseTaskStatus.Open) return Outcome<CaseTask>.Invalid("status", $"The task is already recorded as {task.Status.Title().ToLowerInvariant()} and cannot be reassigned");

        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = "Enter why you are reassigning the task";
        else if (reason.Trim().Length > TaskRules.MaxReasonLength) errors["reason"] = $"The reason must be {TaskRules.MaxReasonLength:N0} characters or fewer";
        CaseloadUser? owner = null;
        if (string.IsNullOrWhiteSpace(newOwner)) errors["owner"] = "Select who will do the task";
        else
        {
            var found = await ResolveOwnersAsync(task.CaseId, [newOwner], errors, ct);
            if (errors.Remove("nextSteps[0].owner", out var ownerError)) errors["owner"] = ownerError;
            owner = found.Values.SingleOrDefault();
            if (owner is not null && owner.Id == task.OwnerId) errors["owner"] = $"{owner.DisplayName} already owns the task: select someone else";
        }

        if (errors.Count > 0) return Outcome<CaseTask>.Invalid(errors);

        var now = clock.GetUtcNow();
        db.Set<CaseTaskReassignment>().Add(new CaseTaskReassignment
        {
            TaskId = task.Id,
            CaseId = task.CaseId,
            FromOwnerId = task.OwnerId,
            FromOwnerName = task.OwnerName,
            ToOwnerId = owner!.Id,
            ToOwnerName = owner.DisplayName,
            At = now,
            ById = user.Id,
            ByName = user.UserName,
            Reason = reason!.Trim(),
        });
        audit.Add(user, AuditActions.TaskReassigned, "task", task.Id.ToString(), task.CaseId, @case.PersonId,
            $"from={task.OwnerName}; to={owner.UserName}; reason={reason.Trim()}");
        task.OwnerId = owner.Id;
        task.OwnerName = owner.DisplayName;
        task.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<CaseTask>.Stale(await db.Set<CaseTask>().AsNoTracking().SingleAsync(t => t.Id == taskId, ct));
        }

        return Outcome<CaseTask>.Ok(task);
    }

    /// <summary>The handovers of the scoped case's tasks, oldest first.</summary>
    public async Task<IReadOnlyList<CaseTaskReassignment>> ReassignmentsForCaseAsync(CaseContext scoped, CancellationToken ct = default) =>
        await db.Set<CaseTaskReassignment>().AsNoTracking().Where(r => r.CaseId == scoped.CaseId).OrderBy(r => r.At).ThenBy(r => r.Id).Take(1000).ToListAsync(ct);

    public async Task<IReadOnlyList<CaseTaskReassignment>> ReassignmentsAsync(Guid taskId, CancellationToken ct = default) =>
        await db.Set<CaseTaskReassignment>().AsNoTracking().Where(r => r.TaskId == taskId).OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync(ct);

    /// <summary>One task on a case the user may see (audited as a read of the case), else null.</summary>
    public async Task<TaskRow?> GetAsync(CurrentUser user, Guid taskId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var row = await (from t in db.Set<CaseTask>().AsNoTracking()
                         join c in db.VisibleCases(user) on t.CaseId equals c.Id
                         where t.Id == taskId
                         select new TaskRow(t, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName)).SingleOrDefaultAsync(ct);
        if (row is not null) await audit.RecordReadAsync(user, AuditActions.TaskListed, "task", taskId.ToString(), row.Task.CaseId, row.PersonId, ct: ct);
        return row;
    }

    /// <summary>The user's tasks on cases they may still see: open ones by due date, then those closed in the last 30 days.</summary>
    public async Task<IReadOnlyList<TaskRow>> MineAsync(CurrentUser user, bool includeClosed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        var since = clock.GetUtcNow().AddDays(-30);
        var query = from t in db.Set<CaseTask>().AsNoTracking()
                    join c in db.VisibleCases(user) on t.CaseId equals c.Id
                    where t.OwnerId == userId && (t.Status == CaseTaskStatus.Open || (includeClosed && t.ClosedAt >= since))
                    orderby (t.Status == CaseTaskStatus.Open ? 0 : 1), t.DueOn, t.CreatedAt
                    select new TaskRow(t, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName);
        var rows = await query.Take(500).ToListAsync(ct);
        await audit.RecordListAsync(user, AuditActions.TaskListed, rows.Select(r => r.Task.CaseId), ct);
        return rows;
    }

    /// <summary>The scoped case's tasks, open first by due date.</summary>
    public async Task<IReadOnlyList<CaseTask>> ForCaseAsync(CaseContext scoped, CancellationToken ct = default) =>
        await db.Set<CaseTask>().AsNoTracking().Where(t => t.CaseId == scoped.CaseId)
            .OrderBy(t => t.Status == CaseTaskStatus.Open ? 0 : 1).ThenBy(t => t.DueOn).ThenBy(t => t.CreatedAt).Take(500).ToListAsync(ct);
}
