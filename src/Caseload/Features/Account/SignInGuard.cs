using Caseload.Features.Administration;
using Caseload.Platform.Http;
using Microsoft.AspNetCore.Identity;
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
/// — never 15 minutes after it stops. The counts are kept in the database (<see cref="SignInCounts"/>), so several instances
/// share one allowance. Windows are fixed by the clock (a minute from each whole minute; failures within the same quarter of
/// an hour), so at a window's turn a burst may meet two windows' allowances, as with any fixed window.
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

/// <summary>
/// Checks a user name and password for the sign-in page and the token endpoint alike (see <see cref="SignInLimitOptions"/>
/// for the design). A refusal is the same whether the name is unknown, the password wrong or the account deactivated.
/// </summary>
public sealed class SignInGuard(UserManager<CaseloadUser> users, SignInManager<CaseloadUser> signIn, IPasswordHasher<CaseloadUser> hasher,
    SignInCounts counts, IOptions<SignInLimitOptions> options, TimeProvider clock)
{
    private static readonly CaseloadUser Dummy = new() { UserName = "no-such-user", DisplayName = "No such user" };
    private static string? s_dummyHash;

    public async Task<SignInCheck> CheckAsync(HttpContext http, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var limits = options.Value;
        var ct = http.RequestAborted;
        var name = userName.Trim();
        var account = users.NormalizeName(name.Length > 256 ? name[..256] : name) ?? string.Empty;
        var client = RateLimits.ClientKey(http);
        var pair = SignInCounts.PairKey(account, client);

        if (await TakeAsync(SignInCounts.PerClient, client, limits.AttemptsPerClient) is { } clientWait) return new SignInCheck(SignInVerdict.Throttled, RetryAfter: clientWait);
        if (await TakeAsync(SignInCounts.PerAccount, account, limits.AttemptsPerAccount) is { } accountWait) return new SignInCheck(SignInVerdict.Throttled, RetryAfter: accountWait);
        if (await counts.LockedSinceAsync(pair, limits.LockFor, ct) is { } lockedSince)
        {
            return new SignInCheck(SignInVerdict.Locked, RetryAfter: lockedSince + limits.LockFor - clock.GetUtcNow());
        }

        var user = await users.FindByNameAsync(name);
        bool verified;
        if (user?.PasswordHash is null)
        {
            // The same work as a real check, so the answer's timing does not tell an unknown name from a wrong password.
            hasher.VerifyHashedPassword(Dummy, DummyHash(), password);
            verified = false;
        }
        else
        {
            verified = await users.CheckPasswordAsync(user, password);
        }

        if (!verified)
        {
            var (failures, _) = await counts.AddAsync(SignInCounts.Failures, pair, limits.LockFor, ct);
            if (failures < limits.FailuresBeforeLock) return new SignInCheck(SignInVerdict.Refused, AuditUserId: user?.Id);
            // Locked: the failures that led to it are spent, so the next run after the lock starts from none.
            await counts.LockAsync(pair, ct);
            await counts.ClearAsync(SignInCounts.Failures, pair, ct);
            return new SignInCheck(SignInVerdict.Locked, RetryAfter: limits.LockFor, AuditUserId: user?.Id);
        }

        // Only the right password gets this far, so these answers tell nothing to someone guessing.
        if (!user!.IsActive || !await signIn.CanSignInAsync(user)) return new SignInCheck(SignInVerdict.Refused, AuditUserId: user.Id);
        if (await users.IsLockedOutAsync(user))
        {
            return new SignInCheck(SignInVerdict.Locked, RetryAfter: user.LockoutEnd is { } end ? end - clock.GetUtcNow() : null, AuditUserId: user.Id);
        }

        await counts.ClearAsync(SignInCounts.Failures, pair, ct);
        return new SignInCheck(SignInVerdict.Succeeded, user);

        async Task<TimeSpan?> TakeAsync(string kind, string key, int allowed)
        {
            var (count, windowEnds) = await counts.AddAsync(kind, key, limits.Window, ct);
            return count <= allowed ? null : windowEnds - clock.GetUtcNow();
        }
    }

    /// <summary>A hash of a random password, made once with the app's hasher, to verify against when the user name is unknown.</summary>
    private string DummyHash() =>
        s_dummyHash ??= hasher.HashPassword(Dummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
}
