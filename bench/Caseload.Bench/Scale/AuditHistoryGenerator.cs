using System.Diagnostics;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Caseload.Bench.Scale;

/// <summary>
/// Months of an authority's audit trail before the benchmark's day, in the shape the app now writes it: every practitioner
/// opens their worklist several times a working day (one event, its open cases in AuditEventCases), every supervisor their
/// team's worklist once, and every practitioner reads several of their cases one by one (an event per read, as detail reads
/// are recorded). By bulk insert: prepared statements in a transaction per day on SQLite, binary COPY on PostgreSQL.
/// Made once per database (a trail is never rewritten); deterministic for a given scale.
/// </summary>
public static class AuditHistoryGenerator
{
    public sealed record Volume(long ListViews, long CasesShown, long CaseReads);

    private sealed record Practitioner(string Id, string UserName, Guid[] Cases, Guid[] People);

    private sealed record Row(long Id, DateTimeOffset At, string UserId, string UserName, string Action, string EntityType, Guid? CaseId, Guid? PersonId,
        string Route, string Ip, Guid[] Shown);

    public static async Task<Volume> EnsureAsync(BenchDatabase database, int months, int viewsPerDay, int readsPerDay)
    {
        ArgumentNullException.ThrowIfNull(database);
        var start = UkTime.StartOfDay(AuditViewBenchmark.Today);
        await using (var db = database.CreateDb())
        {
            if (await db.AuditEvents.AnyAsync(e => e.At < start))
            {
                var volume = new Volume(
                    await db.AuditEvents.LongCountAsync(e => e.At < start && e.EntityType == AuditTrail.ListEntityType),
                    await db.AuditEventCases.LongCountAsync(),
                    await db.AuditEvents.LongCountAsync(e => e.At < start && e.EntityType == "case"));
                Console.WriteLine($"Audit history: already there ({volume.ListViews:N0} list views showing {volume.CasesShown:N0} cases, {volume.CaseReads:N0} case reads)");
                return volume;
            }
        }

        List<Practitioner> practitioners;
        List<(string Id, string UserName, Guid[] Cases)> supervisors;
        long nextId;
        await using (var db = database.CreateDb())
        {
            var open = await db.Cases.AsNoTracking().Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
                .Select(c => new { c.Id, c.PersonId, c.AllocatedToId, c.TeamId }).ToListAsync();
            var byPractitioner = open.ToLookup(c => c.AllocatedToId!);
            practitioners = (await db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("practitioner.")).OrderBy(u => u.UserName)
                    .Select(u => new { u.Id, u.UserName }).ToListAsync())
                .Select(u => new Practitioner(u.Id, u.UserName!, byPractitioner[u.Id].OrderBy(c => c.Id).Select(c => c.Id).ToArray(),
                    byPractitioner[u.Id].OrderBy(c => c.Id).Select(c => c.PersonId).ToArray()))
                .ToList();
            var byTeam = open.ToLookup(c => c.TeamId);
            supervisors = (await db.Teams.AsNoTracking().Where(t => t.SupervisorId != null).OrderBy(t => t.Id)
                    .Select(t => new { t.Id, t.SupervisorId, t.Supervisor!.UserName }).ToListAsync())
                .Select(t => (t.SupervisorId!, t.UserName!, byTeam[t.Id].OrderBy(c => c.Id).Select(c => c.Id).ToArray()))
                .ToList();
            nextId = (await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0) + 1;
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(2027);
        // One SQLite connection throughout: its page cache holds the indexes' hot pages from one day to the next.
        await using var sqlite = database.Provider == DatabaseProvider.Sqlite ? new SqliteConnection(database.GeneratorConnectionString) : null;
        if (sqlite is not null)
        {
            await sqlite.OpenAsync();
            await using var pragma = sqlite.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;";
            await pragma.ExecuteNonQueryAsync();
        }

        long views = 0, shown = 0, reads = 0;
        var days = 0;
        Console.WriteLine($"Audit history: generating {months} months of list views ({viewsPerDay} a practitioner a working day, one a supervisor) and {readsPerDay} case reads a practitioner a day, {database.Provider}");
        for (var day = AuditViewBenchmark.Today.AddMonths(-months); day < AuditViewBenchmark.Today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var morning = UkTime.StartOfDay(day).AddHours(8);
            DateTimeOffset Sometime() => morning.AddSeconds(random.Next(10 * 60 * 60));
            var rows = new List<Row>();
            foreach (var p in practitioners)
            {
                var ip = $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
                for (var v = 0; v < viewsPerDay; v++)
                {
                    rows.Add(new Row(0, Sometime(), p.Id, p.UserName, AuditActions.WorklistViewed, AuditTrail.ListEntityType, null, null,
                        v % 2 == 0 ? "GET /Worklist" : "GET /api/v1/worklist", ip, p.Cases));
                }

                for (var r = 0; r < readsPerDay && p.Cases.Length > 0; r++)
                {
                    var i = random.Next(p.Cases.Length);
                    rows.Add(new Row(0, Sometime(), p.Id, p.UserName, AuditActions.CaseViewed, "case", p.Cases[i], p.People[i], $"GET /Cases/{p.Cases[i]}", ip, []));
                }
            }

            foreach (var (id, userName, cases) in supervisors)
            {
                rows.Add(new Row(0, Sometime(), id, userName, AuditActions.WorklistViewed, AuditTrail.ListEntityType, null, null,
                    "GET /Worklist?UserName=team", $"10.0.0.{random.Next(1, 255)}", cases));
            }

            // Ids in time order, as the running app gives them.
            var ordered = rows.OrderBy(r => r.At).Select(r => r with { Id = nextId++ }).ToList();
            if (sqlite is not null) await InsertSqliteAsync(sqlite, ordered);
            else await CopyPostgresAsync(database, ordered);
            views += ordered.Count(r => r.EntityType == AuditTrail.ListEntityType);
            shown += ordered.Sum(r => (long)r.Shown.Length);
            reads += ordered.Count(r => r.EntityType == "case");
            if (++days % 5 == 0) Console.WriteLine($"  {day:yyyy-MM-dd}: {views:N0} list views, {shown:N0} cases shown, {reads:N0} case reads, {clock.Elapsed.TotalSeconds:F0} s");
        }

        await FinishAsync(database);
        Console.WriteLine($"Audit history: {views:N0} list views showing {shown:N0} cases and {reads:N0} case reads over {days} working days in {clock.Elapsed.TotalSeconds:F0} s");
        return new Volume(views, shown, reads);
    }

