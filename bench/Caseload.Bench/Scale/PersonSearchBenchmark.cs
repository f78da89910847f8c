using System.Data.Common;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Bench.Scale;

/// <summary>
/// Person search from the header at the authority's scale (100,000 people), as the page runs it (VisiblePeople, the folded search
/// name, the open cases of those found, the audit event), beside one hand-written SQL query for the same people: the floor.
/// A median practitioner and the service manager (who sees a whole service), each on a few typical searches.
/// </summary>
public static class PersonSearchBenchmark
{
    private static readonly string[] Searches = ["smith", "oli smi", "pat", "zara okafor", "niamh", "ja", "rhys hughes"];

    public static async Task RunAsync(BenchDatabase database, int iterations)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using (var db = database.CreateDb()) await PersonSearch.BackfillAsync(db);
        CurrentUser practitioner, manager;
        long people;
        await using (var db = database.CreateDb())
        {
            people = await db.People.LongCountAsync();
            var loads = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
                .GroupBy(c => c.AllocatedToId).Select(g => new { UserId = g.Key!, Open = g.Count() }).ToListAsync();
            var median = loads.OrderBy(l => l.Open).ThenBy(l => l.UserId, StringComparer.Ordinal).ElementAt(loads.Count / 2);
            practitioner = (await CurrentUserAccessor.LoadAsync(db, median.UserId))!;
            var managerId = await db.Users.Where(u => u.UserName == "service.manager").Select(u => u.Id).SingleAsync();
            manager = (await CurrentUserAccessor.LoadAsync(db, managerId))!;
        }

