using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Caseload.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caseload.Platform.Security;

/// <summary>
/// Sessions end when they should. Every request's cookie or bearer token is checked against the database: the account must
/// still exist and be active, the security stamp the cookie or token carries must still be the account's (a password reset
/// or a deactivation changes it), and a browser session must not have been signed out. The request's roles are the
/// account's roles now, read from the database, never those written into the cookie or token when it was issued.
/// </summary>
/// <remarks>
/// <para>Nothing is cached between requests: the bound is zero. The check is one query by primary key, so a change made
/// on any instance (or straight in the database) holds on every instance from the next request, and no cache has to be
/// told about it.</para>
/// <para>Signing out ends that browser session only: each sign-in gets a session id, kept in the cookie's protected
/// properties (it survives "stay signed in"), and signing out records the id as ended, server-side, until every copy of
/// that cookie would have expired anyway. Rotating the security stamp instead would also end the person's other browser
/// sessions and every API token they or their systems hold, because one person closed one tab; the stamp is rotated where
/// everything must end (a password reset, a deactivation).</para>
/// </remarks>
public sealed class Sessions(CaseloadDb db, TimeProvider clock, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
{
    /// <summary>The claim of a bearer token that ties it to the account's security stamp (a digest: see <see cref="StampDigest"/>).</summary>
    public const string StampClaim = "caseload:stamp";

    private const string SessionIdItem = ".caseload.session";
    private const string EndedSession = "[Caseload]EndedSession";
    private static readonly object CurrentSessionKey = new();

    private sealed record Session(string UserId, string Id);

    private string StampClaimType => identity.Value.ClaimsIdentity.SecurityStampClaimType;

    private sealed record AccountNow(string? SecurityStamp, bool IsActive, bool SessionEnded, List<string> Roles);

    /// <summary>
    /// A digest of the security stamp for a bearer token. The token's payload is readable by whoever holds it, and the stamp
    /// itself is key material for Identity's one-time codes: the token carries a digest that changes when the stamp does.
    /// </summary>
    public static string StampDigest(string securityStamp) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp)));

    /// <summary>
    /// A new sign-in starts a session, and ends the one it replaces in this browser (a copy of the old cookie would otherwise
    /// live on); a renewed one ("stay signed in") keeps its id, so signing out ends every copy.
    /// </summary>
    public static async Task StartAsync(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Properties.Items.ContainsKey(SessionIdItem)) return;
        context.Properties.Items[SessionIdItem] = Guid.NewGuid().ToString("N");
        if (context.HttpContext.Items[CurrentSessionKey] is Session replaced)
        {
            await context.HttpContext.RequestServices.GetRequiredService<Sessions>()
                .EndAsync(replaced, context.Options.ExpireTimeSpan, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>The cookie's check on every request; a cookie that fails it is refused and removed from the browser.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(sessions.StampClaimType);
        context.Properties.Items.TryGetValue(SessionIdItem, out var sessionId);
        var now = userId is null || sessionId is null ? null : await sessions.LoadAsync(userId, sessionId, context.HttpContext.RequestAborted);
        if (now is null || !now.IsActive || now.SessionEnded || !Same(now.SecurityStamp, stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        context.ReplacePrincipal(WithRoles(principal!, now.Roles));
        context.HttpContext.Items[CurrentSessionKey] = new Session(userId!, sessionId!);
    }

    /// <summary>Signing out of the browser ends its session on the server: a copy of the cookie is refused from then on.</summary>
    public static async Task EndAsync(CookieSigningOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Only a session this request proved; a cookie refused by the check has nothing left to end.
        if (context.HttpContext.Items[CurrentSessionKey] is not Session session) return;
        await context.HttpContext.RequestServices.GetRequiredService<Sessions>()
            .EndAsync(session, context.Options.ExpireTimeSpan, context.HttpContext.RequestAborted);
    }

    /// <summary>A bearer token's check on every request.</summary>
    public static async Task ValidateTokenAsync(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var digest = context.Principal?.FindFirstValue(StampClaim);
        var now = userId is null ? null : await sessions.LoadAsync(userId, null, context.HttpContext.RequestAborted);
        if (now is null || !now.IsActive || now.SecurityStamp is null || !Same(StampDigest(now.SecurityStamp), digest))
        {
            context.Fail("The token no longer stands for an active account.");
            return;
        }

        context.Principal = WithRoles(context.Principal!, now.Roles);
    }

    private Task<AccountNow?> LoadAsync(string userId, string? sessionId, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountNow(
                u.SecurityStamp,
                u.IsActive,
                sessionId != null && db.UserTokens.Any(t => t.UserId == u.Id && t.LoginProvider == EndedSession && t.Name == sessionId),
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList()))
            .SingleOrDefaultAsync(ct);

    private async Task EndAsync(Session session, TimeSpan cookieLifetime, CancellationToken ct)
    {
        // A context of its own, so that signing out saves only this and never the request's other pending changes.
        await using var scope = scopes.CreateAsyncScope();
        var ownDb = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var now = clock.GetUtcNow();
        var ended = await ownDb.UserTokens.Where(t => t.UserId == session.UserId && t.LoginProvider == EndedSession).ToListAsync(ct);
        // No copy of a cookie outlives its last renewal by more than its lifetime, and no renewal follows the end: the row
        // is kept that long, then cleared at the person's next sign-out.
        ownDb.UserTokens.RemoveRange(ended.Where(t => t.Name != session.Id && !(DateTimeOffset.TryParse(t.Value, CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var until) && until > now)));
        if (ended.All(t => t.Name != session.Id))
        {
            ownDb.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = session.UserId,
                LoginProvider = EndedSession,
                Name = session.Id,
                Value = (now + cookieLifetime).ToString("O", CultureInfo.InvariantCulture),
            });
        }

        try
        {
            await ownDb.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two sign-outs of the same session at once: fine when the other one recorded it, a failure otherwise.
            if (!await db.UserTokens.AnyAsync(t => t.UserId == session.UserId && t.LoginProvider == EndedSession && t.Name == session.Id, ct)) throw;
        }
    }

    private static bool Same(string? expected, string? presented) =>
        expected is not null && presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));

    /// <summary>The principal with the given roles in place of any it carried.</summary>
    private static ClaimsPrincipal WithRoles(ClaimsPrincipal principal, IEnumerable<string> roles)
    {
        var identities = principal.Identities
            .Select(i => new ClaimsIdentity(i.Claims.Where(c => c.Type != i.RoleClaimType && c.Type != ClaimTypes.Role),
                i.AuthenticationType, i.NameClaimType, i.RoleClaimType))
            .ToList();
        identities[0].AddClaims(roles.Select(r => new Claim(identities[0].RoleClaimType, r)));
        return new ClaimsPrincipal(identities);
    }
}
