using System.Security.Claims;
using Caseload.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Platform.Security;

/// <summary>The signed-in user and the relationships that decide what they may see, loaded once per request.</summary>
public sealed record CurrentUser(
    string Id,
    string UserName,
    string DisplayName,
    IReadOnlySet<string> Roles,
    int? TeamId,
    IReadOnlyList<int> SupervisedTeamIds,
    IReadOnlyList<string> ManagedServices)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Who an audit event names when nobody is signed in yet (a sign-in attempt): the id if known and the name given.</summary>
    public static CurrentUser ForAudit(string? id, string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var name = userName.Length > 256 ? userName[..256] : userName;
        return new(id ?? string.Empty, name, name, new HashSet<string>(), null, [], []);
    }
    public bool WorksWithCases => Roles.Overlaps([Security.Roles.Practitioner, Security.Roles.Supervisor, Security.Roles.ServiceManager]);
}

public sealed class CurrentUserAccessor(IHttpContextAccessor http, CaseloadDb db)
{
    private CurrentUser? _current;

    public async Task<CurrentUser> GetAsync(CancellationToken ct = default)
    {
        if (_current is not null) return _current;
        var principal = http.HttpContext?.User ?? throw new InvalidOperationException("No request.");
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        _current = await LoadAsync(db, id, ct) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        return _current;
    }

    public static async Task<CurrentUser?> LoadAsync(CaseloadDb db, string userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.TeamId, Services = u.ManagedServices.Select(s => s.Service).ToList() })
            .SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!)
            .ToListAsync(ct);

        // The supervisor chain: teams this user supervises and every team beneath them. Teams are few: walk them in memory.
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.SupervisorId, t.ParentTeamId }).ToListAsync(ct);
        var supervised = teams.Where(t => t.SupervisorId == userId).Select(t => t.Id).ToHashSet();
        for (var added = true; added;)
        {
            added = false;
            foreach (var t in teams)
            {
                if (t.ParentTeamId is { } parent && supervised.Contains(parent) && supervised.Add(t.Id)) added = true;
            }
        }

        var roleSet = roles.ToHashSet(StringComparer.Ordinal);
        return new CurrentUser(user.Id, user.UserName!, user.DisplayName, roleSet, user.TeamId,
            supervised.Order().ToList(),
            roleSet.Contains(Roles.ServiceManager) ? user.Services : []);
    }
}
