using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Features.Closure;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Cases;

public sealed record NewCase(
    Guid? PersonId,
    string? Service,
    string? AllocatedTo,
    Risk? Risk,
    bool Restricted,
    IReadOnlyList<string>? RestrictedTo,
    int? ExpectedContactEveryWorkingDays,
    DateOnly? ReviewDueOn = null,
    Complexity? Complexity = null,
    string? OverCapacityRationale = null,
    string? ReferralSource = null);

/// <summary>A partial change: only the fields that are not null change.</summary>
public sealed record CaseChange(
    Risk? Risk = null,
    string? RiskReason = null,
    bool? Restricted = null,
    IReadOnlyList<string>? RestrictedTo = null,
    int? ExpectedContactEveryWorkingDays = null,
    string? AllocatedTo = null,
    DateOnly? ReviewDueOn = null,
    bool ClearReviewDueOn = false,
    Complexity? Complexity = null,
    string? ComplexityReason = null,
    string? OverCapacityRationale = null);

/// <summary>The one writer of cases. Every command checks visibility and permission, and audits in the same transaction.</summary>
public sealed class CaseService(CaseloadDb db, AuditTrail audit, TimeProvider clock, ClosurePolicy closure, Capacity.CapacityService capacity,
    Capacity.AllocationService allocation, ClosureOutcomes outcomes)
{
    private DateOnly Today => UkTime.Today(clock);

    private static string IsoDate(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    public async Task<Outcome<Case>> CreateAsync(CurrentUser user, NewCase input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.WorksWithCases) return Outcome<Case>.Forbidden("Only practitioners, supervisors and service managers open cases.");

        var errors = new Dictionary<string, string>();
        if (input.PersonId is null) errors["personId"] = "Select the person the case is for";
        else if (!await db.VisiblePeople(user).AnyAsync(p => p.Id == input.PersonId, ct)) errors["personId"] = "No person with this id was found";
        if (string.IsNullOrWhiteSpace(input.Service)) errors["service"] = "Select a service";
        else if (!Services.IsKnown(input.Service)) errors["service"] = $"Select a service: one of {string.Join(", ", Services.Titles.Keys)}";
        if (CaseRules.ValidateExpectedContact(input.ExpectedContactEveryWorkingDays) is { } contactError) errors["expectedContactEveryWorkingDays"] = contactError;
        if (CaseRules.ValidateReviewDue(input.ReviewDueOn, Today) is { } reviewError) errors["reviewDueOn"] = reviewError;
        // No default: an unrated case silently recorded as green would understate the risk to a child.
        if (input.Risk is null) errors["risk"] = "Select a risk rating: green, amber or red";
        var source = ReferralSources.Find(input.ReferralSource);
        if (!string.IsNullOrWhiteSpace(input.ReferralSource) && source is null) errors["referralSource"] = $"Select where the referral came from: one of {ReferralSources.Codes}";

        CaseloadUser? allocated = null;
        if (!string.IsNullOrWhiteSpace(input.AllocatedTo))
        {
            allocated = await FindActiveUserAsync(input.AllocatedTo, ct);
            if (allocated is null) errors["allocatedTo"] = "No active user with this user name";
            else if (await AllocationRefusalAsync(user, allocated, ct) is { } refusal) errors["allocatedTo"] = refusal;
        }
        else if (!user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.ServiceManager))
        {
            // A practitioner's own referral is theirs until a supervisor reallocates it.
            allocated = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        }

        var named = await ResolveNamedUsersAsync(input.RestrictedTo, errors, ct);
        string? overCapacity = null;
        if (allocated is not null && !errors.ContainsKey("allocatedTo") && !errors.ContainsKey("personId") && !errors.ContainsKey("service"))
        {
            overCapacity = await CheckCapacityAsync(user, allocated, input.PersonId!.Value, input.Service!, input.Complexity, input.Restricted, null, input.OverCapacityRationale, errors, ct);
        }

        if (errors.Count > 0) return Outcome<Case>.Invalid(errors);

        var now = clock.GetUtcNow();
        var risk = input.Risk!.Value;
        var @case = new Case
        {
            Id = Guid.CreateVersion7(),
            PersonId = input.PersonId!.Value,
            Service = input.Service!,
            Status = allocated is null ? CaseStatus.Referred : CaseStatus.Open,
            AllocatedToId = allocated?.Id,
            Risk = risk,
            Complexity = input.Complexity,
            Restricted = input.Restricted,
            ExpectedContactEveryWorkingDays = input.ExpectedContactEveryWorkingDays,
            ReviewDueOn = input.ReviewDueOn,
            ReferredOn = Today,
            ReferralSource = source?.Code,
            OpenedOn = allocated is null ? null : Today,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        @case.TeamId = allocated?.TeamId ?? user.TeamId ?? (user.SupervisedTeamIds.Count > 0 ? user.SupervisedTeamIds[0] : null);
        @case.RiskHistory.Add(new RiskChange { To = risk, ChangedById = user.Id, ChangedByName = user.UserName, ChangedAt = now, Reason = "Initial rating" });
        if (input.Complexity is { } complexity)
        {
            @case.ComplexityHistory.Add(new ComplexityChange { To = complexity, ChangedById = user.Id, ChangedByName = user.UserName, ChangedAt = now, Reason = "Assessed when the case was opened" });
        }

        if (input.Restricted)
        {
            // The creator and the allocated practitioner are always named, or nobody could work the case.
            foreach (var id in named.Select(u => u.Id).Append(user.Id).Concat(allocated is null ? [] : [allocated.Id]).Distinct())
            {
                @case.RestrictedTo.Add(new CaseRestrictedAccess { UserId = id });
            }
        }

        db.Cases.Add(@case);
        audit.Add(user, AuditActions.CaseCreated, "case", @case.Id.ToString(), @case.Id, @case.PersonId,
            $"service={@case.Service}; status={@case.Status}; risk={risk.ToCode()}; complexity={input.Complexity?.ToCode() ?? "-"}; allocatedTo={allocated?.UserName ?? "-"}; restricted={@case.Restricted}; referralSource={source?.Code ?? "-"}{RationaleDetail(overCapacity)}");
        await db.SaveChangesAsync(ct);
        if (allocated is not null && @case.Status == CaseStatus.Open) await RaiseIfOverAsync(user, allocated.Id, "a case was opened for them", overCapacity, ct);
        return Outcome<Case>.Ok(await LoadAsync(@case.Id, ct));
    }

    /// <summary>The case the case scope found for this request, with what its pages show; the scope has checked and audits the read.</summary>
    public Task<Case> ReadAsync(CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        return LoadAsync(scoped.CaseId, ct);
    }

    public async Task<Outcome<Case>> ChangeAsync(CurrentUser user, Guid id, int expectedVersion, CaseChange change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(change);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null) return Outcome<Case>.NotFound();
        if (@case.Version != expectedVersion) return Outcome<Case>.Stale(await LoadAsync(id, ct));
        if (!CasePermissions.CanEdit(user, @case)) return Outcome<Case>.Forbidden("Only the allocated practitioner, their supervisors and service managers change a case.");
        if (@case.Status == CaseStatus.Closed) return Outcome<Case>.Invalid("status", "The case is closed; reopen it before changing it");

        var errors = new Dictionary<string, string>();
        if (change.RiskReason is { Length: > CaseRules.MaxReasonLength }) errors["riskReason"] = $"Reason must be {CaseRules.MaxReasonLength} characters or fewer";
        var complexityChanges = change.Complexity is { } newComplexity && newComplexity != @case.Complexity;
        // A weight on someone's capacity changes only with the reason recorded, as a risk rating does.
        if (complexityChanges && string.IsNullOrWhiteSpace(change.ComplexityReason)) errors["complexityReason"] = "Enter why the complexity has changed";
        else if (change.ComplexityReason is { } complexityReason && complexityReason.Trim().Length > CaseRules.MaxReasonLength) errors["complexityReason"] = $"Reason must be {CaseRules.MaxReasonLength} characters or fewer";
        if (CaseRules.ValidateExpectedContact(change.ExpectedContactEveryWorkingDays) is { } contactError) errors["expectedContactEveryWorkingDays"] = contactError;
        if (change.ReviewDueOn != @case.ReviewDueOn && CaseRules.ValidateReviewDue(change.ReviewDueOn, Today) is { } reviewError) errors["reviewDueOn"] = reviewError;
        if (change.ClearReviewDueOn && change.ReviewDueOn is not null) errors["reviewDueOn"] = "Give a review date or clear it, not both";
        CaseloadUser? allocated = null;
        if (change.AllocatedTo is not null)
        {
            allocated = await FindActiveUserAsync(change.AllocatedTo, ct);
            if (allocated is null) errors["allocatedTo"] = "No active user with this user name";
            else if (!CasePermissions.CanAllocate(user, @case)) errors["allocatedTo"] = "Only a supervisor of the case's team or a service manager allocates cases";
            else if (await AllocationRefusalAsync(user, allocated, ct) is { } refusal) errors["allocatedTo"] = refusal;
        }

        var named = await ResolveNamedUsersAsync(change.RestrictedTo, errors, ct);
        string? overCapacity = null;
        if (allocated is not null && allocated.Id != @case.AllocatedToId && !errors.ContainsKey("allocatedTo"))
        {
            overCapacity = await CheckCapacityAsync(user, allocated, @case.PersonId, @case.Service, change.Complexity ?? @case.Complexity, change.Restricted ?? @case.Restricted, id,
                change.OverCapacityRationale, errors, ct);
        }

        if (errors.Count > 0) return Outcome<Case>.Invalid(errors);

        var now = clock.GetUtcNow();
        var changed = new List<string>();
        if (change.Risk is { } rerated && @case.SafeguardingConcernSince is not null)
        {
            // Re-rating after a safeguarding concern closes it, even when the rating stays the same: that is the decision.
            db.RiskChanges.Add(new RiskChange { CaseId = id, From = @case.Risk, To = rerated, ChangedById = user.Id, ChangedByName = user.UserName, ChangedAt = now,
                Reason = $"Re-rated after the safeguarding concern: {change.RiskReason?.Trim()}" });
            changed.Add($"safeguarding concern reviewed; risk {@case.Risk.ToCode()}→{rerated.ToCode()}");
            @case.SafeguardingConcernSince = null;
            @case.Risk = rerated;
        }
        else if (change.Risk is { } risk && risk != @case.Risk)
        {
            db.RiskChanges.Add(new RiskChange { CaseId = id, From = @case.Risk, To = risk, ChangedById = user.Id, ChangedByName = user.UserName, ChangedAt = now, Reason = change.RiskReason?.Trim() });
            changed.Add($"risk {@case.Risk.ToCode()}→{risk.ToCode()}");
            @case.Risk = risk;
        }

        if (complexityChanges)
        {
            var to = change.Complexity!.Value;
            db.Set<ComplexityChange>().Add(new ComplexityChange { CaseId = id, From = @case.Complexity, To = to, ChangedById = user.Id, ChangedByName = user.UserName, ChangedAt = now, Reason = change.ComplexityReason!.Trim() });
            changed.Add($"complexity {@case.Complexity?.ToCode() ?? "-"}→{to.ToCode()}");
            @case.Complexity = to;
        }

        if (change.ExpectedContactEveryWorkingDays is { } every && every != @case.ExpectedContactEveryWorkingDays)
        {
            changed.Add($"expectedContact {@case.ExpectedContactEveryWorkingDays}→{every}");
            @case.ExpectedContactEveryWorkingDays = every;
        }

        var review = change.ClearReviewDueOn ? null : change.ReviewDueOn ?? @case.ReviewDueOn;
        if (review != @case.ReviewDueOn)
        {
            changed.Add($"reviewDueOn {IsoDate(@case.ReviewDueOn)}→{IsoDate(review)}");
            @case.ReviewDueOn = review;
        }

        if (allocated is not null && allocated.Id != @case.AllocatedToId)
        {
            changed.Add($"allocatedTo→{allocated.UserName}");
            Allocate(@case, allocated);
        }

        if (change.Restricted is { } restricted && restricted != @case.Restricted)
        {
            changed.Add($"restricted→{restricted}");
            @case.Restricted = restricted;
        }

        if (change.RestrictedTo is not null || (change.Restricted == true && @case.RestrictedTo.Count == 0))
        {
            var ids = named.Select(u => u.Id).Append(user.Id);
            if (@case.AllocatedToId is not null) ids = ids.Append(@case.AllocatedToId);
            var wanted = ids.ToHashSet();
            @case.RestrictedTo.RemoveAll(r => !wanted.Contains(r.UserId));
            foreach (var uid in wanted.Where(w => @case.RestrictedTo.All(r => r.UserId != w))) @case.RestrictedTo.Add(new CaseRestrictedAccess { CaseId = id, UserId = uid });
            changed.Add($"restrictedTo=[{string.Join(",", named.Select(n => n.UserName))}]");
        }

        if (changed.Count == 0) return Outcome<Case>.Ok(await LoadAsync(id, ct));
        var saved = await SaveAsync(user, @case, AuditActions.CaseUpdated, string.Join("; ", changed) + RationaleDetail(overCapacity), ct);
        if (saved.Succeeded && allocated is not null && saved.Value!.AllocatedToId == allocated.Id && changed.Any(c => c.StartsWith("allocatedTo→", StringComparison.Ordinal)))
        {
            await RaiseIfOverAsync(user, allocated.Id, "a case was allocated to them", overCapacity, ct);
        }

        return saved;
    }

    public Task<Outcome<Case>> CloseAsync(CurrentUser user, Guid id, int? expectedVersion, string? reason, CancellationToken ct = default) =>
        CloseAsync(user, id, expectedVersion, reason, ClosureOutcomeInput.None, approvedBy: null, ct);

    /// <summary>Closes a case with a reason from its service's list and the outcome of each goal of the plan in force (see <see cref="ClosureOutcomeRules"/>).</summary>
    public Task<Outcome<Case>> CloseAsync(CurrentUser user, Guid id, int? expectedVersion, string? reason, ClosureOutcomeInput outcome, CancellationToken ct = default) =>
        CloseAsync(user, id, expectedVersion, reason, outcome, approvedBy: null, ct);

    /// <summary>
    /// Closes a case whose closure a supervisor has approved (<see cref="ClosureService"/>), saving with whatever else the caller
    /// has changed on this context (the request's decision) in the same commit.
    /// </summary>
    internal Task<Outcome<Case>> CloseApprovedAsync(CurrentUser supervisor, Guid id, string reason, ClosureOutcomeInput outcome, CancellationToken ct) =>
        CloseAsync(supervisor, id, null, reason, outcome, approvedBy: supervisor.UserName, ct);

    private async Task<Outcome<Case>> CloseAsync(CurrentUser user, Guid id, int? expectedVersion, string? reason, ClosureOutcomeInput outcome, string? approvedBy,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null) return Outcome<Case>.NotFound();
        if (expectedVersion is { } v && v != @case.Version) return Outcome<Case>.Stale(await LoadAsync(id, ct));
        if (!CasePermissions.CanEdit(user, @case)) return Outcome<Case>.Forbidden("Only the allocated practitioner, their supervisors and service managers close a case.");
        if (@case.Status == CaseStatus.Closed) return Outcome<Case>.Invalid("status", "The case is already closed");
        if (approvedBy is null && closure.MustRequest(user, @case))
        {
            return Outcome<Case>.Conflict("closure-needs-approval",
                $"Closing a {Services.Title(@case.Service)} case needs a supervisor's approval: request closure with a reason and a closing summary.");
        }

        var (errors, closing) = await outcomes.CheckAsync(id, @case.Service, outcome, ct);
        // With a reason from the list the words are optional (they add to it); without one they are the reason.
        if (string.IsNullOrWhiteSpace(reason) && closing.Reason is null && !errors.ContainsKey("reasonCode")) errors["reason"] = "Enter the reason for closing the case";
        var text = ClosureOutcomeRules.ReasonText(closing.Reason, reason);
        if (text is { Length: > CaseRules.MaxReasonLength }) errors["reason"] = $"Reason must be {CaseRules.MaxReasonLength - (closing.Reason?.Label.Length ?? 0)} characters or fewer";
        if (errors.Count > 0) return Outcome<Case>.Invalid(errors);

        @case.Status = CaseStatus.Closed;
        @case.ClosedOn = Today;
        @case.ClosureReason = text;
        @case.ClosureReasonCode = closing.Reason?.Code;
        outcomes.Stage(closing, id, null, user.UserName);
        return await SaveAsync(user, @case, AuditActions.CaseClosed, $"reason={@case.ClosureReason}", ct);
    }

    /// <summary>Allocation by a supervisor or service manager; a referral becomes an open case when it is allocated.</summary>
    public async Task<Outcome<Case>> AllocateAsync(CurrentUser user, Guid id, int? expectedVersion, string? userName, string? overCapacityRationale = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null) return Outcome<Case>.NotFound();
        if (expectedVersion is { } v && v != @case.Version) return Outcome<Case>.Stale(await LoadAsync(id, ct));
        if (!CasePermissions.CanAllocate(user, @case)) return Outcome<Case>.Forbidden("Only a supervisor of the case's team or a service manager allocates cases.");
        if (@case.Status == CaseStatus.Closed) return Outcome<Case>.Invalid("status", "The case is closed");
        if (string.IsNullOrWhiteSpace(userName)) return Outcome<Case>.Invalid("allocatedTo", "Select a practitioner");
        var allocated = await FindActiveUserAsync(userName, ct);
        if (allocated is null) return Outcome<Case>.Invalid("allocatedTo", "No active user with this user name");
        if (await AllocationRefusalAsync(user, allocated, ct) is { } refusal) return Outcome<Case>.Invalid("allocatedTo", refusal);
        if (allocated.Id == @case.AllocatedToId) return Outcome<Case>.Ok(await LoadAsync(id, ct));
        var errors = new Dictionary<string, string>();
        var overCapacity = await CheckCapacityAsync(user, allocated, @case.PersonId, @case.Service, @case.Complexity, @case.Restricted, id, overCapacityRationale, errors, ct);
        if (errors.Count > 0) return Outcome<Case>.Invalid(errors);

        var from = @case.AllocatedToId is null ? "-" : await db.Users.Where(u => u.Id == @case.AllocatedToId).Select(u => u.UserName).SingleAsync(ct);
        Allocate(@case, allocated);
        var saved = await SaveAsync(user, @case, AuditActions.CaseAllocated, $"from={from}; to={allocated.UserName}{RationaleDetail(overCapacity)}", ct);
        if (saved.Succeeded) await RaiseIfOverAsync(user, allocated.Id, from == "-" ? "a case was allocated to them" : "a case was reallocated to them", overCapacity, ct);
        return saved;
    }

    /// <summary>
    /// The capacity check of an allocation to someone else: when it would take them over capacity it needs a rationale
    /// (an error on <c>overCapacityRationale</c> without one) and the rationale, trimmed, is returned to be recorded. Taking a
    /// case yourself needs none; the system still escalates when it puts you over.
    /// </summary>
    private async Task<string?> CheckCapacityAsync(CurrentUser user, CaseloadUser allocated, Guid personId, string service, Complexity? complexity, bool restricted,
        Guid? caseId, string? rationale, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (allocated.Id == user.Id) return null;
        var coWorkers = caseId is { } id
            ? await db.CaseCoWorkers.Where(w => w.CaseId == id).Select(w => w.UserId).ToListAsync(ct)
            : [];
        var facts = await allocation.FactsAsync(personId, service, complexity, restricted, ct);
        var option = await allocation.AssessAsync(allocated.Id, facts, coWorkers, caseId, ct);
        if (Capacity.AllocationRules.ValidateRationale(option, rationale) is { } error)
        {
            errors["overCapacityRationale"] = error;
            return null;
        }

        return option.OverCapacityAfter ? rationale!.Trim() : null;
    }

    /// <summary>The rationale for an allocation over capacity, last in the allocation's audit details (it may hold any text): the chronology reads it there.</summary>
    private static string RationaleDetail(string? rationale) => rationale is null ? "" : $"; {Chronology.ChronologyRules.OverCapacityRationaleKey}{rationale}";

    private Task RaiseIfOverAsync(CurrentUser user, string practitionerId, string trigger, string? overCapacityRationale, CancellationToken ct) =>
        overCapacityRationale is null
            ? capacity.RaiseIfOverAsync(practitionerId, trigger, ct)
            : capacity.RaiseForAllocationAsync(practitionerId, trigger, user, overCapacityRationale, ct);

    private void Allocate(Case @case, CaseloadUser allocated)
    {
        @case.AllocatedToId = allocated.Id;
        @case.TeamId = allocated.TeamId ?? @case.TeamId;
        if (@case.Status == CaseStatus.Referred)
        {
            @case.Status = CaseStatus.Open;
            @case.OpenedOn = Today;
        }

        // Allocating a restricted case names the new practitioner on it: the decision to allocate is the decision to share.
        if (@case.Restricted && @case.RestrictedTo.All(r => r.UserId != allocated.Id))
        {
            @case.RestrictedTo.Add(new CaseRestrictedAccess { CaseId = @case.Id, UserId = allocated.Id });
        }
    }

    private async Task<Outcome<Case>> SaveAsync(CurrentUser user, Case @case, string action, string details, CancellationToken ct)
    {
        @case.UpdatedAt = clock.GetUtcNow();
        @case.Version++;
        audit.Add(user, action, "case", @case.Id.ToString(), @case.Id, @case.PersonId, details);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<Case>.Stale(await LoadAsync(@case.Id, ct));
        }

        return Outcome<Case>.Ok(await LoadAsync(@case.Id, ct));
    }

    private Task<Case> LoadAsync(Guid id, CancellationToken ct) =>
        db.Cases.AsNoTracking()
            .Include(c => c.Person).ThenInclude(p => p.Characteristics)
            .Include(c => c.AllocatedTo)
            .Include(c => c.Team)
            .Include(c => c.CoWorkers).ThenInclude(w => w.User)
            .Include(c => c.RestrictedTo).ThenInclude(r => r.User)
            .Include(c => c.RiskHistory)
            .Include(c => c.GoalOutcomes)
            .Include(c => c.ComplexityHistory)
            .AsSplitQuery()
            .SingleAsync(c => c.Id == id, ct);

    private Task<CaseloadUser?> FindActiveUserAsync(string userName, CancellationToken ct)
    {
        var normalised = userName.Trim().ToUpperInvariant();
        return db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalised && u.IsActive, ct);
    }

    private async Task<string?> AllocationRefusalAsync(CurrentUser user, CaseloadUser target, CancellationToken ct)
    {
        var targetIsPractitioner = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                          where ur.UserId == target.Id && (r.Name == Roles.Practitioner || r.Name == Roles.Supervisor)
                                          select ur).AnyAsync(ct);
        if (!targetIsPractitioner) return "Cases are allocated to practitioners or supervisors only";
        if (user.IsInRole(Roles.ServiceManager)) return null;
        if (target.Id == user.Id) return null;
        if (user.IsInRole(Roles.Supervisor) && target.TeamId is { } team && user.SupervisedTeamIds.Contains(team)) return null;
        return "You can allocate cases only to yourself or to practitioners in a team you supervise";
    }

    private async Task<List<CaseloadUser>> ResolveNamedUsersAsync(IReadOnlyList<string>? userNames, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (userNames is null || userNames.Count == 0) return [];
        if (userNames.Count > 50) { errors["restrictedTo"] = "Name 50 users or fewer"; return []; }
        var normalised = userNames.Select(n => n.Trim().ToUpperInvariant()).Distinct().ToList();
        var users = await db.Users.Where(u => normalised.Contains(u.NormalizedUserName!) && u.IsActive).ToListAsync(ct);
        var missing = normalised.Except(users.Select(u => u.NormalizedUserName!)).ToList();
        if (missing.Count > 0) errors["restrictedTo"] = $"No active user named {string.Join(", ", missing.Select(m => m.ToLowerInvariant()))}";
        return users;
    }
}

/// <summary>Who may change what on a case they can already see. Pure.</summary>
public static class CasePermissions
{
    public static bool CanEdit(CurrentUser user, Case @case)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(@case);
        return @case.AllocatedToId == user.Id || CanAllocate(user, @case) || (@case.Restricted && @case.RestrictedTo.Any(r => r.UserId == user.Id) && user.IsInRole(Roles.Supervisor));
    }

    public static bool CanAllocate(CurrentUser user, Case @case)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(@case);
        return (user.IsInRole(Roles.ServiceManager) && user.ManagedServices.Contains(@case.Service))
               || (user.IsInRole(Roles.Supervisor) && @case.TeamId is { } team && user.SupervisedTeamIds.Contains(team));
    }
}
