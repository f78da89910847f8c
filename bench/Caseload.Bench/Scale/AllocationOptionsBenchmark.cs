using Caseload.Features.Capacity;
using Caseload.Features.Capacity.Escalations;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Bench.Scale;

/// <summary>
/// Allocation options at scale: a referral in a supervisor's team, ranked as the API serves it (the case found through
/// VisibleCases as the case scope does, every candidate's open cases weighed, capacity settings and adjustments, the ranking and
/// the audit event with the figures shown), beside one hand-written SQL query fetching the same practitioners, their capacity
/// settings and adjustments, and the stored points of the open cases they hold summed by service (the floor: no ranking, warnings
/// or audit), checked to give every candidate the same load as the app. Generated teams have 10 practitioners: one team (11 options with the supervisor)
/// and two teams (21) bound a team of 15 from both sides. Then a service manager's options (everyone) for scale.
/// </summary>
public static class AllocationOptionsBenchmark
{
    public static async Task RunAsync(BenchDatabase database, int iterations)
    {
        var config = new ConfigurationBuilder().Build();
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var calendars = new Calendars(config, scopes, TimeProvider.System);
        var settings = new WeightingSettings(config, scopes, TimeProvider.System);
        // Each open case's stored points, as the background job keeps them.
        await using (var db = database.CreateDb()) await new CaseWeightJob(db, settings, Microsoft.Extensions.Logging.Abstractions.NullLogger<CaseWeightJob>.Instance).ReweighStaleAsync();

        CurrentUser supervisor, twoTeams, manager;
        Guid referral;
        await using (var db = database.CreateDb())
        {
            // The team whose supervisor has the most referrals waiting: any team would do, this one is fixed by the data.
            var team = await db.Cases.Where(c => c.Status == CaseStatus.Referred && c.TeamId != null).GroupBy(c => c.TeamId)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key!.Value).FirstAsync();
            var supervisorId = (await db.Teams.Where(t => t.Id == team).Select(t => t.SupervisorId).SingleAsync())!;
            supervisor = (await CurrentUserAccessor.LoadAsync(db, supervisorId))!;
            referral = await db.Cases.Where(c => c.Status == CaseStatus.Referred && c.TeamId == team).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var second = await db.Teams.Where(t => t.Id != team).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            twoTeams = supervisor with { SupervisedTeamIds = [team, second] };
            var managerId = await db.Users.Where(u => u.UserName == "service.manager").Select(u => u.Id).SingleAsync();
            manager = (await CurrentUserAccessor.LoadAsync(db, managerId))!;
        }

        async Task<Dictionary<string, decimal>> App(CurrentUser user)
        {
            await using var db = database.CreateDb();
            var audit = new AuditTrail(db, new HttpContextAccessor(), TimeProvider.System);
            var found = await db.VisibleCases(user).Where(c => c.Id == referral)
                .Select(c => new { c.Id, c.PersonId, PersonName = c.Person.GivenName + " " + c.Person.FamilyName, c.Service, c.Status, c.Version })
                .SingleAsync();
            var scoped = new CaseContext(user, found.Id, found.PersonId, found.PersonName, found.Service, found.Status, found.Version);
            var capacity = new CapacityService(db, audit, TimeProvider.System, settings, new EscalationRouting(db, audit, TimeProvider.System, calendars, config));
            var outcome = await new AllocationService(db, audit, capacity).OptionsAsync(user, scoped);
            return outcome.Value!.Options.ToDictionary(o => o.Candidate.Id, o => o.Candidate.LoadPoints, StringComparer.Ordinal);
        }

