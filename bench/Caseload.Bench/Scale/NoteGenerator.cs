using System.Diagnostics;
using Caseload.Data;
using Caseload.Features.Notes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Caseload.Bench.Scale;

/// <summary>
/// Case notes at scale over an existing synthetic authority, by bulk insert: one prepared INSERT per table in a
/// transaction per batch on SQLite (the full-text index rebuilt once at the end, its insert trigger dropped for the load),
/// binary COPY on PostgreSQL (the tsvector column is generated; the GIN index is built once at the end). Resumable: each batch commits whole, and a
/// later run carries on from the number of notes already there. Deterministic for a given scale.
/// </summary>
public static class NoteGenerator
{
    private const int Batch = 50_000;
    private static readonly DateTimeOffset Start = new(2023, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private sealed record CaseRow(Guid Id, string AuthorId, string AuthorName);

    public static async Task EnsureAsync(BenchDatabase database, int notes)
    {
        ArgumentNullException.ThrowIfNull(database);
        long existing;
        List<CaseRow> cases;
        await using (var db = database.CreateDb())
        {
            existing = await db.Set<CaseNote>().LongCountAsync();
            if (existing >= notes)
            {
                Console.WriteLine($"Notes: {existing:N0} already generated");
                // A run stopped after its last batch, before the full-text index was rebuilt: finish it now.
                if (database.Provider == DatabaseProvider.Sqlite && File.Exists(SqliteTriggerFile(database))) await FinishAsync(database);
                else if (!await RecordingSummaryKeptAsync(database)) await RecordingSummaryOnAsync(database);
                return;
            }

            if (existing % Batch != 0) throw new InvalidOperationException($"{existing} notes is not a whole number of batches: was the data changed by hand?");
            // Notes are written by whoever holds the case; a referral's notes by its team's supervisor.
            cases = await (from c in db.Cases.AsNoTracking()
                           join u in db.Users on c.AllocatedToId equals u.Id into allocated
                           from u in allocated.DefaultIfEmpty()
                           join t in db.Teams on c.TeamId equals t.Id
                           join s in db.Users on t.SupervisorId equals s.Id
                           orderby c.Id
                           select new CaseRow(c.Id, u != null ? u.Id : s.Id, u != null ? u.DisplayName : s.DisplayName)).ToListAsync();
        }

        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Notes: generating {notes - existing:N0} more ({existing:N0} already there) over {cases.Count:N0} cases, {database.Provider}");
        if (database.Provider == DatabaseProvider.Postgres) await DropSearchIndexAsync(database);
        else await DropSqliteSearchTriggerAsync(database);
        await RecordingSummaryOffAsync(database);
        for (var from = existing; from < notes; from += Batch)
        {
            var rows = Generate(cases, from, (int)Math.Min(Batch, notes - from), notes);
            if (database.Provider == DatabaseProvider.Sqlite) await InsertSqliteAsync(database, rows);
            else await CopyPostgresAsync(database, rows);
            var done = from + rows.Count;
            Console.WriteLine($"  {done:N0} notes, {clock.Elapsed.TotalSeconds:F0} s ({(done - existing) / clock.Elapsed.TotalSeconds:N0} a second)");
        }

        await FinishAsync(database);
        Console.WriteLine($"Notes: generated {notes - existing:N0} in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private sealed record NoteRow(long VersionId, Guid NoteId, Guid CaseId, string Type, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
        string AuthorId, string AuthorName, string Present, string WhatHappened, string WhatWasDone, string Outcome, bool Safeguarding, bool Late,
        ObjectivityReview Review);

    private static List<NoteRow> Generate(List<CaseRow> cases, long from, int count, int total)
    {
        var random = new Random(unchecked((int)(2026 + from / Batch)));
        var types = NoteTypes.Titles.Keys.ToArray();
        var span = (End - Start).Ticks;
        var rows = new List<NoteRow>(count);
        for (var i = 0; i < count; i++)
        {
            var n = from + i;
            // Notes are written in time order, so a newer note has a higher id, as in the running app.
            var recorded = Start.AddTicks(span / total * n);
            var late = random.NextDouble() < 0.05;
            var occurred = recorded.AddMinutes(-(late ? random.Next(25 * 60, 10 * 24 * 60) : random.Next(10, 20 * 60)));
            var @case = cases[random.Next(cases.Count)];
            var child = NoteText.Child(random);
            var (present, what, done, outcome) = NoteText.Note(random, child);
            var review = random.NextDouble() switch { < 0.85 => ObjectivityReview.NoFindings, < 0.95 => ObjectivityReview.Revised, _ => ObjectivityReview.Accepted };
            rows.Add(new NoteRow(n + 1, CreateVersion7(recorded, random), @case.Id, types[random.Next(types.Length)], occurred, recorded, @case.AuthorId,
                @case.AuthorName, present, what, done, outcome, random.NextDouble() < 0.03, late, review));
        }

        return rows;
    }

    private static Guid CreateVersion7(DateTimeOffset at, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var guid = Guid.CreateVersion7(at);
        // Keep the time-ordered prefix and version bits of a v7 id; the rest from the seeded random, so runs repeat.
        Span<byte> v7 = stackalloc byte[16];
        guid.TryWriteBytes(v7, bigEndian: true, out _);
        bytes[..7].CopyTo(v7[9..]);
        return new Guid(v7, bigEndian: true);
    }

    private static async Task InsertSqliteAsync(BenchDatabase database, List<NoteRow> rows)
    {
        await using var connection = new SqliteConnection(database.GeneratorConnectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000000;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var note = connection.CreateCommand();
        note.Transaction = tx;
        note.CommandText = """
            INSERT INTO "CaseNotes" ("Id", "CaseId", "Version", "RecordedAt", "AuthorId", "AuthorName") VALUES ($id, $case, 1, $recorded, $author, $name)
            """;
        var nId = note.Parameters.Add("$id", SqliteType.Text);
        var nCase = note.Parameters.Add("$case", SqliteType.Text);
        var nRecorded = note.Parameters.Add("$recorded", SqliteType.Integer);
        var nAuthor = note.Parameters.Add("$author", SqliteType.Text);
        var nName = note.Parameters.Add("$name", SqliteType.Text);
        note.Prepare();

        await using var version = connection.CreateCommand();
        version.Transaction = tx;
        version.CommandText = """
            INSERT INTO "CaseNoteVersions" ("Id", "NoteId", "CaseId", "Number", "IsCurrent", "Type", "OccurredAt", "RecordedAt", "AuthorId", "AuthorName",
                "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome", "SafeguardingConcern", "ConfidentialityExplained",
                "IsLateEntry", "LateEntryReason", "AmendmentReason", "FindingsShown", "FindingsAtSave", "ObjectivityReview")
            VALUES ($vid, $note, $case, 1, 1, $type, $occurred, $recorded, $author, $name, $present, $what, $done, NULL, $outcome, $safeguarding, 0,
                $late, $lateReason, NULL, $shown, $atSave, $review)
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var (name, type) in new[] { ("$vid", SqliteType.Integer), ("$note", SqliteType.Text), ("$case", SqliteType.Text), ("$type", SqliteType.Text),
                     ("$occurred", SqliteType.Integer), ("$recorded", SqliteType.Integer), ("$author", SqliteType.Text), ("$name", SqliteType.Text),
                     ("$present", SqliteType.Text), ("$what", SqliteType.Text), ("$done", SqliteType.Text), ("$outcome", SqliteType.Text),
                     ("$safeguarding", SqliteType.Integer), ("$late", SqliteType.Integer), ("$lateReason", SqliteType.Text), ("$shown", SqliteType.Integer),
                     ("$atSave", SqliteType.Integer), ("$review", SqliteType.Text) })
        {
            p[name] = version.Parameters.Add(name, type);
        }

        version.Prepare();
        foreach (var r in rows)
        {
            // As EF stores them on SQLite: ids as upper-case text, instants as UTC ticks.
            var noteId = r.NoteId.ToString().ToUpperInvariant();
            var caseId = r.CaseId.ToString().ToUpperInvariant();
            nId.Value = noteId;
            nCase.Value = caseId;
            nRecorded.Value = r.RecordedAt.UtcTicks;
            nAuthor.Value = r.AuthorId;
            nName.Value = r.AuthorName;
            await note.ExecuteNonQueryAsync();

            p["$vid"].Value = r.VersionId;
            p["$note"].Value = noteId;
            p["$case"].Value = caseId;
            p["$type"].Value = r.Type;
            p["$occurred"].Value = r.OccurredAt.UtcTicks;
            p["$recorded"].Value = r.RecordedAt.UtcTicks;
            p["$author"].Value = r.AuthorId;
            p["$name"].Value = r.AuthorName;
            p["$present"].Value = r.Present;
            p["$what"].Value = r.WhatHappened;
            p["$done"].Value = r.WhatWasDone;
            p["$outcome"].Value = r.Outcome;
            p["$safeguarding"].Value = r.Safeguarding ? 1 : 0;
            p["$late"].Value = r.Late ? 1 : 0;
            p["$lateReason"].Value = r.Late ? "Recorded from handwritten notes after a day in court" : DBNull.Value;
            p["$shown"].Value = r.Review == ObjectivityReview.NoFindings ? 0 : 2;
            p["$atSave"].Value = r.Review == ObjectivityReview.Accepted ? 1 : 0;
            p["$review"].Value = r.Review.ToString();
            await version.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private static async Task CopyPostgresAsync(BenchDatabase database, List<NoteRow> rows)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var notes = await connection.BeginBinaryImportAsync(
                         """COPY "CaseNotes" ("Id", "CaseId", "Version", "RecordedAt", "AuthorId", "AuthorName") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var r in rows)
            {
                await notes.StartRowAsync();
                await notes.WriteAsync(r.NoteId, NpgsqlDbType.Uuid);
                await notes.WriteAsync(r.CaseId, NpgsqlDbType.Uuid);
                await notes.WriteAsync(1, NpgsqlDbType.Integer);
                await notes.WriteAsync(r.RecordedAt, NpgsqlDbType.TimestampTz);
                await notes.WriteAsync(r.AuthorId, NpgsqlDbType.Text);
                await notes.WriteAsync(r.AuthorName, NpgsqlDbType.Text);
            }

            await notes.CompleteAsync();
        }

        await using (var versions = await connection.BeginBinaryImportAsync("""
                         COPY "CaseNoteVersions" ("Id", "NoteId", "CaseId", "Number", "IsCurrent", "Type", "OccurredAt", "RecordedAt", "AuthorId", "AuthorName",
                             "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "Outcome", "SafeguardingConcern", "ConfidentialityExplained",
                             "IsLateEntry", "LateEntryReason", "FindingsShown", "FindingsAtSave", "ObjectivityReview") FROM STDIN (FORMAT BINARY)
                         """))
        {
            foreach (var r in rows)
            {
                await versions.StartRowAsync();
                await versions.WriteAsync(r.VersionId, NpgsqlDbType.Bigint);
                await versions.WriteAsync(r.NoteId, NpgsqlDbType.Uuid);
                await versions.WriteAsync(r.CaseId, NpgsqlDbType.Uuid);
                await versions.WriteAsync(1, NpgsqlDbType.Integer);
                await versions.WriteAsync(true, NpgsqlDbType.Boolean);
                await versions.WriteAsync(r.Type, NpgsqlDbType.Text);
                await versions.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz);
                await versions.WriteAsync(r.RecordedAt, NpgsqlDbType.TimestampTz);
                await versions.WriteAsync(r.AuthorId, NpgsqlDbType.Text);
                await versions.WriteAsync(r.AuthorName, NpgsqlDbType.Text);
                await versions.WriteAsync(r.Present, NpgsqlDbType.Text);
                await versions.WriteAsync(r.WhatHappened, NpgsqlDbType.Text);
                await versions.WriteAsync(r.WhatWasDone, NpgsqlDbType.Text);
                await versions.WriteAsync(r.Outcome, NpgsqlDbType.Text);
                await versions.WriteAsync(r.Safeguarding, NpgsqlDbType.Boolean);
                await versions.WriteAsync(false, NpgsqlDbType.Boolean);
                await versions.WriteAsync(r.Late, NpgsqlDbType.Boolean);
                if (r.Late) await versions.WriteAsync("Recorded from handwritten notes after a day in court", NpgsqlDbType.Text);
                else await versions.WriteNullAsync();
                await versions.WriteAsync(r.Review == ObjectivityReview.NoFindings ? 0 : 2, NpgsqlDbType.Integer);
                await versions.WriteAsync(r.Review == ObjectivityReview.Accepted ? 1 : 0, NpgsqlDbType.Integer);
                await versions.WriteAsync(r.Review.ToString(), NpgsqlDbType.Text);
            }

            await versions.CompleteAsync();
        }

        await tx.CommitAsync();
    }

