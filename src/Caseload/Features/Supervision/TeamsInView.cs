using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Supervision;

public sealed record TeamInView(int Id, string Name);

/// <summary>
/// The teams a supervisor or service manager looks after: the teams they supervise (and those beneath them), and for a service
/// manager every team that holds a case of their services or has a practitioner holding one (the people
/// <see cref="Capacity.TeamCapacityService.PractitionersInView"/> finds). The Team page, the team worklist and the team's deadlines
/// all start here; the cases they list still come from <see cref="CaseAccess.VisibleCases"/> alone.
/// </summary>
public static class TeamsInView
{
    public static async Task<IReadOnlyList<TeamInView>> ListAsync(CaseloadDb db, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var ids = user.SupervisedTeamIds.ToHashSet();
        if (user.ManagedServices.Count > 0)
        {
            var services = user.ManagedServices;
            ids.UnionWith(await db.VisibleCases(user).Where(c => c.Status != CaseStatus.Closed && c.TeamId != null && services.Contains(c.Service))
                .Select(c => c.TeamId!.Value).Distinct().ToListAsync(ct));
            ids.UnionWith(await Capacity.TeamCapacityService.PractitionersInView(db, user).Where(u => u.TeamId != null)
                .Select(u => u.TeamId!.Value).Distinct().ToListAsync(ct));
        }

        if (ids.Count == 0) return [];
        var list = ids.ToList();
        return (await db.Teams.AsNoTracking().Where(t => list.Contains(t.Id)).Select(t => new TeamInView(t.Id, t.Name)).ToListAsync(ct))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
    }

    public static async Task<IReadOnlyList<int>> IdsAsync(CaseloadDb db, CurrentUser user, CancellationToken ct = default) =>
        (await ListAsync(db, user, ct)).Select(t => t.Id).ToList();

    /// <summary>
    /// How many restricted cases that are not closed, among <paramref name="inScope"/>, the user may not see: a count the lists
    /// give ("and 1 restricted case") so that their totals agree with the team's, with no detail of those cases.
    /// </summary>
    public static Task<int> RestrictedUnseenAsync(CaseloadDb db, CurrentUser user, IQueryable<Case> inScope, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(inScope);
        var visible = db.VisibleCases(user).Select(c => c.Id);
        return inScope.Where(c => c.Restricted && c.Status != CaseStatus.Closed && !visible.Contains(c.Id)).CountAsync(ct);
    }

    /// <summary>"and 1 restricted case", "and 3 restricted cases", or nothing.</summary>
    public static string RestrictedPhrase(int count) => count switch
    {
        0 => "",
        1 => "and 1 restricted case",
        _ => $"and {count} restricted cases",
    };
}
