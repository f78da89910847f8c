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
        var characteristics = db.Set<PersonCharacteristic>();
        var found = await db.Cases.AsNoTracking().Where(c => c.Id == scoped.CaseId)
            .Select(c => new
            {
                c.Id, c.PersonId, c.Service, c.Status, c.AllocatedToId, c.TeamId, c.Complexity, c.Restricted, c.Version,
                Holder = c.AllocatedTo != null ? c.AllocatedTo.UserName : null,
                ChildProtectionPlan = characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.ChildProtectionPlan),
                LookedAfter = characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.LookedAfter),
                CourtWork = characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.YouthJustice),
                CoWorkers = c.CoWorkers.Select(w => w.UserId).ToList(),
            })
            .SingleAsync(ct);
        if (!CasePermissions.CanAllocate(user, new Case { Service = found.Service, TeamId = found.TeamId }))
        {
            return Outcome<AllocationOptionsView>.Forbidden("Only a supervisor of the case's team or a service manager allocates cases.");
        }

        if (found.Status == CaseStatus.Closed) return Outcome<AllocationOptionsView>.Invalid("status", "The case is closed");

        var facts = new CaseLoadFacts(found.Service, found.Complexity, found.ChildProtectionPlan, found.LookedAfter, found.CourtWork, found.Restricted);
        var coWorkers = found.CoWorkers.Where(id => id != found.AllocatedToId).ToList();
        var allocatable = Allocatable(user, found.Service);
        var people = await allocatable.Select(u => new { u.Id, UserName = u.UserName!, u.DisplayName, Team = u.Team != null ? u.Team.Name : null }).ToListAsync(ct);
        // The candidates once, then their loads by id: the query that found them (roles, and for a service manager every open
        // case of the service) would otherwise be evaluated again inside each of the loader's statements.
        var loads = await capacity.LoadsForAllocationAsync(capacity.Holders(people.Select(p => p.Id)), found.Id, ct);
        var none = capacity.NoLoad();
        var candidates = people.Select(p =>
        {
            var load = loads.GetValueOrDefault(p.Id) ?? none;
            return new AllocationCandidate(p.Id, p.UserName, p.DisplayName, p.Team, load.Basis.NewlyQualified, load.CapacityPoints, load.LoadPoints, load.Services,
                p.Id == found.AllocatedToId);
        });
        var options = AllocationRules.Rank(capacity.Rules, facts, coWorkers, candidates);
        var view = new AllocationOptionsView(
            new AllocationCase(found.Id, found.PersonId, scoped.PersonName, found.Service, found.Status, found.Holder, facts, coWorkers, found.Version),
            capacity.Rules.Weigh(facts with { Workers = 1 + coWorkers.Count }), options);

        // A read of the case, and of each practitioner's capacity figures the options reveal.
        audit.Add(user, AuditActions.AllocationOptionsViewed, "case", found.Id.ToString(), found.Id, found.PersonId, Describe(view));
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
        var load = (await capacity.LoadsForAllocationAsync(db.Users.Where(u => u.Id == practitionerId).Select(u => u.Id), caseId, ct)).GetValueOrDefault(practitionerId)
            ?? capacity.NoLoad();
        var candidate = new AllocationCandidate(who.Id, who.UserName!, who.DisplayName, who.Team, load.Basis.NewlyQualified, load.CapacityPoints, load.LoadPoints,
            load.Services, load.HoldsCase);
        return AllocationRules.Assess(capacity.Rules, facts, coWorkerIds, candidate);
    }

    /// <summary>What the weighting scheme needs of a case: its service, complexity and restriction, and the person's characteristics.</summary>
    public async Task<CaseLoadFacts> FactsAsync(Guid personId, string service, Complexity? complexity, bool restricted, CancellationToken ct = default)
    {
        string[] weighed = [Characteristics.ChildProtectionPlan, Characteristics.LookedAfter, Characteristics.YouthJustice];
        var codes = await db.Set<PersonCharacteristic>().AsNoTracking().Where(ch => ch.PersonId == personId && weighed.Contains(ch.Code))
            .Select(ch => ch.Code).ToListAsync(ct);
        return new CaseLoadFacts(service, complexity, codes.Contains(Characteristics.ChildProtectionPlan), codes.Contains(Characteristics.LookedAfter),
            codes.Contains(Characteristics.YouthJustice), restricted);
    }

    /// <summary>
    /// Whom the options offer: as CaseService allows, practitioners and supervisors of the teams the user supervises and
    /// themselves; for a service manager, also those working in the case's service (in a team that holds an open case or
    /// referral of the service, or holding one themselves), not everyone in the authority.
    /// </summary>
    private IQueryable<Administration.CaseloadUser> Allocatable(CurrentUser user, string service)
    {
        var teams = user.SupervisedTeamIds;
        var manager = user.IsInRole(Roles.ServiceManager);
        var selfId = user.Id;
        var inService = db.Cases.Where(c => c.Service == service && c.Status != CaseStatus.Closed);
        var serviceTeams = inService.Where(c => c.TeamId != null).Select(c => c.TeamId!.Value);
        var serviceHolders = inService.Where(c => c.AllocatedToId != null).Select(c => c.AllocatedToId!);
        return db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Practitioner || r.Name == Roles.Supervisor))))
            .Where(u => u.Id == selfId || (u.TeamId != null && teams.Contains(u.TeamId.Value))
                || (manager && ((u.TeamId != null && serviceTeams.Contains(u.TeamId.Value)) || serviceHolders.Contains(u.Id))));
    }

    private static string Describe(AllocationOptionsView view) =>
        string.Create(CultureInfo.InvariantCulture, $"points={CapacityRules.Format(view.Weight.Points)}; options={view.Options.Count}; ")
        + string.Join(", ", view.Options.Select(o =>
            $"{o.Candidate.UserName} {CapacityRules.Format(o.LoadAfter)}/{CapacityRules.Format(o.Candidate.CapacityPoints)} {o.BandAfter.ToCode()}"));
}