    // A GIN index is much faster built once than kept up to date through millions of rows.
    private static async Task DropSearchIndexAsync(BenchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("""DROP INDEX IF EXISTS "IX_CaseNoteVersions_SearchVector" """, connection);
        await drop.ExecuteNonQueryAsync();
    }

    private const string SqliteSearchTrigger = "CaseNoteVersions_search_insert";

    /// <summary>Where the full-text trigger's definition waits while it is dropped, so that a run stopped half-way can put it back.</summary>
    private static string SqliteTriggerFile(BenchDatabase database) =>
        new SqliteConnectionStringBuilder(database.GeneratorConnectionString).DataSource + ".search-trigger.sql";

    /// <summary>
    /// Like the GIN index: the full-text index of millions of notes is much faster rebuilt once from its content than kept up to
    /// date a note at a time through its insert trigger, so the trigger is dropped for the load and put back after the rebuild.
    /// </summary>
    private static async Task DropSqliteSearchTriggerAsync(BenchDatabase database)
    {
        await using var connection = new SqliteConnection(database.GeneratorConnectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = $name";
        read.Parameters.AddWithValue("$name", SqliteSearchTrigger);
        if (await read.ExecuteScalarAsync() is not string sql) return;
        await File.WriteAllTextAsync(SqliteTriggerFile(database), sql);
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP TRIGGER \"{SqliteSearchTrigger}\"";
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task FinishAsync(BenchDatabase database)
    {
        var clock = Stopwatch.StartNew();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            foreach (var sql in new[]
                     {
                         "SET maintenance_work_mem = '1GB'",
                         LastContact.RefreshAllSql(sqlite: false),
                         """CREATE INDEX IF NOT EXISTS "IX_CaseNoteVersions_SearchVector" ON "CaseNoteVersions" USING GIN ("SearchVector") WHERE "IsCurrent" """,
                         """SELECT setval(pg_get_serial_sequence('"CaseNoteVersions"', 'Id'), (SELECT max("Id") FROM "CaseNoteVersions"))""",
                         "VACUUM ANALYZE",
                     })
            {
                await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync();
            }
        }
        else
        {
            await using var connection = new SqliteConnection(database.GeneratorConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandTimeout = 0;
            // Notes written in bulk bypass the note service: give the cases their last contact as it would have.
            // The index rebuilt from its content whole (one segment, as a long-running database's automerge would leave it),
            // then the insert trigger put back for the app's own notes.
            var trigger = SqliteTriggerFile(database);
            command.CommandText = LastContact.RefreshAllSql(sqlite: true)
                + """PRAGMA cache_size=-2000000; INSERT INTO "CaseNoteSearch"("CaseNoteSearch") VALUES ('rebuild'); """
                + (File.Exists(trigger) ? await File.ReadAllTextAsync(trigger) + ";" : "")
                + """ ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);""";
            await command.ExecuteNonQueryAsync();
            File.Delete(trigger);
        }

        Console.WriteLine($"  index finished in {clock.Elapsed.TotalSeconds:F0} s");
        await RecordingSummaryOnAsync(database);
    }

    /// <summary>
    /// The recording report's summary is kept a note at a time by triggers (<see cref="Caseload.Features.Reports.RecordingSummarySql"/>);
    /// for a bulk load they are dropped, and the summary counted afresh once at the end, as the migration does, with the triggers
    /// put back. A run stopped in between is finished by the next.
    /// </summary>
    public static async Task RecordingSummaryOffAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        foreach (var sql in Caseload.Features.Reports.RecordingSummarySql.DropTriggers(database.Provider == DatabaseProvider.Postgres)) await db.Database.ExecuteSqlRawAsync(sql);
    }

    public static async Task RecordingSummaryOnAsync(BenchDatabase database)
    {
        var clock = Stopwatch.StartNew();
        var postgres = database.Provider == DatabaseProvider.Postgres;
        await using var db = database.CreateDb();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var sql in Caseload.Features.Reports.RecordingSummarySql.DropTriggers(postgres)) await db.Database.ExecuteSqlRawAsync(sql);
        foreach (var sql in Caseload.Features.Reports.RecordingSummarySql.Refill(postgres)) await db.Database.ExecuteSqlRawAsync(sql);
        foreach (var sql in Caseload.Features.Reports.RecordingSummarySql.CreateTriggers(postgres)) await db.Database.ExecuteSqlRawAsync(sql);
        await transaction.CommitAsync();
        Console.WriteLine($"  recording summary counted afresh in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<bool> RecordingSummaryKeptAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        var sql = database.Provider == DatabaseProvider.Postgres
            ? "SELECT COUNT(*)::int AS \"Value\" FROM pg_trigger WHERE tgname = 'recording_version_saved'"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = 'recording_version_saved'";
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync() > 0;
    }
}
