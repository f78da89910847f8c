using System.Text.Json;
using Caseload.Data;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Capacity;

/// <summary>A version of the weighting scheme a service manager saved, with the reason. The newest is in force.</summary>
public sealed class WeightingSchemeVersion
{
    public int Id { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedByName { get; set; }
    public required string Reason { get; set; }
}

public sealed class WeightingSchemeVersionConfiguration : IEntityTypeConfiguration<WeightingSchemeVersion>
{
    public void Configure(EntityTypeBuilder<WeightingSchemeVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("WeightingSchemeVersions");
        builder.Property(v => v.ChangedByName).HasMaxLength(256);
        builder.Property(v => v.Reason).HasMaxLength(CapacityLimits.ReasonLength);
    }
}

/// <summary>
/// The weighting scheme in force: the defaults, overridden by configuration (Capacity:Scheme), then by the newest version a
/// service manager saved. Each open case's points are stored on it with the stamp of the scheme that weighed them
/// (<see cref="CaseWeights"/>); a change of scheme applies to every caseload at once, because a reader weighs live any case
/// whose stamp is not the scheme in force until the background job has re-weighed it. Other instances notice a saved version
/// within a minute (<see cref="RefreshIfDueAsync"/>).
/// </summary>
public sealed class WeightingSettings(IConfiguration config, IServiceScopeFactory scopes, TimeProvider clock) : IRefreshable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly PeriodicCheck _check = new(clock, Refreshables.Period(config));
    private volatile CapacityRules? _rules;
    private long _loadedStamp = -1;

    public CapacityRules Rules => _rules ??= new CapacityRules(Configured());

    public WeightingScheme Configured()
    {
        var configured = config.GetSection("Capacity:Scheme").Get<WeightingScheme>();
        return configured is not null && configured.Validate().Count == 0 ? configured : WeightingScheme.Default;
    }

    public static string ToJson(WeightingScheme scheme) => JsonSerializer.Serialize(scheme, Json);

    public static WeightingScheme? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<WeightingScheme>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        _check.Checked();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        // The stamp is read first: a version committed while the scheme loads makes the next check reload again.
        var stamp = await StampAsync(db, ct);
        var latest = await db.Set<WeightingSchemeVersion>().AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        var scheme = latest is null ? Configured() : FromJson(latest.Json) ?? Configured();
        _rules = new CapacityRules(scheme.Validate().Count == 0 ? scheme : Configured());
        Interlocked.Exchange(ref _loadedStamp, stamp);
    }

    /// <summary>Another instance may have saved a scheme: at most once a minute one request compares the stored versions.</summary>
    public Task RefreshIfDueAsync(CancellationToken ct = default) => _check.RunIfDueAsync(async () =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        if (await StampAsync(db, ct) != Interlocked.Read(ref _loadedStamp)) await ReloadAsync(ct);
    });

    /// <summary>The number of saved versions and the newest id (a version committed out of id order changes the count).</summary>
    private static async Task<long> StampAsync(CaseloadDb db, CancellationToken ct)
    {
        var count = await db.Set<WeightingSchemeVersion>().CountAsync(ct);
        var newest = await db.Set<WeightingSchemeVersion>().MaxAsync(v => (int?)v.Id, ct) ?? 0;
        return ((long)count << 32) | (uint)newest;
    }
}
