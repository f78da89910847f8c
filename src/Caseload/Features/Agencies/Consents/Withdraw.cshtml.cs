using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Consents;

/// <summary>Record that consent was withdrawn: the date and why. Nothing may be shared under it from that day.</summary>
[Authorize(Policy = Policies.CaseWork)]
[PersonScope("id")]
public sealed class WithdrawModel(CaseScope scope, ConsentService consents) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid ConsentId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? WithdrawnOnDay { get; set; }
    [BindProperty] public string? WithdrawnOnMonth { get; set; }
    [BindProperty] public string? WithdrawnOnYear { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Consent Consent { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await consents.GetAsync(scope.Person, ConsentId, ct);
        if (found is null) return NotFound();
        Consent = found;
        Version = found.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await consents.GetAsync(scope.Person, ConsentId, ct);
        if (found is null) return NotFound();
        Consent = found;
        DateOnly? on = null;
        if (GovDate.TryParse(WithdrawnOnDay, WithdrawnOnMonth, WithdrawnOnYear, out var day)) on = day;
        else if (!GovDate.IsEmpty(WithdrawnOnDay, WithdrawnOnMonth, WithdrawnOnYear)) ModelState.AddModelError("WithdrawnOn", "The date consent was withdrawn must be a real date, like 21 11 2026");
        if (!ModelState.IsValid)
        {
            if (ConsentRules.CheckWithdrawal(found, found.GivenOn, Reason, consents.Today).TryGetValue("reason", out var reasonError)) ModelState.AddModelError(nameof(Reason), reasonError);
            return Page();
        }

        var outcome = await consents.WithdrawAsync(scope.Person, ConsentId, Version, on, Reason, ct);
        return this.Answer(outcome,
            ok: c =>
            {
                TempData["Success"] = $"Consent for {ConsentCodes.Title(ConsentCodes.Purposes, c.Purpose).ToLowerInvariant()} is recorded as withdrawn";
                return Redirect($"/People/{Id}#consents");
            },
            stale: c =>
            {
                Consent = c;
                Version = c.Version;
                ModelState.AddModelError(string.Empty, "Someone else changed this consent while you were working on it. Check it, then record the withdrawal again if it still stands");
            }) ?? Page();
    }
}
