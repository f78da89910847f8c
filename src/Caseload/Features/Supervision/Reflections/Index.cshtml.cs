using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision.Reflections;

/// <summary>The reflective log: the user's own reflections, and those their supervisees shared with them.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(ReflectionService reflections, CurrentUserAccessor users) : PageModel
{
    public IReadOnlyList<ReflectionView> Mine { get; private set; } = [];
    public IReadOnlyList<ReflectionView> SharedWithMe { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await reflections.ListAsync(await users.GetAsync(ct), ct);
        Mine = all.Where(r => r.IsAuthor).ToList();
        SharedWithMe = all.Where(r => !r.IsAuthor).ToList();
    }
}
