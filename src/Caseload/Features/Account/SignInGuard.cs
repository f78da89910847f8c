using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Caseload.Features.Administration;
using Caseload.Platform.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Account;

/// <summary>
/// Limits on password sign-in (the page and POST /api/v1/auth/token), set under <c>SignIn</c> in configuration.
/// <para>
/// The design: rate limits do the throttling, and the lock is per (account, client) rather than per account.
/// <list type="bullet">
/// <item>Every client address may try <see cref="AttemptsPerClient"/> sign-ins per <see cref="Window"/> (any account names);
/// every account name may be tried <see cref="AttemptsPerAccount"/> times per window (from any address). Beyond either: 429
/// with Retry-After. These bound online guessing from one address and spread across many.</item>
/// <item><see cref="FailuresBeforeLock"/> wrong passwords for one account name from one client address lock that pair for
/// <see cref="LockFor"/> (423). The lock never reaches other addresses, so an anonymous flood cannot keep the real user out:
/// ASP.NET Core Identity's own lockout (per account, for everyone) is not used for password failures.</item>
/// <item>An unknown user name answers exactly as a wrong password does, after the same password hash verification (against a
/// dummy hash), and is locked and limited the same way: nothing in the answer or its timing tells which names exist.</item>
/// </list>
/// The trade-off: a flood against one account name from many addresses still uses up that name's per-account allowance, so
/// its owner may wait for the rest of the window (at most <see cref="Window"/>, a minute by default) while the flood lasts
/// — never 15 minutes after it stops. The counts are kept in memory per instance: behind N instances an attacker gets up
/// to N times the allowance, still far too few guesses for a 12-character password.
/// </para>
/// </summary>
public sealed class SignInLimitOptions
{
    public int AttemptsPerClient { get; set; } = 30;
    public int AttemptsPerAccount { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    public int FailuresBeforeLock { get; set; } = 5;
    public TimeSpan LockFor { get; set; } = TimeSpan.FromMinutes(15);
}

public enum SignInVerdict
{
    Succeeded,
    Refused,
    Locked,
    Throttled,
}

/// <summary>
/// What a password sign-in came to; <see cref="User"/> is set only when it succeeded. <see cref="AuditUserId"/> names the
/// account a refused attempt was for, for the audit trail only: it must never shape the answer.
/// </summary>
public sealed record SignInCheck(SignInVerdict Verdict, CaseloadUser? User = null, TimeSpan? RetryAfter = null, string? AuditUserId = null);

/// <summary>The per-client rate limit on sign-in posts, for the rate-limiting middleware: only POSTs count.</summary>
public sealed class SignInRateLimitPolicy(TimeProvider clock, IOptions<SignInLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "sign-in";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!HttpMethods.IsPost(httpContext.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
        var limits = options.Value;
        return RateLimitPartition.Get(RateLimits.ClientKey(httpContext), _ => new ClockWindowLimiter(clock, limits.AttemptsPerClient, limits.Window));
    }
}

/// <summary>The per-account limit and the per (account, client) lock, kept in memory by the app's clock.</summary>
public sealed class SignInThrottle : IDisposable
{
    private const int PruneAbove = 10_000;
    private readonly TimeProvider _clock;
    private readonly SignInLimitOptions _limits;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private string? _dummyHash;

    public SignInThrottle(TimeProvider clock, IOptions<SignInLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _limits = options.Value;
        _perAccount = PartitionedRateLimiter.Create<string, string>(account =>
            RateLimitPartition.Get(account, _ => new ClockWindowLimiter(clock, _limits.AttemptsPerAccount, _limits.Window)));
    }

    /// <summary>Takes one attempt from the account name's allowance; how long to wait when none is left.</summary>
    public TimeSpan? TakeAccountAttempt(string account)
    {
        using var lease = _perAccount.AttemptAcquire(account);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _limits.Window;
    }

    /// <summary>How long this (account, client) pair stays locked, or null when it is not.</summary>
    public TimeSpan? LockedFor(string account, string client)
    {
        if (!_failures.TryGetValue(Key(account, client), out var f)) return null;
        lock (f)
        {
            var now = _clock.GetUtcNow();
            return f.LockedUntil > now ? f.LockedUntil - now : null;
        }
    }

