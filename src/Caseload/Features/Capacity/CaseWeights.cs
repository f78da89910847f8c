using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Capacity;

/// <summary>A case with what the scheme weighs of it: who holds it, its service and risk, and its facts.</summary>
public sealed record WeighedCase(Guid CaseId, CaseStatus Status, string? AllocatedToId, string Service, Risk Risk, CaseLoadFacts Facts);

/// <summary>
/// Each case's weighted points, stored on the case (<see cref="Case.WeightTenths"/>, stamped with the scheme that weighed it)
/// so that a caseload's load is a sum in the database rather than every case's facts read and weighed. Kept correct three ways:
/// every save that changes what the scheme weighs (the case's service, complexity, restriction, status or holder, its
/// co-workers, the person's weighed characteristics) re-weighs those cases in its own transaction (<see cref="CaseWeightHook"/>);
/// a change of scheme is re-weighed by <see cref="CaseWeightJob"/>; and until then every reader weighs live any case whose
/// stamp is not the scheme in force, so a stale figure is never shown.
/// </summary>
public static class CaseWeights
{
    /// <summary>The person's characteristics the scheme weighs.</summary>
    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        Characteristics.ChildProtectionPlan, Characteristics.LookedAfter, Characteristics.YouthJustice,
    };

    /// <summary>What the scheme needs of each case, read in one query (its characteristics and co-workers as subqueries).</summary>
    public static IQueryable<WeighedCase> FactsOf(CaseloadDb db, IQueryable<Case> cases)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cases);
        var characteristics = db.Set<PersonCharacteristic>();
        return cases.Select(c => new WeighedCase(c.Id, c.Status, c.AllocatedToId, c.Service, c.Risk, new CaseLoadFacts(c.Service, c.Complexity,
            characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.ChildProtectionPlan),
            characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.LookedAfter),
            characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.YouthJustice),
            c.Restricted,
            (c.AllocatedToId != null ? 1 : 0) + c.CoWorkers.Count(w => w.UserId != c.AllocatedToId))));
    }

    /// <summary>
    /// Re-weighs <paramref name="targets"/> under <paramref name="rules"/> and stores the points with the scheme's stamp; answers
    /// how many cases it weighed. Safe under concurrent writes: it first takes the rows' write locks (an update that changes
    /// nothing), and only then reads the facts, in a later statement. Any other save that changed those facts either committed
    /// before the lock, so its change is read here, or waits for this transaction and re-weighs after it; the last to weigh a
    /// case read every change committed before it. (PostgreSQL: READ COMMITTED takes a fresh snapshot for each statement;
    /// SQLite: the write lock is held from the first update, so no other writer commits between it and the read.)
    /// </summary>
    public static async Task<int> ReweighAsync(CaseloadDb db, CapacityRules rules, IQueryable<Case> targets, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(targets);
        if (await targets.ExecuteUpdateAsync(s => s.SetProperty(c => c.WeightStamp, c => c.WeightStamp), ct) == 0) return 0;
        var cases = await FactsOf(db, targets).ToListAsync(ct);
        var stamp = rules.Stamp;
        foreach (var group in cases.GroupBy(c => CapacityRules.ToTenths(rules.Weigh(c.Facts).Points)))
        {
            var ids = group.Select(c => c.CaseId).ToList();
            await db.Cases.Where(c => ids.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WeightTenths, group.Key).SetProperty(c => c.WeightStamp, stamp), ct);
        }

        return cases.Count;
    }
}

/// <summary>Re-weighs, in the same transaction, the cases a save changed what the scheme weighs of.</summary>
public sealed class CaseWeightHook(WeightingSettings settings) : ISaveHook
{
    private static readonly string[] Weighed = [nameof(Case.Service), nameof(Case.Status), nameof(Case.AllocatedToId), nameof(Case.Complexity), nameof(Case.Restricted)];

    private sealed record Pending(HashSet<Guid> Cases, HashSet<Guid> People);

    public object? Collect(CaseloadDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = new HashSet<Guid>();
        var people = new HashSet<Guid>();
        foreach (var e in db.ChangeTracker.Entries<Case>())
        {
            if (e.State == EntityState.Added || (e.State == EntityState.Modified && Weighed.Any(p => e.Property(p).IsModified))) cases.Add(e.Entity.Id);
        }

        foreach (var e in db.ChangeTracker.Entries<CaseCoWorker>())
        {
            if (e.State is EntityState.Added or EntityState.Deleted) cases.Add(e.Entity.CaseId);
        }

        foreach (var e in db.ChangeTracker.Entries<PersonCharacteristic>())
        {
            if (e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified
                && (CaseWeights.Codes.Contains(e.Entity.Code) || CaseWeights.Codes.Contains(e.Property(p => p.Code).OriginalValue)))
            {
                people.Add(e.Entity.PersonId);
            }
        }

        return cases.Count == 0 && people.Count == 0 ? null : new Pending(cases, people);
    }

    public Task AfterWriteAsync(CaseloadDb db, object pending, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (cases, people) = (Pending)pending;
        var caseIds = cases.ToList();
        var personIds = people.ToList();
        return CaseWeights.ReweighAsync(db, settings.Rules, db.Cases.Where(c => caseIds.Contains(c.Id) || personIds.Contains(c.PersonId)), ct);
    }
}

/// <summary>
/// Re-weighs the open cases whose stored points were weighed by another scheme (after a service manager saved a new version,
/// or on first start after the column was added), in batches, run once across instances. Until it reaches a case, readers
/// weigh that case live. A run stopped half-way leaves the rest for the next, which finds them by their stamp.
/// </summary>
public sealed class CaseWeightJob(CaseloadDb db, WeightingSettings settings, ILogger<CaseWeightJob> log) : ILeasedJob
{
    public const string JobName = "case-weights";
    private const int Batch = 2_000;

    public async Task RunAsync(CancellationToken ct)
    {
        // A scheme saved on another instance: weigh under the newest.
        await settings.RefreshIfDueAsync(ct);
        var weighed = await ReweighStaleAsync(ct);
        if (weighed > 0) log.LogInformation("Case weights: {Weighed} open cases re-weighed under the scheme in force", weighed);
    }

    /// <summary>Re-weighs every open case not weighed under the scheme in force; answers how many.</summary>
    public async Task<int> ReweighStaleAsync(CancellationToken ct = default)
    {
        var rules = settings.Rules;
        var stamp = rules.Stamp;
        var total = 0;
        while (true)
        {
            var ids = await db.Cases.Where(c => c.Status == CaseStatus.Open && c.WeightStamp != stamp).OrderBy(c => c.Id).Select(c => c.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0) return total;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                total += await CaseWeights.ReweighAsync(db, rules, db.Cases.Where(c => ids.Contains(c.Id)), ct);
                await tx.CommitAsync(ct);
            }

            // The scheme changed while this ran: the next batches are weighed under the new one, and this one is found again.
            if (settings.Rules.Stamp != stamp) return total;
        }
    }
}
