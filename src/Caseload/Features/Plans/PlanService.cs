using System.Globalization;
using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Plans;

/// <summary>
/// A case's plans: the one in force (null when none is) and the other versions, newest first (earlier ones, and a newer one
/// awaiting approval or returned).
/// </summary>
public sealed record CasePlans(Plan? Current, IReadOnlyList<Plan> Earlier)
{
    /// <summary>Every version, newest first.</summary>
    public IEnumerable<Plan> All => Current is null ? Earlier : Earlier.Append(Current).OrderByDescending(p => p.Version);

    public Plan? Latest => All.FirstOrDefault();

    /// <summary>The newest version when it waits for a supervisor's approval.</summary>
    public Plan? AwaitingApproval => Latest is { Approval: PlanApproval.Pending } latest ? latest : null;

    /// <summary>The newest version when a supervisor returned it: its author makes a new version.</summary>
    public Plan? Returned => Latest is { Approval: PlanApproval.Returned } latest ? latest : null;

    /// <summary>in-force, awaiting-approval, returned or superseded.</summary>
    public string StatusOf(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return PlanApprovalRules.StatusOf(plan.Approval, plan.Version, Current?.Version, Latest?.Version ?? plan.Version);
    }
}

/// <summary>
/// The one writer of plans and of progress on their goals. Whoever may see a case and works with cases agrees a plan with the
/// family (as with notes and referrals): each plan is a new version, and its actions owned by Caseload users become their tasks
/// on the case in the same transaction, with the audit events. Where the service needs it (<see cref="PlanApprovalPolicy"/>) a
/// version is in force only once a supervisor of the case approves it; its tasks are made then.
/// </summary>
public sealed class PlanService(CaseloadDb db, AuditTrail audit, TimeProvider clock, TaskService tasks, PlanApprovalPolicy policy)
{
    public const string ClosedCaseMessage = "The case is closed: a plan is agreed and its progress recorded on an open case";

    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<Plan>> AgreeAsync(CaseContext scoped, PlanInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        if (!user.WorksWithCases) return Outcome<Plan>.Forbidden("Only practitioners, supervisors and service managers agree plans.");
        if (scoped.Status == CaseStatus.Closed) return Outcome<Plan>.Invalid("status", ClosedCaseMessage);
        var today = Today;
        var errors = PlanRules.Check(input, today);
        var actions = input.Actions ?? [];

        // An owner who is a Caseload user gets a task, so they must be able to see the case; anyone else is an owner outside Caseload.
        // Only names that could be user names are looked up (PostgreSQL cannot compare text holding a NUL; the rules refuse it).
        var names = actions.Select(a => a?.Owner?.Trim()).Where(n => !string.IsNullOrEmpty(n) && n.Length <= 256 && !n.Contains('\0', StringComparison.Ordinal))
            .Select(n => n!.ToUpperInvariant()).Distinct().ToList();
        var users = names.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => u.IsActive && names.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName!).ToListAsync(ct);
        var asUsers = actions.Select(a => a?.Owner?.Trim() is { Length: > 0 and <= 256 } o && users.Contains(o.ToUpperInvariant()) ? o : null).ToList();
        var ownerErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        var owners = await tasks.ResolveOwnersAsync(scoped.CaseId, asUsers, ownerErrors, ct);
        foreach (var (key, message) in ownerErrors) errors.TryAdd(key.Replace("nextSteps[", "actions[", StringComparison.Ordinal), message);
        if (errors.Count > 0) return Outcome<Plan>.Invalid(errors);

