using Caseload.Data;
using Caseload.Infrastructure.Security;

namespace Caseload.Features.Audit;

/// <summary>
/// Records who did what. <see cref="Add"/> stages an event in the caller's unit of work, so a write and its audit
/// event commit in one transaction; <see cref="RecordReadAsync"/> saves a read at once.
/// </summary>
public sealed class AuditTrail(CaseloadDb db, IHttpContextAccessor http, TimeProvider clock)
{
    public AuditEvent Add(CurrentUser user, string action, string entityType, string? entityId,
        Guid? caseId = null, Guid? personId = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var request = http.HttpContext?.Request;
        var audit = new AuditEvent
        {
            At = clock.GetUtcNow(),
            UserId = user.Id,
            UserName = user.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CaseId = caseId,
            PersonId = personId,
            Route = request is null ? null : Truncate($"{request.Method} {request.Path}{request.QueryString}", 300),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Details = details is null ? null : Truncate(details, 4000),
        };
        db.AuditEvents.Add(audit);
        return audit;
    }

    public async Task RecordReadAsync(CurrentUser user, string action, string entityType, string? entityId,
        Guid? caseId = null, Guid? personId = null, string? details = null, CancellationToken ct = default)
    {
        Add(user, action, entityType, entityId, caseId, personId, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A list shows names and details of each case on it: one event per case, so "who saw this case" finds it.</summary>
    public async Task RecordListAsync(CurrentUser user, string action, IEnumerable<(Guid CaseId, Guid PersonId)> shown,
        CancellationToken ct = default)
    {
        foreach (var (caseId, personId) in shown)
        {
            Add(user, action, "case", caseId.ToString(), caseId, personId);
        }

        await db.SaveChangesAsync(ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>The actions the audit trail records, as stable codes.</summary>
public static class AuditActions
{
    public const string CaseViewed = "case.viewed";
    public const string CaseListed = "case.listed";
    public const string CaseCreated = "case.created";
    public const string CaseUpdated = "case.updated";
    public const string CaseAllocated = "case.allocated";
    public const string CaseOpened = "case.opened";
    public const string CaseClosed = "case.closed";
    public const string PersonViewed = "person.viewed";
    public const string PersonCreated = "person.created";
    public const string AuditSearched = "audit.searched";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string TeamCreated = "team.created";
    public const string TeamUpdated = "team.updated";
    public const string SignedIn = "user.signed-in";
    public const string SignInFailed = "user.sign-in-failed";
    public const string TokenIssued = "user.token-issued";
}
