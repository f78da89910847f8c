using Caseload.Data;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Account;

/// <summary>
/// One count of sign-in attempts: what is counted (<see cref="Kind"/>), for whom (<see cref="Key"/>: a client address, an
/// account name, or both) and in which window (<see cref="WindowStart"/>, a multiple of the window's length by the app's
/// clock). Kept in the database so that every instance counts against the same allowance.
/// </summary>
public sealed class SignInCounter
{
    public required string Kind { get; set; }
    public required string Key { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}

public sealed class SignInCounterConfiguration : IEntityTypeConfiguration<SignInCounter>
{
    public const int MaxKindLength = 16;

    /// <summary>An account name (at most 256) and a client address (at most an IPv6 /64 or a mapped address), with a separator.</summary>
    public const int MaxKeyLength = 320;

    public void Configure(EntityTypeBuilder<SignInCounter> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SignInCounters");
        builder.HasKey(c => new { c.Kind, c.Key, c.WindowStart });
        builder.Property(c => c.Kind).HasMaxLength(MaxKindLength);
        builder.Property(c => c.Key).HasMaxLength(MaxKeyLength);
        builder.HasIndex(c => c.WindowStart);
    }
}

/// <summary>
/// Sign-in counts shared by every instance (<see cref="SignInCounter"/>). Each count is one statement, an upsert that returns
/// the new count (INSERT … ON CONFLICT DO UPDATE … RETURNING, spoken by SQLite and PostgreSQL alike), so two instances counting
/// at once both land and each sees the total. Windows are fixed, aligned to their length by the app's clock.
/// </summary>
public sealed class SignInCounts(CaseloadDb db, TimeProvider clock)
{
    public const string PerClient = "client";
    public const string PerAccount = "account";
    public const string Failures = "failures";
    public const string Lock = "lock";

    /// <summary>The key of a (user name, client) pair: its failures and its lock.</summary>
    public static string PairKey(string account, string client) => account + "\n" + client;

    /// <summary>The normalised user names locked from at least one address now.</summary>
    public async Task<IReadOnlySet<string>> LockedAccountsAsync(TimeSpan lockFor, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - lockFor;
        var keys = await db.Set<SignInCounter>().Where(c => c.Kind == Lock && c.WindowStart > since).Select(c => c.Key).ToListAsync(ct);
        return keys.Select(k => k.Split('\n', 2)[0]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>An administrator's unlock: the user name's locks and failures from every address are forgotten.</summary>
    public Task UnlockAccountAsync(string account, CancellationToken ct = default)
    {
        var prefix = PairKey(account, "");
        return db.Set<SignInCounter>().Where(c => (c.Kind == Lock || c.Kind == Failures) && c.Key.StartsWith(prefix)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Adds one to the count of <paramref name="key"/> in the current window; the count now and when the window ends.</summary>
    public async Task<(int Count, DateTimeOffset WindowEnds)> AddAsync(string kind, string key, TimeSpan window, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var counts = await db.Database.SqlQueryRaw<int>(
            """
            INSERT INTO "SignInCounters" ("Kind", "Key", "WindowStart", "Count") VALUES ({0}, {1}, {2}, 1)
            ON CONFLICT ("Kind", "Key", "WindowStart") DO UPDATE SET "Count" = "SignInCounters"."Count" + 1
            RETURNING "Count" AS "Value"
            """,
            kind, key, Stored(start)).ToListAsync(ct);
        return (counts.Single(), start + window);
    }

    /// <summary>Records that <paramref name="key"/> is locked from now (a second lock at the same instant is the same lock).</summary>
    public Task LockAsync(string key, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "SignInCounters" ("Kind", "Key", "WindowStart", "Count") VALUES ({0}, {1}, {2}, 1)
            ON CONFLICT ("Kind", "Key", "WindowStart") DO NOTHING
            """,
            [Lock, key, Stored(clock.GetUtcNow())], ct);

    /// <summary>When the latest lock of <paramref name="key"/> that is still in force began, or null.</summary>
    public Task<DateTimeOffset?> LockedSinceAsync(string key, TimeSpan lockFor, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - lockFor;
        return db.Set<SignInCounter>().Where(c => c.Kind == Lock && c.Key == key && c.WindowStart > since)
            .MaxAsync(c => (DateTimeOffset?)c.WindowStart, ct);
    }

    /// <summary>Forgets every window's count of one kind for <paramref name="key"/>.</summary>
    public Task ClearAsync(string kind, string key, CancellationToken ct = default) =>
        db.Set<SignInCounter>().Where(c => c.Kind == kind && c.Key == key).ExecuteDeleteAsync(ct);

    /// <summary>An instant as the provider stores it (SQLite keeps UTC ticks), for the statements written in SQL.</summary>
    private object Stored(DateTimeOffset instant) =>
        db.Model.FindEntityType(typeof(SignInCounter))!.FindProperty(nameof(SignInCounter.WindowStart))!.GetTypeMapping().Converter?.ConvertToProvider(instant) ?? instant;
}

/// <summary>Removes counts whose window, and locks whose time, are over: nothing reads them again.</summary>
public sealed class SignInCounterCleanup(CaseloadDb db, TimeProvider clock, IOptions<SignInLimitOptions> options) : ILeasedJob
{
    public const string Name = "sign-in-counter-cleanup";

    public Task RunAsync(CancellationToken ct)
    {
        var limits = options.Value;
        // Every count's window, and every lock, lasts at most the longer of the two periods from its start.
        var over = clock.GetUtcNow() - (limits.Window > limits.LockFor ? limits.Window : limits.LockFor);
        return db.Set<SignInCounter>().Where(c => c.WindowStart <= over).ExecuteDeleteAsync(ct);
    }
}
