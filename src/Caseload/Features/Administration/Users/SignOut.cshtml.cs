using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Administration.Users;

/// <summary>
/// An administrator ends every session and API token of a user (a lost phone, a shared computer, an account that may have been
/// used by someone else): the user signs in again wherever they work. The account stays active; deactivating it is the
/// user page's own change.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class SignOutModel(CaseloadDb db, SignOutEverywhere everywhere, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == Id, ct);
        if (user is null) return NotFound();
        (UserName, DisplayName) = (user.UserName!, user.DisplayName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await everywhere.EndAsync(await users.GetAsync(ct), Id, AuditActions.UserSignedOutEverywhere, "every session and token, by an administrator", ct);
        if (user is null) return NotFound();
        TempData["Success"] = $"{user.DisplayName} is signed out of every device";
        return Redirect($"/Admin/Users/{user.Id}");
    }
}