        var now = clock.GetUtcNow();
        // In a service that needs approval, a plan is in force once a supervisor of the case approves it; one they agree
        // themselves is approved as it is agreed (they are its approvers, as they close such a case directly).
        PlanApproval? approval = null;
        if (policy.RequiresApproval(scoped.Service))
        {
            var @case = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == scoped.CaseId, ct);
            approval = CasePermissions.CanAllocate(user, @case) ? PlanApproval.Approved : PlanApproval.Pending;
        }

        var version = (await db.Set<Plan>().Where(p => p.CaseId == scoped.CaseId).MaxAsync(p => (int?)p.Version, ct) ?? 0) + 1;
        var plan = new Plan
        {
            Id = Guid.CreateVersion7(),
            CaseId = scoped.CaseId,
            PersonId = scoped.PersonId,
            Version = version,
            AgreedOn = today,
            ReviewOn = input.ReviewOn!.Value,
            RecordedAt = now,
            RecordedById = user.Id,
            RecordedByName = user.DisplayName,
            Approval = approval,
        };
        if (approval == PlanApproval.Approved) (plan.DecidedById, plan.DecidedByName, plan.DecidedAt) = (user.Id, user.DisplayName, now);
        var goals = input.Goals!;
        for (var i = 0; i < goals.Count; i++)
        {
            var g = goals[i]!;
            var measure = PlanRules.ReadMeasure(g.Measure)!;
            plan.Goals.Add(new PlanGoal
            {
                Id = Guid.CreateVersion7(),
                PlanId = plan.Id,
                CaseId = scoped.CaseId,
                PlanVersion = version,
                Number = i,
                Description = g.Description!.Trim(),
                PersonsWords = PlanRules.Clean(g.PersonsWords),
                Measure = measure.Kind,
                Unit = measure.Unit,
                Baseline = g.Baseline!.Value,
                Target = g.Target!.Value,
                TargetDate = g.TargetDate!.Value,
                AgreedBy = PlanRules.Clean(g.AgreedBy),
                LastActivityOn = today,
            });
        }

        var staged = new List<(PlanAction Action, CaseloadUser Owner)>();
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i]!;
            var ownerName = a.Owner!.Trim();
            var owner = asUsers[i] is { } userName && owners.TryGetValue(userName, out var found) ? found : null;
            var action = new PlanAction
            {
                PlanId = plan.Id,
                Number = i,
                Action = a.Action!.Trim(),
                Owner = owner?.DisplayName ?? ownerName,
                OwnerUserName = owner?.UserName,
                DueOn = a.DueOn!.Value,
                GoalNumber = a.GoalIndex,
            };
            plan.Actions.Add(action);
            if (owner is not null) staged.Add((action, owner));
        }

        db.Set<Plan>().Add(plan);
        // A plan awaiting approval sets nobody work yet: its actions become tasks when it is approved.
        var created = approval == PlanApproval.Pending ? [] : tasks.Stage(user, scoped.CaseId, scoped.PersonId, null, staged.Select(s => (s.Action.Action, s.Owner, s.Action.DueOn)));
        for (var i = 0; i < created.Count; i++) staged[i].Action.TaskId = created[i].Id;
        audit.Add(user, AuditActions.PlanAgreed, "plan", plan.Id.ToString(), scoped.CaseId, scoped.PersonId,
            $"version={version.ToString(CultureInfo.InvariantCulture)}; goals={plan.Goals.Count.ToString(CultureInfo.InvariantCulture)}; " +
            $"actions={plan.Actions.Count.ToString(CultureInfo.InvariantCulture)}; tasks={created.Count.ToString(CultureInfo.InvariantCulture)}; reviewOn={plan.ReviewOn:yyyy-MM-dd}; " +
            $"approval={approval?.ToString().ToLowerInvariant() ?? "not-required"}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another version of the plan was agreed at the same moment and took this number: nothing of this one is kept.
            db.ChangeTracker.Clear();
            return Outcome<Plan>.Invalid("version", "Someone else agreed a plan on this case at the same moment. Check the plan in force, then agree yours again");
        }

        return Outcome<Plan>.Ok(plan);
    }

    public async Task<Outcome<GoalProgress>> RecordProgressAsync(CaseContext scoped, Guid planId, Guid goalId, ProgressInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        var goal = await db.Set<PlanGoal>().Include(g => g.Progress).SingleOrDefaultAsync(g => g.Id == goalId && g.PlanId == planId && g.CaseId == scoped.CaseId, ct);
        if (goal is null) return Outcome<GoalProgress>.NotFound();
        if (!user.WorksWithCases) return Outcome<GoalProgress>.Forbidden("Only practitioners, supervisors and service managers record progress.");
        if (scoped.Status == CaseStatus.Closed) return Outcome<GoalProgress>.Invalid("status", ClosedCaseMessage);
        var plan = await db.Set<Plan>().AsNoTracking().SingleAsync(p => p.Id == planId, ct);
        if (!await db.Set<Plan>().InForce().AnyAsync(p => p.Id == planId, ct))
        {
            return Outcome<GoalProgress>.Invalid("planId", plan.Approval is PlanApproval.Pending or PlanApproval.Returned
                ? "This plan is not in force: it has not been approved. Record progress against the plan in force"
                : "This plan has been replaced by a newer version: record progress against the plan in force");
        }

        var measure = new GoalMeasure(goal.Measure, goal.Unit);
        var errors = PlanRules.CheckProgress(input, measure, plan.AgreedOn, Today);
        if (errors.Count > 0) return Outcome<GoalProgress>.Invalid(errors);

        var status = input.Status!.Trim();
        var progress = new GoalProgress
        {
            Id = Guid.CreateVersion7(),
            GoalId = goal.Id,
            PlanId = planId,
            CaseId = scoped.CaseId,
            RecordedOn = input.RecordedOn!.Value,
            Value = input.Value,
            PersonsView = PlanRules.Clean(input.PersonsView),
            Comment = input.Comment!.Trim(),
            Status = status,
            Reason = status == PlanCodes.Abandoned ? PlanRules.Clean(input.Reason) : null,
            RecordedAt = clock.GetUtcNow(),
            RecordedById = user.Id,
            RecordedByName = user.DisplayName,
        };
        // Added as new (a set id on an entity found through a navigation would otherwise be taken for an existing row).
        db.Set<GoalProgress>().Add(progress);
        // The change tracker has put it among the goal's progress already; tracking must count it once.
        if (!goal.Progress.Contains(progress)) goal.Progress.Add(progress);
        (goal.LastActivityOn, goal.SameScoreRun, goal.Status) = PlanRules.Track(goal.Progress, plan.AgreedOn);
        audit.Add(user, AuditActions.GoalProgressRecorded, "goal-progress", progress.Id.ToString(), scoped.CaseId, scoped.PersonId,
            $"planId={planId}; goalId={goalId}; recordedOn={progress.RecordedOn:yyyy-MM-dd}; value={(progress.Value is { } v ? PlanRules.Number(v) : "-")}; status={status}");
        await db.SaveChangesAsync(ct);
        return Outcome<GoalProgress>.Ok(progress);
    }

    /// <summary>The case's plans with their goals, progress (in date order) and actions; the read is recorded unless the caller records its own.</summary>
    public async Task<CasePlans> ListAsync(CaseContext scoped, bool recordRead = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var plans = await db.Set<Plan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.Goals).ThenInclude(g => g.Progress)
            .Include(p => p.Actions)
            .Where(p => p.CaseId == scoped.CaseId)
            .OrderByDescending(p => p.Version)
            .ToListAsync(ct);
        foreach (var p in plans)
        {
            p.Goals = [.. p.Goals.OrderBy(g => g.Number)];
            p.Actions = [.. p.Actions.OrderBy(a => a.Number)];
            foreach (var g in p.Goals) g.Progress = [.. PlanRules.InDateOrder(g.Progress)];
        }

        if (recordRead)
        {
            await audit.RecordReadAsync(scoped.User, AuditActions.PlanListed, "case", scoped.CaseId.ToString(), scoped.CaseId, scoped.PersonId,
                $"plans={plans.Count.ToString(CultureInfo.InvariantCulture)}", ct);
        }

        var current = plans.FirstOrDefault(p => PlanApprovalRules.IsEffective(p.Approval));
        return new CasePlans(current, plans.Where(p => p != current).ToList());
    }

    /// <summary>
    /// A supervisor of the case who did not agree the plan approves it (it comes into force, and its actions owned by Caseload
    /// users become their tasks) or returns it with a comment. Only the newest version, while it awaits approval, is decided.
    /// </summary>
    public async Task<Outcome<Plan>> DecideAsync(CaseContext scoped, Guid planId, PlanDecisionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        var plan = await db.Set<Plan>().Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == planId && p.CaseId == scoped.CaseId, ct);
        if (plan is null) return Outcome<Plan>.NotFound();
        var @case = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == scoped.CaseId, ct);
        // As closure requests are decided: who may decide, then what was sent, then whether it is theirs to decide and still waiting.
        var supervises = CasePermissions.CanAllocate(user, @case);
        if (!supervises) return Outcome<Plan>.Forbidden(PlanApprovalRules.WhyMayNotDecide(supervises, isAuthor: false)!);
        var errors = PlanApprovalRules.ValidateDecision(input.Approve, input.Comment);
        if (errors.Count > 0) return Outcome<Plan>.Invalid(errors);
        if (PlanApprovalRules.WhyMayNotDecide(supervises, plan.RecordedById == user.Id) is { } why) return Outcome<Plan>.Forbidden(why);
        if (plan.Approval != PlanApproval.Pending || await db.Set<Plan>().AnyAsync(p => p.CaseId == scoped.CaseId && p.Version > plan.Version, ct))
        {
            return Outcome<Plan>.Conflict("plan-not-awaiting-approval", "This plan is not awaiting approval: it was decided already or a newer version replaced it.");
        }

        if (scoped.Status == CaseStatus.Closed) return Outcome<Plan>.Invalid("status", "The case is closed: its plans are no longer decided");

        var approved = input.Approve == true;
        var comment = PlanRules.Clean(input.Comment);
        var now = clock.GetUtcNow();
        var decision = approved ? PlanApproval.Approved : PlanApproval.Returned;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Decided once: of two supervisors deciding at the same moment, the second finds it decided.
            var taken = await db.Set<Plan>().Where(p => p.Id == planId && p.Approval == PlanApproval.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Approval, (PlanApproval?)decision), ct);
            if (taken == 0)
            {
                return Outcome<Plan>.Conflict("plan-not-awaiting-approval", "This plan is not awaiting approval: another supervisor decided it a moment ago.");
            }

            plan.Approval = decision;
            plan.DecidedById = user.Id;
            plan.DecidedByName = user.DisplayName;
            plan.DecidedAt = now;
            plan.DecisionComment = comment;
            var made = 0;
            if (approved)
            {
                // Drift counts a goal's quiet weeks from the day its plan came into force.
                foreach (var g in plan.Goals.Where(g => g.Progress.Count == 0)) g.LastActivityOn = Today;
                var owned = plan.Actions.Where(a => a.OwnerUserName is not null && a.TaskId is null).OrderBy(a => a.Number).ToList();
                // An owner who no longer works on the case (or whose account ended) keeps the action by name, without a task.
                var owners = await tasks.ResolveOwnersAsync(scoped.CaseId, owned.Select(a => a.OwnerUserName).ToList(), new Dictionary<string, string>(), ct);
                var withOwner = owned.Where(a => owners.ContainsKey(a.OwnerUserName!)).ToList();
                var created = tasks.Stage(user, scoped.CaseId, scoped.PersonId, null, withOwner.Select(a => (a.Action, owners[a.OwnerUserName!], a.DueOn)));
                for (var i = 0; i < created.Count; i++) withOwner[i].TaskId = created[i].Id;
                made = created.Count;
            }

            audit.Add(user, approved ? AuditActions.PlanApproved : AuditActions.PlanReturned, "plan", plan.Id.ToString(), scoped.CaseId, scoped.PersonId,
                $"version={plan.Version.ToString(CultureInfo.InvariantCulture)}; agreedBy={plan.RecordedByName}" +
                (approved ? $"; tasks={made.ToString(CultureInfo.InvariantCulture)}" : "") + (comment is null ? "" : $"; comment={comment}"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return Outcome<Plan>.Ok(plan);
    }

    /// <summary>
    /// Plans awaiting this user's approval: the newest version of open cases of the teams they supervise or the services they
    /// manage, that someone else agreed; oldest first.
    /// </summary>
    public async Task<IReadOnlyList<AwaitingPlanRow>> AwaitingApprovalAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var teams = user.IsInRole(Roles.Supervisor) ? user.SupervisedTeamIds.ToArray() : [];
        var services = user.IsInRole(Roles.ServiceManager) ? user.ManagedServices.ToArray() : [];
        if (teams.Length == 0 && services.Length == 0) return [];
        var plans = db.Set<Plan>();
        return await (from p in plans
                      join c in db.VisibleCases(user) on p.CaseId equals c.Id
                      where p.Approval == PlanApproval.Pending && c.Status != CaseStatus.Closed && p.RecordedById != user.Id
                            && !plans.Any(later => later.CaseId == p.CaseId && later.Version > p.Version)
                            && ((c.TeamId != null && teams.Contains(c.TeamId.Value)) || services.Contains(c.Service))
                      orderby p.RecordedAt
                      select new AwaitingPlanRow(c.Id, p.Id, p.Version, c.Person.GivenName + " " + c.Person.FamilyName, c.Service, p.RecordedByName, p.RecordedAt, p.Goals.Count))
            .Take(200).ToListAsync(ct);
    }

    /// <summary>Whether this user may decide the case's plans awaiting approval (a supervisor of the case) and is not the author.</summary>
    public async Task<bool> MayDecideAsync(CaseContext scoped, Plan plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Approval != PlanApproval.Pending) return false;
        var @case = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == scoped.CaseId, ct);
        return PlanApprovalRules.WhyMayNotDecide(CasePermissions.CanAllocate(scoped.User, @case), plan.RecordedById == scoped.User.Id) is null;
    }
}
