using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity;

/// <summary>My capacity, or (?userName=) a supervisee's: each case's points and why, adjustments and utilisation. Not found for anyone else.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(CapacityService capacity, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    public PractitionerCapacityView View { get; private set; } = null!;
    public WeightingScheme Scheme => capacity.Rules.Scheme;
    public bool Own { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = await capacity.ForPractitionerAsync(user, UserName, ct);
        if (!outcome.Succeeded) return NotFound();
        View = outcome.Value!;
        Own = View.Practitioner.Id == user.Id;
        return Page();
    }
}
