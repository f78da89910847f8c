using Caseload.Platform.Http;
using Caseload.Data;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Administration.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class NewModel(CaseloadDb db, AdminService admin, CurrentUserAccessor users) : UserFormModel(db)
{
    [BindProperty] public string? UserName { get; set; }
    public string? CreatedPassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsActive = true;
        await LoadTeamsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await admin.CreateUserAsync(await users.GetAsync(ct), new UserForm(UserName, DisplayName, TeamId, Roles, ManagedServices, IsActive));
        if (outcome.Succeeded)
        {
            CreatedPassword = outcome.Value.Password;
            return Page();
        }

        ModelState.AddErrors(outcome.Errors);
        await LoadTeamsAsync(ct);
        return Page();
    }
}
