using System.Text.Json;
using Caseload.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Worklist;

/// <summary>
/// The priority rules in force: the defaults, overridden by configuration (Priority:Weights), then by the newest version a
/// service manager saved. Nothing is stored per case, so a change of weights applies to every worklist at once.
/// </summary>
public sealed class PrioritySettings(IConfiguration config, IServiceScopeFactory scopes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private volatile PriorityRules? _rules;

    public PriorityRules Rules => _rules ??= new PriorityRules(Configured());

    public PriorityWeights Configured() => config.GetSection("Priority:Weights").Get<PriorityWeights>() ?? PriorityWeights.Default;

    public static string ToJson(PriorityWeights weights) => JsonSerializer.Serialize(weights, Json);

    public static PriorityWeights? FromJson(string json) => JsonSerializer.Deserialize<PriorityWeights>(json, Json);

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var latest = await db.Set<PriorityWeightsVersion>().AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        var weights = latest is null ? Configured() : FromJson(latest.Json) ?? Configured();
        _rules = weights.Validate().Count == 0 ? new PriorityRules(weights) : new PriorityRules(Configured());
    }
}
