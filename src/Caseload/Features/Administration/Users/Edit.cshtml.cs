using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Administration.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(CaseloadDb db, AdminService admin, CurrentUserAccessor users, SignInCounts signInCounts,
    IOptions<SignInLimitOptions> signInLimits, TimeProvider clock) : UserFormModel(db)
{
    private readonly CaseloadDb _db = db;

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public bool Unlock { get; set; }
    public string UserName { get; private set; } = "";
    public bool Locked { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(fill: true, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await admin.UpdateUserAsync(await users.GetAsync(ct), Id, new UserForm(null, DisplayName, TeamId, Roles, ManagedServices, IsActive), Unlock);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded)
        {
            var (user, wasActive) = outcome.Value!;
            TempData["Success"] = (wasActive, user.IsActive) switch
            {
                (true, false) => $"{user.DisplayName} is deactivated",
                (false, true) => $"{user.DisplayName} is reactivated",
                _ => $"{user.DisplayName} is saved",
            };
            return Redirect("/Admin/Users");
        }

        ModelState.AddErrors(outcome.Errors);
        await LoadAsync(fill: false, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(bool fill, CancellationToken ct)
    {
        var user = await _db.Users.AsNoTracking().Include(u => u.ManagedServices).SingleOrDefaultAsync(u => u.Id == Id, ct);
        if (user is null) return false;
        UserName = user.UserName!;
        Locked = user.LockoutEnd > clock.GetUtcNow()
            || (await signInCounts.LockedAccountsAsync(signInLimits.Value.LockFor, ct)).Contains(user.NormalizedUserName!);
        if (fill)
        {
            DisplayName = user.DisplayName;
            TeamId = user.TeamId;
            IsActive = user.IsActive;
            ManagedServices = user.ManagedServices.Select(m => m.Service).ToList();
            Roles = await (from ur in _db.UserRoles join r in _db.Roles on ur.RoleId equals r.Id where ur.UserId == Id select r.Name!).ToListAsync(ct);
        }

        await LoadTeamsAsync(ct);
        return true;
    }
}