        // A date of birth someone the practitioner works with has.
        await using (var db = database.CreateDb())
        {
            var dob = await db.VisiblePeople(practitioner).OrderBy(p => p.Id).Select(p => p.DateOfBirth).FirstAsync();
            Searches[^1] = dob.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"Person search: {people:N0} people, {iterations} calls per search and user, {database.Provider}");
        foreach (var (label, user) in new[] { ("practitioner", practitioner), ("service manager", manager) })
        {
            var appTimes = new List<double>();
            var floorTimes = new List<double>();
            foreach (var q in Searches)
            {
                var appIds = await AppAsync(database, user, q);
                var floorIds = await FloorAsync(database, user, q);
                if (!appIds.SequenceEqual(floorIds)) throw new InvalidOperationException($"The app and the floor found different people for '{q}': the comparison would be meaningless.");
                var timed = await MyCasesBenchmark.TimeInterleavedAsync(iterations, () => AppAsync(database, user, q), () => FloorAsync(database, user, q));
                var (app, floor) = (timed[0], timed[1]);
                Console.WriteLine($"  {label,-15} '{q}': {appIds.Count,2} found   app p50 {app.P50,6:F2} ms p95 {app.P95,6:F2} ms   floor p50 {floor.P50,6:F2} ms p95 {floor.P95,6:F2} ms");
                appTimes.Add(app.P95);
                floorTimes.Add(floor.P95);
            }

            Console.WriteLine($"  {label,-15} worst p95: app {appTimes.Max():F2} ms, floor {floorTimes.Max():F2} ms");
        }
    }

    private static async Task<IReadOnlyList<Guid>> AppAsync(BenchDatabase database, CurrentUser user, string q)
    {
        await using var db = database.CreateDb();
        var result = await PersonSearch.RunAsync(db, new AuditTrail(db, new HttpContextAccessor(), TimeProvider.System), user, q);
        return result.People.Select(p => p.Id).ToList();
    }

    // The same people by hand: visibility as CaseAccess.VisiblePeople for these users (no teams supervised), one LIKE per word
    // (on SQLite through the trigram table for a word of three letters or more).
    private static async Task<IReadOnlyList<Guid>> FloorAsync(BenchDatabase database, CurrentUser user, string q)
    {
        await using var db = database.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        var terms = PersonSearch.Parse(q);
        await using var command = connection.CreateCommand();
        Add(command, "u", user.Id);
        var restricted = sqlite ? """c."Restricted" = 0""" : """NOT c."Restricted" """;
        var named = """EXISTS (SELECT 1 FROM "CaseRestrictedAccess" r WHERE r."CaseId" = c."Id" AND r."UserId" = @u)""";
        var mine = """(c."AllocatedToId" = @u OR EXISTS (SELECT 1 FROM "CaseCoWorkers" w WHERE w."CaseId" = c."Id" AND w."UserId" = @u))""";
        var services = string.Join(", ", user.ManagedServices.Select(s => $"'{s}'"));
        var visibleCase = user.ManagedServices.Count > 0
            ? $"""((c."Restricted" AND {named}) OR ({restricted} AND ({mine} OR c."Service" IN ({services}))))"""
            : $"""((c."Restricted" AND {named}) OR ({restricted} AND {mine}))""";
        // A practitioner's people are reached from their few cases (the cases they hold, co-work or are named on, by index) and the
        // people they recorded who have no case yet; a service manager's are asked of each person, since a whole service's cases
        // are most of the authority.
        var noCase = """NOT EXISTS (SELECT 1 FROM "Cases" c WHERE c."PersonId" = q."Id")""";
        var visiblePerson = user.ManagedServices.Count > 0
            ? $"""(EXISTS (SELECT 1 FROM "Cases" c WHERE c."PersonId" = p."Id" AND {visibleCase}) OR (p."CreatedById" = @u AND {noCase.Replace("q.", "p.", StringComparison.Ordinal)}))"""
            : $"""p."Id" IN (SELECT c."PersonId" FROM "Cases" c WHERE c."Id" IN (SELECT x."Id" FROM "Cases" x WHERE x."AllocatedToId" = @u UNION SELECT w."CaseId" FROM "CaseCoWorkers" w WHERE w."UserId" = @u UNION SELECT r."CaseId" FROM "CaseRestrictedAccess" r WHERE r."UserId" = @u) AND {visibleCase} UNION SELECT q."Id" FROM "People" q WHERE q."CreatedById" = @u AND {noCase})""";
        var where = new List<string> { visiblePerson };
        for (var i = 0; i < terms.Words.Count; i++)
        {
            // On SQLite, for a service manager, a word of three letters or more is looked up in the trigram table of the folded names
            // (what an expert would index the column with), else read from the column; PostgreSQL's trigram index serves the LIKE.
            where.Add(sqlite && PersonSearch.SeesMany(user) && terms.Words[i].Length >= PersonSearchSql.TrigramLength
                ? $"""p."Id" IN (SELECT "PersonId" FROM "PeopleSearch" WHERE "SearchName" LIKE @w{i})"""
                : $"""p."SearchName" LIKE @w{i}""");
            Add(command, $"w{i}", $"%{terms.Words[i]}%");
        }

        if (terms.DateOfBirth is { } dob)
        {
            where.Add("""p."DateOfBirth" = @d""");
            Add(command, "d", sqlite ? dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : dob);
        }

        command.CommandText = $"""
            SELECT p."Id" FROM "People" p
            WHERE {string.Join(" AND ", where)}
            ORDER BY p."FamilyName", p."GivenName", p."DateOfBirth", p."Id"
            LIMIT {PersonSearch.MaxResults + 1}
            """;
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetValue(0) switch { Guid g => g, string s => Guid.Parse(s), var o => throw new InvalidOperationException(o.GetType().Name) });
            }
        }

        if (ids.Count > PersonSearch.MaxResults) ids.RemoveAt(PersonSearch.MaxResults);
        // Their open cases, as the page shows them.
        if (ids.Count > 0)
        {
            await using var cases = connection.CreateCommand();
            Add(cases, "u", user.Id);
            var list = string.Join(", ", ids.Select((_, i) => $"@p{i}"));
            for (var i = 0; i < ids.Count; i++) Add(cases, $"p{i}", sqlite ? ids[i].ToString().ToUpperInvariant() : ids[i]);
            cases.CommandText = $"""
                SELECT c."Id", c."PersonId", c."Service", c."Status", c."Risk", u."DisplayName" FROM "Cases" c LEFT JOIN "AspNetUsers" u ON u."Id" = c."AllocatedToId"
                WHERE c."PersonId" IN ({list}) AND c."Status" <> 'Closed' AND {visibleCase}
                """;
            await using var reader = await cases.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }

        return ids;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
