using System.Text.Json;
using Caseload.Data;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Worklist;

/// <summary>
/// The priority rules in force: the defaults, overridden by configuration (Priority:Weights), then by the newest version a
/// service manager saved. Nothing is stored per case, so a change of weights applies to every worklist at once; other
/// instances notice a saved version within a minute (<see cref="RefreshIfDueAsync"/>).
/// </summary>
public sealed class PrioritySettings(IConfiguration config, IServiceScopeFactory scopes, TimeProvider clock) : IRefreshable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly PeriodicCheck _check = new(clock, Refreshables.Period(config));
    private volatile PriorityRules? _rules;
    private long _loadedStamp = -1;

    public PriorityRules Rules => _rules ??= new PriorityRules(Configured());

    public PriorityWeights Configured() => config.GetSection("Priority:Weights").Get<PriorityWeights>() ?? PriorityWeights.Default;

    public static string ToJson(PriorityWeights weights) => JsonSerializer.Serialize(weights, Json);

    public static PriorityWeights? FromJson(string json) => JsonSerializer.Deserialize<PriorityWeights>(json, Json);

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        _check.Checked();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        // The stamp is read first: a version committed while the weights load makes the next check reload again.
        var stamp = await StampAsync(db, ct);
        var latest = await db.Set<PriorityWeightsVersion>().AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        var weights = latest is null ? Configured() : FromJson(latest.Json) ?? Configured();
        _rules = weights.Validate().Count == 0 ? new PriorityRules(weights) : new PriorityRules(Configured());
        Interlocked.Exchange(ref _loadedStamp, stamp);
    }

    /// <summary>Another instance may have saved weights: at most once a minute one request compares the stored versions.</summary>
    public Task RefreshIfDueAsync(CancellationToken ct = default) => _check.RunIfDueAsync(async () =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        if (await StampAsync(db, ct) != Interlocked.Read(ref _loadedStamp)) await ReloadAsync(ct);
    });

    /// <summary>The number of saved versions and the newest id (a version committed out of id order changes the count).</summary>
    private static async Task<long> StampAsync(CaseloadDb db, CancellationToken ct)
    {
        var count = await db.Set<PriorityWeightsVersion>().CountAsync(ct);
        var newest = await db.Set<PriorityWeightsVersion>().MaxAsync(v => (int?)v.Id, ct) ?? 0;
        return ((long)count << 32) | (uint)newest;
    }
}
