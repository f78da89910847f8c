using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Notes;

/// <summary>What the note pages share: who may own a next step on a case.</summary>
public static class NotePageSupport
{
    /// <summary>The writer, the allocated practitioner, co-workers, named users and the team's supervisor: people who work on the case.</summary>
    public static async Task<IReadOnlyList<OwnerOption>> OwnersAsync(CaseloadDb db, CurrentUser user, Case @case, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(@case);
        var ids = new List<string> { user.Id };
        if (@case.AllocatedToId is { } allocated) ids.Add(allocated);
        ids.AddRange(@case.CoWorkers.Select(w => w.UserId));
        ids.AddRange(@case.RestrictedTo.Select(r => r.UserId));
        if (@case.TeamId is { } team && await db.Teams.Where(t => t.Id == team).Select(t => t.SupervisorId).SingleOrDefaultAsync(ct) is { } supervisor)
        {
            ids.Add(supervisor);
        }

        var distinct = ids.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => distinct.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        return users.OrderBy(u => u.Id == user.Id ? 0 : 1).ThenBy(u => u.DisplayName, StringComparer.Ordinal)
            .Select(u => new OwnerOption(u.UserName!, u.Id == user.Id ? $"{u.DisplayName} (you)" : u.DisplayName)).ToList();
    }
}
