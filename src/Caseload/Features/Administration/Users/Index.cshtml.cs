using Caseload.Data;
using Caseload.Features.Account;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authorization;
using Caseload.Platform.Security;

namespace Caseload.Features.Administration.Users;

public sealed record UserRow(string Id, string DisplayName, string UserName, IReadOnlyList<string> Roles, string? Team, bool IsActive, bool Locked);

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(CaseloadDb db, SignInCounts signInCounts, IOptions<SignInLimitOptions> signInLimits, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.NormalizedUserName, Team = u.Team != null ? u.Team.Name : null, u.IsActive, u.LockoutEnd })
            .ToListAsync(ct);
        var locked = await signInCounts.LockedAccountsAsync(signInLimits.Value.LockFor, ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        Rows = users.Select(u => new UserRow(u.Id, u.DisplayName, u.UserName!, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            u.Team, u.IsActive, u.LockoutEnd > now || locked.Contains(u.NormalizedUserName!))).ToList();
    }
}
