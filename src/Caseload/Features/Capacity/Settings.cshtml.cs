using System.Globalization;
using Caseload.Features.Supervision;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity;

/// <summary>A practitioner's FTE, newly qualified protection and full-time points, changed by their supervisor chain or service manager.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class SettingsModel(CapacityService capacity, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty] public string? Fte { get; set; }
    [BindProperty] public string? NewlyQualified { get; set; }
    [BindProperty] public string? FullTimePoints { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    public Supervisee Practitioner { get; private set; } = null!;
    public WeightingScheme Scheme => capacity.Rules.Scheme;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (view, refused) = await LoadAsync(ct);
        if (view is null) return refused!;
        Version = view.Version;
        Fte = CapacityRules.Format(view.Basis.Fte);
        NewlyQualified = view.Basis.NewlyQualified ? "true" : "false";
        FullTimePoints = view.Basis.FullTimePoints?.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (view, refused) = await LoadAsync(ct);
        if (view is null) return refused!;
        decimal? fte = null;
        if (!string.IsNullOrWhiteSpace(Fte))
        {
            if (decimal.TryParse(Fte.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f)) fte = f;
            else ModelState.AddModelError(nameof(Fte), "FTE must be a number from 0.1 to 1, like 0.8");
        }

        bool? newlyQualified = NewlyQualified switch { "true" => true, "false" => false, _ => null };
        if (newlyQualified is null) ModelState.AddModelError(nameof(NewlyQualified), "Select whether the practitioner is newly qualified");
        int? points = null;
        if (!string.IsNullOrWhiteSpace(FullTimePoints))
        {
            if (int.TryParse(FullTimePoints.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) points = p;
            else ModelState.AddModelError(nameof(FullTimePoints), "Full-time points must be a whole number, like 100");
        }

        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter why the capacity settings are changing");
        if (!ModelState.IsValid) return Page();

        var outcome = await capacity.SaveSettingsAsync(await users.GetAsync(ct), UserName, Version, new CapacitySettingsInput(fte, newlyQualified, points, Reason), ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = $"The capacity settings of {Practitioner.DisplayName} are saved";
                return Redirect($"/Capacity?userName={Uri.EscapeDataString(Practitioner.UserName)}");
            },
            stale: v =>
            {
                Version = v.Version;
                ModelState.AddModelError(nameof(Fte), $"Someone else changed these settings while you were working on them: FTE {CapacityRules.Format(v.Basis.Fte)}, {(v.Basis.NewlyQualified ? "newly qualified" : "not newly qualified")}. Check them and save again");
            }) ?? Page();
    }

    private async Task<(PractitionerCapacityView? View, IActionResult? Refused)> LoadAsync(CancellationToken ct)
    {
        var outcome = await capacity.ToChangeAsync(await users.GetAsync(ct), UserName, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return (null, Forbid());
        if (!outcome.Succeeded) return (null, NotFound());
        Practitioner = outcome.Value!.Practitioner;
        UserName = Practitioner.UserName;
        return (outcome.Value, null);
    }
}
