using System.Security.Claims;
using Caseload.Features.Administration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Account;

/// <summary>After single sign-on: the organisation account maps to a local user by user name or email; roles stay local.</summary>
[AllowAnonymous]
public sealed class ExternalCallbackModel(SignInManager<CaseloadUser> signIn, UserManager<CaseloadUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return Redirect("/Account/SignIn");
        var byLogin = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false);
        if (byLogin.Succeeded) return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");

        var name = info.Principal.FindFirstValue("preferred_username") ?? info.Principal.FindFirstValue(ClaimTypes.Email);
        var user = name is null ? null : await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        if (user is null || !user.IsActive) return Page();
        await users.AddLoginAsync(user, info);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
