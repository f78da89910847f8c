using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.LegalHolds;

/// <summary>The DPO's legal holds: those in force (each with a release button) and a form to place one on a person, a case or a service.</summary>
[Authorize(Policy = Policies.ManageRetention)]
public sealed class IndexModel(LegalHoldService holds, CurrentUserAccessor users) : PageModel
{
    [BindProperty] public string? Covers { get; set; }
    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public string? CaseId { get; set; }
    [BindProperty] public string? Service { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Reference { get; set; }
    public IReadOnlyList<LegalHold> Holds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Holds = await holds.ListAsync(await users.GetAsync(ct), all: false, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid? person = null, @case = null;
        string? service = null;
        switch (Covers)
        {
            case "person" when Guid.TryParse(PersonId?.Trim(), out var p): person = p; break;
            case "person": ModelState.AddModelError(nameof(PersonId), "Enter the person's id"); break;
            case "case" when Guid.TryParse(CaseId?.Trim(), out var c): @case = c; break;
            case "case": ModelState.AddModelError(nameof(CaseId), "Enter the case's id"); break;
            case "service": service = Service ?? ""; break;
            default: ModelState.AddModelError(nameof(Covers), "Select what the hold covers"); break;
        }

        if (ModelState.IsValid)
        {
            var outcome = await holds.PlaceAsync(await users.GetAsync(ct), person, @case, service, Reason, Reference, ct);
            var answer = this.Answer(outcome, ok: _ =>
            {
                TempData["Success"] = "The legal hold is placed";
                return Redirect("/DataProtection/LegalHolds");
            }, rename: new Dictionary<string, string> { ["personId"] = Covers == "case" ? nameof(CaseId) : nameof(PersonId) });
            if (answer is not null) return answer;
        }

        Holds = await holds.ListAsync(await users.GetAsync(ct), all: false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid id, CancellationToken ct)
    {
        var outcome = await holds.ReleaseAsync(await users.GetAsync(ct), id, null, ct);
        var answer = this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = "The legal hold is released";
            return Redirect("/DataProtection/LegalHolds");
        });
        if (answer is not null) return answer;
        Holds = await holds.ListAsync(await users.GetAsync(ct), all: false, ct);
        return Page();
    }
}
