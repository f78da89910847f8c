using System.Globalization;
using Caseload.Data;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision;

/// <summary>How often a practitioner is supervised: set by their supervisor chain or an administrator, with the reason.</summary>
[Authorize(Policy = Policies.SetSupervisionFrequency)]
public sealed class FrequencyModel(SupervisionService supervision, CurrentUserAccessor users, CaseloadDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Practitioner { get; set; }
    [BindProperty] public string? EveryWorkingDays { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public Supervisee Supervisee { get; private set; } = null!;
    public SupervisionFrequency Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        EveryWorkingDays = Current.EveryWorkingDays.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        int? every = int.TryParse(EveryWorkingDays?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (every is null && !string.IsNullOrWhiteSpace(EveryWorkingDays))
        {
            ModelState.AddModelError(nameof(EveryWorkingDays), "Enter the number of working days as a whole number, like 20");
        }

        var outcome = await supervision.SetFrequencyAsync(await users.GetAsync(ct), Supervisee.UserName, every, Reason, ct);
        if (outcome.Kind == OutcomeKind.Invalid && !ModelState.IsValid) outcome = Outcome<SupervisionFrequencyChange>.Invalid(
            outcome.Errors.Where(e => e.Key != "everyWorkingDays").ToDictionary(e => e.Key, e => e.Value));
        return this.Answer(outcome, ok: c =>
        {
            TempData["Success"] = $"{Supervisee.DisplayName} is now supervised {SupervisionDisplay.Frequency(c.EveryWorkingDays).ToLowerInvariant()}";
            return Redirect($"/Supervision?practitioner={Uri.EscapeDataString(Supervisee.UserName)}");
        }) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await SupervisionAccess.FindAsync(db, Practitioner, ct);
        if (found is null || !found.IsActive) return NotFound();
        if (!SupervisionService.MaySetFrequency(user, found)) return Forbid();
        Supervisee = found;
        Current = await supervision.FrequencyAsync(found.Id, ct);
        return null;
    }
}
