using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reports;

/// <summary>The reports a supervisor or service manager can open, each with what it answers. Shows no figures, so it is not audited.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
