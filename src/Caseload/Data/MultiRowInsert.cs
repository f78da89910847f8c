using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caseload.Data;

/// <summary>
/// Many rows of one entity in multi-row INSERTs: one statement a row (as SaveChanges writes them on SQLite) would take most of
/// a large batch's time. The table, columns and parameters come from EF's model (value converters and provider types as EF
/// would make them); a key the database generates is left to it. The rows go in the caller's transaction when there is one,
/// else in one of their own: all of them or none.
/// </summary>
public static class MultiRowInsert
{
    /// <summary>Parameters per statement: far inside SQLite's (32,766) and PostgreSQL's (65,535) limits.</summary>
    private const int ParametersPerStatement = 1000;

    public static async Task InsertAsync<T>(CaseloadDb db, IReadOnlyCollection<T> rows, CancellationToken ct = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return;

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
        var columnList = string.Join(", ", columns.Select(p => $"\"{p.GetColumnName()}\""));
        var rowsPerStatement = Math.Max(1, ParametersPerStatement / columns.Count);

        await db.Database.OpenConnectionAsync(ct);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            foreach (var chunk in rows.Chunk(rowsPerStatement))
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
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
