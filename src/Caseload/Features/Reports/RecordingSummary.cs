using Caseload.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Reports;

// The recording report's counts kept by day, so a period is a sum of days rather than a pass over every note of it. One row a
// team (0 for none), service and UK day of the note's saving, for the cases that are not restricted (a restricted case is
// counted live, for those named on it). Written only by the database's own triggers (RecordingSummarySql), in the transaction
// that saves, moves or erases what they count; read by the report. No words of any note are kept but the late-entry reasons.

/// <summary>A row of the summary: its team (0 for none), service and UK day.</summary>
public interface IRecordingSummaryRow
{
    int TeamId { get; }

    string Service { get; }

    DateOnly Day { get; }
}

/// <summary>Note versions saved on a day: notes first written, late entries among them, versions saved, with findings, revised.</summary>
public sealed class RecordingDay : IRecordingSummaryRow
{
    public int TeamId { get; set; }
    public required string Service { get; set; }
    public DateOnly Day { get; set; }
    public int Notes { get; set; }
    public int Late { get; set; }
    public int Saved { get; set; }
    public int WithFindings { get; set; }
    public int Revised { get; set; }
}

/// <summary>Objectivity findings of one kind still in the versions saved on a day.</summary>
public sealed class RecordingFindingDay : IRecordingSummaryRow
{
    public int TeamId { get; set; }
    public required string Service { get; set; }
    public DateOnly Day { get; set; }
    public required string Category { get; set; }
    public int Count { get; set; }
}

/// <summary>Notes first written on a day, by the hours from the event to the note (<see cref="RecordingReportRules.HoursToRecord"/>).</summary>
public sealed class RecordingHourDay : IRecordingSummaryRow
{
    public int TeamId { get; set; }
    public required string Service { get; set; }
    public DateOnly Day { get; set; }
    public int Hours { get; set; }
    public int Notes { get; set; }
}

/// <summary>Late entries written on a day, by the reason given (as written; the report groups them).</summary>
public sealed class RecordingReasonDay : IRecordingSummaryRow
{
    public int TeamId { get; set; }
    public required string Service { get; set; }
    public DateOnly Day { get; set; }
    public required string Reason { get; set; }
    public int Notes { get; set; }
}

public sealed class RecordingSummaryConfiguration :
    IEntityTypeConfiguration<RecordingDay>, IEntityTypeConfiguration<RecordingFindingDay>, IEntityTypeConfiguration<RecordingHourDay>, IEntityTypeConfiguration<RecordingReasonDay>
{
    // Keyless and left out of the model's migrations: the tables, their keys and the triggers that fill them are the database's
    // own (RecordingSummarySql, migration RecordingSummary), and the app only reads them.
    public void Configure(EntityTypeBuilder<RecordingDay> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasNoKey().ToTable(RecordingSummarySql.Days, t => t.ExcludeFromMigrations());
    }

    public void Configure(EntityTypeBuilder<RecordingFindingDay> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasNoKey().ToTable(RecordingSummarySql.FindingDays, t => t.ExcludeFromMigrations());
    }

    public void Configure(EntityTypeBuilder<RecordingHourDay> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasNoKey().ToTable(RecordingSummarySql.HourDays, t => t.ExcludeFromMigrations());
    }

    public void Configure(EntityTypeBuilder<RecordingReasonDay> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasNoKey().ToTable(RecordingSummarySql.ReasonDays, t => t.ExcludeFromMigrations());
    }
}

/// <summary>
/// The recording summary's tables and triggers, for both databases (migration RecordingSummary). How it stays correct:
/// <list type="bullet">
/// <item>Every change is made by a trigger in the writing transaction, as an upsert that adds to a row
/// (<c>INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n</c>): concurrent writers of the same row queue on its lock (PostgreSQL)
/// or on the database's one writer (SQLite), and each adds its own amount, so no count is lost or counted twice, whatever the
/// interleaving, and a rolled-back save takes its counts with it.</item>
/// <item>A note version saved (AFTER INSERT) adds itself; its findings by kind add themselves when written with it. A case that
/// changes team, service or restriction moves its versions' counts from the old row to the new (or out, or in). The destruction of
/// a case at the end of retention (the one way a version or its findings is deleted) subtracts them first (BEFORE DELETE).</item>
/// <item>On PostgreSQL the triggers' functions run as the tables' owner and the app's role may only read these tables, so what
/// they hold is what the triggers wrote.</item>
/// <item><see cref="DifferencesAsync"/> recounts everything from the notes and compares, row by row: the tests use it after
/// every kind of change, and an operator can run it.</item>
/// </list>
/// </summary>
public static class RecordingSummarySql
{
    public const string Days = "RecordingDays";
    public const string FindingDays = "RecordingFindingDays";
    public const string HourDays = "RecordingHourDays";
    public const string ReasonDays = "RecordingReasonDays";

