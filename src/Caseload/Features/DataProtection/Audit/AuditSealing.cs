using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.Audit;

/// <summary>What a check of the sealed audit trail found: how many batches hold, and the first that does not (null when none).</summary>
public sealed record AuditVerification(int VerifiedBatches, long? FirstBrokenBatch, int Batches, long LastSealedEventId, string? Problem);

/// <summary>Seals the audit trail in chained batches and checks the chain.</summary>
public sealed class AuditSeals(CaseloadDb db, TimeProvider clock, IConfiguration config, ILogger<AuditSeals> logger)
{
    public const int BatchSize = 1000;

    /// <summary>
    /// Events younger than this are left for the next run: an event's id is taken when its transaction inserts it, and one that
    /// commits late could otherwise land inside a range already sealed. Audit:SealAfterSeconds, two minutes by default.
    /// </summary>
    private TimeSpan SettleTime => TimeSpan.FromSeconds(config.GetValue<int?>("Audit:SealAfterSeconds") is { } s and >= 0 ? s : 120);

    /// <summary>Seals every settled event not yet sealed, a batch a transaction; returns the number of batches written.</summary>
    public async Task<int> SealAsync(CancellationToken ct = default)
    {
        var written = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var last = await db.Set<AuditSeal>().AsNoTracking().OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
            var after = last?.LastEventId ?? 0;
            var cutoff = clock.GetUtcNow() - SettleTime;
            var candidates = await db.AuditEvents.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
            // The settled prefix only: an unsettled event stops the batch, so none is skipped and sealed around.
            var events = candidates.TakeWhile(e => e.At <= cutoff).ToList();
            if (events.Count == 0) return written;
            var seal = await BuildAsync(last?.Id ?? 0, last?.Hash ?? AuditSealRules.Genesis, events, ct);
            db.Add(seal);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex)
            {
                // Another sealer wrote this batch first (its key is the batch number): it carries on from there.
                logger.LogWarning(ex, "Audit batch {Batch} was sealed elsewhere; this run stops", seal.Id);
                db.ChangeTracker.Clear();
                return written;
            }

            db.ChangeTracker.Clear();
            written++;
            if (candidates.Count < BatchSize || events.Count < candidates.Count) return written;
        }
    }

    /// <summary>Recomputes every batch from the events as stored now, in order, and reports the first whose hash or link fails.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var seals = await db.Set<AuditSeal>().AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var previous = AuditSealRules.Genesis;
        long expectedFirst = 0;
        var verified = 0;
        foreach (var seal in seals)
        {
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Id >= seal.FirstEventId && e.Id <= seal.LastEventId).OrderBy(e => e.Id).ToListAsync(ct);
            var expected = await BuildAsync(seal.Id - 1, previous, events, ct);
            string? problem = null;
            if (seal.Id != verified + 1) problem = $"batch {verified + 1} is missing";
            else if (seal.PreviousHash != previous) problem = "it does not chain to the batch before it";
            else if (seal.FirstEventId <= expectedFirst) problem = "its events overlap the batch before it";
            else if (events.Count != seal.EventCount) problem = $"it sealed {seal.EventCount} events and {events.Count} are there now";
            else if (expected.Hash != seal.Hash) problem = "its events have changed since it was sealed";
            if (problem is not null)
            {
                return new AuditVerification(verified, seal.Id, seals.Count, seals[^1].LastEventId, $"Batch {seal.Id}: {problem}.");
            }

            previous = seal.Hash;
            expectedFirst = seal.LastEventId;
            verified++;
        }

        return new AuditVerification(verified, null, seals.Count, seals.Count == 0 ? 0 : seals[^1].LastEventId, null);
    }

    private async Task<AuditSeal> BuildAsync(long previousId, string previousHash, List<AuditEvent> events, CancellationToken ct)
    {
        var first = events.Count == 0 ? 0 : events[0].Id;
        var lastId = events.Count == 0 ? 0 : events[^1].Id;
        var cases = (await db.AuditEventCases.AsNoTracking().Where(x => x.AuditEventId >= first && x.AuditEventId <= lastId)
                .Select(x => new { x.AuditEventId, x.CaseId }).ToListAsync(ct))
            .ToLookup(x => x.AuditEventId, x => x.CaseId);
        return new AuditSeal
        {
            Id = previousId + 1,
            FirstEventId = first,
            LastEventId = lastId,
            EventCount = events.Count,
            PreviousHash = previousHash,
            Hash = AuditSealRules.Hash(previousHash, events.Select(e => AuditSealRules.Canonical(e, cases[e.Id]))),
            SealedAt = clock.GetUtcNow(),
        };
    }
}

/// <summary>The sealing run, once across instances (<see cref="LeasedJobs.AddLeasedJob{T}"/>); each batch commits on its own, so a run stopped half-way loses nothing.</summary>
public sealed class AuditSealJob(AuditSeals seals) : ILeasedJob
{
    public const string JobName = "audit-seal";

    public Task RunAsync(CancellationToken ct) => seals.SealAsync(ct);
}
