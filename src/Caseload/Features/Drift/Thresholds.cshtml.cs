using System.Globalization;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Drift;

/// <summary>A service manager views and changes when drift is found; every change is a new version, audited, with its reason.</summary>
[Authorize(Policy = Policies.SetDriftThresholds)]
public sealed class ThresholdsModel(DriftService drift, CurrentUserAccessor users) : PageModel
{
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Standards { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyDictionary<string, IReadOnlyList<Timescale>> Options { get; private set; } = new Dictionary<string, IReadOnlyList<Timescale>>();
    public IReadOnlyList<DriftThresholdsVersion> Versions { get; private set; } = [];
    public string InForce { get; private set; } = "";

    public static string StandardId(string service) => $"standard-{service}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = drift.Thresholds;
        Values = DriftThresholds.Numbers.ToDictionary(n => n.Name, n => (string?)n.Get(current).ToString(CultureInfo.InvariantCulture));
        Standards = Services.Titles.Keys.ToDictionary(s => s, s => current.ReferralStandards.GetValueOrDefault(s));
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var thresholds = drift.Thresholds;
        foreach (var n in DriftThresholds.Numbers)
        {
            var text = Values.GetValueOrDefault(n.Name)?.Trim();
            if (string.IsNullOrEmpty(text)) ModelState.AddModelError(n.Name, $"Enter {n.Label.ToLowerInvariant()}");
            else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) ModelState.AddModelError(n.Name, $"{n.Label} must be a whole number from {n.Min} to {n.Max}");
            else thresholds = n.With(thresholds, value);
        }

        var unknown = Values.Keys.Where(k => DriftThresholds.Numbers.All(n => n.Name != k)).ToList();
        if (unknown.Count > 0) ModelState.AddModelError(nameof(Reason), $"{string.Join(", ", unknown)} is not a drift threshold");
        var standards = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, code) in Standards)
        {
            if (!Services.IsKnown(service)) ModelState.AddModelError(nameof(Reason), $"{service} is not a service");
            else if (!string.IsNullOrWhiteSpace(code)) standards[service] = code.Trim();
        }

        thresholds = thresholds with { ReferralStandards = standards };
        if (ModelState.IsValid)
        {
            var outcome = await drift.SaveThresholdsAsync(await users.GetAsync(ct), thresholds, Reason, ct);
            var rename = DriftThresholds.Numbers.ToDictionary(n => n.Name, n => n.Name);
            rename["reason"] = nameof(Reason);
            rename["referralStandards"] = nameof(Reason);
            foreach (var service in Services.Titles.Keys) rename[$"referralStandards.{service}"] = StandardId(service);
            var answer = this.Answer(outcome, ok: _ =>
            {
                TempData["Success"] = "The new drift thresholds are in force";
                return Redirect("/Drift/Thresholds");
            }, rename: rename);
            if (answer is not null) return answer;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var options = new Dictionary<string, IReadOnlyList<Timescale>>(StringComparer.Ordinal);
        foreach (var service in Services.Titles.Keys) options[service] = await drift.ReferralStandardOptionsAsync(service, ct);
        Options = options;
        Versions = await drift.VersionsAsync(ct);
        InForce = Versions.Count == 0 ? "the defaults" : $"the version saved {Platform.Time.UkTime.Format(Versions[0].ChangedAt)} by {Versions[0].ChangedByName}";
    }
}
