using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<CaseloadUser> signIn, SignInGuard guard, IAuthenticationSchemeProvider schemes,
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

        var check = await guard.CheckAsync(HttpContext, UserName!, Password!);
        if (check.Verdict == SignInVerdict.Throttled)
        {
            // No body: the error page explains the 429 (status code pages), with Retry-After kept.
            await RateLimits.TooManyAsync(HttpContext, check.RetryAfter);
            return new EmptyResult();
        }

        var name = UserName!.Trim();
        var who = CurrentUser.ForAudit(check.User?.Id, name);
        if (check.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            audit.Add(who, AuditActions.SignedIn, "user", user.Id);
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        var locked = check.Verdict == SignInVerdict.Locked;
        audit.Add(who, AuditActions.SignInFailed, "user", check.AuditUserId, details: locked ? "locked out" : null);
        await db.SaveChangesAsync();
        if (locked && check.RetryAfter is { } lockedFor) Response.Headers.RetryAfter = RateLimits.RetryAfterSeconds(lockedFor);
        ModelState.AddModelError(nameof(UserName), locked
            ? $"There have been too many failed attempts to sign in as this user from here. Try again in {Minutes(check.RetryAfter)} or ask an administrator"
            : "Enter a correct user name and password");
        return Page();
    }

    private static string Minutes(TimeSpan? wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((wait ?? TimeSpan.FromMinutes(15)).TotalMinutes));
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    public async Task<IActionResult> OnPostExternalAsync()
    {
        // Without single sign-on configured there is nowhere to send the user: the handler does not exist.
        if (await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null) return NotFound();
        var props = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectDefaults.AuthenticationScheme, Url.Page("/Account/ExternalCallback", new { ReturnUrl }));
        return Challenge(props, OpenIdConnectDefaults.AuthenticationScheme);
    }
}
