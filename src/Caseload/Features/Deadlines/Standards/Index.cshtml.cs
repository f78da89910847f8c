using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;
using Caseload.Platform.Security;

namespace Caseload.Features.Deadlines.Standards;

/// <summary>The organisational service standards, in use first, then retired.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(Deadlines.ServiceStandards standards) : PageModel
{
    public IReadOnlyList<ServiceStandard> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await standards.ListAsync(ct);
}
