using System.Security.Claims;
using Caseload.Data;
using Caseload.Features.DataProtection.BreakGlass;
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

    /// <summary>
    /// Cases opened to this user for a few hours by break-glass (emergency access with a reason), never restricted ones:
    /// <see cref="CaseAccess.VisibleCases"/> adds them, and the audit trail marks every event about them as break-glass.
    /// </summary>
    public IReadOnlyList<Guid> BreakGlassCaseIds { get; init; } = [];

    public bool UsesBreakGlassOn(Guid? caseId) => caseId is { } id && BreakGlassCaseIds.Contains(id);

    /// <summary>Who an audit event names when nobody is signed in yet (a sign-in attempt): the id if known and the name given.</summary>
    public static CurrentUser ForAudit(string? id, string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var name = userName.Length > 256 ? userName[..256] : userName;
        return new(id ?? string.Empty, name, name, new HashSet<string>(), null, [], []);
    }
    public bool WorksWithCases => Roles.Overlaps([Security.Roles.Practitioner, Security.Roles.Supervisor, Security.Roles.ServiceManager]);
}

public sealed class CurrentUserAccessor(IHttpContextAccessor http, CaseloadDb db, TimeProvider clock)
{
    private CurrentUser? _current;

    public async Task<CurrentUser> GetAsync(CancellationToken ct = default)
    {
        if (_current is not null) return _current;
        var principal = http.HttpContext?.User ?? throw new InvalidOperationException("No request.");
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        _current = await LoadAsync(db, id, clock.GetUtcNow(), ct) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        return _current;
    }

    public static Task<CurrentUser?> LoadAsync(CaseloadDb db, string userId, CancellationToken ct = default) => LoadAsync(db, userId, null, ct);

    /// <summary>As above; when <paramref name="at"/> is given, the break-glass grants live at that instant are loaded too (the signed-in user's request).</summary>
    public static async Task<CurrentUser?> LoadAsync(CaseloadDb db, string userId, DateTimeOffset? at, CancellationToken ct = default)
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
        // Only those who may use break-glass (practitioners and supervisors who do not administer Caseload, as the policy says) can
        // hold a grant: everyone else's requests skip the look.
        var mayHoldGrants = (roleSet.Contains(Roles.Practitioner) || roleSet.Contains(Roles.Supervisor)) && !roleSet.Contains(Roles.Administrator);
        var grants = at is { } now && mayHoldGrants
            ? await db.Set<BreakGlassGrant>().Where(g => g.UserId == userId && g.ExpiresAt > now).Select(g => g.CaseId).Distinct().ToListAsync(ct)
            : [];
        return new CurrentUser(user.Id, user.UserName!, user.DisplayName, roleSet, user.TeamId,
            supervised.Order().ToList(),
            roleSet.Contains(Roles.ServiceManager) ? user.Services : [])
        {
            BreakGlassCaseIds = grants,
        };
    }
}
