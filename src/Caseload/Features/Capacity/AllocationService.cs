using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Capacity;

/// <summary>The case being allocated, as allocation by capacity sees it.</summary>
public sealed record AllocationCase(Guid CaseId, Guid PersonId, string PersonName, string Service, CaseStatus Status, string? AllocatedTo,
    CaseLoadFacts Facts, IReadOnlyList<string> CoWorkerIds, int Version);

/// <summary>The practitioners a case may go to, ranked by headroom after allocation, with the case's own points and why.</summary>
public sealed record AllocationOptionsView(AllocationCase Case, CaseWeight Weight, IReadOnlyList<AllocationOption> Options);

/// <summary>
/// Allocation by capacity: the ranked options for a case (for those who may allocate it, audited as a read of the case and
/// the capacity figures shown), and the check every allocation makes before it is saved: would it take the practitioner
/// over capacity?
/// </summary>
public sealed class AllocationService(CaseloadDb db, AuditTrail audit, CapacityService capacity)
{
    public async Task<Outcome<AllocationOptionsView>> OptionsAsync(CurrentUser user, CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scoped);
        var @case = await db.Cases.AsNoTracking().Include(c => c.CoWorkers).SingleAsync(c => c.Id == scoped.CaseId, ct);
        if (!CasePermissions.CanAllocate(user, @case)) return Outcome<AllocationOptionsView>.Forbidden("Only a supervisor of the case's team or a service manager allocates cases.");
        if (@case.Status == CaseStatus.Closed) return Outcome<AllocationOptionsView>.Invalid("status", "The case is closed");

        var facts = await FactsAsync(@case.PersonId, @case.Service, @case.Complexity, @case.Restricted, ct);
        var coWorkers = @case.CoWorkers.Select(w => w.UserId).Where(id => id != @case.AllocatedToId).ToList();
        var people = await AllocatableAsync(user, ct);
        var loads = await capacity.LoadsForAllocationAsync(people.Select(p => p.Id).ToList(), @case.Id, ct);
        var candidates = people.Select(p =>
        {
            var load = loads[p.Id];
            return new AllocationCandidate(p.Id, p.UserName, p.DisplayName, p.Team, load.Basis.NewlyQualified, load.CapacityPoints, load.LoadPoints, load.Services,
                p.Id == @case.AllocatedToId);
        });
        var options = AllocationRules.Rank(capacity.Rules, facts, coWorkers, candidates);
        var holder = @case.AllocatedToId is null ? null : people.FirstOrDefault(p => p.Id == @case.AllocatedToId)?.UserName
            ?? await db.Users.Where(u => u.Id == @case.AllocatedToId).Select(u => u.UserName).SingleOrDefaultAsync(ct);
        var view = new AllocationOptionsView(
            new AllocationCase(@case.Id, @case.PersonId, scoped.PersonName, @case.Service, @case.Status, holder, facts, coWorkers, @case.Version),
            capacity.Rules.Weigh(facts with { Workers = 1 + coWorkers.Count }), options);

        // A read of the case, and of each practitioner's capacity figures the options reveal.
        audit.Add(user, AuditActions.AllocationOptionsViewed, "case", @case.Id.ToString(), @case.Id, @case.PersonId, Describe(view));
        await db.SaveChangesAsync(ct);
        return Outcome<AllocationOptionsView>.Ok(view);
    }

    /// <summary>
    /// What allocating a case (or a new one, with no id yet) to the practitioner would do to their capacity, for the check before
    /// saving. Not audited: the figures go no further than the answer to the allocation.
    /// </summary>
    public async Task<AllocationOption> AssessAsync(string practitionerId, CaseLoadFacts facts, IReadOnlyCollection<string> coWorkerIds, Guid? caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(practitionerId);
        var who = await db.Users.AsNoTracking().Where(u => u.Id == practitionerId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, Team = u.Team != null ? u.Team.Name : null }).SingleAsync(ct);
        var load = (await capacity.LoadsForAllocationAsync([practitionerId], caseId, ct))[practitionerId];
        var candidate = new AllocationCandidate(who.Id, who.UserName!, who.DisplayName, who.Team, load.Basis.NewlyQualified, load.CapacityPoints, load.LoadPoints,
            load.Services, load.HoldsCase);
        return AllocationRules.Assess(capacity.Rules, facts, coWorkerIds, candidate);
    }

    /// <summary>What the weighting scheme needs of a case: its service, complexity and restriction, and the person's characteristics.</summary>
    public async Task<CaseLoadFacts> FactsAsync(Guid personId, string service, Complexity? complexity, bool restricted, CancellationToken ct = default)
    {
        string[] weighed = [Characteristics.ChildProtectionPlan, Characteristics.LookedAfter, Characteristics.YouthJustice];
        var codes = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .SelectMany(p => p.Characteristics.Where(ch => weighed.Contains(ch.Code)).Select(ch => ch.Code)).ToListAsync(ct);
        return new CaseLoadFacts(service, complexity, codes.Contains(Characteristics.ChildProtectionPlan), codes.Contains(Characteristics.LookedAfter),
            codes.Contains(Characteristics.YouthJustice), restricted);
    }

    private sealed record Allocatable(string Id, string UserName, string DisplayName, string? Team);

    /// <summary>Whom the user may allocate to, as CaseService allows: practitioners and supervisors of the teams they supervise and themselves; anyone for a service manager.</summary>
    private async Task<List<Allocatable>> AllocatableAsync(CurrentUser user, CancellationToken ct)
    {
        var practitionerRoles = await db.Roles.Where(r => r.Name == Roles.Practitioner || r.Name == Roles.Supervisor).Select(r => r.Id).ToListAsync(ct);
        var teams = user.SupervisedTeamIds;
        var everyone = user.IsInRole(Roles.ServiceManager);
        var selfId = user.Id;
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && practitionerRoles.Contains(ur.RoleId)))
            .Where(u => everyone || u.Id == selfId || (u.TeamId != null && teams.Contains(u.TeamId.Value)))
            .Select(u => new Allocatable(u.Id, u.UserName!, u.DisplayName, u.Team != null ? u.Team.Name : null))
            .ToListAsync(ct);
    }

    private static string Describe(AllocationOptionsView view) =>
        string.Create(CultureInfo.InvariantCulture, $"points={CapacityRules.Format(view.Weight.Points)}; options={view.Options.Count}; ")
        + string.Join(", ", view.Options.Select(o =>
            $"{o.Candidate.UserName} {CapacityRules.Format(o.LoadAfter)}/{CapacityRules.Format(o.Candidate.CapacityPoints)} {o.BandAfter.ToCode()}"));
}
