using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.People;

namespace Caseload.Platform.Security;

/// <summary>
/// The one definition of who may see what. Every list, page, search, report and export starts here, and it filters in SQL.
/// A case is visible to its allocated practitioner, named co-workers, the supervisor chain of its team and the
/// service managers of its service; a restricted case only to the users named on it. A live break-glass grant opens an
/// unrestricted case to its user for a few hours (<see cref="CurrentUser.BreakGlassCaseIds"/>).
/// </summary>
public static class CaseAccess
{
    /// <summary>
    /// The ids of the cases a user holds: allocated to them or named as a co-worker. An indexed IN (… UNION …) to filter
    /// with <c>Contains</c>; an OR with EXISTS would scan every case. Not a visibility rule: combine with VisibleCases.
    /// </summary>
    public static IQueryable<Guid> CaseIdsHeldBy(this CaseloadDb db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Cases.Where(c => c.AllocatedToId == userId).Select(c => c.Id)
            .Union(db.CaseCoWorkers.Where(w => w.UserId == userId).Select(w => w.CaseId));
    }

    public static IQueryable<Case> VisibleCases(this CaseloadDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.WorksWithCases) return db.Cases.Where(_ => false);

        var userId = user.Id;
        var teams = user.SupervisedTeamIds;
        var services = user.ManagedServices;
        var breakGlass = user.BreakGlassCaseIds;
        // Written as AND/OR with the user's co-worker and restricted cases as lists (IN, not EXISTS per case): each database then
        // reads those lists once and stops at the first term that holds, the case's own columns first. The same rule as
        // "restricted ? named : allocated, co-worker, team or service", which SQLite evaluated in full for every case and
        // PostgreSQL costed too high to plan well: a report over 150,000 cases took 1.2 to 1.7 s on SQLite for the predicate alone,
        // 0.15 s written this way; 0.33 s on PostgreSQL, 0.2 s this way.
        var coWorked = db.CaseCoWorkers.Where(w => w.UserId == userId).Select(w => w.CaseId);
        var named = db.Set<CaseRestrictedAccess>().Where(r => r.UserId == userId).Select(r => r.CaseId);
        // Most users hold no grant: their query is left without it.
        if (breakGlass.Count == 0)
        {
            return db.Cases.Where(c =>
                (!c.Restricted
                 && (c.AllocatedToId == userId
                     || services.Contains(c.Service)
                     || (c.TeamId != null && teams.Contains(c.TeamId.Value))
                     || coWorked.Contains(c.Id)))
                || (c.Restricted && named.Contains(c.Id)));
        }

        // A live break-glass grant opens its case for a few hours, but never a restricted one, whenever it was granted.
        return db.Cases.Where(c =>
            (!c.Restricted
             && (c.AllocatedToId == userId
                 || services.Contains(c.Service)
                 || (c.TeamId != null && teams.Contains(c.TeamId.Value))
                 || breakGlass.Contains(c.Id)
                 || coWorked.Contains(c.Id)))
            || (c.Restricted && named.Contains(c.Id)));
    }

    /// <summary>
    /// The same people as <see cref="VisiblePeople"/>, reached for a user who manages no service from the indexed sets of cases
    /// they hold, are named on as restricted, or whose team they supervise (a superset of the cases they may see, then held to
    /// <see cref="VisibleCases"/>), so a search looks among the few hundred people those cases are about rather than testing
    /// every person's cases. A service manager sees most of a service: theirs is <see cref="VisiblePeople"/> itself.
    /// </summary>
    public static IQueryable<Person> VisiblePeopleNarrowed(this CaseloadDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.WorksWithCases || user.ManagedServices.Count > 0) return db.VisiblePeople(user);
        var userId = user.Id;
        var teams = user.SupervisedTeamIds;
        var candidates = db.CaseIdsHeldBy(userId)
            .Union(db.Set<CaseRestrictedAccess>().Where(r => r.UserId == userId).Select(r => r.CaseId))
            .Union(db.Cases.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value)).Select(c => c.Id));
        if (user.BreakGlassCaseIds.Count > 0)
        {
            var breakGlass = user.BreakGlassCaseIds;
            candidates = candidates.Union(db.Cases.Where(c => breakGlass.Contains(c.Id)).Select(c => c.Id));
        }

        var ids = db.VisibleCases(user).Where(c => candidates.Contains(c.Id)).Select(c => c.PersonId)
            .Union(db.People.Where(p => p.CreatedById == userId && !db.Cases.Any(c => c.PersonId == p.Id)).Select(p => p.Id));
        return db.People.Where(p => ids.Contains(p.Id));
    }

    /// <summary>
    /// A person with a case is visible to whoever may see one of their cases, and to nobody else: once a case is opened the
    /// cases decide, so restricting the only case hides the person from whoever recorded them. A person with no case yet is
    /// visible to whoever recorded them.
    /// </summary>
    public static IQueryable<Person> VisiblePeople(this CaseloadDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.WorksWithCases) return db.People.Where(_ => false);
        var userId = user.Id;
        var teams = user.SupervisedTeamIds;
        var services = user.ManagedServices;
        var breakGlass = user.BreakGlassCaseIds;
        // The same rule as VisibleCases, asked of each person's own cases: written per case (a conditional, with the co-worker and
        // restricted look-ups correlated), PostgreSQL probes each candidate's cases by person. Written as VisibleCases is (lists, for
        // scanning many cases), it built the set of every case a service manager may see (147,000) to answer a search that finds 50
        // people: 145 ms instead of 20.
        return db.People.Where(p => db.Cases.Any(c => c.PersonId == p.Id
                && (c.Restricted
                    ? c.RestrictedTo.Any(r => r.UserId == userId)
                    : c.AllocatedToId == userId
                      || c.CoWorkers.Any(w => w.UserId == userId)
                      || (c.TeamId != null && teams.Contains(c.TeamId.Value))
                      || services.Contains(c.Service)
                      || breakGlass.Contains(c.Id)))
            || (p.CreatedById == userId && !db.Cases.Any(c => c.PersonId == p.Id)));
    }
}
