using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision;

/// <summary>A practitioner's supervision sessions, newest first: the user's own, or (?practitioner=) one they may read.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(SupervisionService supervision, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Practitioner { get; set; }
    public Supervisee Supervisee { get; private set; } = null!;
    public IReadOnlyList<SupervisionSession> Sessions { get; private set; } = [];
    public bool IsOwn { get; private set; }
    public bool Supervises { get; private set; }
    public bool MaySetFrequency { get; private set; }
    public SupervisionFrequency Frequency { get; private set; } = null!;
    public SupervisionDue Due { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = await supervision.ListAsync(user, Practitioner, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                break;
            case OutcomeKind.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }

        (Supervisee, Sessions) = outcome.Value;
        IsOwn = Supervisee.Id == user.Id;
        Supervises = SupervisionAccess.Supervises(user, Supervisee);
        MaySetFrequency = SupervisionService.MaySetFrequency(user, Supervisee);
        (Frequency, Due) = await supervision.DueForAsync(Supervisee, Sessions, ct);
        return Page();
    }
}
