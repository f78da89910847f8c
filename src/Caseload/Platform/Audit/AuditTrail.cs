using Caseload.Data;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Platform.Audit;

/// <summary>
/// Records who did what. <see cref="Add"/> stages an event in the caller's unit of work, so a write and its audit
/// event commit in one transaction; <see cref="RecordReadAsync"/> saves a read at once.
/// </summary>
public sealed class AuditTrail(CaseloadDb db, IHttpContextAccessor http, TimeProvider clock)
{
    private readonly List<AuditEvent> _staged = [];
    private readonly HashSet<Guid> _casesListed = [];
    private AuditEvent? _listEvent;

    /// <summary>
    /// Whether this request has saved an event about the case: the case scope adds a read if not. An event only staged does
    /// not count: a handler that staged its write and then gave up (a conflict, a retry that found nothing left to change)
    /// dropped it, and still showed the case.
    /// </summary>
    public bool HasRecordedCase(Guid caseId) => _casesListed.Contains(caseId) || _staged.Any(e => e.CaseId == caseId && e.Id != 0);

    /// <summary>As <see cref="HasRecordedCase"/>, for a person.</summary>
    public bool HasRecordedPerson(Guid personId) => _staged.Any(e => e.PersonId == personId && e.Id != 0);

    public AuditEvent Add(CurrentUser user, string action, string entityType, string? entityId,
        Guid? caseId = null, Guid? personId = null, string? details = null)
    {
        var audit = Create(user, action, entityType, entityId, caseId, personId, details);
        db.AuditEvents.Add(audit);
        _staged.Add(audit);
        return audit;
    }

    private AuditEvent Create(CurrentUser user, string action, string entityType, string? entityId, Guid? caseId, Guid? personId, string? details)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!AuditActions.IsKnown(action)) throw new ArgumentException($"'{action}' is not in AuditActions: add it there first.", nameof(action));
        var request = http.HttpContext?.Request;
        return new AuditEvent
        {
            At = clock.GetUtcNow(),
            UserId = user.Id,
            UserName = user.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CaseId = caseId,
            PersonId = personId,
            Route = request is null ? null : Truncate(AuditRoute.Of(request.Method, request.Path, request.QueryString.Value), 300),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Details = details is null ? null : Truncate(details, 4000),
            BreakGlass = user.UsesBreakGlassOn(caseId),
        };
    }

    public async Task RecordReadAsync(CurrentUser user, string action, string entityType, string? entityId,
        Guid? caseId = null, Guid? personId = null, string? details = null, CancellationToken ct = default)
    {
        Add(user, action, entityType, entityId, caseId, personId, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The entity type of a list view's event: its cases are rows of <see cref="AuditEventCase"/>.</summary>
    public const string ListEntityType = "case-list";

    /// <summary>
    /// A list shows names and details of each case on it, so "who saw this case?" must find it. The view is one event (who,
    /// when, the route and query) and each case shown is a row of two ids in AuditEventCases: a fraction of the bytes of an
    /// event per case, and found per case through that table's index. A page that shows more than one list (My cases with the
    /// user's tasks, the worklist with its deadline banner) is still one view: later lists in the same request add their
    /// cases to the first list's event, under its action. A list that shows nothing is recorded too.
    /// </summary>
    public Task RecordListAsync(CurrentUser user, string action, IEnumerable<Guid> casesShown, CancellationToken ct = default) =>
        RecordListAsync(user, action, casesShown, details: null, personId: null, ct);

    /// <summary>
    /// As <see cref="RecordListAsync(CurrentUser, string, IEnumerable{Guid}, CancellationToken)"/>, with what narrowed the list (a
    /// search's words) and the person the page is about when it lists one person's cases.
    /// </summary>
    public async Task RecordListAsync(CurrentUser user, string action, IEnumerable<Guid> casesShown, string? details, Guid? personId,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(casesShown);
        var fresh = casesShown.Where(c => !_casesListed.Contains(c)).Distinct().ToList();
        if (_listEvent is not null && fresh.Count == 0) return;

        await db.Database.OpenConnectionAsync(ct);
        // The event and its cases or none: the caller's transaction when there is one, else one of our own.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var view = _listEvent;
            if (view is null)
            {
                view = Create(user, action, ListEntityType, null, null, personId, details);
                view.BreakGlass = fresh.Any(c => user.UsesBreakGlassOn(c));
                db.AuditEvents.Add(view);
            }

            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
            await MultiRowInsert.InsertAsync(db, fresh.Select(c => new AuditEventCase { AuditEventId = view.Id, CaseId = c }).ToList(), ct);
            if (own is not null) await own.CommitAsync(ct);
            if (_listEvent is null)
            {
                _listEvent = view;
                _staged.Add(view);
            }

            _casesListed.UnionWith(fresh);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
