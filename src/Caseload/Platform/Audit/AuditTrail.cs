using System.Text;
using Caseload.Data;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caseload.Platform.Audit;

/// <summary>
/// Records who did what. <see cref="Add"/> stages an event in the caller's unit of work, so a write and its audit
/// event commit in one transaction; <see cref="RecordReadAsync"/> saves a read at once.
/// </summary>
public sealed class AuditTrail(CaseloadDb db, IHttpContextAccessor http, TimeProvider clock)
{
    private readonly List<AuditEvent> _staged = [];
    private readonly HashSet<Guid> _casesListed = [];
    private readonly HashSet<Guid> _peopleListed = [];

    /// <summary>
    /// Whether this request has saved an event about the case: the case scope adds a read if not. An event only staged does
    /// not count: a handler that staged its write and then gave up (a conflict, a retry that found nothing left to change)
    /// dropped it, and still showed the case.
    /// </summary>
    public bool HasRecordedCase(Guid caseId) => _casesListed.Contains(caseId) || _staged.Any(e => e.CaseId == caseId && e.Id != 0);

    /// <summary>As <see cref="HasRecordedCase"/>, for a person.</summary>
    public bool HasRecordedPerson(Guid personId) => _peopleListed.Contains(personId) || _staged.Any(e => e.PersonId == personId && e.Id != 0);

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
            Route = request is null ? null : Truncate($"{request.Method} {request.Path}{request.QueryString}", 300),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Details = details is null ? null : Truncate(details, 4000),
        };
    }

    public async Task RecordReadAsync(CurrentUser user, string action, string entityType, string? entityId,
        Guid? caseId = null, Guid? personId = null, string? details = null, CancellationToken ct = default)
    {
        Add(user, action, entityType, entityId, caseId, personId, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A list shows names and details of each case on it: one event per case, so "who saw this case" finds it. A team's
    /// worklist lists hundreds of cases, so the events are written in multi-row inserts rather than one statement each.
    /// </summary>
    public async Task RecordListAsync(CurrentUser user, string action, IEnumerable<(Guid CaseId, Guid PersonId)> shown,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var events = shown.Select(s => Create(user, action, "case", s.CaseId.ToString(), s.CaseId, s.PersonId, null)).ToList();
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        if (events.Count == 0) return;

        var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var columnList = string.Join(", ", columns.Select(p => $"\"{p.GetColumnName()}\""));
        await db.Database.OpenConnectionAsync(ct);
        // Every entry of the list or none: the caller's transaction when there is one, else one of our own.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            foreach (var chunk in events.Chunk(InsertRowsPerStatement))
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                if (db.Database.GetCommandTimeout() is { } timeout) command.CommandTimeout = timeout;
                var sql = new StringBuilder($"INSERT INTO \"{entity.GetTableName()}\" ({columnList}) VALUES ");
                for (var row = 0; row < chunk.Length; row++)
                {
                    sql.Append(row == 0 ? "(" : ", (");
                    for (var column = 0; column < columns.Count; column++)
                    {
                        var property = columns[column];
                        // The column's own mapping makes the parameter: value converters and provider types as EF would.
                        var parameter = property.GetRelationalTypeMapping()
                            .CreateParameter(command, $"@p{command.Parameters.Count}", property.PropertyInfo!.GetValue(chunk[row]), property.IsNullable);
                        command.Parameters.Add(parameter);
                        sql.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
                    }

                    sql.Append(')');
                }

                command.CommandText = sql.ToString();
                await command.ExecuteNonQueryAsync(ct);
            }

            if (own is not null) await own.CommitAsync(ct);
            foreach (var e in events)
            {
                if (e.CaseId is { } c) _casesListed.Add(c);
                if (e.PersonId is { } p) _peopleListed.Add(p);
            }
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Rows per INSERT: 10 parameters a row stays far inside SQLite's and PostgreSQL's parameter limits.</summary>
    private const int InsertRowsPerStatement = 250;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
