using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Administration.Users;

/// <summary>
/// Which organisation accounts sign in as this user: linked by the provider's stable subject (the reference a user is shown
/// when their organisation account is not linked yet), never by a user name or email address.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class SingleSignOnModel(CaseloadDb db, UserManager<CaseloadUser> userManager, CurrentUserAccessor users, AuditTrail audit) : PageModel
{
    public const int MaxSubjectLength = 200;

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public string? Subject { get; set; }
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Linked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        var user = await LoadAsync(ct);
        if (user is null) return NotFound();
        var subject = Subject?.Trim();
        if (string.IsNullOrEmpty(subject)) ModelState.AddModelError(nameof(Subject), "Enter the reference of the organisation account");
        else if (subject.Length > MaxSubjectLength || subject.Any(char.IsControl)) ModelState.AddModelError(nameof(Subject), $"The reference must be {MaxSubjectLength} characters or fewer, without control characters");
        else if (await userManager.FindByLoginAsync(OpenIdConnectDefaults.AuthenticationScheme, subject) is { } holder)
        {
            ModelState.AddModelError(nameof(Subject), holder.Id == user.Id ? "This organisation account is linked to this user already" : $"This organisation account is linked to {holder.DisplayName} already");
        }

        if (!ModelState.IsValid) return Page();
        var result = await userManager.AddLoginAsync(user, new UserLoginInfo(OpenIdConnectDefaults.AuthenticationScheme, subject!, "Organisation account"));
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Subject), "The organisation account could not be linked: try again");
            return Page();
        }

        audit.Add(await users.GetAsync(ct), AuditActions.UserSingleSignOnLinked, "user", user.Id, details: $"subject={subject}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"The organisation account is linked to {user.DisplayName}";
        return Redirect($"/Admin/Users/{user.Id}/SingleSignOn");
    }

    public async Task<IActionResult> OnPostUnlinkAsync(string? unlink, CancellationToken ct)
    {
        var user = await LoadAsync(ct);
        if (user is null || unlink is null || !Linked.Contains(unlink, StringComparer.Ordinal)) return NotFound();
        await userManager.RemoveLoginAsync(user, OpenIdConnectDefaults.AuthenticationScheme, unlink);
        audit.Add(await users.GetAsync(ct), AuditActions.UserSingleSignOnUnlinked, "user", user.Id, details: $"subject={unlink}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"The organisation account no longer signs in as {user.DisplayName}";
        return Redirect($"/Admin/Users/{user.Id}/SingleSignOn");
    }

    private async Task<CaseloadUser?> LoadAsync(CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == Id, ct);
        if (user is null) return null;
        (UserName, DisplayName) = (user.UserName!, user.DisplayName);
        Linked = await db.UserLogins.Where(l => l.UserId == user.Id && l.LoginProvider == OpenIdConnectDefaults.AuthenticationScheme)
            .Select(l => l.ProviderKey).OrderBy(k => k).ToListAsync(ct);
        return user;
    }
}
