using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.BreakGlass;

/// <summary>The DPO's queue of break-glass uses: those awaiting review first, or every use.</summary>
[Authorize(Policy = Policies.ReviewBreakGlass)]
public sealed class IndexModel(BreakGlassService service, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    public IReadOnlyList<BreakGlassUse> Uses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Uses = await service.ListAsync(await users.GetAsync(ct), All ? null : false, ct);
}
