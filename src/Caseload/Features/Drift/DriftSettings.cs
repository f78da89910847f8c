using System.Text.Json;
using Caseload.Data;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Drift;

/// <summary>A version of the drift thresholds a service manager saved, with the reason. The newest is in force.</summary>
public sealed class DriftThresholdsVersion
{
    public int Id { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedByName { get; set; }
    public required string Reason { get; set; }
}

public sealed class DriftThresholdsVersionConfiguration : IEntityTypeConfiguration<DriftThresholdsVersion>
{
    public void Configure(EntityTypeBuilder<DriftThresholdsVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("DriftThresholdsVersions");
        builder.Property(v => v.ChangedByName).HasMaxLength(256);
        builder.Property(v => v.Reason).HasMaxLength(DriftLimits.ReasonLength);
    }
}

public static class DriftLimits
{
    public const int ReasonLength = 1000;
}

/// <summary>
/// The drift thresholds in force: the defaults, overridden by configuration (Drift:Thresholds), then by the newest version a
/// service manager saved. Nothing is stored per case, so a change applies to every drift list at once; other instances
/// notice a saved version within a minute (<see cref="RefreshIfDueAsync"/>), and the daily scan reloads before it runs.
/// </summary>
public sealed class DriftSettings(IConfiguration config, IServiceScopeFactory scopes, TimeProvider clock) : IRefreshable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly PeriodicCheck _check = new(clock, Refreshables.Period(config));
    private volatile DriftRules? _rules;
    private long _loadedStamp = -1;

    public DriftRules Rules => _rules ??= new DriftRules(Configured());

    public DriftThresholds Configured()
    {
        var configured = config.GetSection("Drift:Thresholds").Get<DriftThresholds>();
        return configured is not null && configured.Validate().Count == 0 ? configured : DriftThresholds.Default;
    }

    public static string ToJson(DriftThresholds thresholds) => JsonSerializer.Serialize(thresholds, Json);

    public static DriftThresholds? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<DriftThresholds>(json, Json);
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
        // The stamp is read first: a version committed while the thresholds load makes the next check reload again.
        var stamp = await StampAsync(db, ct);
        var latest = await db.Set<DriftThresholdsVersion>().AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        var thresholds = latest is null ? Configured() : FromJson(latest.Json) ?? Configured();
        _rules = new DriftRules(thresholds.Validate().Count == 0 ? thresholds : Configured());
        Interlocked.Exchange(ref _loadedStamp, stamp);
    }

    /// <summary>Another instance may have saved thresholds: at most once a minute one request compares the stored versions.</summary>
    public Task RefreshIfDueAsync(CancellationToken ct = default) => _check.RunIfDueAsync(async () =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        if (await StampAsync(db, ct) != Interlocked.Read(ref _loadedStamp)) await ReloadAsync(ct);
    });

    /// <summary>The number of saved versions and the newest id (a version committed out of id order changes the count).</summary>
    private static async Task<long> StampAsync(CaseloadDb db, CancellationToken ct)
    {
        var count = await db.Set<DriftThresholdsVersion>().CountAsync(ct);
        var newest = await db.Set<DriftThresholdsVersion>().MaxAsync(v => (int?)v.Id, ct) ?? 0;
        return ((long)count << 32) | (uint)newest;
    }
}