    private static async Task InsertSqliteAsync(SqliteConnection connection, List<Row> rows)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var audit = connection.CreateCommand();
        audit.Transaction = tx;
        audit.CommandText = """
            INSERT INTO "AuditEvents" ("Id", "At", "UserId", "UserName", "Action", "EntityType", "EntityId", "CaseId", "PersonId", "Route", "IpAddress", "Details")
            VALUES ($id, $at, $userId, $userName, $action, $entityType, $entityId, $caseId, $personId, $route, $ip, NULL)
            """;
        var p = new Dictionary<string, SqliteParameter>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("$id", SqliteType.Integer), ("$at", SqliteType.Integer), ("$userId", SqliteType.Text), ("$userName", SqliteType.Text),
                     ("$action", SqliteType.Text), ("$entityType", SqliteType.Text), ("$entityId", SqliteType.Text), ("$caseId", SqliteType.Text),
                     ("$personId", SqliteType.Text), ("$route", SqliteType.Text), ("$ip", SqliteType.Text) })
        {
            p[name] = audit.Parameters.Add(name, type);
        }

        audit.Prepare();
        await using var shown = connection.CreateCommand();
        shown.Transaction = tx;
        shown.CommandText = """INSERT INTO "AuditEventCases" ("AuditEventId", "CaseId") VALUES ($event, $case)""";
        var sEvent = shown.Parameters.Add("$event", SqliteType.Integer);
        var sCase = shown.Parameters.Add("$case", SqliteType.Text);
        shown.Prepare();
        foreach (var r in rows)
        {
            // As EF stores them on SQLite: ids as upper-case text, instants as UTC ticks.
            p["$id"].Value = r.Id;
            p["$at"].Value = r.At.UtcTicks;
            p["$userId"].Value = r.UserId;
            p["$userName"].Value = r.UserName;
            p["$action"].Value = r.Action;
            p["$entityType"].Value = r.EntityType;
            p["$entityId"].Value = r.CaseId is { } c ? c.ToString() : DBNull.Value;
            p["$caseId"].Value = r.CaseId is { } c2 ? c2.ToString().ToUpperInvariant() : DBNull.Value;
            p["$personId"].Value = r.PersonId is { } person ? person.ToString().ToUpperInvariant() : DBNull.Value;
            p["$route"].Value = r.Route;
            p["$ip"].Value = r.Ip;
            audit.ExecuteNonQuery();
            foreach (var caseId in r.Shown)
            {
                sEvent.Value = r.Id;
                sCase.Value = caseId.ToString().ToUpperInvariant();
                shown.ExecuteNonQuery();
            }
        }

        await tx.CommitAsync();
    }

    private static async Task CopyPostgresAsync(BenchDatabase database, List<Row> rows)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var events = await connection.BeginBinaryImportAsync("""
                         COPY "AuditEvents" ("Id", "At", "UserId", "UserName", "Action", "EntityType", "EntityId", "CaseId", "PersonId", "Route", "IpAddress")
                         FROM STDIN (FORMAT BINARY)
                         """))
        {
            foreach (var r in rows)
            {
                await events.StartRowAsync();
                await events.WriteAsync(r.Id, NpgsqlDbType.Bigint);
                await events.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                await events.WriteAsync(r.UserId, NpgsqlDbType.Text);
                await events.WriteAsync(r.UserName, NpgsqlDbType.Varchar);
                await events.WriteAsync(r.Action, NpgsqlDbType.Varchar);
                await events.WriteAsync(r.EntityType, NpgsqlDbType.Varchar);
                if (r.CaseId is { } c)
                {
                    await events.WriteAsync(c.ToString(), NpgsqlDbType.Varchar);
                    await events.WriteAsync(c, NpgsqlDbType.Uuid);
                }
                else
                {
                    await events.WriteNullAsync();
                    await events.WriteNullAsync();
                }

                if (r.PersonId is { } person) await events.WriteAsync(person, NpgsqlDbType.Uuid);
                else await events.WriteNullAsync();
                await events.WriteAsync(r.Route, NpgsqlDbType.Varchar);
                await events.WriteAsync(r.Ip, NpgsqlDbType.Varchar);
            }

            await events.CompleteAsync();
        }

        await using (var shown = await connection.BeginBinaryImportAsync("""COPY "AuditEventCases" ("AuditEventId", "CaseId") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var r in rows)
            {
                foreach (var caseId in r.Shown)
                {
                    await shown.StartRowAsync();
                    await shown.WriteAsync(r.Id, NpgsqlDbType.Bigint);
                    await shown.WriteAsync(caseId, NpgsqlDbType.Uuid);
                }
            }

            await shown.CompleteAsync();
        }

        await tx.CommitAsync();
    }

    /// <summary>PostgreSQL: the identity carries on after the generated ids, and the tables are vacuumed and analysed as autovacuum would.</summary>
    private static async Task FinishAsync(BenchDatabase database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            foreach (var sql in new[]
                     {
                         """SELECT setval(pg_get_serial_sequence('"AuditEvents"', 'Id'), (SELECT max("Id") FROM "AuditEvents"))""",
                         """VACUUM ANALYZE "AuditEvents", "AuditEventCases" """,
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
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
    }
}
