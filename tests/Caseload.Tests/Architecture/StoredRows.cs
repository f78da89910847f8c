using System.Data.Common;
using System.Globalization;
using System.Text;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Architecture;

/// <summary>
/// What the database holds about some records: every row of every mapped table that names one of their ids (a Guid column
/// or a string column ending in "Id"), read with plain SQL in one round trip. New tables join by construction. The audit
/// trail (its events and the cases its list views showed) is left out: reads are audited, so it is checked separately
/// for write events.
/// </summary>
public sealed class StoredRows
{
    private readonly CaseloadApp _app;
    private readonly string _sql;

    public StoredRows(CaseloadApp app, IEnumerable<Guid> guids, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(app);
        _app = app;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var guidList = string.Join(", ", guids.Distinct().SelectMany(g => new[] { g.ToString(), g.ToString().ToUpperInvariant() }).Select(v => $"'{v}'"));
        var keyList = string.Join(", ", keys.Distinct(StringComparer.Ordinal).Select(k => $"'{k.Replace("'", "''", StringComparison.Ordinal)}'"));
        var statements = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.ClrType != typeof(AuditEvent) && e.ClrType != typeof(AuditEventCase)))
        {
            var table = entity.GetTableName();
            if (table is null || !seen.Add(table)) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var conditions = new List<string>();
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store);
                if (column is null) continue;
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(Guid) && guidList.Length > 0) conditions.Add($"\"{column}\" IN ({guidList})");
                else if (type == typeof(string) && column.EndsWith("Id", StringComparison.Ordinal) && keyList.Length > 0) conditions.Add($"\"{column}\" IN ({keyList})");
            }

            if (conditions.Count == 0) continue;
            statements.Add($"SELECT '{table}', * FROM \"{table}\" WHERE {string.Join(" OR ", conditions)}");
        }

        _sql = string.Join(";\n", statements);
    }

    /// <summary>The rows as sorted lines "table|value|value…"; equal snapshots mean nothing about the records changed.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            do
            {
                while (await reader.ReadAsync()) rows.Add(Line(reader));
            }
            while (await reader.NextResultAsync());

            rows.Sort(StringComparer.Ordinal);
            return rows;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>The lines that differ between two snapshots, shortened for a failure message.</summary>
    public static string Difference(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var gone = before.Except(after, StringComparer.Ordinal).Select(l => "- " + Short(l));
        var added = after.Except(before, StringComparer.Ordinal).Select(l => "+ " + Short(l));
        return string.Join("\n      ", gone.Concat(added).Take(6));
    }

    private static string Short(string line) => line.Length <= 300 ? line : line[..300] + "…";

    private static string Line(DbDataReader reader)
    {
        var line = new StringBuilder();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (i > 0) line.Append('|');
            var value = reader.GetValue(i);
            line.Append(value switch
            {
                DBNull => "∅",
                byte[] bytes => Convert.ToHexString(bytes),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }

        return line.ToString();
    }

    /// <summary>Audit events after <paramref name="afterId"/> by these users that record a write (reads are *.viewed, *.listed, *.searched).</summary>
    public static async Task<(long LastId, IReadOnlyList<string> Writes)> AuditedWritesAsync(CaseloadApp app, IReadOnlyCollection<string> userIds, long afterId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var last = Math.Max(afterId, await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0);
        var events = await app.WithDbAsync(db => db.AuditEvents
            .Where(e => e.Id > afterId && e.Id <= last && e.UserId != null && userIds.Contains(e.UserId))
            .Select(e => new { e.Id, e.Action, e.Route })
            .ToListAsync());
        var writes = events.Where(e => !IsRead(e.Action)).Select(e => $"{e.Action} ({e.Route})").ToList();
        return (last, writes);
    }

    private static bool IsRead(string action) =>
        action.EndsWith(".viewed", StringComparison.Ordinal) || action.EndsWith(".listed", StringComparison.Ordinal) ||
        action.EndsWith(".searched", StringComparison.Ordinal) || action is AuditActions.SignedIn or AuditActions.TokenIssued;
}
