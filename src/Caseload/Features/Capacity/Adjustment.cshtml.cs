using System.Globalization;
using Caseload.Features.Shared;
using Caseload.Features.Supervision;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity;

/// <summary>Records an agreed adjustment to a practitioner's capacity: kind, points or percent, reason, dates and who agreed it.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class AdjustmentModel(CapacityService capacity, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Points { get; set; }
    [BindProperty] public string? Percent { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? FromDay { get; set; }
    [BindProperty] public string? FromMonth { get; set; }
    [BindProperty] public string? FromYear { get; set; }
    [BindProperty] public string? UntilDay { get; set; }
    [BindProperty] public string? UntilMonth { get; set; }
    [BindProperty] public string? UntilYear { get; set; }
    [BindProperty] public string? AgreedBy { get; set; }
    public Supervisee Practitioner { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        AgreedBy = (await users.GetAsync(ct)).UserName;
        var today = capacity.Today;
        (FromDay, FromMonth, FromYear) = (today.Day.ToString(CultureInfo.InvariantCulture), today.Month.ToString(CultureInfo.InvariantCulture), today.Year.ToString(CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        int? points = null;
        if (!string.IsNullOrWhiteSpace(Points))
        {
            if (int.TryParse(Points.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) points = p;
            else ModelState.AddModelError(nameof(Points), "Points must be a whole number, like 10");
        }

        int? percent = null;
        if (!string.IsNullOrWhiteSpace(Percent))
        {
            if (int.TryParse(Percent.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) percent = p;
            else ModelState.AddModelError(nameof(Percent), "Percent must be a whole number from 1 to 100");
        }

        DateOnly? from = null;
        if (GovDate.IsEmpty(FromDay, FromMonth, FromYear)) ModelState.AddModelError("From", "Enter the date the adjustment starts");
        else if (GovDate.TryParse(FromDay, FromMonth, FromYear, out var f)) from = f;
        else ModelState.AddModelError("From", "The start must be a real date, like 7 12 2026");
        DateOnly? until = null;
        if (!GovDate.IsEmpty(UntilDay, UntilMonth, UntilYear))
        {
            if (GovDate.TryParse(UntilDay, UntilMonth, UntilYear, out var u)) until = u;
            else ModelState.AddModelError("Until", "The end must be a real date, like 31 1 2027");
        }

        if (string.IsNullOrWhiteSpace(Kind)) ModelState.AddModelError(nameof(Kind), "Select the kind of adjustment");
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter the reason for the adjustment");
        if (!ModelState.IsValid) return Page();

        var outcome = await capacity.AddAdjustmentAsync(await users.GetAsync(ct), UserName, new AdjustmentInput(Kind, points, percent, Reason, from, until, AgreedBy), ct: ct);
        return this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = $"The adjustment for {Practitioner.DisplayName} is recorded";
            return Redirect($"/Capacity?userName={Uri.EscapeDataString(Practitioner.UserName)}");
        }) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var outcome = await capacity.ToChangeAsync(await users.GetAsync(ct), UserName, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (!outcome.Succeeded) return NotFound();
        Practitioner = outcome.Value!.Practitioner;
        UserName = Practitioner.UserName;
        return null;
    }
}
