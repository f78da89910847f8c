using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision;

public sealed record SessionRecordView(SessionView View, SupervisionSessionVersion Version);

/// <summary>One session's record, for the supervisee, their supervisor chain and the service managers of their service (404 for anyone else).</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class SessionModel(SupervisionService supervision, CurrentUserAccessor users) : PageModel
{
    public SessionView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await supervision.ReadAsync(await users.GetAsync(ct), id, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }
}
