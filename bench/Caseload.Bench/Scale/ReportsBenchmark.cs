using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Reports;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Bench.Scale;

/// <summary>
/// The six reports as a reader gets them: the real app over HTTP (sign-in, filters, the report built, audited, JSON), for a
/// supervisor's team and for the whole authority (the service manager of every service), over a period of months, each request
/// timed interleaved with a raw SQL floor on its own connection: the report's own rows by one hand-written statement (<see
/// cref="ReportFloors"/>; the app's rows are checked equal to it before timing; every report has one but demand week by week),
/// else one grouped pass over the cases in the same scope and period (practitioner by service: held, open, referred and closed in the period), the least any report of
/// those cases must read. Then each report's CSV for the whole authority and the workload's row per open case, with the app's
/// peak memory.
/// </summary>
public static partial class HttpBenchmark
{
    public static async Task RunReportsAsync(BenchDatabase authority, string repoRoot, int iterations, int months, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (only is not null && !ReportNames.Titles.ContainsKey(only))
        {
            throw new InvalidOperationException($"--only takes one of the reports: {string.Join(", ", ReportNames.Titles.Keys)}.");
        }

        await WeighFirstAsync(authority);
        // Each report read is audited: on a copy, so the authority the other benchmarks reuse stays as generated.
        var database = await authority.CopyAsync("reports");
        try
        {
            await ReportFactsGenerator.AddAsync(database);
            await ReportsOnCopyAsync(database, repoRoot, iterations, months, only);
        }
        finally
        {
            await database.DropCopyAsync();
        }
    }

    private static async Task ReportsOnCopyAsync(BenchDatabase database, string repoRoot, int iterations, int months, string? only)
    {
        var app = Path.Combine(repoRoot, "src", "Caseload", "bin", "Release", "net10.0", "Caseload.dll");
        if (!File.Exists(app)) throw new InvalidOperationException($"Build the app first (dotnet build -c Release): {app} is missing.");

        // The team with the most open cases and its supervisor; the generator's service manager manages every service.
        int teamId;
        string supervisor;
        string supervisorId, managerId;
        const string manager = "service.manager";
        await using (var db = database.CreateDb())
        {
            var team = await db.Teams.Where(t => t.SupervisorId != null)
                .Select(t => new { t.Id, t.SupervisorId, Open = db.Cases.Count(c => c.TeamId == t.Id && c.Status == CaseStatus.Open) })
                .OrderByDescending(t => t.Open).ThenBy(t => t.Id).FirstAsync();
            teamId = team.Id;
            supervisor = await db.Users.Where(u => u.Id == team.SupervisorId).Select(u => u.UserName!).SingleAsync();
            supervisorId = team.SupervisorId!;
            managerId = await db.Users.Where(u => u.UserName == manager).Select(u => u.Id).SingleAsync();
            await SetPasswordAsync(db, [supervisorId, managerId]);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddMonths(-months);
        var period = string.Create(CultureInfo.InvariantCulture, $"from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Console.WriteLine($"Reports benchmark on {database.Provider}: {months} months to {today:yyyy-MM-dd}; team {teamId} (its supervisor) and the whole authority (the service manager of every service); " +
                          $"{iterations} requests a report for the team, {Math.Max(3, iterations / 4)} for the authority, each beside the floor");

        await using var cluster = await Cluster.StartAsync(database, repoRoot, app, instances: 0);
        var teamSession = await Session.SignInAsync(cluster.Url, new Person(supervisor, true, []));
        var authoritySession = await Session.SignInAsync(cluster.Url, new Person(manager, false, []));
        // The start-up drift scan changes the drift signals the workload report counts: the floors are checked after it.
        Console.WriteLine($"  start-up background work (drift scan, audit seal, weighing) ended {(await cluster.BackgroundSettledAsync(TimeSpan.FromMinutes(10))).TotalSeconds:F0} s after sign-in; checks and timing start now");
        await using var floorDb = database.CreateDb();
        var connection = floorDb.Database.GetDbConnection();
        await connection.OpenAsync();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // As the app's own sessions run (DatabaseSetup.WithoutJit): the floor is not charged for compiling its statements.
            await using var jit = connection.CreateCommand();
            jit.CommandText = "SET jit = off";
            await jit.ExecuteNonQueryAsync();
        }


        var rules = await FloorRulesAsync(floorDb);
        Console.WriteLine($"  {"report",-12} {"scope",-10} {"n",3} {"app p50 / p95 ms",20} {"floor p50 / p95 ms",20} {"p50 ratio",10} {"KB",8}");
        foreach (var name in ReportNames.Titles.Keys.Where(n => only is null || n == only))
        {
            foreach (var (scope, session, team, reader, n) in new[]
                     {
                         ("team", teamSession, (int?)teamId, supervisorId, iterations), ("authority", authoritySession, (int?)null, managerId, Math.Max(3, iterations / 4)),
                     })
            {
                var path = $"/api/v1/reports/{name}?{period}{(team is { } t ? string.Create(CultureInfo.InvariantCulture, $"&team={t}") : "")}";
                // A report with a floor of its own: the app's rows must be the floor's (same groups, same numbers) before either is timed.
                var own = ReportFloors.For(name, database.Provider, team, reader, from, today, rules);
                var (status, json) = await session.GetApiTextAsync(path);
                if (status != 200) throw new InvalidOperationException($"{path} answered {status} for {scope}.");
                var bytes = (long)System.Text.Encoding.UTF8.GetByteCount(json);
                if (own is not null) Console.WriteLine($"  {name,-12} {scope,-10} {await own.CheckAsync(connection, json)}");
                // One of each first: the app's first report compiles its queries, the floor's first reads from disk.
                await FloorAsync(connection, database.Provider, team, from, today, own);
                var appMs = new double[n];
                var floorMs = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    (status, _) = await session.GetApiAsync(path);
                    appMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (status != 200) throw new InvalidOperationException($"{path} answered {status} for {scope}.");
                    started = Stopwatch.GetTimestamp();
                    await FloorAsync(connection, database.Provider, team, from, today, own);
                    floorMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                Array.Sort(appMs);
                Array.Sort(floorMs);
                var appP50 = Percentile(appMs, 0.50);
                var floorP50 = Percentile(floorMs, 0.50);
                Console.WriteLine($"  {name,-12} {scope,-10} {n,3} {$"{appP50:F1} / {Percentile(appMs, 0.95):F1}",20} {$"{floorP50:F1} / {Percentile(floorMs, 0.95):F1}",20} {appP50 / floorP50,10:F1} {bytes / 1024.0,8:F1}");
            }
        }

        Console.WriteLine($"  app peak memory after the JSON reports: {cluster.PeakMegabytes():F0} MB");
        foreach (var name in ReportNames.Titles.Keys.Where(n => only is null || n == only))
        {
            var started = Stopwatch.GetTimestamp();
            var (status, bytes) = await authoritySession.GetApiAsync($"/api/v1/reports/{name}?{period}&format=csv");
            Console.WriteLine($"  {name} CSV for the authority: {status}, {bytes / 1024.0:F1} KB in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms; app peak memory so far {cluster.PeakMegabytes():F0} MB");
        }

        if (only is null or ReportNames.Workload)
        {
            // A row per open case of the whole authority, streamed from the database: its size, and the app's peak memory after it.
            var started = Stopwatch.GetTimestamp();
            var (status, bytes) = await authoritySession.GetApiAsync($"/api/v1/reports/workload?{period}&format=csv&rows=cases");
            Console.WriteLine($"  workload CSV of every open case in the authority: {status}, {bytes / 1024.0:F1} KB in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms; app peak memory so far {cluster.PeakMegabytes():F0} MB");
        }

        Console.WriteLine("  (app: the request from send to its whole body read; floor: the report's own rows by one hand-written SQL statement where it has one, "
                          + "checked equal to the app's first (recording: checked against its rows from every note, timed reading the summary by day the database keeps, as the app does), else one grouped SQL pass over the same scope's cases in the period; each on its own connection)");
    }

