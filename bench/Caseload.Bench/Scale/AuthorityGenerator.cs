using System.Diagnostics;
using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Bench.Scale;

/// <summary>
/// A synthetic large authority: about 100 cases a practitioner over time (a third open), 10 practitioners a team,
/// 2% of cases restricted, 10% with a co-worker. Deterministic for a given scale.
/// </summary>
public static class AuthorityGenerator
{
    private const int Batch = 10_000;

    public static async Task<bool> EnsureAsync(BenchDatabase database, int people, int cases)
    {
        await using (var db = database.CreateDb())
        {
            await DatabaseSetup.MigrateAsync(db);
            if (await db.Cases.AnyAsync())
            {
                var (p, c) = (await db.People.CountAsync(), await db.Cases.CountAsync());
                if (p == people && c == cases) return false;
                throw new InvalidOperationException($"The benchmark database already holds {p} people and {c} cases; delete .tmp/bench to regenerate.");
            }
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(2026);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var today = new DateOnly(2026, 11, 23);
        var practitionerCount = Math.Max(10, cases / 100);
        var teamCount = Math.Max(1, practitionerCount / 10);

        var roleIds = new Dictionary<string, string>();
        var practitioners = new List<(string Id, int Team)>();
        await using (var db = database.CreateDb())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var role in Roles.All)
            {
                var id = Guid.NewGuid().ToString();
                roleIds[role] = id;
                db.Roles.Add(new IdentityRole(role) { Id = id, NormalizedName = role.ToUpperInvariant() });
            }

            var teams = Enumerable.Range(0, teamCount).Select(i => new Team { Name = $"Team {i + 1:D3}" }).ToList();
            db.Teams.AddRange(teams);
            await db.SaveChangesAsync();

            foreach (var team in teams)
            {
                var supervisor = User($"supervisor.{team.Id}", team.Id);
                db.Users.Add(supervisor);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = supervisor.Id, RoleId = roleIds[Roles.Supervisor] });
                team.SupervisorId = supervisor.Id;
                db.Teams.Update(team);
            }

            for (var i = 0; i < practitionerCount; i++)
            {
                var team = teams[i % teamCount].Id;
                var user = User($"practitioner.{i:D5}", team);
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[Roles.Practitioner] });
                practitioners.Add((user.Id, team));
            }

            var manager = User("service.manager", null);
            db.Users.Add(manager);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = manager.Id, RoleId = roleIds[Roles.ServiceManager] });
            db.ManagedServices.AddRange(Services.Titles.Keys.Select(s => new ManagedService { UserId = manager.Id, Service = s }));
            await db.SaveChangesAsync();
        }

        var codes = Characteristics.Titles.Keys.ToArray();
        var services = Services.Titles.Keys.ToArray();
        var personIds = new Guid[people];
        for (var start = 0; start < people; start += Batch)
        {
            await using var db = database.CreateDb();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(people, start + Batch); i++)
            {
                var id = Guid.CreateVersion7();
                personIds[i] = id;
                var person = new Person
                {
                    Id = id,
                    GivenName = GivenNames[random.Next(GivenNames.Length)],
                    FamilyName = FamilyNames[random.Next(FamilyNames.Length)],
                    DateOfBirth = today.AddDays(-random.Next(365, 365 * 19)),
                    CreatedAt = now.AddDays(-random.Next(1, 2000)),
                    CreatedById = practitioners[i % practitioners.Count].Id,
                };
                foreach (var code in codes.OrderBy(_ => random.Next()).Take(random.Next(0, 3))) person.Characteristics.Add(new PersonCharacteristic { PersonId = id, Code = code });
                db.People.Add(person);
            }

            await db.SaveChangesAsync();
        }

        for (var start = 0; start < cases; start += Batch)
        {
            await using var db = database.CreateDb();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(cases, start + Batch); i++)
            {
                var (worker, team) = practitioners[i % practitioners.Count];
                var roll = random.NextDouble();
                var status = roll < 0.30 ? CaseStatus.Open : roll < 0.33 ? CaseStatus.Referred : CaseStatus.Closed;
                var referred = today.AddDays(-random.Next(1, 1500));
                var id = Guid.CreateVersion7();
                var @case = new Case
                {
                    Id = id,
                    PersonId = personIds[i % people],
                    Service = services[random.Next(services.Length)],
                    Status = status,
                    AllocatedToId = status == CaseStatus.Referred ? null : worker,
                    TeamId = team,
                    Risk = (Risk)random.Next(3),
                    Restricted = random.NextDouble() < 0.02,
                    ExpectedContactEveryWorkingDays = 10,
                    ReferredOn = referred,
                    OpenedOn = status == CaseStatus.Referred ? null : referred.AddDays(3),
                    ClosedOn = status == CaseStatus.Closed ? referred.AddDays(random.Next(30, 400)) : null,
                    ClosureReason = status == CaseStatus.Closed ? CaseRules.ClosureReasons[0] : null,
                    CreatedAt = now.AddDays(-random.Next(1, 1500)),
                    UpdatedAt = now,
                    Version = 1,
                };
                if (@case.Restricted) @case.RestrictedTo.Add(new CaseRestrictedAccess { CaseId = id, UserId = worker });
                if (random.NextDouble() < 0.10) @case.CoWorkers.Add(new CaseCoWorker { CaseId = id, UserId = practitioners[(i + 1) % practitioners.Count].Id });
                db.Cases.Add(@case);
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine($"Generated {people:N0} people, {cases:N0} cases, {practitionerCount:N0} practitioners in {teamCount:N0} teams in {clock.Elapsed.TotalSeconds:F1} s");
        return true;
    }

    private static CaseloadUser User(string userName, int? team) => new()
    {
        Id = Guid.NewGuid().ToString(),
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        DisplayName = userName,
        TeamId = team,
        SecurityStamp = Guid.NewGuid().ToString(),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
    };

    private static readonly string[] GivenNames = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theo", "Jack", "Aisha", "Zara", "Kai", "Rhys", "Seren", "Callum", "Eilidh", "Niamh", "Ciaran", "Priya"];

    private static readonly string[] FamilyNames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Khan", "Ali", "Begum", "Murphy", "Campbell", "Stewart", "Kelly", "Nowak", "Okafor", "Singh"];
}
