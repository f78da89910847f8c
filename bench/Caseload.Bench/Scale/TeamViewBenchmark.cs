using System.Data.Common;
using System.Diagnostics;
using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Features.Capacity.Escalations;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Features.Supervision;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Caseload.Bench.Scale;

/// <summary>
/// The team view at scale, as the API serves it (its figures, 12 weeks of snapshots, and the view's audit event): a
/// supervisor's team of 15, a service manager's view of every team (a row a team) and the same manager opening one team,
/// each beside hand-written SQL that reads the same facts (the floor: the stored points and counts summed per practitioner,
/// settings, adjustments and the snapshots; no rules and no audit). Before it: the background job that stores each open
/// case's points (the first run after the column is added weighs every open case), and the weekly snapshot job over every
/// practitioner, timed for one week.
/// </summary>
public static class TeamViewBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public static async Task RunAsync(BenchDatabase database, int iterations, int managerIterations)
    {
        await WorklistBenchmark.EnsureDeadlinesAsync(database);
        await EnsureTeamOf15Async(database);
        await EnsureAttentionAsync(database);
        var config = new ConfigurationBuilder().Build();
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var clock = new Clock(Now);
        var calendars = new Calendars(config, scopes, clock);
        var settings = new WeightingSettings(config, scopes, clock);

        TeamCapacityService Service(CaseloadDb db, TimeProvider at)
        {
            var audit = new AuditTrail(db, new HttpContextAccessor(), at);
            return new TeamCapacityService(db, audit, at, settings,
                new CapacityService(db, audit, at, settings, new EscalationRouting(db, audit, at, calendars, config)));
        }

        // Each open case's stored points, as the background job writes them after the column is added or the scheme changes.
        TimeSpan weighing;
        int weighed;
        await using (var db = database.CreateDb())
        {
            var watch = Stopwatch.StartNew();
            weighed = await new CaseWeightJob(db, settings, NullLogger<CaseWeightJob>.Instance).ReweighStaleAsync();
            weighing = watch.Elapsed;
        }

        // Twelve weeks of snapshots, each week as the job writes it; the last (this week's) timed.
        TimeSpan thisWeek = default;
        int written = 0;
        for (var weeksAgo = 11; weeksAgo >= 0; weeksAgo--)
        {
            var at = new Clock(Now.AddDays(-7 * weeksAgo));
            await using var db = database.CreateDb();
            var watch = Stopwatch.StartNew();
            var wrote = await new CapacitySnapshotJob(db, Service(db, at), at, NullLogger<CapacitySnapshotJob>.Instance).RecordWeekAsync();
            if (weeksAgo == 0) (thisWeek, written) = (watch.Elapsed, wrote);
        }

        TimeSpan again;
        await using (var db = database.CreateDb())
        {
            var watch = Stopwatch.StartNew();
            var wrote = await new CapacitySnapshotJob(db, Service(db, clock), clock, NullLogger<CapacitySnapshotJob>.Instance).RecordWeekAsync();
            again = watch.Elapsed;
            if (wrote != 0) throw new InvalidOperationException("A second run of the week's snapshot wrote again.");
        }

        CurrentUser supervisor, manager;
        int snapshotCount;
        await using (var db = database.CreateDb())
        {
            var first = await db.Teams.OrderBy(t => t.Id).FirstAsync();
            supervisor = (await CurrentUserAccessor.LoadAsync(db, first.SupervisorId!))!;
            manager = (await CurrentUserAccessor.LoadAsync(db, await db.Users.Where(u => u.UserName == "service.manager").Select(u => u.Id).SingleAsync()))!;
            snapshotCount = await db.Set<CapacitySnapshot>().CountAsync();
        }

        async Task<(int Practitioners, int Cases)> App(CurrentUser user, int? team = null)
        {
            await using var db = database.CreateDb();
            var view = (await Service(db, clock).ForTeamsAsync(user, team)).Value!;
            return (view.Total.Practitioners, view.Total.Cases);
        }

        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var from = TeamViewRules.HistoryWeekStarts(today)[0];
        var teamIds = string.Join(",", supervisor.SupervisedTeamIds);
        var services = string.Join(",", manager.ManagedServices.Select(s => $"'{s}'"));
        var bools = database.Provider == DatabaseProvider.Sqlite ? ("1", "0") : ("TRUE", "FALSE");
        var teamPeople = $"""SELECT u."Id" FROM "AspNetUsers" u WHERE u."IsActive" = {bools.Item1} AND u."Id" <> @me AND u."TeamId" IN ({teamIds})""";
        // A service manager opening one team: the first team's people among those holding cases in their services.
        var drillTeam = supervisor.SupervisedTeamIds.Min();
        var managerPeople = $"""
            SELECT u."Id" FROM "AspNetUsers" u WHERE u."IsActive" = {bools.Item1} AND u."Id" <> @me
              AND EXISTS (SELECT 1 FROM "Cases" c WHERE c."AllocatedToId" = u."Id" AND c."Service" IN ({services}) AND c."Status" <> 'Closed')
            """;

        async Task<(int Practitioners, int Cases)> Floor(string people, string me)
        {
            await using var db = database.CreateDb();
            return await FloorAsync(db, people, me, today, from);
        }

        // The app and the floor must read the same practitioners and cases, or the comparison would be meaningless.
        var drillPeople = $"""{managerPeople} AND u."TeamId" = {drillTeam}""";
        var teamShape = await App(supervisor);
        var managerShape = await App(manager);
        var drillShape = await App(manager, drillTeam);
        if (teamShape != await Floor(teamPeople, supervisor.Id) || managerShape != await Floor(managerPeople, manager.Id) || drillShape != await Floor(drillPeople, manager.Id))
        {
            throw new InvalidOperationException($"The team view and the floor read different practitioners or cases: {teamShape} / {managerShape} / {drillShape}.");
        }

        var timed = await MyCasesBenchmark.TimeInterleavedAsync(iterations, () => App(supervisor), () => Floor(teamPeople, supervisor.Id),
            () => App(manager, drillTeam), () => Floor(drillPeople, manager.Id));
        var (team, teamFloor, drill, drillFloor) = (timed[0], timed[1], timed[2], timed[3]);
        var managerTimed = await MyCasesBenchmark.TimeInterleavedAsync(managerIterations, () => App(manager), () => Floor(managerPeople, manager.Id));
        var (all, allFloor) = (managerTimed[0], managerTimed[1]);
        Console.WriteLine($"Team view, {database.Provider} (today {today:yyyy-MM-dd}; {snapshotCount:N0} weekly snapshots)");
        Console.WriteLine($"  stored case points: {weighed:N0} open cases weighed by the background job in {weighing.TotalSeconds:F2} s (0 when already weighed)");
        Console.WriteLine($"  weekly snapshot job: {written:N0} practitioners in {thisWeek.TotalSeconds:F2} s; run again the same week: nothing written, {again.TotalMilliseconds:F0} ms");
        Console.WriteLine($"  supervisor's team ({teamShape.Practitioners} practitioners, {teamShape.Cases} open cases), {iterations} calls: app p50 {team.P50:F2} ms  p95 {team.P95:F2} ms | floor p50 {teamFloor.P50:F2} ms  p95 {teamFloor.P95:F2} ms | ratio p95 {team.P95 / teamFloor.P95:F2}x");
        Console.WriteLine($"  service manager, every team as a row a team ({managerShape.Practitioners} practitioners, {managerShape.Cases:N0} open cases), {managerIterations} calls: app p50 {all.P50:F2} ms  p95 {all.P95:F2} ms | floor p50 {allFloor.P50:F2} ms  p95 {allFloor.P95:F2} ms | ratio p95 {all.P95 / allFloor.P95:F2}x");
        Console.WriteLine($"  service manager opening one team ({drillShape.Practitioners} practitioners, {drillShape.Cases} open cases), {iterations} calls: app p50 {drill.P50:F2} ms  p95 {drill.P95:F2} ms | floor p50 {drillFloor.P50:F2} ms  p95 {drillFloor.P95:F2} ms | ratio p95 {drill.P95 / drillFloor.P95:F2}x");
        Console.WriteLine("  (app as served: figures, rules, history and the view's audit event (a team: with its cases; every team: one aggregate event); floor: the same sums and counts by hand-written SQL over the stored points, no rules, no audit)");
    }

    /// <summary>Every fact the view reads, by hand: the held cases with what the scheme weighs, the counts per practitioner, the snapshots.</summary>
    private static async Task<(int Practitioners, int Cases)> FloorAsync(CaseloadDb db, string people, string me, DateOnly today, DateOnly from)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // Who is in the view first, as the app does; then every fact for that list of ids.
        var ids = new List<string>();
        await using (var who = connection.CreateCommand())
        {
            who.CommandText = people;
            Add(who, "me", me);
            await using var reader = await who.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        }

        people = ids.Count == 0 ? "NULL" : string.Join(",", ids.Select(id => $"'{id}'"));
        var d = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var f = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var postgres = db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
        string Day(string s) => postgres ? $"DATE '{s}'" : $"'{s}'";
        var statements = new[]
        {
            $"""SELECT u."Id", u."UserName", u."DisplayName", u."TeamId", t."Name" FROM "AspNetUsers" u LEFT JOIN "Teams" t ON t."Id" = u."TeamId" WHERE u."Id" IN ({people}) ORDER BY t."Name", u."DisplayName" """,
            $"""
            SELECT c."AllocatedToId", c."Service", COUNT(*), SUM(CASE WHEN c."Risk" = 2 THEN 1 ELSE 0 END), SUM(c."WeightTenths")
            FROM "Cases" c WHERE c."Status" = 'Open' AND c."AllocatedToId" IN ({people}) GROUP BY c."AllocatedToId", c."Service"
            """,
            $"""
            SELECT w."UserId", c."Service", COUNT(*), SUM(CASE WHEN c."Risk" = 2 THEN 1 ELSE 0 END), SUM(c."WeightTenths")
            FROM "CaseCoWorkers" w JOIN "Cases" c ON c."Id" = w."CaseId"
            WHERE c."Status" = 'Open' AND w."UserId" IN ({people}) AND (c."AllocatedToId" IS NULL OR w."UserId" <> c."AllocatedToId") GROUP BY w."UserId", c."Service"
            """,
            $"""SELECT * FROM "PractitionerCapacities" WHERE "UserId" IN ({people})""",
            $"""SELECT * FROM "CapacityAdjustments" WHERE "UserId" IN ({people}) AND "From" <= {Day(d)} AND ("Until" IS NULL OR "Until" >= {Day(d)})""",
            $"""
            SELECT c."AllocatedToId", COUNT(*) FROM "CaseDeadline" x JOIN "Cases" c ON c."Id" = x."CaseId"
            WHERE c."Status" = 'Open' AND c."AllocatedToId" IN ({people}) AND x."MetOn" IS NULL AND x."PausedFrom" IS NULL AND x."DueDate" < {Day(d)} GROUP BY c."AllocatedToId"
            """,
            $"""
            SELECT c."AllocatedToId", COUNT(*) FROM "Cases" c
            WHERE c."Status" = 'Open' AND c."AllocatedToId" IN ({people}) AND EXISTS (SELECT 1 FROM "DriftSignals" r WHERE r."CaseId" = c."Id" AND r."ClearedAt" IS NULL)
            GROUP BY c."AllocatedToId"
            """,
            $"""
            SELECT w."UserId", COUNT(*) FROM "CaseCoWorkers" w JOIN "Cases" c ON c."Id" = w."CaseId"
            WHERE c."Status" = 'Open' AND w."UserId" IN ({people}) AND (c."AllocatedToId" IS NULL OR w."UserId" <> c."AllocatedToId")
              AND EXISTS (SELECT 1 FROM "DriftSignals" r WHERE r."CaseId" = c."Id" AND r."ClearedAt" IS NULL)
            GROUP BY w."UserId"
            """,
            $"""SELECT "PractitionerId", MAX("OccurredOn") FROM "SupervisionSessions" WHERE "PractitionerId" IN ({people}) GROUP BY "PractitionerId" """,
            $"""SELECT "PractitionerId", COUNT(*) FROM "CapacityEscalations" WHERE "Status" = 'Open' AND "PractitionerId" IN ({people}) GROUP BY "PractitionerId" """,
            $"""SELECT "UserId", "WeekStart", "LoadPoints", "CapacityPoints" FROM "CapacitySnapshots" WHERE "UserId" IN ({people}) AND "WeekStart" >= {Day(f)}""",
        };
        var counts = new int[statements.Length];
        var cases = 0L;
        for (var i = 0; i < statements.Length; i++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statements[i];
            Add(command, "me", me);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var c = 0; c < reader.FieldCount; c++) _ = reader.GetValue(c);
                counts[i]++;
                // The held cases' counts, allocated and co-worked.
                if (i is 1 or 2) cases += Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return (counts[0], (int)cases);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>Generated teams have 10 practitioners: the first team takes 5 of the second's (with their cases), so it has 15.</summary>
    private static async Task EnsureTeamOf15Async(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        var teams = await db.Teams.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToListAsync();
        if (await db.Users.CountAsync(u => u.TeamId == teams[0] && u.UserName!.StartsWith("practitioner.")) >= 15) return;
        var moving = await db.Users.Where(u => u.TeamId == teams[1] && u.UserName!.StartsWith("practitioner.")).OrderBy(u => u.UserName).Select(u => u.Id).Take(5).ToListAsync();
        await db.Users.Where(u => moving.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.TeamId, teams[0]));
        await db.Cases.Where(c => c.AllocatedToId != null && moving.Contains(c.AllocatedToId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.TeamId, teams[0]));
    }

    /// <summary>What needs attention, once: drift on one open case in five, a supervision for most practitioners, an open escalation for one in ten.</summary>
    private static async Task EnsureAttentionAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        if (await db.Set<SupervisionSession>().AnyAsync()) return;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(18);
        var today = new DateOnly(2026, 11, 23);
        var open = await db.Cases.Where(c => c.Status == CaseStatus.Open).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        foreach (var chunk in open.Where(_ => random.NextDouble() < 0.2).Chunk(5_000))
        {
            db.Set<DriftSignalRecord>().AddRange(chunk.Select(id => new DriftSignalRecord
            {
                CaseId = id, Code = DriftCodes.ReviewOverdue, Since = today.AddDays(-random.Next(1, 60)), FoundAt = Now.AddDays(-random.Next(1, 30)), Detail = "Review overdue",
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var practitioners = await db.Users.Where(u => u.UserName!.StartsWith("practitioner.")).OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, Supervisor = u.Team!.SupervisorId }).ToListAsync();
        foreach (var p in practitioners)
        {
            if (random.NextDouble() < 0.9)
            {
                for (var s = 0; s < 3; s++)
                {
                    var on = today.AddDays(-random.Next(1, 120));
                    db.Set<SupervisionSession>().Add(new SupervisionSession
                    {
                        Id = Guid.CreateVersion7(), PractitionerId = p.Id, PractitionerUserName = p.UserName!, PractitionerName = p.DisplayName,
                        SupervisorId = p.Supervisor!, SupervisorName = "supervisor", RecordedAt = Now.AddDays(-1), Version = 1, CurrentVersion = 1,
                        OccurredOn = on, Kind = SupervisionKind.OneToOne, Status = SupervisionStatus.Agreed,
                    });
                }
            }

            if (random.NextDouble() < 0.1)
            {
                db.Set<CapacityEscalation>().Add(new CapacityEscalation
                {
                    Id = Guid.CreateVersion7(), PractitionerId = p.Id, PractitionerUserName = p.UserName!, PractitionerName = p.DisplayName,
                    RaisedById = p.Id, RaisedByName = p.UserName!, RaisedAt = Now.AddDays(-2), Reason = "Too many court cases at once", LoadPoints = 110, CapacityPoints = 90,
                    Utilisation = 1.222m, Band = "over", Status = EscalationStatus.Open, RecipientId = p.Supervisor, RecipientName = "supervisor", RespondBy = today.AddDays(5), Version = 1,
                });
            }
        }

        await db.SaveChangesAsync();
    }
}
