using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.BreakGlass;

/// <summary>
/// Break-glass from the browser: a practitioner or supervisor who may not see a case gives their reason and sees it for a few
/// hours. The page shows nothing of the case, so it is not in the case scope; the grant is audited against the case.
/// </summary>
[Authorize(Policy = Policies.BreakGlass)]
public sealed class EmergencyAccessModel(BreakGlassService service, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public int Hours => (int)service.Lifetime.TotalHours;

    /// <summary>Why emergency access was refused (a restricted case): the page says so with 403.</summary>
    public string? Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await service.GrantAsync(await users.GetAsync(ct), Id, Reason, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Forbidden:
                Refused = outcome.Message;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            case OutcomeKind.Conflict:
                // Already visible (by relationship or a live grant): the case itself is the answer.
                return Redirect($"/Cases/{Id}");
            default:
                return this.Answer(outcome, ok: g =>
                {
                    TempData["Success"] = $"You have emergency access to this case until {Platform.Time.UkTime.Format(g.ExpiresAt)}";
                    return Redirect($"/Cases/{Id}");
                }) ?? Page();
        }
    }
}