    /// <summary>
    /// What the floors apply beside their statements, as the app has it: the newest weighting scheme saved (else the default, as
    /// the app runs here with no scheme configured), the working-day calendars of the shipped bank holidays (the benchmark uploads
    /// none), the timescales known and the day (UK) the reports are read.
    /// </summary>
    private static async Task<FloorRules> FloorRulesAsync(CaseloadDb db)
    {
        var latest = await db.Set<WeightingSchemeVersion>().AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync();
        var scheme = latest is null ? WeightingScheme.Default : WeightingSettings.FromJson(latest.Json) ?? WeightingScheme.Default;
        var calendars = new Calendars(new ConfigurationBuilder().Build(),
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var stored = await db.Set<ServiceStandard>().AsNoTracking().ToListAsync();
        var timescales = new TimescaleCatalogue([.. Timescales.Statutory, .. stored.Select(s => s.ToTimescale())], stored.Where(s => s.RetiredAt is not null).Select(s => s.Code));
        return new FloorRules(new CapacityRules(scheme), calendars, calendars.For(Division.EnglandAndWales), timescales, UkTime.Today(TimeProvider.System));
    }

    /// <summary>
    /// The report's own floor when it has one (its rows by hand-written SQL), else the cases of the scope (a team, or all) held or
    /// open in the period, by practitioner and service: counts read whole.
    /// </summary>
    private static async Task<int> FloorAsync(DbConnection connection, DatabaseProvider provider, int? team, DateOnly from, DateOnly to, ReportFloor? own)
    {
        if (own is not null) return await own.TimedAsync(connection);
        string Day(DateOnly d) => provider == DatabaseProvider.Postgres
            ? string.Create(CultureInfo.InvariantCulture, $"DATE '{d:yyyy-MM-dd}'")
            : string.Create(CultureInfo.InvariantCulture, $"'{d:yyyy-MM-dd}'");
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT c."AllocatedToId", c."Service", COUNT(*),
                   SUM(CASE WHEN c."Status" <> 'Closed' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."ReferredOn" >= {Day(from)} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN c."ClosedOn" >= {Day(from)} THEN 1 ELSE 0 END)
            FROM "Cases" c
            WHERE (c."Status" <> 'Closed' OR c."ClosedOn" >= {Day(from)}) AND c."ReferredOn" <= {Day(to)}
              {(team is { } t ? string.Create(CultureInfo.InvariantCulture, $"AND c.\"TeamId\" = {t}") : "")}
            GROUP BY c."AllocatedToId", c."Service"
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }

        return rows;
    }
}
