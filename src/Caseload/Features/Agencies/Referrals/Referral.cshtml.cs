using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>One referral: what was asked and shared, on which basis, its steps, and the form for the next step.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ReferralModel(CaseScope scope, ReferralService referrals) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid ReferralId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? OnDay { get; set; }
    [BindProperty] public string? OnMonth { get; set; }
    [BindProperty] public string? OnYear { get; set; }
    [BindProperty] public string? Note { get; set; }

    public string PersonName => scope.Case.PersonName;
    public DateOnly Today => referrals.Today;
    public Referral Referral { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await referrals.GetAsync(scope.Case, ReferralId, ct);
        if (found is null) return NotFound();
        Referral = found;
        Version = found.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await referrals.GetAsync(scope.Case, ReferralId, ct);
        if (found is null) return NotFound();
        Referral = found;
        DateOnly? on = null;
        if (GovDate.TryParse(OnDay, OnMonth, OnYear, out var day)) on = day;
        else if (!GovDate.IsEmpty(OnDay, OnMonth, OnYear)) ModelState.AddModelError("On", "The date of this step must be a real date, like 21 11 2026");
        if (!ModelState.IsValid) return Page();

        var outcome = await referrals.RecordStepAsync(scope.Case, ReferralId, Version, Status, on, Note, ct);
        return this.Answer(outcome,
            ok: r =>
            {
                TempData["Success"] = $"The referral is recorded as {ReferralCodes.Title(ReferralCodes.Statuses, r.Status).ToLowerInvariant()}"
                                      + (r.FollowUpDueOn is { } due ? $". The next follow-up is due on {Platform.Time.UkTime.Format(due)}" : ". Follow-up has stopped");
                return Redirect($"/Cases/{Id}/Referrals/{r.Id}");
            },
            stale: r =>
            {
                Referral = r;
                Version = r.Version;
                ModelState.AddModelError(string.Empty, "Someone else recorded a step on this referral while you were working on it. Check it, then record yours again");
            }) ?? Page();
    }
}
