using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity;

/// <summary>The supervisor's and service manager's capacity table: one row per practitioner of their teams or services.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class TeamModel(CapacityService capacity, CurrentUserAccessor users) : PageModel
{
    public IReadOnlyList<CapacityRow> Rows { get; private set; } = [];
    public WeightingScheme Scheme => capacity.Rules.Scheme;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await capacity.ForTeamsAsync(await users.GetAsync(ct), ct);
        if (!outcome.Succeeded) return Forbid();
        Rows = outcome.Value!;
        return Page();
    }
}