    /// <summary>Counts a failure for the pair; how long it is now locked, or null when it is not (yet).</summary>
    public TimeSpan? Failed(string account, string client)
    {
        if (_failures.Count > PruneAbove) Prune();
        var now = _clock.GetUtcNow();
        var f = _failures.GetOrAdd(Key(account, client), _ => new Failures());
        lock (f)
        {
            // Failures count within LockFor of the first; an older run starts again.
            if (f.Count == 0 || now - f.FirstAt >= _limits.LockFor)
            {
                f.Count = 0;
                f.FirstAt = now;
            }

            if (++f.Count < _limits.FailuresBeforeLock) return null;
            f.LockedUntil = now + _limits.LockFor;
            f.Count = 0;
            return _limits.LockFor;
        }
    }

    public void Succeeded(string account, string client) => _failures.TryRemove(Key(account, client), out _);

    /// <summary>A hash of a random password, made once with the app's hasher, to verify against when the user name is unknown.</summary>
    public string DummyHash(IPasswordHasher<CaseloadUser> hasher, CaseloadUser dummy)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return _dummyHash ??= hasher.HashPassword(dummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    public void Dispose() => _perAccount.Dispose();

    private static string Key(string account, string client) => account + "\n" + client;

    private void Prune()
    {
        var now = _clock.GetUtcNow();
        foreach (var (key, f) in _failures)
        {
            bool stale;
            lock (f) stale = f.LockedUntil <= now && now - f.FirstAt >= _limits.LockFor;
            if (stale) _failures.TryRemove(key, out _);
        }
    }

    private sealed class Failures
    {
        public int Count { get; set; }
        public DateTimeOffset FirstAt { get; set; }
        public DateTimeOffset LockedUntil { get; set; }
    }
}

/// <summary>
/// Checks a user name and password for the sign-in page and the token endpoint alike (see <see cref="SignInLimitOptions"/>
/// for the design). A refusal is the same whether the name is unknown, the password wrong or the account deactivated.
/// </summary>
public sealed class SignInGuard(UserManager<CaseloadUser> users, SignInManager<CaseloadUser> signIn, IPasswordHasher<CaseloadUser> hasher,
    SignInThrottle throttle, TimeProvider clock)
{
    private static readonly CaseloadUser Dummy = new() { UserName = "no-such-user", DisplayName = "No such user" };

    public async Task<SignInCheck> CheckAsync(HttpContext http, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var name = userName.Trim();
        var account = users.NormalizeName(name.Length > 256 ? name[..256] : name) ?? string.Empty;
        var client = RateLimits.ClientKey(http);

        if (throttle.TakeAccountAttempt(account) is { } wait) return new SignInCheck(SignInVerdict.Throttled, RetryAfter: wait);
        if (throttle.LockedFor(account, client) is { } locked) return new SignInCheck(SignInVerdict.Locked, RetryAfter: locked);

        var user = await users.FindByNameAsync(name);
        bool verified;
        if (user?.PasswordHash is null)
        {
            // The same work as a real check, so the answer's timing does not tell an unknown name from a wrong password.
            hasher.VerifyHashedPassword(Dummy, throttle.DummyHash(hasher, Dummy), password);
            verified = false;
        }
        else
        {
            verified = await users.CheckPasswordAsync(user, password);
        }

        if (!verified)
        {
            return throttle.Failed(account, client) is { } lockedNow
                ? new SignInCheck(SignInVerdict.Locked, RetryAfter: lockedNow, AuditUserId: user?.Id)
                : new SignInCheck(SignInVerdict.Refused, AuditUserId: user?.Id);
        }

        // Only the right password gets this far, so these answers tell nothing to someone guessing.
        if (!user!.IsActive || !await signIn.CanSignInAsync(user)) return new SignInCheck(SignInVerdict.Refused, AuditUserId: user.Id);
        if (await users.IsLockedOutAsync(user))
        {
            return new SignInCheck(SignInVerdict.Locked, RetryAfter: user.LockoutEnd is { } end ? end - clock.GetUtcNow() : null, AuditUserId: user.Id);
        }

        throttle.Succeeded(account, client);
        return new SignInCheck(SignInVerdict.Succeeded, user);
    }
}
