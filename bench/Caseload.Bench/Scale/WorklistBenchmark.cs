using System.Diagnostics;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.Agencies;
using Caseload.Features.Agencies.Referrals;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Tasks;
using Caseload.Features.Worklist;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Bench.Scale;

/// <summary>
/// The worklist at scale: a practitioner's and a supervisor's team, each as the page builds it (visibility, every factor,
/// the priority rules, work-first order), beside one hand-written SQL query fetching the same cases' raw factors (the
/// floor, no ranking). Then every open case assessed at once, as after a change of weights.
/// </summary>
public static class WorklistBenchmark
{
    public static async Task RunAsync(BenchDatabase database, int iterations, bool everyCaseOnly = false)
    {
        await EnsureDeadlinesAsync(database);
        await EnsureReferralsAsync(database);
        var config = new ConfigurationBuilder().Build();
        var calendars = new Calendars(config, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        var rules = PriorityRules.Default;
        var today = new DateOnly(2026, 11, 23);

        string practitionerId, supervisorId;
        int open;
        await using (var db = database.CreateDb())
        {
            var loads = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
                .GroupBy(c => c.AllocatedToId).Select(g => new { UserId = g.Key!, Open = g.Count() }).ToListAsync();
            var busiest = loads.OrderByDescending(l => l.Open).ThenBy(l => l.UserId, StringComparer.Ordinal).First();
            (practitionerId, open) = (busiest.UserId, busiest.Open);
            supervisorId = (await db.Teams.Where(t => db.Users.Any(u => u.Id == practitionerId && u.TeamId == t.Id)).Select(t => t.SupervisorId).SingleAsync())!;
        }

        CurrentUser practitioner, supervisor, manager;
        int[] twoTeams;
        await using (var db = database.CreateDb())
        {
            practitioner = (await CurrentUserAccessor.LoadAsync(db, practitionerId))!;
            supervisor = (await CurrentUserAccessor.LoadAsync(db, supervisorId))!;
            var managerId = await db.Users.Where(u => u.UserName == "service.manager").Select(u => u.Id).SingleAsync();
            manager = (await CurrentUserAccessor.LoadAsync(db, managerId))!;
            // Generated teams have 10 practitioners; two of them (20) bound a team of 15 from above.
            var first = supervisor.SupervisedTeamIds[0];
            twoTeams = [first, await db.Teams.Where(t => t.Id != first).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync()];
        }

        async Task<List<(string Id, long OpenTasks)>> Mine()
        {
            await using var db = database.CreateDb();
            return (await WorklistQuery.LoadAsync(db, practitioner, WorklistScope.Of(practitionerId), new WorklistFilter(), rules, calendars, today))
                .Select(i => (i.CaseId.ToString(), (long)i.OpenTasks)).ToList();
        }

        async Task<List<(string Id, long OpenTasks)>> Team()
        {
            await using var db = database.CreateDb();
            return (await WorklistQuery.LoadAsync(db, supervisor, WorklistScope.Teams(supervisor.SupervisedTeamIds), new WorklistFilter(), rules, calendars, today))
                .Select(i => (i.CaseId.ToString(), (long)i.OpenTasks)).ToList();
        }

        async Task<List<(string Id, long OpenTasks)>> TwoTeams()
        {
            await using var db = database.CreateDb();
            return (await WorklistQuery.LoadAsync(db, manager, WorklistScope.Teams(twoTeams), new WorklistFilter(), rules, calendars, today))
                .Select(i => (i.CaseId.ToString(), (long)i.OpenTasks)).ToList();
        }

        // As the page and the API serve it: the same query through the service, with the view's audit event and its cases.
        var settings = new PrioritySettings(config, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
        async Task<int> MineAudited()
        {
            await using var db = database.CreateDb();
            var service = new WorklistService(db, new AuditTrail(db, new HttpContextAccessor(), TimeProvider.System), TimeProvider.System, calendars, settings);
            return (await service.ForPractitionerAsync(practitioner, null, new WorklistFilter())).Value.Items.Count;
        }

        async Task<int> TeamAudited()
        {
            await using var db = database.CreateDb();
            var service = new WorklistService(db, new AuditTrail(db, new HttpContextAccessor(), TimeProvider.System), TimeProvider.System, calendars, settings);
            return (await service.ForTeamsAsync(supervisor, new WorklistFilter())).Count;
        }

        async Task<List<(string Id, long OpenTasks)>> Floor(string where, string parameter)
        {
            await using var db = database.CreateDb();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var restrictedFalse = database.Provider == DatabaseProvider.Sqlite ? "0" : "FALSE";
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT c."Id", p."GivenName", p."FamilyName", p."DateOfBirth", c."Risk", c."SafeguardingConcernSince", c."ExpectedContactEveryWorkingDays",
                  (SELECT string_agg_placeholder FROM "PersonCharacteristics" pc WHERE pc."PersonId" = p."Id"),
                  c."LastContactAt", c."ReviewDueOn", u."DisplayName",
                  (SELECT deadlines_placeholder FROM "CaseDeadline" d WHERE d."CaseId" = c."Id" AND d."MetOn" IS NULL),
                  (SELECT COUNT(*) FROM "CaseTasks" t WHERE t."CaseId" = c."Id" AND t."Status" = 'Open'),
                  (SELECT COUNT(*) FROM "CaseTasks" t WHERE t."CaseId" = c."Id" AND t."Status" = 'Open' AND t."DueOn" < @today),
                  (SELECT MAX(o."Rationale") FROM "PriorityOverrides" o WHERE o."CaseId" = c."Id" AND o."EndedAt" IS NULL)
                FROM "Cases" c JOIN "People" p ON p."Id" = c."PersonId" LEFT JOIN "AspNetUsers" u ON u."Id" = c."AllocatedToId"
                WHERE {where} AND c."Status" <> 'Closed'
                  AND (c."Restricted" = {restrictedFalse} OR EXISTS (SELECT 1 FROM "CaseRestrictedAccess" r WHERE r."CaseId" = c."Id" AND r."UserId" = @u))
                """.Replace("string_agg_placeholder", database.Provider == DatabaseProvider.Sqlite ? "group_concat(pc.\"Code\")" : "string_agg(pc.\"Code\", ',')", StringComparison.Ordinal)
                .Replace("deadlines_placeholder", database.Provider == DatabaseProvider.Sqlite ? "group_concat(d.\"Title\" || d.\"DueDate\")" : "string_agg(d.\"Title\" || d.\"DueDate\", ',')", StringComparison.Ordinal);
            var u = command.CreateParameter();
            u.ParameterName = "u";
            u.Value = parameter;
            command.Parameters.Add(u);
            var todayParameter = command.CreateParameter();
            todayParameter.ParameterName = "today";
            todayParameter.Value = database.Provider == DatabaseProvider.Sqlite ? today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : today;
            command.Parameters.Add(todayParameter);
            var rows = new List<(string Id, long OpenTasks)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
                rows.Add((reader.GetValue(0).ToString()!.ToLowerInvariant(), Convert.ToInt64(reader.GetValue(12), System.Globalization.CultureInfo.InvariantCulture)));
            }

            return rows;
        }

        // The app and the floor must read the same cases with the same open tasks (the floor does not rank: the rules do that),
        // or comparing their times means nothing.
        static bool Same(List<(string Id, long OpenTasks)> app, List<(string Id, long OpenTasks)> floor) =>
            app.Select(r => (r.Id.ToLowerInvariant(), r.OpenTasks)).Order().SequenceEqual(floor.Order());

        var mineWhere = """c."Id" IN (SELECT "Id" FROM "Cases" WHERE "AllocatedToId" = @u UNION SELECT "CaseId" FROM "CaseCoWorkers" WHERE "UserId" = @u)""";
        var teamWhere = $"""c."TeamId" IN ({string.Join(",", supervisor.SupervisedTeamIds)}) AND @u = @u""";
        if (everyCaseOnly)
        {
            await EveryCaseAsync(database, manager, rules, calendars, today);
            return;
        }

        var twoTeamsWhere = $"""c."TeamId" IN ({string.Join(",", twoTeams)}) AND @u = @u""";
        var mineRows = await Mine();
        var teamRows = await Team();
        var twoTeamsRows = await TwoTeams();
        if (!Same(mineRows, await Floor(mineWhere, practitionerId)) || !Same(teamRows, await Floor(teamWhere, supervisorId))
            || !Same(twoTeamsRows, await Floor(twoTeamsWhere, manager.Id)))
        {
            throw new InvalidOperationException("The worklist and the floor fetched different cases or open tasks: the comparison would be meaningless.");
        }

        var (mineCount, teamCount, twoTeamsCount) = (mineRows.Count, teamRows.Count, twoTeamsRows.Count);

        var timed = await MyCasesBenchmark.TimeInterleavedAsync(iterations, Mine, () => Floor(mineWhere, practitionerId), MineAudited, Team, TeamAudited,
            () => Floor(teamWhere, supervisorId), TwoTeams, () => Floor(twoTeamsWhere, manager.Id));
        var (mine, mineFloor, mineAudited, team, teamAudited, teamFloor, two, twoFloor) = (timed[0], timed[1], timed[2], timed[3], timed[4], timed[5], timed[6], timed[7]);
        Console.WriteLine($"Worklist, {database.Provider}, {iterations} calls each (today {today:yyyy-MM-dd})");
        Console.WriteLine($"  practitioner ({mineCount} open cases): app p50 {mine.P50:F2} ms  p95 {mine.P95:F2} ms | floor p50 {mineFloor.P50:F2} ms  p95 {mineFloor.P95:F2} ms | ratio p95 {mine.P95 / mineFloor.P95:F2}x");
        Console.WriteLine($"    with the view audited (as served): p50 {mineAudited.P50:F2} ms  p95 {mineAudited.P95:F2} ms");
        Console.WriteLine($"  supervisor's team ({teamCount} open cases): app p50 {team.P50:F2} ms  p95 {team.P95:F2} ms | floor p50 {teamFloor.P50:F2} ms  p95 {teamFloor.P95:F2} ms | ratio p95 {team.P95 / teamFloor.P95:F2}x");

        Console.WriteLine($"    with the view audited (as served): p50 {teamAudited.P50:F2} ms  p95 {teamAudited.P95:F2} ms");

        Console.WriteLine($"  two teams, 20 practitioners ({twoTeamsCount} open cases): app p50 {two.P50:F2} ms  p95 {two.P95:F2} ms | floor p50 {twoFloor.P50:F2} ms  p95 {twoFloor.P95:F2} ms | ratio p95 {two.P95 / twoFloor.P95:F2}x");
        await EveryCaseAsync(database, manager, rules, calendars, today);
    }

    /// <summary>After a change of weights nothing stored needs rewriting; assessing every open case once is the whole cost.</summary>
    private static async Task EveryCaseAsync(BenchDatabase database, CurrentUser manager, PriorityRules rules, Calendars calendars, DateOnly today)
    {
        var clock = Stopwatch.StartNew();
        int all;
        await using (var db = database.CreateDb())
        {
            var allTeams = await db.Teams.Select(t => t.Id).ToListAsync();
            all = (await WorklistQuery.LoadAsync(db, manager, WorklistScope.Teams(allTeams), new WorklistFilter(), rules, calendars, today)).Count;
        }

        Console.WriteLine($"  every open case assessed and ranked ({all} cases): {clock.Elapsed.TotalSeconds:F2} s");
    }

    /// <summary>
    /// A referral out on one open case in four, its follow-up task due from three weeks ago to a week ahead (so about three in four
    /// are overdue): the worklist's referral follow-up factor at work.
    /// </summary>
    internal static async Task EnsureReferralsAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        if (await db.Set<Referral>().AnyAsync()) return;
        var agency = new Agency { Name = "Generated mental health service", Kind = "mental-health", UpdatedAt = DateTimeOffset.UtcNow, UpdatedByName = "generator" };
        db.Set<Agency>().Add(agency);
        await db.SaveChangesAsync();
        var open = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
            .Select(c => new { c.Id, c.PersonId, Owner = c.AllocatedToId! }).ToListAsync();
        var today = new DateOnly(2026, 11, 23);
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var random = new Random(13);
        var chosen = open.Where((_, i) => i % 4 == 0).ToList();
        foreach (var chunk in chosen.Chunk(5_000))
        {
            await using var batch = database.CreateDb();
            batch.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var c in chunk)
            {
                var task = new CaseTask
                {
                    Id = Guid.CreateVersion7(), CaseId = c.Id, Action = "Follow up the referral", OwnerId = c.Owner, OwnerName = "generator",
                    DueOn = today.AddDays(random.Next(-21, 8)), Status = CaseTaskStatus.Open, CreatedAt = now, CreatedById = c.Owner, CreatedByName = "generator", Version = 1,
                };
                batch.Set<CaseTask>().Add(task);
                batch.Set<Referral>().Add(new Referral
                {
                    Id = Guid.CreateVersion7(), CaseId = c.Id, PersonId = c.PersonId, AgencyId = agency.Id, Reason = "Generated", Requested = "Generated",
                    Urgency = random.Next(3) == 0 ? ReferralCodes.Urgent : ReferralCodes.Routine, InformationShared = "Generated",
                    LawfulBasis = "public-task", LawfulBasisReason = "Generated", LawfulBasisDecidedBy = "generator", FollowUpWorkingDays = 5,
                    Status = ReferralCodes.Sent, SentOn = today.AddDays(-28), FollowUpTaskId = task.Id, FollowUpDueOn = task.DueOn,
                    RecordedAt = now, RecordedById = c.Owner, RecordedByName = "generator",
                });
            }

            await batch.SaveChangesAsync();
        }

        Console.WriteLine($"Added a referral with its follow-up task to each of {chosen.Count:N0} open cases");
    }

    /// <summary>One deadline on every open case, spread from overdue to next month: the worklist's deadline factor at work.</summary>
    internal static async Task EnsureDeadlinesAsync(BenchDatabase database)
    {
        await using var db = database.CreateDb();
        if (await db.Set<CaseDeadline>().AnyAsync()) return;
        var openIds = await db.Cases.Where(c => c.Status != CaseStatus.Closed).Select(c => c.Id).ToListAsync();
        var today = new DateOnly(2026, 11, 23);
        var random = new Random(7);
        foreach (var chunk in openIds.Chunk(10_000))
        {
            await using var batch = database.CreateDb();
            batch.ChangeTracker.AutoDetectChangesEnabled = false;
            batch.Set<CaseDeadline>().AddRange(chunk.Select(id => new CaseDeadline
            {
                Id = Guid.CreateVersion7(), CaseId = id, Title = "Review the plan", IsStatutory = random.Next(3) == 0, DueDate = today.AddDays(random.Next(-20, 40)),
                Reason = "Generated", CreatedAt = DateTimeOffset.UtcNow, CreatedByName = "generator", Version = 1,
            }));
            await batch.SaveChangesAsync();
        }

        Console.WriteLine($"Added a deadline to each of {openIds.Count:N0} open cases");
    }
}
