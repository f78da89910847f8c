using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.DataProtection.Audit;
using Caseload.Features.Deadlines;
using Caseload.Features.Worklist;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Bench.Scale;

/// <summary>
/// What auditing a list view costs, and whether "who saw this child's record?" stays quick once list views are recorded
/// compactly. Over a synthetic authority with months of audit history:
/// <list type="number">
/// <item>bytes written per worklist view, as the audit tables and their indexes grow over many views: an event per case
/// shown (the earlier shape, written here as the app used to) beside one event with its cases in AuditEventCases (the
/// app's <see cref="AuditTrail"/>), for a practitioner's worklist and a supervisor's team worklist;</item>
/// <item>the DPO's search by case and by person (<see cref="AuditQuery"/>: count, first page of 100 newest first, and the
/// cases each list view on that page showed) beside the same rows fetched by hand-written SQL, in the same run.</item>
/// </list>
/// </summary>
public static class AuditViewBenchmark
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static async Task RunAsync(BenchDatabase database, AuditHistoryGenerator.Volume history, int views, int iterations, int viewsPerDay)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(history);
        var config = new ConfigurationBuilder().Build();
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var calendars = new Calendars(config, scopes, TimeProvider.System);

        string practitionerId, supervisorId;
        await using (var db = database.CreateDb())
        {
            var loads = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
                .GroupBy(c => c.AllocatedToId).Select(g => new { UserId = g.Key!, Open = g.Count() }).ToListAsync();
            practitionerId = loads.OrderByDescending(l => l.Open).ThenBy(l => l.UserId, StringComparer.Ordinal).First().UserId;
            supervisorId = (await db.Teams.Where(t => db.Users.Any(u => u.Id == practitionerId && u.TeamId == t.Id)).Select(t => t.SupervisorId).SingleAsync())!;
        }

        CurrentUser practitioner, supervisor;
        IReadOnlyList<WorklistItem> mine, team;
        await using (var db = database.CreateDb())
        {
            practitioner = (await CurrentUserAccessor.LoadAsync(db, practitionerId))!;
            supervisor = (await CurrentUserAccessor.LoadAsync(db, supervisorId))!;
            mine = await WorklistQuery.LoadAsync(db, practitioner, WorklistScope.Of(practitionerId), new WorklistFilter(), PriorityRules.Default, calendars, Today);
            team = await WorklistQuery.LoadAsync(db, supervisor, WorklistScope.Teams(supervisor.SupervisedTeamIds), new WorklistFilter(), PriorityRules.Default, calendars, Today);
        }

        var mineBefore = await BytesPerViewAsync(database, views, db => RecordPerCaseAsync(db, practitioner, mine, "/Worklist"));
        var mineAfter = await BytesPerViewAsync(database, views, db => RecordCompactAsync(db, practitioner, mine, "/Worklist"));
        var teamViews = Math.Max(10, views / 10);
        var teamBefore = await BytesPerViewAsync(database, teamViews, db => RecordPerCaseAsync(db, supervisor, team, "/Worklist"));
        var teamAfter = await BytesPerViewAsync(database, teamViews, db => RecordCompactAsync(db, supervisor, team, "/Worklist"));

        var whoSaw = await WhoSawAsync(database, iterations);
        var stored = await ListedCasesBytesAsync(database);

        Console.WriteLine($"Audit of list views, {database.Provider}; history of {history.ListViews:N0} list views showing {history.CasesShown:N0} cases and {history.CaseReads:N0} case reads");
        Console.WriteLine($"  bytes written per view (audit tables and their indexes, growth over the views):");
        Line("practitioner's worklist", mine.Count, views, mineBefore, mineAfter);
        Line("supervisor's team worklist", team.Count, teamViews, teamBefore, teamAfter);
        if (stored is { } listed)
        {
            Console.WriteLine($"  the history's cases shown as stored: AuditEventCases and its indexes {listed.Bytes / 1e6:N0} MB for {listed.Rows:N0} rows, "
                + $"{listed.Bytes / (double)Math.Max(1, listed.Rows):F0} bytes a case shown (plus one event row a view)");
        }

        var practitioners = 1_500;
        Console.WriteLine($"  at {practitioners:N0} practitioners opening a worklist like this {viewsPerDay} times a working day: "
            + $"{Gb(mineBefore.Bytes * viewsPerDay * practitioners)} a day before, {Gb(mineAfter.Bytes * viewsPerDay * practitioners)} after");
        Console.WriteLine($"  who saw this case ({whoSaw.Cases} cases, {whoSaw.CaseRows:F0} events each on average; count, first page of 100 with the cases each list showed), {iterations} calls each:");
        Console.WriteLine($"    app (AuditQuery):                     p50 {whoSaw.CaseApp.P50:F2} ms  p95 {whoSaw.CaseApp.P95:F2} ms");
        Console.WriteLine($"    floor (hand-written SQL, same rows):  p50 {whoSaw.CaseFloor.P50:F2} ms  p95 {whoSaw.CaseFloor.P95:F2} ms  | ratio p95 {whoSaw.CaseApp.P95 / whoSaw.CaseFloor.P95:F2}x");
        Console.WriteLine($"  who saw this person (the people of those cases, {whoSaw.PersonRows:F0} events each on average):");
        Console.WriteLine($"    app (AuditQuery):                     p50 {whoSaw.PersonApp.P50:F2} ms  p95 {whoSaw.PersonApp.P95:F2} ms");
        Console.WriteLine($"    floor (hand-written SQL, same rows):  p50 {whoSaw.PersonFloor.P50:F2} ms  p95 {whoSaw.PersonFloor.P95:F2} ms  | ratio p95 {whoSaw.PersonApp.P95 / whoSaw.PersonFloor.P95:F2}x");
    }

    private static void Line(string what, int cases, int views, (double Bytes, double Ms) before, (double Bytes, double Ms) after) =>
        Console.WriteLine($"    {what} ({cases} cases, {views} views each): an event per case {before.Bytes:N0} bytes ({before.Bytes / Math.Max(1, cases):N0} a case, "
            + $"{before.Ms:F1} ms to write) | one event with its cases {after.Bytes:N0} bytes ({after.Bytes / Math.Max(1, cases):N0} a case, {after.Ms:F1} ms) "
            + $"| {before.Bytes / after.Bytes:F1}x smaller");

    private static string Gb(double bytes) => $"{bytes / 1e9:F2} GB";

    /// <summary>Writes the views one after another, each on a fresh context as a request would, and divides the audit tables' growth by them.</summary>
    private static async Task<(double Bytes, double Ms)> BytesPerViewAsync(BenchDatabase database, int views, Func<CaseloadDb, Task> record)
    {
        var before = await AuditBytesAsync(database);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < views; i++)
        {
            await using var db = database.CreateDb();
            await record(db);
        }

        var ms = clock.Elapsed.TotalMilliseconds / views;
        return ((await AuditBytesAsync(database) - before) / (double)views, ms);
    }

    /// <summary>
    /// The bytes the audit log takes: on PostgreSQL both tables with their indexes; on SQLite the file's pages in use (nothing
    /// else is written while views are recorded).
    /// </summary>
    private static async Task<long> AuditBytesAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            command.CommandText = """SELECT pg_total_relation_size('"AuditEvents"') + pg_total_relation_size('"AuditEventCases"')""";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        command.CommandText = "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) * reader.GetInt64(1);
    }

    /// <summary>What the cases of every list view take as stored: the average over the history, beside the growth measured above.</summary>
    private static async Task<(long Bytes, long Rows)?> ListedCasesBytesAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        var rows = await db.AuditEventCases.LongCountAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.Provider == DatabaseProvider.Postgres
            ? """SELECT pg_total_relation_size('"AuditEventCases"')"""
            : """SELECT SUM(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name = 'AuditEventCases' AND type IN ('table', 'index'))""";
        try
        {
            return (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture), rows);
        }
        catch (DbException)
        {
            // A SQLite built without the dbstat table: the growth above is the measure.
            return null;
        }
    }

    private static HttpContextAccessor Request(string path)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = path;
        http.Connection.RemoteIpAddress = IPAddress.Parse("10.20.30.40");
        return new HttpContextAccessor { HttpContext = http };
    }

    /// <summary>The app's list audit: one event, its cases in AuditEventCases.</summary>
    private static Task RecordCompactAsync(CaseloadDb db, CurrentUser user, IReadOnlyList<WorklistItem> shown, string path) =>
        new AuditTrail(db, Request(path), TimeProvider.System).RecordListAsync(user, AuditActions.WorklistViewed, shown.Select(i => i.CaseId));

    /// <summary>The earlier list audit, as the app wrote it before: a whole event per case shown, in multi-row inserts.</summary>
    private static async Task RecordPerCaseAsync(CaseloadDb db, CurrentUser user, IReadOnlyList<WorklistItem> shown, string path)
    {
        var now = DateTimeOffset.UtcNow;
        var events = shown.Select(s => new AuditEvent
        {
            At = now, UserId = user.Id, UserName = user.UserName, Action = AuditActions.WorklistViewed, EntityType = "case", EntityId = s.CaseId.ToString(),
            CaseId = s.CaseId, PersonId = s.PersonId, Route = $"GET {path}", IpAddress = "10.20.30.40",
        }).ToList();
        var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var columnList = string.Join(", ", columns.Select(p => $"\"{p.GetColumnName()}\""));
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var chunk in events.Chunk(250))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            var sql = new StringBuilder($"INSERT INTO \"AuditEvents\" ({columnList}) VALUES ");
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
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private sealed record WhoSaw(int Cases, double CaseRows, double PersonRows, (double P50, double P95) CaseApp, (double P50, double P95) CaseFloor,
        (double P50, double P95) PersonApp, (double P50, double P95) PersonFloor);

    /// <summary>The DPO's search for a sample of open cases (and their people), as the API runs it, beside hand-written SQL.</summary>
    private static async Task<WhoSaw> WhoSawAsync(BenchDatabase database, int iterations)
    {
        List<(Guid Case, Guid Person)> sample;
        await using (var db = database.CreateDb())
        {
            var open = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Open).OrderBy(c => c.Id).Select(c => new { c.Id, c.PersonId }).ToListAsync();
            var random = new Random(11);
            sample = Enumerable.Range(0, 200).Select(_ => open[random.Next(open.Count)]).Select(c => (c.Id, c.PersonId)).ToList();
        }

        async Task<AuditListDto> App(AuditFilter filter)
        {
            await using var db = database.CreateDb();
            return await AuditQuery.SearchAsync(db, filter, CancellationToken.None);
        }

        // Every call must fetch what the app fetched, or the comparison would be meaningless.
        double caseRows = 0, personRows = 0;
        foreach (var (caseId, personId) in sample.Take(20))
        {
            var byCase = await App(new AuditFilter(caseId, null, null, null, null));
            var floorCase = await FloorAsync(database, caseId, null);
            var byPerson = await App(new AuditFilter(null, personId, null, null, null));
            var floorPerson = await FloorAsync(database, null, personId);
            if (!Same(byCase, floorCase) || !Same(byPerson, floorPerson)) throw new InvalidOperationException("The app and the floor fetched different rows: the comparison would be meaningless.");
            caseRows += byCase.Total / 20.0;
            personRows += byPerson.Total / 20.0;
        }

        var next = 0;
        (Guid Case, Guid Person) Next() => sample[next++ % sample.Count];
        var timed = await MyCasesBenchmark.TimeInterleavedAsync(iterations, () => App(new AuditFilter(Next().Case, null, null, null, null)),
            () => FloorAsync(database, Next().Case, null), () => App(new AuditFilter(null, Next().Person, null, null, null)),
            () => FloorAsync(database, null, Next().Person));
        var (caseApp, caseFloor, personApp, personFloor) = (timed[0], timed[1], timed[2], timed[3]);
        return new WhoSaw(sample.Count, caseRows, personRows, caseApp, caseFloor, personApp, personFloor);
    }

    private static bool Same(AuditListDto app, (int Total, List<long> Ids, int Shown) floor) =>
        app.Total == floor.Total && app.Items.Select(i => i.Id).SequenceEqual(floor.Ids) && app.Items.Sum(i => i.CasesShown?.Count ?? 0) == floor.Shown;

    /// <summary>
    /// The same answer by hand: the ids of the events about the case (or person) and of the list views that showed it, the
    /// count and the first 100 newest first in one round trip, then the cases of the list views on that page.
    /// </summary>
    private static async Task<(int Total, List<long> Ids, int Shown)> FloorAsync(BenchDatabase database, Guid? caseId, Guid? personId)
    {
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        await using var db = database.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // A list view names a case once, and a case's own events are never list views: UNION ALL cannot count one twice. A
        // person's two cases can be on one list, so by person the ids are made distinct.
        var seen = caseId is not null
            ? """SELECT "Id" FROM "AuditEvents" WHERE "CaseId" = @k UNION ALL SELECT "AuditEventId" FROM "AuditEventCases" WHERE "CaseId" = @k"""
            : """
              SELECT "Id" FROM "AuditEvents" WHERE "PersonId" = @k
              UNION SELECT "AuditEventId" FROM "AuditEventCases" WHERE "CaseId" IN (SELECT "Id" FROM "Cases" WHERE "PersonId" = @k)
              """;
        var total = 0;
        var ids = new List<long>();
        var lists = new List<long>();
        await using (var command = connection.CreateCommand())
        {
            // On PostgreSQL the ids are gathered into an array first: a join with them is planned as a parallel query whose
            // workers cost more to start than the whole search.
            command.CommandText = $"""
                SELECT COUNT(*) FROM ({seen}) seen;
                SELECT e."Id", e."At", e."UserName", e."Action", e."EntityType", e."EntityId", e."CaseId", e."PersonId", e."Route", e."IpAddress", e."Details"
                FROM "AuditEvents" e WHERE e."Id" {(sqlite ? $"IN ({seen})" : $"= ANY(ARRAY({seen}))")}
                ORDER BY e."At" DESC, e."Id" DESC LIMIT 100;
                """;
            Add(command, "k", sqlite ? (caseId ?? personId)!.Value.ToString().ToUpperInvariant() : (caseId ?? personId)!.Value);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            total = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
                ids.Add(reader.GetInt64(0));
                if (reader.GetString(4) == AuditTrail.ListEntityType) lists.Add(reader.GetInt64(0));
            }
        }

        var shown = 0;
        if (lists.Count > 0)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT "AuditEventId", "CaseId" FROM "AuditEventCases" WHERE "AuditEventId" IN ({string.Join(",", lists)})""";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetValue(1);
                shown++;
            }
        }

        return (total, ids, shown);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