    public static IReadOnlyList<string> Tables => [Days, FindingDays, HourDays, ReasonDays];

    /// <summary>The tables, the counts of the notes already saved, then the triggers.</summary>
    public static IReadOnlyList<string> Up(bool postgres) => [.. CreateTables(postgres), .. Fill(postgres), .. CreateTriggers(postgres)];

    public static IReadOnlyList<string> Down(bool postgres) => [.. DropTriggers(postgres), .. Tables.Select(t => $"""DROP TABLE IF EXISTS "{t}";""")];

    /// <summary>Revokes writing the summary from the app's role: only the triggers (running as the owner) write it.</summary>
    public static string RevokeFromAppRole(string role) =>
        string.Concat(Tables.Select(t => $"REVOKE INSERT, UPDATE, DELETE ON \"{t}\" FROM {role};\n"));

    public static IReadOnlyList<string> CreateTables(bool postgres)
    {
        var (integer, text, day) = postgres ? ("integer", "character varying(50)", "date") : ("INTEGER", "TEXT", "TEXT");
        var key = $"""
            "TeamId" {integer} NOT NULL, "Service" {text} NOT NULL, "Day" {day} NOT NULL
            """;
        var without = postgres ? "" : " WITHOUT ROWID";
        return
        [
            $"""
            CREATE TABLE "{Days}" ({key}, "Notes" {integer} NOT NULL, "Late" {integer} NOT NULL, "Saved" {integer} NOT NULL,
                "WithFindings" {integer} NOT NULL, "Revised" {integer} NOT NULL, PRIMARY KEY ("TeamId", "Service", "Day")){without};
            """,
            $"""
            CREATE TABLE "{FindingDays}" ({key}, "Category" {(postgres ? "character varying(40)" : "TEXT")} NOT NULL, "Count" {integer} NOT NULL,
                PRIMARY KEY ("TeamId", "Service", "Day", "Category")){without};
            """,
            $"""
            CREATE TABLE "{HourDays}" ({key}, "Hours" {integer} NOT NULL, "Notes" {integer} NOT NULL,
                PRIMARY KEY ("TeamId", "Service", "Day", "Hours")){without};
            """,
            // A reason is up to 1,000 characters: PostgreSQL keys it by its hash (a b-tree entry has a size limit), SQLite by itself.
            postgres
                ? $"""
                  CREATE TABLE "{ReasonDays}" ({key}, "Reason" text NOT NULL, "ReasonHash" uuid GENERATED ALWAYS AS (md5("Reason")::uuid) STORED,
                      "Notes" integer NOT NULL, PRIMARY KEY ("TeamId", "Service", "Day", "ReasonHash"));
                  """
                : $"""
                  CREATE TABLE "{ReasonDays}" ({key}, "Reason" TEXT NOT NULL, "Notes" INTEGER NOT NULL,
                      PRIMARY KEY ("TeamId", "Service", "Day", "Reason")) WITHOUT ROWID;
                  """,
            // The whole authority over a period reads by day.
            $"""CREATE INDEX "IX_{Days}_Day" ON "{Days}" ("Day");""",
        ];
    }

