using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Features.Account;

/// <summary>
/// Ends every session and API token of an account at once: its security stamp changes, and every cookie and bearer token
/// carries the old one, so each is refused on its next request, on every instance (<see cref="Sessions"/>). Used by the person
/// (the account page, or the API with a token) and by an administrator for them; the change and its audit event commit together.
/// </summary>
public sealed class SignOutEverywhere(CaseloadDb db, UserManager<CaseloadUser> users, AuditTrail audit)
{
    /// <summary>The account whose sessions ended, or null when there is no such account.</summary>
    public async Task<CaseloadUser?> EndAsync(CurrentUser by, string userId, string action, string details, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.UpdateSecurityStampAsync(user);
        if (!changed.Succeeded) throw new InvalidOperationException("The account's sessions could not be ended: " + string.Join("; ", changed.Errors.Select(e => e.Description)));
        audit.Add(by, action, "user", user.Id, details: details);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }
}
