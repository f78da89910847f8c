using System.Globalization;
using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity;

/// <summary>A service manager views and changes the weighting scheme; every change is a new version, audited, with its reason.</summary>
[Authorize(Policy = Policies.SetWeightingScheme)]
public sealed class SchemeModel(CapacityService capacity, CurrentUserAccessor users) : PageModel
{
    [BindProperty] public Dictionary<string, string?> Cells { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyList<WeightingSchemeVersion> Versions { get; private set; } = [];
    public string InForce { get; private set; } = "";

    public static string CellKey(string service, Complexity complexity) => $"{service}_{complexity.ToCode()}";

    public static string CellId(string service, Complexity complexity) => $"points-{service}-{complexity.ToCode()}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scheme = capacity.Rules.Scheme;
        foreach (var service in Services.Titles.Keys)
        {
            foreach (var c in ComplexityCodes.All) Cells[CellKey(service, c)] = scheme.PointsFor(service, c).ToString(CultureInfo.InvariantCulture);
        }

        Values = WeightingScheme.Numbers.ToDictionary(n => n.Name, n => (string?)n.Get(scheme).ToString(CultureInfo.InvariantCulture));
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scheme = capacity.Rules.Scheme;
        var points = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var rename = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = nameof(Reason) };
        foreach (var service in Services.Titles.Keys)
        {
            var row = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in ComplexityCodes.All)
            {
                var id = CellId(service, c);
                rename[WeightingScheme.PointsField(service, c)] = id;
                var text = Cells.GetValueOrDefault(CellKey(service, c))?.Trim();
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) row[c.ToCode()] = value;
                else ModelState.AddModelError(id, $"{Services.Title(service)}, {c.Text().ToLowerInvariant()} complexity must be a whole number from 0 to {WeightingScheme.MaxCasePoints}");
            }

            points[service] = row;
            rename[$"points.{service}"] = CellId(service, ComplexityCodes.All[0]);
        }

        scheme = scheme with { Points = points };
        foreach (var n in WeightingScheme.Numbers)
        {
            rename[n.Name] = n.Name;
            var text = Values.GetValueOrDefault(n.Name)?.Trim();
            if (string.IsNullOrEmpty(text)) ModelState.AddModelError(n.Name, $"Enter {n.Label.ToLowerInvariant()}");
            else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) ModelState.AddModelError(n.Name, $"{n.Label} must be a whole number from {n.Min} to {n.Max}");
            else scheme = n.With(scheme, value);
        }

        if (ModelState.IsValid)
        {
            var outcome = await capacity.SaveSchemeAsync(await users.GetAsync(ct), scheme, Reason, ct);
            var answer = this.Answer(outcome, ok: _ =>
            {
                TempData["Success"] = "The new weighting scheme is in force";
                return Redirect("/Capacity/Scheme");
            }, rename: rename);
            if (answer is not null) return answer;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Versions = await capacity.SchemeVersionsAsync(ct);
        InForce = Versions.Count == 0 ? "the defaults" : $"the version saved {UkTime.Format(Versions[0].ChangedAt)} by {Versions[0].ChangedByName}";
    }
}