    /// <summary>The UK day of an instant column, as each database stores a date.</summary>
    public static string UkDay(bool postgres, string instant)
    {
        if (postgres) return $"""({instant} AT TIME ZONE 'Europe/London')::date""";
        // SQLite keeps instants as UTC ticks and has no time zones: British Summer Time runs from 01:00 UTC on the last Sunday of
        // March to 01:00 UTC on the last Sunday of October (the rule since 1996; UkTime uses the system's zone data for the same).
        var s = $"(({instant} - 621355968000000000) / 10000000)";
        string Change(string month) => $"""(CAST(strftime('%s', strftime('%Y', {s}, 'unixepoch') || '-{month}-31', '-6 days', 'weekday 0') AS INTEGER) + 3600)""";
        return $"""date({s} + CASE WHEN {s} >= {Change("03")} AND {s} < {Change("10")} THEN 3600 ELSE 0 END, 'unixepoch')""";
    }

    /// <summary>
    /// Hours from the event to its note, counted up to the next whole hour (0 for a note written before the time it gives), and
    /// past two days up to the next whole day: <see cref="RecordingReportRules.HoursToRecord"/> in SQL.
    /// </summary>
    public static string HoursToRecord(bool postgres, string occurred, string recorded)
    {
        var hours = postgres
            ? $"CAST(CEIL(GREATEST(0, EXTRACT(EPOCH FROM {recorded}) - EXTRACT(EPOCH FROM {occurred})) / 3600) AS integer)"
            : $"((MAX(0, {recorded} - {occurred}) + 35999999999) / 36000000000)";
        return $"(CASE WHEN {hours} <= {RecordingReportRules.WholeHoursUpTo} THEN {hours} ELSE (({hours} + 23) / 24) * 24 END)";
    }

    /// <summary>A table's share of a change: its columns, its key, how a row adds to one already there, and the SELECT of the rows.</summary>
    private sealed record Part(string Table, string[] Columns, int KeyLength, string ConflictKey, string Select)
    {
        public string Upsert => $"""INSERT INTO "{Table}" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) {Select} ON CONFLICT ({ConflictKey}) DO UPDATE SET """
            + string.Join(", ", Columns.Skip(KeyLength).Select(c => $"\"{c}\" = \"{Table}\".\"{c}\" + excluded.\"{c}\"")) + ";";
    }

    private static string KeyOf(int length, string fourth) =>
        string.Join(", ", new[] { "\"TeamId\"", "\"Service\"", "\"Day\"", $"\"{fourth}\"" }.Take(length));

    /// <summary>
    /// The shares of the four tables in adding (sign 1) or subtracting (sign -1) the counts of the note versions
    /// <paramref name="versions"/> selects (a condition on <c>v</c>, joined to its case <c>c</c>), under the team and service given
    /// (expressions, by default the case's).
    /// </summary>
    private static List<Part> Parts(bool postgres, int sign, string versions, string? team = null, string? service = null, bool findings = true)
    {
        team ??= """COALESCE(c."TeamId", 0)""";
        service ??= "c.\"Service\"";
        var day = UkDay(postgres, "v.\"RecordedAt\"");
        var from = $"""FROM "CaseNoteVersions" v JOIN "Cases" c ON c."Id" = v."CaseId" WHERE {versions}""";
        string Sum(string condition) => $"{sign} * SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)";
        var parts = new List<Part>();
        parts.Add(new Part(Days, ["TeamId", "Service", "Day", "Notes", "Late", "Saved", "WithFindings", "Revised"], 3, KeyOf(3, ""),
            $"""
            SELECT {team}, {service}, {day}, {Sum("v.\"Number\" = 1")}, {Sum("v.\"Number\" = 1 AND v.\"IsLateEntry\"")}, {sign} * COUNT(*),
                   {Sum("v.\"FindingsAtSave\" > 0")}, {Sum("v.\"ObjectivityReview\" = 'Revised'")}
            {from} GROUP BY 1, 2, 3
            """));
        parts.Add(new Part(HourDays, ["TeamId", "Service", "Day", "Hours", "Notes"], 4, KeyOf(4, "Hours"),
            $"""
            SELECT {team}, {service}, {day}, {HoursToRecord(postgres, "v.\"OccurredAt\"", "v.\"RecordedAt\"")}, {sign} * COUNT(*)
            {from} AND v."Number" = 1 GROUP BY 1, 2, 3, 4
            """));
        parts.Add(new Part(ReasonDays, ["TeamId", "Service", "Day", "Reason", "Notes"], 4, KeyOf(4, postgres ? "ReasonHash" : "Reason"),
            $"""
            SELECT {team}, {service}, {day}, COALESCE(v."LateEntryReason", ''), {sign} * COUNT(*)
            {from} AND v."Number" = 1 AND v."IsLateEntry" GROUP BY 1, 2, 3, 4
            """));

        if (findings) parts.Add(FindingsPart(postgres, sign, versions, "TRUE", team, service));
        return parts;
    }