        async Task<Dictionary<string, decimal>> Floor(CurrentUser user)
        {
            await using var db = database.CreateDb();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            var teams = string.Join(",", user.SupervisedTeamIds);
            var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            // What the options are made of, as an expert would ask for it in one statement: the candidates (the teams' practitioners
            // and supervisors, and the caller), each one's capacity settings and adjustments in force today, and the stored points of
            // the open cases each holds (allocated, or co-worked without holding it) summed by service; one row per candidate and
            // service. The same figures the app ranks on, so the two are checked to agree.
            command.CommandText = $"""
                WITH candidates AS (
                  SELECT u."Id" FROM "AspNetUsers" u
                  WHERE u."IsActive" AND (u."TeamId" IN ({teams}) OR u."Id" = @me)
                    AND EXISTS (SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE ur."UserId" = u."Id" AND r."Name" IN ('Practitioner', 'Supervisor'))),
                held AS (
                  SELECT c."AllocatedToId" AS holder, c."Service", c."WeightTenths" AS tenths
                  FROM "Cases" c WHERE c."Status" = 'Open' AND c."AllocatedToId" IN (SELECT "Id" FROM candidates)
                  UNION ALL
                  SELECT w."UserId", c."Service", c."WeightTenths"
                  FROM "CaseCoWorkers" w JOIN "Cases" c ON c."Id" = w."CaseId"
                  WHERE c."Status" = 'Open' AND w."UserId" IN (SELECT "Id" FROM candidates) AND w."UserId" <> COALESCE(c."AllocatedToId", ''))
                SELECT k."Id", s."Fte", s."FullTimePoints", s."NewlyQualified",
                  (SELECT COUNT(*) FROM "CapacityAdjustments" a WHERE a."UserId" = k."Id" AND a."From" <= '{today}' AND (a."Until" IS NULL OR a."Until" >= '{today}')),
                  h."Service", COALESCE(SUM(h.tenths), 0)
                FROM candidates k
                LEFT JOIN "PractitionerCapacities" s ON s."UserId" = k."Id"
                LEFT JOIN held h ON h.holder = k."Id"
                GROUP BY k."Id", s."Fte", s."FullTimePoints", s."NewlyQualified", h."Service"
                """;
            var me = command.CreateParameter();
            me.ParameterName = "me";
            me.Value = user.Id;
            command.Parameters.Add(me);
            var loads = new Dictionary<string, decimal>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
                var id = reader.GetString(0);
                loads[id] = loads.GetValueOrDefault(id) + Convert.ToDecimal(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture) / 10m;
            }

            return loads;
        }

        static bool Same(Dictionary<string, decimal> app, Dictionary<string, decimal> floor) =>
            app.Count == floor.Count && app.All(a => floor.TryGetValue(a.Key, out var f) && f == a.Value);

        var teamOptions = await App(supervisor);
        var twoOptions = await App(twoTeams);
        if (!Same(teamOptions, await Floor(supervisor)) || !Same(twoOptions, await Floor(twoTeams)))
        {
            throw new InvalidOperationException("The options and the floor found different practitioners or loads: the comparison would be meaningless.");
        }

        var (teamCount, twoCount) = (teamOptions.Count, twoOptions.Count);
        int held;
        await using (var db = database.CreateDb())
        {
            var ids = await db.Users.Where(u => u.TeamId != null && twoTeams.SupervisedTeamIds.Contains(u.TeamId.Value)).Select(u => u.Id).ToListAsync();
            held = await db.Cases.CountAsync(c => c.Status == CaseStatus.Open && c.AllocatedToId != null && ids.Contains(c.AllocatedToId));
        }

        var timed = await MyCasesBenchmark.TimeInterleavedAsync(iterations, () => App(supervisor), () => Floor(supervisor), () => App(twoTeams), () => Floor(twoTeams));
        var (one, teamFloor, two, twoFloor) = (timed[0], timed[1], timed[2], timed[3]);
        var managerIterations = Math.Max(3, iterations / 20);
        var everyone = await MyCasesBenchmark.TimeAsync(() => App(manager), managerIterations);
        var managerCount = (await App(manager)).Count;
        Console.WriteLine($"Allocation options, {database.Provider}, {iterations} calls each (a referral in the supervisor's team)");
        Console.WriteLine($"  one team ({teamCount} options): app p50 {one.P50:F2} ms  p95 {one.P95:F2} ms | floor p50 {teamFloor.P50:F2} ms  p95 {teamFloor.P95:F2} ms | ratio p95 {one.P95 / teamFloor.P95:F2}x");
        Console.WriteLine($"  two teams ({twoCount} options, {held} open cases allocated to them): app p50 {two.P50:F2} ms  p95 {two.P95:F2} ms | floor p50 {twoFloor.P50:F2} ms  p95 {twoFloor.P95:F2} ms | ratio p95 {two.P95 / twoFloor.P95:F2}x");
        Console.WriteLine($"  service manager, everyone ({managerCount} options), {managerIterations} calls: app p50 {everyone.P50:F2} ms  p95 {everyone.P95:F2} ms");
    }
}
