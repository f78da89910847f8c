using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Platform.Hosting;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Drift;

/// <summary>
/// A drift signal the daily scan found on a case: when it started (<see cref="Since"/>, by the facts, or the day the scan first
/// saw it when the facts cannot tell), when the scan found it, and when it cleared. At most one open record per case and signal;
/// cleared records stay as the case's drift history.
/// </summary>
public sealed class DriftSignalRecord
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public required string Code { get; set; }
    public DateOnly Since { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    /// <summary>What the signal said when the scan first found it.</summary>
    public required string Detail { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
}

public sealed class DriftSignalRecordConfiguration : IEntityTypeConfiguration<DriftSignalRecord>
{
    public void Configure(EntityTypeBuilder<DriftSignalRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("DriftSignals");
        builder.Property(r => r.Code).HasMaxLength(40);
        builder.Property(r => r.Detail).HasMaxLength(1000);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        // One open record per case and signal, even if two scans ever overlapped; the lists read a case's open records by it.
        builder.HasIndex(r => new { r.CaseId, r.Code }).IsUnique().HasFilter("\"ClearedAt\" IS NULL");
        builder.HasIndex(r => r.CaseId);
    }
}

/// <summary>
/// The daily drift scan, run once across all instances (<see cref="LeasedJobs.AddLeasedJob{T}"/>): it assesses every case
/// that is not closed with the thresholds in force, opens a record for each signal it has not seen before (so the lists can
/// say since when, and a supervisor's home shows new drift first), and clears the records of signals that have gone. Safe to
/// stop half-way and run again: each batch commits whole and a second run changes nothing that the first settled.
/// </summary>
public sealed class DriftScan(CaseloadDb db, DriftSettings settings, Calendars calendars, ServiceStandards standards, TimeProvider clock, ILogger<DriftScan> log) : ILeasedJob
{
    public const string JobName = "drift-scan";
    private const int Batch = 1000;

    public async Task RunAsync(CancellationToken ct)
    {
        await settings.ReloadAsync(ct);
        var result = await ScanAsync(ct);
        log.LogInformation("Drift scan: {Cases} drifting cases; {Opened} signals found, {Cleared} cleared", result.DriftingCases, result.Opened, result.Cleared);
    }

    public sealed record Result(int DriftingCases, int Opened, int Cleared);

    public async Task<Result> ScanAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);
        var catalogue = await standards.CatalogueAsync(ct);
        var rows = await DriftQuery.RowsAsync(db, db.Cases, today, ct);
        var found = DriftQuery.Assess(rows, settings.Rules, calendars, catalogue, today)
            .SelectMany(d => d.Assessment.Findings.Select(f => (d.Row.Id, Finding: f)))
            .ToDictionary(f => (f.Id, f.Finding.Code), f => f.Finding);

        var open = await db.Set<DriftSignalRecord>().AsNoTracking().Where(r => r.ClearedAt == null).Select(r => new { r.Id, r.CaseId, r.Code }).ToListAsync(ct);
        var known = open.Select(r => (r.CaseId, r.Code)).ToHashSet();
        var gone = open.Where(r => !found.ContainsKey((r.CaseId, r.Code))).Select(r => r.Id).ToList();
        var fresh = found.Where(f => !known.Contains(f.Key)).ToList();

        foreach (var chunk in gone.Chunk(Batch))
        {
            await db.Set<DriftSignalRecord>().Where(r => chunk.Contains(r.Id) && r.ClearedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClearedAt, now), ct);
        }

        foreach (var chunk in fresh.Chunk(Batch))
        {
            await MultiRowInsert.InsertAsync(db, chunk.Select(f => new DriftSignalRecord
            {
                CaseId = f.Key.Id, Code = f.Key.Code, Since = f.Value.Since ?? today, FoundAt = now, Detail = f.Value.Detail,
            }).ToList(), ct);
        }

        return new Result(found.Keys.Select(k => k.Id).Distinct().Count(), fresh.Count, gone.Count);
    }
}