    /// <summary>The upserts of <see cref="Parts"/>.</summary>
    public static IReadOnlyList<string> Apply(bool postgres, int sign, string versions, string? team = null, string? service = null, bool findings = true) =>
        [.. Parts(postgres, sign, versions, team, service, findings).Select(p => p.Upsert)];

    private static Part FindingsPart(bool postgres, int sign, string versions, string counts, string team, string service) =>
        new(FindingDays, ["TeamId", "Service", "Day", "Category", "Count"], 4, KeyOf(4, "Category"),
            $"""
            SELECT {team}, {service}, {UkDay(postgres, "v.\"RecordedAt\"")}, f."Category", {sign} * SUM(f."Count")
            FROM "CaseNoteFindingCounts" f JOIN "CaseNoteVersions" v ON v."Id" = f."VersionId" JOIN "Cases" c ON c."Id" = v."CaseId"
            WHERE {versions} AND {counts} GROUP BY 1, 2, 3, 4
            """);

    private const string Unrestricted = "NOT c.\"Restricted\"";

    /// <summary>Counts every note of the cases that are not restricted, into empty tables (after a migration or a bulk load).</summary>
    public static IReadOnlyList<string> Fill(bool postgres) => Apply(postgres, 1, Unrestricted);

    /// <summary>Empties the tables and counts everything again (as the tables' owner: the app's role may not).</summary>
    public static IReadOnlyList<string> Refill(bool postgres) => [.. Tables.Select(t => $"""DELETE FROM "{t}";"""), .. Fill(postgres)];

    private static readonly string[] TriggerNames =
        ["recording_version_saved", "recording_version_erased", "recording_findings_saved", "recording_findings_erased", "recording_case_moved", "recording_case_erased"];

    public static IReadOnlyList<string> DropTriggers(bool postgres) => postgres
        ? [.. TriggerNames.Zip(TriggerTables).Select(p => $"""DROP TRIGGER IF EXISTS {p.First} ON "{p.Second}";"""),
           .. TriggerNames.Select(n => $"DROP FUNCTION IF EXISTS {n}();")]
        : [.. TriggerNames.Select(n => $"DROP TRIGGER IF EXISTS {n};")];

    private static readonly string[] TriggerTables = ["CaseNoteVersions", "CaseNoteVersions", "CaseNoteFindingCounts", "CaseNoteFindingCounts", "Cases", "Cases"];

    private static readonly string[] MovingColumns = ["TeamId", "Service", "Restricted"];

    private static string Moved(bool postgres)
    {
        var differs = postgres ? "IS DISTINCT FROM" : "IS NOT";
        return string.Join(" OR ", MovingColumns.Select(c => $"old.\"{c}\" {differs} new.\"{c}\""));
    }

