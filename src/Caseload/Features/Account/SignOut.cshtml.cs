using Caseload.Features.Administration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;
using Caseload.Platform.Security;

namespace Caseload.Features.Account;

[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<CaseloadUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Success"] = "You have signed out";
        return Redirect("/Account/SignIn");
    }
}
