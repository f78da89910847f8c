using System.Data.Common;
using System.Diagnostics;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Caseload.Bench.Scale;

/// <summary>
/// Drift at scale: a practitioner's and a supervisor's team's drift lists as the API builds them (visibility, the facts in one
/// SQL statement, the rules, the recorded starts), beside one hand-written SQL query fetching the same cases' facts (the floor,
/// no rules); the team's again as served (one audit entry per drifting case). Then every case that is not closed: its facts and
/// rules beside the floor over every case, and the daily scan from an empty record and again.
/// </summary>
public static class DriftBenchmark
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>The generator's today, at 10:00 UTC, for every part of the run.</summary>
    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    }

    public static async Task RunAsync(BenchDatabase database, int iterations, bool everyCaseOnly = false)
    {
        await WorklistBenchmark.EnsureDeadlinesAsync(database);
        await EnsureTasksAsync(database);
        var clock = new FixedClock();
        var config = new ConfigurationBuilder().Build();
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var calendars = new Calendars(config, scopes, clock);
        var settings = new DriftSettings(config, scopes, clock);
        var rules = settings.Rules;

        string practitionerId, supervisorId;
        await using (var db = database.CreateDb())
        {
            var loads = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
                .GroupBy(c => c.AllocatedToId).Select(g => new { UserId = g.Key!, Open = g.Count() }).ToListAsync();
            practitionerId = loads.OrderByDescending(l => l.Open).ThenBy(l => l.UserId, StringComparer.Ordinal).First().UserId;
            supervisorId = (await db.Teams.Where(t => db.Users.Any(u => u.Id == practitionerId && u.TeamId == t.Id)).Select(t => t.SupervisorId).SingleAsync())!;
        }

        CurrentUser practitioner, supervisor;
        await using (var db = database.CreateDb())
        {
            practitioner = (await CurrentUserAccessor.LoadAsync(db, practitionerId))!;
            supervisor = (await CurrentUserAccessor.LoadAsync(db, supervisorId))!;
        }

        DriftService Service(CaseloadDb db) => new(db, new AuditTrail(db, new HttpContextAccessor(), clock), clock, calendars, settings, Standards(db, clock));

        async Task<int> Mine()
        {
            await using var db = database.CreateDb();
            var theirs = db.CaseIdsHeldBy(practitionerId);
            var catalogue = await Standards(db, clock).CatalogueAsync();
            return (await DriftQuery.LoadAsync(db, db.VisibleCases(practitioner).Where(c => theirs.Contains(c.Id)), rules, calendars, catalogue, Today)).Count;
        }

        async Task<int> Team()
        {
            await using var db = database.CreateDb();
            var teams = supervisor.SupervisedTeamIds;
            var catalogue = await Standards(db, clock).CatalogueAsync();
            return (await DriftQuery.LoadAsync(db, db.VisibleCases(supervisor).Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value)), rules, calendars, catalogue, Today)).Count;
        }

        async Task<int> TeamServed()
        {
            await using var db = database.CreateDb();
            return (await Service(db).ForTeamsAsync(supervisor)).Value!.Count;
        }

        var restrictedFalse = database.Provider == DatabaseProvider.Sqlite ? "0" : "FALSE";
        var mineWhere = """c."Id" IN (SELECT "Id" FROM "Cases" WHERE "AllocatedToId" = @u UNION SELECT "CaseId" FROM "CaseCoWorkers" WHERE "UserId" = @u)""";
        var teamWhere = $"""c."TeamId" IN ({string.Join(",", supervisor.SupervisedTeamIds)})""";
        var visible = $"""AND (c."Restricted" = {restrictedFalse} OR EXISTS (SELECT 1 FROM "CaseRestrictedAccess" r WHERE r."CaseId" = c."Id" AND r."UserId" = @u))""";

        async Task<int> Floor(string where, string userId)
        {
            await using var db = database.CreateDb();
            return await FloorAsync(database, db, where, userId);
        }

        async Task<int> Rows(Func<CaseloadDb, IQueryable<Case>> cases)
        {
            await using var db = database.CreateDb();
            return (await DriftQuery.RowsAsync(db, cases(db), Today)).Count;
        }

        if (!everyCaseOnly)
        {
            // The app and the floor must read the same cases, or the comparison would be meaningless.
            var mineRows = await Rows(db => db.VisibleCases(practitioner).Where(c => db.CaseIdsHeldBy(practitionerId).Contains(c.Id)));
            var teams = supervisor.SupervisedTeamIds;
            var teamRows = await Rows(db => db.VisibleCases(supervisor).Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value)));
            if (mineRows != await Floor($"{mineWhere} {visible}", practitionerId) || teamRows != await Floor($"{teamWhere} {visible}", supervisorId))
            {
                throw new InvalidOperationException("The drift list and the floor read different cases.");
            }

            var mineDrifting = await Mine();
            var teamDrifting = await Team();
            var timed = await MyCasesBenchmark.TimeInterleavedAsync(iterations, Mine, () => Floor($"{mineWhere} {visible}", practitionerId), Team,
                () => Floor($"{teamWhere} {visible}", supervisorId), TeamServed);
            var (mine, mineFloor, team, teamFloor, served) = (timed[0], timed[1], timed[2], timed[3], timed[4]);
            Console.WriteLine($"Drift, {database.Provider}, {iterations} calls each (today {Today:yyyy-MM-dd})");
            Console.WriteLine($"  practitioner ({mineRows} cases, {mineDrifting} drifting): app p50 {mine.P50:F2} ms  p95 {mine.P95:F2} ms | floor p50 {mineFloor.P50:F2} ms  p95 {mineFloor.P95:F2} ms | ratio p95 {mine.P95 / mineFloor.P95:F2}x");
            Console.WriteLine($"  supervisor's team ({teamRows} cases, {teamDrifting} drifting): app p50 {team.P50:F2} ms  p95 {team.P95:F2} ms | floor p50 {teamFloor.P50:F2} ms  p95 {teamFloor.P95:F2} ms | ratio p95 {team.P95 / teamFloor.P95:F2}x");
            Console.WriteLine($"    as served, with the audit entries written: p50 {served.P50:F2} ms  p95 {served.P95:F2} ms");
        }

        await EveryCaseAsync(database, rules, calendars, settings, clock);
    }

    /// <summary>Every case that is not closed: the app's facts and rules, the floor's facts, and the daily scan from nothing and again.</summary>
    private static async Task EveryCaseAsync(BenchDatabase database, DriftRules rules, Calendars calendars, DriftSettings settings, TimeProvider clock)
    {
        int cases, drifting;
        var watch = Stopwatch.StartNew();
        await using (var db = database.CreateDb())
        {
            var rows = await DriftQuery.RowsAsync(db, db.Cases, Today);
            var catalogue = await Standards(db, clock).CatalogueAsync();
            cases = rows.Count;
            drifting = DriftQuery.Assess(rows, rules, calendars, catalogue, Today).Count;
        }

        var app = watch.Elapsed;
        watch.Restart();
        int floorRows;
        await using (var db = database.CreateDb()) floorRows = await FloorAsync(database, db, "1 = 1", "");
        var floor = watch.Elapsed;
        if (floorRows != cases) throw new InvalidOperationException("The app and the floor read a different number of cases.");
        Console.WriteLine($"  every case not closed ({cases:N0}, {drifting:N0} drifting): facts and rules {app.TotalSeconds:F2} s | floor (facts only) {floor.TotalSeconds:F2} s");

        await using (var db = database.CreateDb()) await db.Set<DriftSignalRecord>().ExecuteDeleteAsync();
        foreach (var run in new[] { "from an empty record", "again, nothing new" })
        {
            watch.Restart();
            DriftScan.Result result;
            await using (var db = database.CreateDb())
            {
                result = await new DriftScan(db, settings, calendars, Standards(db, clock), clock, NullLogger<DriftScan>.Instance).ScanAsync();
            }

            Console.WriteLine($"  daily scan {run}: {watch.Elapsed.TotalSeconds:F2} s ({result.DriftingCases:N0} drifting cases, {result.Opened:N0} signals recorded, {result.Cleared:N0} cleared)");
        }
    }

    private static ServiceStandards Standards(CaseloadDb db, TimeProvider clock) => new(db, new AuditTrail(db, new HttpContextAccessor(), clock), clock);

    /// <summary>The same facts for the same cases by one hand-written statement: correlated aggregates over indexed columns.</summary>
    private static async Task<int> FloorAsync(BenchDatabase database, CaseloadDb db, string where, string userId)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        var isTrue = sqlite ? "1" : "TRUE";
        const string paused = """d."PauseReason" IS NOT NULL AND d."PausedFrom" IS NOT NULL AND d."PausedFrom" <= @today AND (d."PausedUntil" IS NULL OR d."PausedUntil" >= @today)""";
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT c."Id", p."GivenName", p."FamilyName", c."Service", c."Status", c."Risk", c."ReferredOn", c."OpenedOn", c."ReviewDueOn",
              c."ExpectedContactEveryWorkingDays", c."LastContactAt", u."UserName", u."DisplayName", u."IsActive",
              (SELECT MAX(n."RecordedAt") FROM "CaseNotes" n WHERE n."CaseId" = c."Id" AND n."StruckThroughAt" IS NULL),
              (SELECT COUNT(*) FROM "CaseTasks" t WHERE t."CaseId" = c."Id" AND t."Status" = 'Open' AND t."DueOn" < @today),
              (SELECT MIN(t."DueOn") FROM "CaseTasks" t WHERE t."CaseId" = c."Id" AND t."Status" = 'Open' AND t."DueOn" < @today),
              (SELECT COUNT(*) FROM "CaseDeadline" d WHERE d."CaseId" = c."Id" AND d."MetOn" IS NULL AND d."DueDate" < @today AND NOT ({paused})),
              (SELECT COUNT(*) FROM "CaseDeadline" d WHERE d."CaseId" = c."Id" AND d."MetOn" IS NULL AND d."DueDate" < @today AND d."IsStatutory" = {isTrue} AND NOT ({paused})),
              (SELECT MIN(d."DueDate") FROM "CaseDeadline" d WHERE d."CaseId" = c."Id" AND d."MetOn" IS NULL AND d."DueDate" < @today AND NOT ({paused}))
            FROM "Cases" c JOIN "People" p ON p."Id" = c."PersonId" LEFT JOIN "AspNetUsers" u ON u."Id" = c."AllocatedToId"
            WHERE {where} AND c."Status" <> 'Closed'
            """;
        Add(command, "u", userId);
        Add(command, "today", sqlite ? Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : Today);
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }

        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>Two tasks on each case that is not closed, one open, due from six weeks ago to a month ahead: the overdue tasks signal at work.</summary>
    private static async Task EnsureTasksAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        if (await db.Set<CaseTask>().AnyAsync()) return;
        var open = await db.Cases.Where(c => c.Status != CaseStatus.Closed).Select(c => new { c.Id, Owner = c.AllocatedToId ?? c.Team!.SupervisorId }).ToListAsync();
        var random = new Random(11);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        foreach (var chunk in open.Where(c => c.Owner is not null).Chunk(10_000))
        {
            await using var batch = database.CreateDb();
            batch.ChangeTracker.AutoDetectChangesEnabled = false;
            batch.Set<CaseTask>().AddRange(chunk.SelectMany(c => new[] { CaseTaskStatus.Open, CaseTaskStatus.Done }.Select(status => new CaseTask
            {
                Id = Guid.CreateVersion7(), CaseId = c.Id, Action = "Generated action", OwnerId = c.Owner!, OwnerName = "generator",
                DueOn = Today.AddDays(random.Next(-42, 30)), Status = status, CreatedAt = now, CreatedById = c.Owner!, CreatedByName = "generator",
                ClosedAt = status == CaseTaskStatus.Done ? now : null, Version = 1,
            })));
            await batch.SaveChangesAsync();
        }

        Console.WriteLine($"Added two tasks (one open) to each of {open.Count:N0} cases that are not closed");
    }
}
