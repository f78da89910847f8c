using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Account;

/// <summary>The signed-in person's own account: who they are signed in as, their roles, and signing out of every device.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(CurrentUserAccessor users) : PageModel
{
    public CurrentUser Me { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Me = await users.GetAsync(ct);
}
