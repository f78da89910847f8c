using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity;

/// <summary>The supervisor's and service manager's capacity table: one row per practitioner of their teams or services.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class TeamModel(CapacityService capacity, Escalations.EscalationService escalations, CurrentUserAccessor users) : PageModel
{
    public IReadOnlyList<CapacityRow> Rows { get; private set; } = [];
    public WeightingScheme Scheme => capacity.Rules.Scheme;
    public IReadOnlyList<Escalations.CapacityEscalation> OpenEscalations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = await capacity.ForTeamsAsync(user, ct);
        if (!outcome.Succeeded) return Forbid();
        Rows = outcome.Value!;
        OpenEscalations = (await escalations.ListAsync(user, "open", ct)).Value ?? [];
        return Page();
    }
}
