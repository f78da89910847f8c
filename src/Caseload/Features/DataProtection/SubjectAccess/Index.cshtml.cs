using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>The DPO's register of open subject access requests, soonest due first; overdue ones are tagged.</summary>
[Authorize(Policy = Policies.ManageSubjectAccess)]
public sealed class IndexModel(SubjectAccessService sar, CurrentUserAccessor users) : PageModel
{
    public IReadOnlyList<SubjectAccessView> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Requests = await sar.ListAsync(await users.GetAsync(ct), all: false, ct);
}
