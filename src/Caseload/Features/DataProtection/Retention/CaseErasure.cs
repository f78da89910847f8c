using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>One statement of an erasure: the rows of a table whose link column holds one of the parent's keys.</summary>
public sealed record ErasureStep(string Table, string Column, string ParentKeys, bool SetNull)
{
    public string Where => $"\"{Column}\" IN ({ParentKeys})";
}

/// <summary>
/// Deletes a case, or a person, and everything that belongs to it. What belongs to it is read from the model, not listed by
/// hand, so a table a later feature adds with a foreign key to a case (or to anything of a case) is erased too: every
/// entity that depends on the root through a required or cascading key is deleted, deepest first; one that only points at it
/// through an optional key loses the pointer (a practitioner's reflection about the case stays theirs, unlinked). The audit trail has no foreign keys and is never touched. Rows of the
/// append-only tables go through <see cref="RetentionErasureSql"/>'s narrow way, inside the caller's transaction, which must
/// already hold the destruction's mark (<see cref="RetentionErasure"/>).
/// </summary>
public static class CaseErasure
{
    /// <summary>The statements that erase the root's dependents, deepest first; the root row itself is the caller's last step.</summary>
    public static IReadOnlyList<ErasureStep> Plan(IModel model, Type root)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rootType = model.FindEntityType(root) ?? throw new ArgumentException($"{root.Name} is not in the model", nameof(root));
        var steps = new List<ErasureStep>();
        var key = rootType.FindPrimaryKey()!.Properties.Single().GetColumnName();
        Visit(model, rootType, $"\"{key}\" = {{0}}", steps, [rootType]);
        return steps;
    }

    // A principal's rows are its table and a condition on it; a dependent's rows are those whose key column holds one of them.
    private static void Visit(IModel model, IEntityType principal, string principalWhere, List<ErasureStep> steps, HashSet<IEntityType> path)
    {
        var principalTable = principal.GetTableName();
        foreach (var fk in model.GetEntityTypes().SelectMany(e => e.GetDeclaredForeignKeys()).Where(fk => fk.PrincipalEntityType == principal))
        {
            var dependent = fk.DeclaringEntityType;
            var table = dependent.GetTableName();
            if (table is null || table == principalTable || path.Contains(dependent) || fk.Properties.Count != 1 || fk.PrincipalKey.Properties.Count != 1) continue;
            if (dependent.ClrType.Namespace?.StartsWith("Caseload.Platform.Audit", StringComparison.Ordinal) == true) continue;
            var column = fk.Properties[0].GetColumnName();
            var parentKeys = $"SELECT \"{fk.PrincipalKey.Properties[0].GetColumnName()}\" FROM \"{principalTable}\" WHERE {principalWhere}";
            // An optional pointer loses its target, except in an append-only table, whose rows never change: a row there that
            // points at what is destroyed (a logged share of the case's referral) is part of it and goes too.
            if (!fk.IsRequired && fk.DeleteBehavior is not DeleteBehavior.Cascade && !RetentionErasureSql.AppendOnlyTables.Contains(table, StringComparer.Ordinal))
            {
                steps.Add(new ErasureStep(table, column, parentKeys, SetNull: true));
                continue;
            }

            path.Add(dependent);
            Visit(model, dependent, $"\"{column}\" IN ({parentKeys})", steps, path);
            path.Remove(dependent);
            steps.Add(new ErasureStep(table, column, parentKeys, SetNull: false));
        }
    }

    /// <summary>Erases a case and everything of it; the caller's transaction holds the destruction's mark.</summary>
    public static Task<int> EraseCaseAsync(CaseloadDb db, Guid caseId, CancellationToken ct) => EraseAsync(db, typeof(Case), caseId, ct);

    /// <summary>Erases a person and everything of them (their characteristics, consents…), once no case holds them.</summary>
    public static Task<int> ErasePersonAsync(CaseloadDb db, Guid personId, CancellationToken ct) => EraseAsync(db, typeof(Person), personId, ct);

    private static async Task<int> EraseAsync(CaseloadDb db, Type root, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("An erasure runs inside the destruction's transaction.");
        var postgres = db.Database.IsNpgsql();
        var appendOnly = RetentionErasureSql.AppendOnlyTables.ToHashSet(StringComparer.Ordinal);
        var erased = 0;
        // Table and column names come from the model, never from input; the one value is a parameter.
        foreach (var step in Plan(db.Model, root))
        {
            if (step.SetNull)
            {
                var sql = $"UPDATE \"{step.Table}\" SET \"{step.Column}\" = NULL WHERE {step.Where}";
                erased += await db.Database.ExecuteSqlRawAsync(sql, [id], ct);
            }
            else if (postgres && appendOnly.Contains(step.Table))
            {
                // The app's role may not delete these rows itself: the owner's function does, by value, while the mark exists.
                var sql = $"SELECT retention_erase_rows('{step.Table}', '{step.Column}', ARRAY(SELECT parent.k::text FROM ({step.ParentKeys}) AS parent(k))) AS \"Value\"";
                erased += await db.Database.SqlQueryRaw<int>(sql, id).SingleAsync(ct);
            }
            else
            {
                var sql = $"DELETE FROM \"{step.Table}\" WHERE {step.Where}";
                erased += await db.Database.ExecuteSqlRawAsync(sql, [id], ct);
            }
        }

        var rootSql = $"DELETE FROM \"{db.Model.FindEntityType(root)!.GetTableName()}\" WHERE \"Id\" = {{0}}";
        erased += await db.Database.ExecuteSqlRawAsync(rootSql, [id], ct);
        return erased;
    }
}
