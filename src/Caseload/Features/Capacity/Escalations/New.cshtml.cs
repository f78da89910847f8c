using Caseload.Features.Supervision;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity.Escalations;

/// <summary>Raise a concern about capacity in words: for yourself, or (?userName=) for a supervisee.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(EscalationService escalations, CurrentUserAccessor users, Data.CaseloadDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public Supervisee Practitioner { get; private set; } = null!;
    public bool Own { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var outcome = await escalations.RaiseAsync(await users.GetAsync(ct), Own ? null : Practitioner.UserName, Reason, ct);
        return this.Answer(outcome, ok: e =>
        {
            TempData["Success"] = $"Your concern is raised with {e.RecipientName ?? "nobody yet"}";
            return Redirect($"/Capacity/Escalations/{e.Id}");
        }) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var practitioner = string.IsNullOrWhiteSpace(UserName) ? await SupervisionAccess.FindByIdAsync(db, user.Id, ct) : await SupervisionAccess.FindAsync(db, UserName, ct);
        if (practitioner is null || !await SupervisionAccess.MayReadAsync(db, user, practitioner, ct)) return NotFound();
        Own = practitioner.Id == user.Id;
        if (!Own && !SupervisionAccess.Supervises(user, practitioner)) return Forbid();
        Practitioner = practitioner;
        return null;
    }
}
