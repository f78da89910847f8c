using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Account;

/// <summary>
/// After single sign-on. The organisation account is matched to a Caseload user only by the provider's stable subject, which
/// an administrator linked to that user; user names and email addresses can change hands or be unverified, so they never
/// link an account. An inactive user is refused. Every sign-in the provider vouched for, let in or not, is in the audit trail
/// with the subject; an answer the handler refused (see <see cref="RefuseAsync"/>) proved nobody and is logged instead.
/// </summary>
[AllowAnonymous]
public sealed class ExternalCallbackModel(SignInManager<CaseloadUser> signIn, UserManager<CaseloadUser> users, CaseloadDb db, AuditTrail audit) : PageModel
{
    /// <summary>The reference an administrator needs to link this organisation account (its subject), when it is not linked.</summary>
    public string? Reference { get; private set; }

    public bool Inactive { get; private set; }

    /// <summary>The provider's answer was refused (tampered or replayed state, a wrong nonce, a failed code exchange) or the person cancelled.</summary>
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return Redirect("/Account/SignIn");
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var claimed = info.Principal.Identity?.Name ?? info.Principal.FindFirst("preferred_username")?.Value ?? "(no name)";
        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null || !user.IsActive)
        {
            Reference = info.ProviderKey;
            Inactive = user is not null;
            audit.Add(CurrentUser.ForAudit(user?.Id, user?.UserName ?? claimed), AuditActions.SignInFailed, "user", user?.Id,
                details: $"single sign-on ({info.LoginProvider}); subject={info.ProviderKey}; {(user is null ? "not linked to a user" : "account inactive")}");
            await db.SaveChangesAsync();
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        audit.Add(CurrentUser.ForAudit(user.Id, user.UserName!), AuditActions.SignedIn, "user", user.Id, details: $"single sign-on ({info.LoginProvider}); subject={info.ProviderKey}");
        await db.SaveChangesAsync();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>Where the OpenID Connect handler sends a browser whose round trip failed; nobody is signed in.</summary>
    public IActionResult OnGetFailed()
    {
        Failed = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// The OpenID Connect handler's answer to a callback it refused. No identity was proved, so there is nobody to audit: the
    /// refusal is logged (a flood of forged callbacks must not fill the audit trail) and the person is offered another try.
    /// </summary>
    public static Task RefuseAsync(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.RequestServices.GetRequiredService<ILogger<ExternalCallbackModel>>()
            .LogWarning(context.Failure, "Single sign-on refused the provider's answer: {Reason}", context.Failure?.Message);
        context.Response.Redirect("/Account/ExternalCallback?handler=Failed");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
