using System.Globalization;
using System.Text.Json.Nodes;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Worklist;

/// <summary>A service manager views and changes the priority weights; every change is a new version, audited, with its reason.</summary>
[Authorize(Policy = Policies.SetPriorityWeights)]
public sealed class WeightsModel(PrioritySettings settings, CaseloadDb db, AuditTrail audit, CurrentUserAccessor users, TimeProvider clock) : PageModel
{
    [BindProperty] public Dictionary<string, string> Values { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public string InForce { get; private set; } = "";
    public IReadOnlyList<PriorityWeightsVersion> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Values = Flatten(settings.Rules.Weights);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var node = JsonNode.Parse(PrioritySettings.ToJson(settings.Rules.Weights))!.AsObject();
        foreach (var (name, text) in Values)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) { ModelState.AddModelError("Reason", $"{name} must be a whole number of 0 or more"); continue; }
            var parts = name.Split('.');
            if (parts.Length == 2 && node[parts[0]] is JsonObject map) map[parts[1]] = value;
            else if (node.ContainsKey(name)) node[name] = value;
            else ModelState.AddModelError("Reason", $"{name} is not a priority weight");
        }

        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter why you are changing the weights");
        var weights = PrioritySettings.FromJson(node.ToJsonString());
        if (weights is not null && ModelState.IsValid)
        {
            var problems = weights.Validate();
            foreach (var problem in problems) ModelState.AddModelError("Reason", problem);
            if (problems.Count == 0)
            {
                var user = await users.GetAsync(ct);
                db.Set<PriorityWeightsVersion>().Add(new PriorityWeightsVersion { Json = PrioritySettings.ToJson(weights), ChangedAt = clock.GetUtcNow(), ChangedByName = user.UserName, Reason = Reason!.Trim() });
                audit.Add(user, AuditActions.PriorityWeightsChanged, "priority-weights", null, details: Reason!.Trim());
                await db.SaveChangesAsync(ct);
                await settings.ReloadAsync(ct);
                TempData["Success"] = "The new weights are in force";
                return Redirect("/Worklist/Weights");
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Versions = await db.Set<PriorityWeightsVersion>().AsNoTracking().OrderByDescending(v => v.Id).Take(50).ToListAsync(ct);
        InForce = Versions.Count == 0 ? "the defaults" : $"the version saved {Platform.Time.UkTime.Format(Versions[0].ChangedAt)} by {Versions[0].ChangedByName}";
    }

    private static Dictionary<string, string> Flatten(PriorityWeights weights)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in JsonNode.Parse(PrioritySettings.ToJson(weights))!.AsObject())
        {
            if (value is JsonObject map)
            {
                foreach (var (key, inner) in map) values[$"{name}.{key}"] = inner!.ToJsonString();
            }
            else if (value is JsonValue v)
            {
                values[name] = v.ToJsonString();
            }
        }

        return values;
    }
}
