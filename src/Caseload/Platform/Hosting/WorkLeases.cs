using System.Security.Cryptography;
using Caseload.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Platform.Hosting;

/// <summary>This app instance among several sharing one database: machine, process and a random part, so a restarted process is a new holder.</summary>
public sealed class WorkInstance
{
    public string Id { get; } = $"{Truncate(Environment.MachineName, 100)}:{Environment.ProcessId}:{RandomNumberGenerator.GetHexString(12, lowercase: true)}";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>What an attempt to take a job's lease found.</summary>
public enum LeaseAttempt
{
    Acquired,
    NotDue,
    HeldElsewhere,
}

/// <summary>
/// Leases in the database, one row per job (<see cref="WorkLease"/>). Every change is one conditional statement whose rows
/// affected say whether it won, so two instances racing for a lease cannot both get it, on SQLite or PostgreSQL. Times
/// come from the app's clock: instances' clocks must agree to well within a lease's length.
/// </summary>
public sealed class WorkLeases(IServiceScopeFactory scopes, TimeProvider clock, WorkInstance instance)
{
    public string Holder => instance.Id;

    /// <summary>Takes the lease when the job is due and nobody holds it (released, or expired because its holder stopped renewing).</summary>
    public async Task<LeaseAttempt> TryAcquireAsync(string name, TimeSpan length, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var leases = db.Set<WorkLease>();
        var now = clock.GetUtcNow();
        var me = instance.Id;
        var taken = await leases
            .Where(l => l.Name == name && l.DueAt <= now && (l.Holder == null || l.ExpiresAt <= now || l.Holder == me))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, me)
                .SetProperty(l => l.AcquiredAt, now)
                .SetProperty(l => l.ExpiresAt, now + length), ct);
        if (taken == 1) return LeaseAttempt.Acquired;

        var row = await leases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, ct);
        if (row is not null) return row.DueAt > now ? LeaseAttempt.NotDue : LeaseAttempt.HeldElsewhere;

        // The job's first run anywhere: whoever inserts the row holds it. The others meet the primary key and wait their turn
        // (ON CONFLICT, which SQLite and PostgreSQL both speak, rather than an exception each logs as an error).
        var inserted = await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "WorkLeases" ("Name", "Holder", "AcquiredAt", "ExpiresAt", "DueAt") VALUES ({0}, {1}, {2}, {3}, {4})
            ON CONFLICT ("Name") DO NOTHING
            """,
            [name, me, Stored(db, now), Stored(db, now + length), Stored(db, now)], ct);
        return inserted == 1 ? LeaseAttempt.Acquired : LeaseAttempt.HeldElsewhere;
    }

    /// <summary>Extends a lease this instance still holds; false when another instance has taken it over.</summary>
    public async Task<bool> RenewAsync(string name, TimeSpan length, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var now = clock.GetUtcNow();
        var me = instance.Id;
        return await db.Set<WorkLease>()
            .Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now + length), ct) == 1;
    }

    /// <summary>
    /// Gives the lease up. A completed run moves the job's due time on to <paramref name="nextDueAt"/>; a failed or interrupted
    /// one leaves it, so the next check anywhere runs the job again. False when another instance had already taken it over.
    /// </summary>
    public async Task<bool> ReleaseAsync(string name, DateTimeOffset? nextDueAt, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var now = clock.GetUtcNow();
        var me = instance.Id;
        var mine = db.Set<WorkLease>().Where(l => l.Name == name && l.Holder == me);
        var released = nextDueAt is { } due
            ? await mine.ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, (string?)null)
                .SetProperty(l => l.ExpiresAt, now)
                .SetProperty(l => l.DueAt, due)
                .SetProperty(l => l.LastCompletedAt, now), ct)
            : await mine.ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, (string?)null)
                .SetProperty(l => l.ExpiresAt, now), ct);
        return released == 1;
    }

    /// <summary>An instant as the provider stores it (SQLite keeps UTC ticks), for the one statement written in SQL.</summary>
    private static object Stored(CaseloadDb db, DateTimeOffset instant) =>
        db.Model.FindEntityType(typeof(WorkLease))!.FindProperty(nameof(WorkLease.ExpiresAt))!.GetTypeMapping().Converter?.ConvertToProvider(instant) ?? instant;
}
