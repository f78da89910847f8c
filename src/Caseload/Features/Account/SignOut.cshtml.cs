using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;
using Caseload.Platform.Security;

namespace Caseload.Features.Account;

/// <summary>Signing out of this browser, or of every device (every session and API token of the account). Both are audited.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<CaseloadUser> signIn, SignOutEverywhere everywhere, CurrentUserAccessor users, CaseloadDb db, AuditTrail audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await users.GetAsync(ct);
        audit.Add(me, AuditActions.SignedOut, "user", me.Id, details: "this browser");
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
        TempData["Success"] = "You have signed out";
        return Redirect("/Account/SignIn");
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken ct)
    {
        var me = await users.GetAsync(ct);
        await everywhere.EndAsync(me, me.Id, AuditActions.SignedOutEverywhere, "every session and token, from the account page", ct);
        await signIn.SignOutAsync();
        TempData["Success"] = "You have signed out of every device";
        return Redirect("/Account/SignIn");
    }
}
