using Caseload.Features.Deadlines;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Admin.ServiceStandards;

/// <summary>The organisational service standards, in use first, then retired.</summary>
public sealed class IndexModel(Deadlines.ServiceStandards standards) : PageModel
{
    public IReadOnlyList<ServiceStandard> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await standards.ListAsync(ct);
}
