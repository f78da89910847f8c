using System.Reflection;
using Caseload.Data;
using Caseload.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>One field of an item: its name, its value as held, and why it is marked as third-party information (or null).</summary>
public sealed record BundleField(string Name, object? Value, string? Mark);

/// <summary>One thing Caseload holds (a row), known by its table and key ("CaseNoteVersions/42"), which redactions name.</summary>
public sealed record BundleItem(string Key, string Table, IReadOnlyList<BundleField> Fields, string? Mark);

public sealed record BundleSection(string Table, string Title, IReadOnlyList<BundleItem> Items);

/// <summary>An audit event about the person or one of their cases: who viewed or changed their records, and when.</summary>
public sealed record BundleViewer(long EventId, DateTimeOffset At, string UserName, string Action, Guid? CaseId, bool BreakGlass)
{
    public string Key => $"{SubjectAccessGathering.AuditTable}/{EventId}";
}

public sealed record GatheredRecords(Guid PersonId, IReadOnlyList<BundleSection> Sections, IReadOnlyList<BundleViewer> Viewers, bool ViewersCut)
{
    public IEnumerable<BundleItem> Items => Sections.SelectMany(s => s.Items);
}

/// <summary>
/// Gathers everything Caseload holds about a person. What that is, is read from the model, not listed by hand (as
/// <c>CaseErasure</c> does for destruction): the person's row and every row that depends on it, or on anything of it, through a
/// foreign key, required or optional (their cases and, from those, notes with every version, deadlines, reviews, supervision
/// decisions, plans, referrals, shares, consents, feedback, linked reflections, tasks…). A table a later feature adds with a key
/// to a case is gathered too. Then, from the audit trail (which has no foreign keys), every event about the person or their
/// cases, and every list that showed one of their cases: who viewed their records.
/// </summary>
public static class SubjectAccessGathering
{
    public const string AuditTable = "AuditEvents";

    /// <summary>The audit trail of a person seen for decades can be long: the newest events up to this many are listed.</summary>
    public const int MaxViewers = 20_000;

    private static readonly MethodInfo LoadMethod = typeof(SubjectAccessGathering).GetMethod(nameof(LoadAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Every table gathered and the condition (on the person's id, parameter {0}) that finds its rows.</summary>
    public static IReadOnlyDictionary<IEntityType, string> Plan(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var person = model.FindEntityType(typeof(Person))!;
        var wheres = new Dictionary<IEntityType, List<string>> { [person] = ["\"Id\" = {0}"] };
        Visit(model, person, "\"Id\" = {0}", wheres, [person]);
        return wheres.ToDictionary(w => w.Key, w => string.Join(" OR ", w.Value.Distinct(StringComparer.Ordinal).Select(c => $"({c})")));
    }

    private static void Visit(IModel model, IEntityType principal, string principalWhere, Dictionary<IEntityType, List<string>> wheres, HashSet<IEntityType> path)
    {
        var principalTable = principal.GetTableName();
        foreach (var fk in model.GetEntityTypes().SelectMany(e => e.GetDeclaredForeignKeys()).Where(fk => fk.PrincipalEntityType == principal))
        {
            var dependent = fk.DeclaringEntityType;
            var table = dependent.GetTableName();
            if (table is null || table == principalTable || path.Contains(dependent) || fk.Properties.Count != 1 || fk.PrincipalKey.Properties.Count != 1) continue;
            var ns = dependent.ClrType.Namespace ?? "";
            if (ns.StartsWith("Caseload.Platform.Audit", StringComparison.Ordinal) || ns == typeof(SubjectAccessRequest).Namespace) continue;
            var column = fk.Properties[0].GetColumnName();
            var where = $"\"{column}\" IN (SELECT \"{fk.PrincipalKey.Properties[0].GetColumnName()}\" FROM \"{principalTable}\" WHERE {principalWhere})";
            if (!wheres.TryGetValue(dependent, out var list)) wheres[dependent] = list = [];
            list.Add(where);
            path.Add(dependent);
            Visit(model, dependent, where, wheres, path);
            path.Remove(dependent);
        }
    }

    public static async Task<GatheredRecords> GatherAsync(CaseloadDb db, Guid personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sections = new List<BundleSection>();
        // Table and column names come from the model, never from input; the one value is a parameter.
        foreach (var (type, where) in Plan(db.Model).OrderBy(p => SubjectAccessBundleRules.Order(p.Key.GetTableName()!)).ThenBy(p => p.Key.GetTableName(), StringComparer.Ordinal))
        {
            var table = type.GetTableName()!;
            var sql = $"SELECT * FROM \"{table}\" WHERE {where}";
            var rows = await (Task<List<object>>)LoadMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, sql, personId, ct])!;
            if (rows.Count == 0) continue;
            var key = type.FindPrimaryKey()!.Properties;
            var shown = type.GetProperties().Where(p => p.PropertyInfo is not null && SubjectAccessBundleRules.Shows(p.Name)).ToList();
            var items = rows
                .Select(row => new BundleItem(
                    $"{table}/{string.Join(",", key.Select(k => Convert.ToString(k.PropertyInfo!.GetValue(row), System.Globalization.CultureInfo.InvariantCulture)))}",
                    table,
                    shown.Select(p => new BundleField(p.Name, p.PropertyInfo!.GetValue(row), SubjectAccessBundleRules.FieldMark(table, p.Name))).ToList(),
                    SubjectAccessBundleRules.ItemMark(table)))
                .OrderBy(i => i.Key, StringComparer.Ordinal)
                .ToList();
            sections.Add(new BundleSection(table, SubjectAccessBundleRules.Title(table), items));
        }

        var caseIds = await db.Cases.Where(c => c.PersonId == personId).Select(c => c.Id).ToListAsync(ct);
        var listed = db.AuditEventCases.Where(c => caseIds.Contains(c.CaseId)).Select(c => c.AuditEventId);
        var viewers = await db.AuditEvents.AsNoTracking()
            .Where(e => e.PersonId == personId || (e.CaseId != null && caseIds.Contains(e.CaseId.Value)) || listed.Contains(e.Id))
            .OrderByDescending(e => e.Id).Take(MaxViewers + 1)
            .Select(e => new BundleViewer(e.Id, e.At, e.UserName, e.Action, e.CaseId, e.BreakGlass))
            .ToListAsync(ct);
        var cut = viewers.Count > MaxViewers;
        if (cut) viewers.RemoveAt(MaxViewers);
        viewers.Reverse();
        return new GatheredRecords(personId, sections, viewers, cut);
    }

    private static async Task<List<object>> LoadAsync<T>(CaseloadDb db, string sql, Guid id, CancellationToken ct)
        where T : class =>
        (await db.Set<T>().FromSqlRaw(sql, id).AsNoTracking().ToListAsync(ct)).Cast<object>().ToList();
}
