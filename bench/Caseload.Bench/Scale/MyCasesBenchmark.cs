using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Bench.Scale;

/// <summary>
/// "My cases" for one practitioner, as the page runs it (visibility by relationship, count and first page), beside the
/// same rows fetched by one hand-written SQL query: the floor. Both in the same run, each call on a fresh context.
/// </summary>
public static class MyCasesBenchmark
{
    public static async Task RunAsync(BenchDatabase database, int iterations)
    {
        string userId;
        int openCases;
        await using (var db = database.CreateDb())
        {
            // A practitioner with a typical caseload: the median of open cases.
            var loads = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
                .GroupBy(c => c.AllocatedToId).Select(g => new { UserId = g.Key!, Open = g.Count() }).ToListAsync();
            var median = loads.OrderBy(l => l.Open).ThenBy(l => l.UserId, StringComparer.Ordinal).ElementAt(loads.Count / 2);
            (userId, openCases) = (median.UserId, median.Open);
        }

        CurrentUser user;
        await using (var db = database.CreateDb()) user = (await CurrentUserAccessor.LoadAsync(db, userId))!;

        async Task<IReadOnlyList<Guid>> App()
        {
            await using var db = database.CreateDb();
            var (rows, _) = await MyCasesQuery.PageAsync(db, user, mine: true, CaseListStatus.Active, 1, 50);
            return rows.Select(r => r.Id).ToList();
        }

        async Task<IReadOnlyList<Guid>> Floor()
        {
            await using var db = database.CreateDb();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var restrictedFalse = database.Provider == DatabaseProvider.Sqlite ? "0" : "FALSE";
            var visible = $"""
                c."Id" IN (SELECT "Id" FROM "Cases" WHERE "AllocatedToId" = @u UNION SELECT "CaseId" FROM "CaseCoWorkers" WHERE "UserId" = @u)
                AND c."Status" <> 'Closed'
                AND (c."Restricted" = {restrictedFalse} OR EXISTS (SELECT 1 FROM "CaseRestrictedAccess" r WHERE r."CaseId" = c."Id" AND r."UserId" = @u))
                """;
            await using (var count = connection.CreateCommand())
            {
                count.CommandText = $"""SELECT COUNT(*) FROM "Cases" c WHERE {visible}""";
                Add(count, "u", userId);
                await count.ExecuteScalarAsync();
            }

            await using var page = connection.CreateCommand();
            page.CommandText = $"""
                SELECT c."Id", p."GivenName" || ' ' || p."FamilyName", p."DateOfBirth", c."Service", c."Risk", c."Status", u."DisplayName", c."Restricted"
                FROM "Cases" c JOIN "People" p ON p."Id" = c."PersonId" LEFT JOIN "AspNetUsers" u ON u."Id" = c."AllocatedToId"
                WHERE {visible}
                ORDER BY c."Risk" DESC, p."FamilyName", p."GivenName", c."Id"
                LIMIT 50
                """;
            Add(page, "u", userId);
            var ids = new List<Guid>();
            await using var reader = await page.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetValue(0) switch { Guid g => g, string s => Guid.Parse(s), var o => throw new InvalidOperationException(o.GetType().Name) });
            }

            return ids;
        }

        var appIds = await App();
        var floorIds = await Floor();
        if (!appIds.SequenceEqual(floorIds)) throw new InvalidOperationException("The app and the floor fetched different rows: the comparison would be meaningless.");

        var timed = await TimeInterleavedAsync(iterations, App, Floor);
        var (app, floor) = (timed[0], timed[1]);
        Console.WriteLine($"My cases: practitioner with {openCases} open cases ({appIds.Count} rows on the first page), {iterations} calls each, {database.Provider}");
        Console.WriteLine($"  app (EF, VisibleCases + MyCasesQuery): p50 {app.P50:F2} ms   p95 {app.P95:F2} ms");
        Console.WriteLine($"  floor (hand-written SQL, same rows):   p50 {floor.P50:F2} ms   p95 {floor.P95:F2} ms");
        Console.WriteLine($"  ratio app/floor:                       p50 {app.P50 / floor.P50:F2}x   p95 {app.P95 / floor.P95:F2}x");
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    public static async Task<(double P50, double P95)> TimeAsync<T>(Func<Task<T>> call, int iterations)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var i = 0; i < Math.Max(10, iterations / 10); i++) await call();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (Percentile(times, 0.50), Percentile(times, 0.95));
    }

    /// <summary>
    /// Times several calls side by side: each round calls every one in turn (after a warm-up of each), so the app and its floor
    /// meet the same moment of the machine and any drift of the machine lands on both, not in their ratio. One (p50, p95) a call.
    /// </summary>
    public static async Task<(double P50, double P95)[]> TimeInterleavedAsync(int iterations, params Func<Task>[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        for (var i = 0; i < Math.Max(10, iterations / 10); i++)
        {
            foreach (var call in calls) await call();
        }

        var times = calls.Select(_ => new double[iterations]).ToArray();
        for (var i = 0; i < iterations; i++)
        {
            for (var c = 0; c < calls.Length; c++)
            {
                var start = Stopwatch.GetTimestamp();
                await calls[c]();
                times[c][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        return times.Select(t =>
        {
            Array.Sort(t);
            return (Percentile(t, 0.50), Percentile(t, 0.95));
        }).ToArray();
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static int ParseInt(string value) => int.Parse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
