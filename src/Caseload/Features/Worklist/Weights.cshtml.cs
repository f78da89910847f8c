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

/// <summary>
/// A service manager views and changes the priority weights; every change is a new version, audited, with its reason. Before
/// saving, "Preview" lists the cases (of those the manager may see) whose band the new weights would change; it posts the form
/// back, so it works without JavaScript.
/// </summary>
[Authorize(Policy = Policies.SetPriorityWeights)]
public sealed class WeightsModel(PrioritySettings settings, CaseloadDb db, AuditTrail audit, CurrentUserAccessor users, TimeProvider clock, WorklistService worklists)
    : PageModel
{
    [BindProperty] public Dictionary<string, string> Values { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public string InForce { get; private set; } = "";
    public IReadOnlyList<PriorityWeightsVersion> Versions { get; private set; } = [];

    /// <summary>Set after a preview: the cases whose band would change (empty when none would).</summary>
    public IReadOnlyList<BandChange>? Preview { get; private set; }

    /// <summary>The page's field id of a weight, which its error links to.</summary>
    public static string FieldId(string name) => $"w-{name}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Values = Flatten(settings.Rules.Weights);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var weights = Read(requireReason: false);
        if (weights is not null)
        {
            Preview = await worklists.PreviewAsync(await users.GetAsync(ct), new PriorityRules(weights), ct);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var weights = Read(requireReason: true);
        if (weights is not null)
        {
            var user = await users.GetAsync(ct);
            db.Set<PriorityWeightsVersion>().Add(new PriorityWeightsVersion { Json = PrioritySettings.ToJson(weights), ChangedAt = clock.GetUtcNow(), ChangedByName = user.UserName, Reason = Reason!.Trim() });
            audit.Add(user, AuditActions.PriorityWeightsChanged, "priority-weights", null, details: Reason!.Trim());
            await db.SaveChangesAsync(ct);
            await settings.ReloadAsync(ct);
            TempData["Success"] = "The new weights are in force";
            return Redirect("/Worklist/Weights");
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The weights posted, or null with each error on the weight at fault (or the reason).</summary>
    private PriorityWeights? Read(bool requireReason)
    {
        var node = JsonNode.Parse(PrioritySettings.ToJson(settings.Rules.Weights))!.AsObject();
        foreach (var (name, text) in Values)
        {
            var label = PriorityWeightNames.Label(name);
            if (!int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                ModelState.AddModelError(FieldId(name), $"{label} must be a whole number, 0 or more");
                continue;
            }

            var parts = name.Split('.');
            if (parts.Length == 2 && node[parts[0]] is JsonObject map) map[parts[1]] = value;
            else if (parts.Length == 1 && node.ContainsKey(name)) node[name] = value;
            else ModelState.AddModelError(nameof(Reason), $"{name} is not a priority weight");
        }

        if (requireReason && string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter why you are changing the weights");
        if (!ModelState.IsValid) return null;
        var weights = PrioritySettings.FromJson(node.ToJsonString());
        if (weights is null) return null;
        foreach (var problem in weights.Problems())
        {
            var key = PriorityWeightNames.Key(problem.Weight);
            var message = key.StartsWith("vulnerability.", StringComparison.Ordinal)
                ? $"{PriorityWeightNames.Label(key)} must be 0 or more"
                : PriorityWeightNames.Plain(problem.Message);
            var field = Values.ContainsKey(key) ? FieldId(key) : nameof(Reason);
            // One message per weight: the first problem found is the one to fix first.
            if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(field, message);
        }

        return ModelState.IsValid ? weights : null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // The error summary lists the weights in the order of the form.
        ViewData["ErrorOrder"] = Values.Keys.Select(FieldId).Append(nameof(Reason)).ToArray();
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
