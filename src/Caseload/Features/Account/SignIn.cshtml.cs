using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<CaseloadUser> signIn, UserManager<CaseloadUser> users, IAuthenticationSchemeProvider schemes,
    CaseloadDb db, AuditTrail audit) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool SingleSignOn { get; private set; }

    public async Task OnGetAsync() => SingleSignOn = await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        SingleSignOn = await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is not null;
        if (string.IsNullOrWhiteSpace(UserName)) ModelState.AddModelError(nameof(UserName), "Enter your user name");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password");
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByNameAsync(UserName!.Trim());
        var result = user is null || !user.IsActive
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        var who = new CurrentUser(user?.Id ?? string.Empty, UserName.Trim().Length > 256 ? UserName.Trim()[..256] : UserName.Trim(), UserName, new HashSet<string>(), null, [], []);
        if (result.Succeeded)
        {
            audit.Add(who, AuditActions.SignedIn, "user", user!.Id);
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        audit.Add(who, AuditActions.SignInFailed, "user", user?.Id, details: result.IsLockedOut ? "locked out" : null);
        await db.SaveChangesAsync();
        ModelState.AddModelError(nameof(UserName), result.IsLockedOut
            ? "Your account is locked after too many failed attempts. Try again in 15 minutes or ask an administrator"
            : "Enter a correct user name and password");
        return Page();
    }

    public async Task<IActionResult> OnPostExternalAsync()
    {
        // Without single sign-on configured there is nowhere to send the user: the handler does not exist.
        if (await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null) return NotFound();
        var props = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectDefaults.AuthenticationScheme, Url.Page("/Account/ExternalCallback", new { ReturnUrl }));
        return Challenge(props, OpenIdConnectDefaults.AuthenticationScheme);
    }
}