    public static IReadOnlyList<string> CreateTriggers(bool postgres)
    {
        var oldKey = ("COALESCE(old.\"TeamId\", 0)", "old.\"Service\"");
        var newKey = ("COALESCE(new.\"TeamId\", 0)", "new.\"Service\"");
        var findingOf = "f.\"VersionId\" = {0}.\"VersionId\" AND f.\"Category\" = {0}.\"Category\"";
        // (name, table, timing and event, the statements)
        var triggers = new (string Name, string Table, string When, IReadOnlyList<string> Body)[]
        {
            ("recording_version_saved", "CaseNoteVersions", "AFTER INSERT", Apply(postgres, 1, "v.\"Id\" = new.\"Id\" AND NOT c.\"Restricted\"", findings: false)),
            // The destruction deletes a version's findings before the version (a foreign key keeps that order): each subtracts its own.
            ("recording_version_erased", "CaseNoteVersions", "BEFORE DELETE", Apply(postgres, -1, "v.\"Id\" = old.\"Id\" AND NOT c.\"Restricted\"", findings: false)),
            ("recording_findings_saved", "CaseNoteFindingCounts", "AFTER INSERT",
                [FindingsPart(postgres, 1, Unrestricted, string.Format(System.Globalization.CultureInfo.InvariantCulture, findingOf, "new"), "COALESCE(c.\"TeamId\", 0)", "c.\"Service\"").Upsert]),
            ("recording_findings_erased", "CaseNoteFindingCounts", "BEFORE DELETE",
                [FindingsPart(postgres, -1, Unrestricted, string.Format(System.Globalization.CultureInfo.InvariantCulture, findingOf, "old"), "COALESCE(c.\"TeamId\", 0)", "c.\"Service\"").Upsert]),
            // A case that changes team, service or restriction takes its counts with it: out of the old row unless it was restricted,
            // into the new one unless it is now.
            ("recording_case_moved", "Cases", "AFTER UPDATE",
                [.. Apply(postgres, -1, "v.\"CaseId\" = old.\"Id\" AND NOT old.\"Restricted\"", oldKey.Item1, oldKey.Item2),
                 .. Apply(postgres, 1, "v.\"CaseId\" = new.\"Id\" AND NOT new.\"Restricted\"", newKey.Item1, newKey.Item2)]),
            ("recording_case_erased", "Cases", "BEFORE DELETE", Apply(postgres, -1, "v.\"CaseId\" = old.\"Id\" AND NOT c.\"Restricted\"")),
        };

        if (!postgres)
        {
            return [.. triggers.Select(t => $"""
                CREATE TRIGGER {t.Name} {t.When}{(t.Name == "recording_case_moved" ? " OF \"TeamId\", \"Service\", \"Restricted\"" : "")} ON "{t.Table}"
                {(t.Name == "recording_case_moved" ? $"WHEN {Moved(false)}" : "")}
                BEGIN
                {string.Join("\n", t.Body)}
                END;
                """)];
        }

        return [.. triggers.Select(t => $$"""
            CREATE FUNCTION {{t.Name}}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            BEGIN
            {{string.Join("\n", t.Body)}}
            RETURN {{(t.When.StartsWith("BEFORE", StringComparison.Ordinal) ? "old" : "NULL")}};
            END $$;
            CREATE TRIGGER {{t.Name}} {{t.When}}{{(t.Name == "recording_case_moved" ? " OF \"TeamId\", \"Service\", \"Restricted\"" : "")}} ON "{{t.Table}}"
                FOR EACH ROW{{(t.Name == "recording_case_moved" ? $" WHEN ({Moved(true)})" : "")}} EXECUTE FUNCTION {{t.Name}}();
            """)];
    }

    /// <summary>
    /// Recounts everything from the notes and lists each row whose stored count differs ("table key: stored → counted"); empty
    /// when the summary is right. Reads every note and writes nothing: for tests and an operator's check, not for a page.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(CaseloadDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            // One snapshot for both readings, so a note saved meanwhile is in both or neither (or the caller's transaction).
            var current = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var own = current is not null ? null
                : connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var snapshot = current ?? own!;
            var differences = new List<string>();
            foreach (var part in Parts(postgres, 1, Unrestricted))
            {
                var columns = string.Join(", ", part.Columns.Select(c => $"\"{c}\""));
                var stored = await ReadAsync(snapshot, $"""SELECT {columns} FROM "{part.Table}" """, part.KeyLength, ct);
                var counted = await ReadAsync(snapshot, part.Select, part.KeyLength, ct);
                foreach (var key in stored.Keys.Union(counted.Keys).Order(StringComparer.Ordinal))
                {
                    var (a, b) = (stored.GetValueOrDefault(key, "none"), counted.GetValueOrDefault(key, "none"));
                    if (a != b) differences.Add($"{part.Table} {key}: {a} → {b}");
                }
            }

            return differences;
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Dictionary<string, string>> ReadAsync(System.Data.Common.DbTransaction snapshot, string sql, int keyLength, CancellationToken ct)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var cells = Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.GetValue(i) switch { DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), var o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? "" })
                .ToList();
            var values = cells.Skip(keyLength).ToList();
            // A row counted down to nothing is the same as no row.
            if (values.All(v => v == "0")) continue;
            rows[string.Join(" | ", cells.Take(keyLength))] = string.Join("/", values);
        }

        return rows;
    }
}
