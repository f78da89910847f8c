using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Directory;

/// <summary>The agency directory, by name.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(AgencyService agencies) : PageModel
{
    public IReadOnlyList<Agency> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await agencies.ListAsync(ct);
}
