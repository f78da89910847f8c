using Bogus;
using Person = Caseload.Features.People.Person;
using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Notes;
using Caseload.Features.People;
using Caseload.Features.Reviews;
using Caseload.Features.Supervision;
using Caseload.Features.Tasks;
using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Administration.Demo;

/// <summary>
/// Roles always exist; demo users and a synthetic authority (3 teams, 12 practitioners, about 300 people, with complexity
/// assessed and capacity agreements) are loaded only when DemoData:Enabled is set and the database has no users, with case
/// reviews, supervision sessions and reflections.
/// Names come from a generator, never real people.
/// </summary>
public sealed class DemoData(CaseloadDb db, UserManager<CaseloadUser> users, RoleManager<IdentityRole> roles, TimeProvider clock,
    IConfiguration config, DemoSupervision supervision, ILogger<DemoData> log)
{
    public const string DefaultPassword = "Demo-Caseload-2026!";

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        }
    }

    /// <summary>Outside demo mode an operator names the first administrator (Bootstrap:AdminUserName and Bootstrap:AdminPassword).</summary>
    public async Task EnsureBootstrapAdministratorAsync()
    {
        var userName = config["Bootstrap:AdminUserName"];
        var password = config["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password)) return;
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0) return;
        await CreateUserAsync(userName, "Administrator", password, null, Roles.Administrator);
        log.LogInformation("Created the first administrator {UserName}", userName);
    }

    public async Task LoadIfEmptyAsync()
    {
        if (await db.Users.AnyAsync()) return;
        var password = config["CASELOAD_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DefaultPassword;
        var faker = new Faker("en_GB") { Random = new Randomizer(2026) };

        var north = new Team { Name = "North" };
        var south = new Team { Name = "South" };
        var central = new Team { Name = "Central" };
        db.Teams.AddRange(north, south, central);
        await db.SaveChangesAsync();

        var sue = await CreateUserAsync("sue.supervisor", "Sue Supervisor", password, north.Id, Roles.Supervisor);
        var tom = await CreateUserAsync("tom.supervisor", "Tom Supervisor", password, south.Id, Roles.Supervisor);
        var cal = await CreateUserAsync("cal.supervisor", "Cal Supervisor", password, central.Id, Roles.Supervisor);
        north.SupervisorId = sue.Id;
        south.SupervisorId = tom.Id;
        central.SupervisorId = cal.Id;

        var practitioners = new List<(CaseloadUser User, string[] Services)>
        {
            (await CreateUserAsync("pat.practitioner", "Pat Practitioner", password, north.Id, Roles.Practitioner), [Services.EarlyHelp, Services.ChildrensSocialCare]),
            (await CreateUserAsync("sam.practitioner", "Sam Practitioner", password, north.Id, Roles.Practitioner), [Services.EarlyHelp, Services.ChildrensSocialCare]),
            (await CreateUserAsync("ray.practitioner", "Ray Practitioner", password, south.Id, Roles.Practitioner), [Services.Send, Services.CareersIag]),
        };
        var teamFor = new[] { (north, 2, new[] { Services.EarlyHelp, Services.ChildrensSocialCare }), (south, 3, new[] { Services.Send, Services.CareersIag }), (central, 4, new[] { Services.YouthSupport, Services.EarlyHelp }) };
        foreach (var (team, count, services) in teamFor)
        {
            for (var i = 0; i < count; i++)
            {
                var first = faker.Name.FirstName();
                var last = faker.Name.LastName();
                var userName = $"{first}.{last}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
                if (await users.FindByNameAsync(userName) is not null) userName += i;
                practitioners.Add((await CreateUserAsync(userName, $"{first} {last}", password, team.Id, Roles.Practitioner), services));
            }
        }

        var max = await CreateUserAsync("max.manager", "Max Manager", password, null, Roles.ServiceManager);
        db.ManagedServices.AddRange(Services.Titles.Keys.Select(s => new ManagedService { UserId = max.Id, Service = s }));
        await CreateUserAsync("dee.dpo", "Dee Data-Protection", password, null, Roles.DataProtectionOfficer);
        await CreateUserAsync("ada.admin", "Ada Administrator", password, null, Roles.Administrator);
        await db.SaveChangesAsync();

        var now = clock.GetUtcNow();
        var today = UkTime.Today(clock);
        var codes = Characteristics.Titles.Keys.ToArray();
        var noteCount = 0;
        var waitingReferrals = 0;
        // Sex, ethnicity and postcode from a generator of their own, so the rest of the generated data stays as it was.
        var details = new Randomizer(15);
        for (var i = 0; i < 300; i++)
        {
            var (worker, services) = practitioners[i % practitioners.Count];
            var service = faker.PickRandom(services);
            var age = service == Services.CareersIag ? faker.Random.Int(14, 19) : faker.Random.Int(0, 18);
            var person = new Person
            {
                Id = Guid.CreateVersion7(),
                GivenName = faker.Name.FirstName(),
                FamilyName = faker.Name.LastName(),
                DateOfBirth = today.AddYears(-age).AddDays(-faker.Random.Int(0, 364)),
                CreatedAt = now.AddDays(-faker.Random.Int(5, 400)),
                CreatedById = worker.Id,
                Characteristics = faker.Random.ListItems(codes.Where(c => FitsAge(c, age)).ToArray(), faker.Random.WeightedRandom([0, 1, 2], [0.45f, 0.4f, 0.15f]))
                    .Select(c => new PersonCharacteristic { Code = c }).ToList(),
                Version = 1,
            };
            DemoPersonDetails.Fill(person, details);
            db.People.Add(person);

            var referred = DateOnly.FromDateTime(person.CreatedAt.UtcDateTime);
            var state = faker.Random.WeightedRandom([CaseStatus.Open, CaseStatus.Referred, CaseStatus.Closed], [0.8f, 0.07f, 0.13f]);
            var risk = faker.Random.WeightedRandom([Risk.Green, Risk.Amber, Risk.Red], [0.45f, 0.35f, 0.2f]);
            // Referrals waiting for allocation arrived in the last few working days, within their service's standard, but one has
            // waited three weeks, past it (by the index, not the faker, so the rest of the generated data stays as it was).
            if (state == CaseStatus.Referred)
            {
                referred = waitingReferrals++ == 0
                    ? DemoCalendar.AddWorkingDays(today, -15)
                    : DemoCalendar.AddWorkingDays(today, -(service == Services.ChildrensSocialCare ? i % 2 : i % 4));
            }

            // One case rated green whose child is on a child protection plan: the worklist flags the rating as inconsistent.
            if (i == 4 && state == CaseStatus.Open)
            {
                risk = Risk.Green;
                if (person.Characteristics.All(c => c.Code != Characteristics.ChildProtectionPlan))
                {
                    person.Characteristics.Add(new PersonCharacteristic { Code = Characteristics.ChildProtectionPlan });
                }
            }

            var @case = new Case
            {
                Id = Guid.CreateVersion7(),
                PersonId = person.Id,
                Service = service,
                Status = state,
                AllocatedToId = state == CaseStatus.Referred ? null : worker.Id,
                TeamId = worker.TeamId,
                Risk = risk,
                Restricted = i % 37 == 0,
                ExpectedContactEveryWorkingDays = faker.PickRandom(5, 10, 10, 15, 20),
                // Reviews spread over the next eight weeks, a few already overdue (from the index, not the faker, so the
                // rest of the generated data stays as it was).
                ReviewDueOn = state == CaseStatus.Open ? today.AddDays((i * 13 % 61) - 8) : null,
                ReferredOn = referred,
                // Where the referral came from, by the index (one in eight not recorded) so the generated data stays as it was.
                ReferralSource = i % 8 == 7 ? null : ReferralSources.All[i * 5 % ReferralSources.All.Count].Code,
                OpenedOn = state == CaseStatus.Referred ? null : referred.AddDays(faker.Random.Int(1, 10)),
                ClosedOn = state == CaseStatus.Closed ? (referred.AddDays(20) is var closed && closed < today ? closed : today) : null,
                ClosureReason = state == CaseStatus.Closed ? faker.PickRandom(CaseRules.ClosureReasons.Take(5)) : null,
                CreatedAt = person.CreatedAt,
                UpdatedAt = person.CreatedAt,
                Version = 1,
            };
            @case.RiskHistory.Add(new RiskChange { To = risk, ChangedById = worker.Id, ChangedByName = worker.UserName!, ChangedAt = person.CreatedAt, Reason = "Initial rating" });
            if (DemoComplexity(i) is { } complexity)
            {
                @case.Complexity = complexity;
                @case.ComplexityHistory.Add(new ComplexityChange
                {
                    To = complexity, ChangedById = worker.Id, ChangedByName = worker.UserName!, ChangedAt = person.CreatedAt.AddDays(2),
                    Reason = "Assessed after the first visit",
                });
            }
            if (@case.Restricted) @case.RestrictedTo.Add(new CaseRestrictedAccess { UserId = worker.Id });
            if (state == CaseStatus.Closed) AddClosureOutcome(@case, person, i);
            db.Cases.Add(@case);
            if (state == CaseStatus.Open && DemoDeadline(@case, worker, today, now, i) is { } deadline) db.Set<CaseDeadline>().Add(deadline);

            // A timeline, tasks and words to search for on each case, written by its worker.
            var notes = DemoNotes.ForCase(faker, @case, person.GivenName, worker, now, i);
            db.Set<CaseNote>().AddRange(notes.Notes);
            db.Set<CaseTask>().AddRange(notes.Tasks);
            noteCount += notes.Notes.Count;
            if (notes.SafeguardingConcern) @case.SafeguardingConcernSince = notes.Notes[^1].RecordedAt;
            if (DemoReviews.ForCase(@case, person.GivenName, worker, today, i) is { } review) db.Set<CaseReview>().Add(review);
        }

        AddRetentionDue(practitioners[0].User, now, today);
        AddSubjectAccessRequests(now, today);
        db.Set<Agencies.Agency>().AddRange(Agencies.DemoAgencies.All(now));
        // A funding change for the demand report to mark on its charts.
        db.Set<Reports.ReportEvent>().Add(new Reports.ReportEvent
        {
            Id = Guid.CreateVersion7(), On = today.AddDays(-60), Kind = "funding", Title = "Early help grant reduced",
            Description = "Two family support worker posts not renewed", Services = Services.EarlyHelp, RecordedAt = now.AddDays(-58),
            RecordedById = max.Id, RecordedByName = max.UserName!,
        });
        AddCapacityAgreements(practitioners.Select(p => p.User).ToList(), sue, tom, cal, now, today);
        await db.SaveChangesAsync();
        // The demo notes are written as they stood when recorded, not through the note service: give the cases their last contact.
        await db.Database.ExecuteSqlRawAsync(LastContact.RefreshAllSql(db.Database.IsSqlite()));
        // Supervision sessions and reflections go through their services, which read what is stored, not what is tracked here.
        db.ChangeTracker.Clear();
        await supervision.LoadAsync();
        log.LogInformation("Loaded demo data: {Users} users, 300 people and cases, {Notes} case notes", await db.Users.CountAsync(), noteCount);
    }

    /// <summary>The demo authority's working days (England).</summary>
    private static readonly WorkingDayCalendar DemoCalendar = WorkingDayCalendar.Shipped(Division.EnglandAndWales);

    /// <summary>
    /// A deadline on one open case in five, from its service's statutory timescale (or its organisational standard where the law
    /// sets none): by the index, some due in the next few working days, some overdue, some met late with the reason, some weeks
    /// ahead, so the deadline pages, banners and the worklist have something true to show.
    /// </summary>
    private static CaseDeadline? DemoDeadline(Case @case, CaseloadUser worker, DateOnly today, DateTimeOffset now, int i)
    {
        if (i % 5 != 2) return null;
        var code = @case.Service switch
        {
            Services.ChildrensSocialCare => Timescales.ChildAndFamilyAssessment,
            Services.Send => Timescales.EhcNeedsAssessmentDecision,
            Services.EarlyHelp => Timescales.EarlyHelpFirstContact,
            Services.CareersIag => Timescales.CareersGuidanceInterview,
            _ => null,
        };
        if (code is null) return null;
        var timescale = Timescales.Statutory.Concat(Timescales.DefaultOrganisational).First(t => t.Code == code);
        var (target, metLate) = (i / 5 % 4) switch
        {
            0 => (DemoCalendar.AddWorkingDays(today, 1 + i % 3), false),
            1 => (DemoCalendar.AddWorkingDays(today, -(2 + i % 4)), false),
            2 => (DemoCalendar.AddWorkingDays(today, -15), true),
            _ => (DemoCalendar.AddWorkingDays(today, 12), false),
        };
        var start = timescale.Unit switch
        {
            TimescaleUnit.WorkingDays => DemoCalendar.AddWorkingDays(target, -timescale.Length),
            TimescaleUnit.CalendarDays => target.AddDays(-timescale.Length),
            TimescaleUnit.Weeks => target.AddDays(-7 * timescale.Length),
            _ => target.AddMonths(-timescale.Length),
        };
        var due = DeadlineRules.DueDate(timescale, start, DemoCalendar);
        return new CaseDeadline
        {
            Id = Guid.CreateVersion7(), CaseId = @case.Id, TimescaleCode = code, Title = timescale.Title, IsStatutory = timescale.Kind == TimescaleKind.Statutory,
            StartDate = start, DueDate = due,
            MetOn = metLate ? DemoCalendar.AddWorkingDays(due, 2) : null,
            MissedReason = metLate ? "The family asked to move the meeting to a day both parents could attend" : null,
            CreatedAt = now.AddDays(-40), CreatedByName = worker.UserName!, Version = 1,
        };
    }

    /// <summary>
    /// Four long-closed cases of adults, past their retention period under the default schedule, so the data protection
    /// officer's retention queue has something to decide on. Fixed values, not the faker, so the rest of the data stays as it was.
    /// </summary>
    private void AddRetentionDue(CaseloadUser worker, DateTimeOffset now, DateOnly today)
    {
        var due = new[]
        {
            ("Morgan", "Ashdown", 31, Services.EarlyHelp, 12),
            ("Riley", "Penhallow", 27, Services.YouthSupport, 9),
            ("Jesse", "Trevithick", 33, Services.Send, 14),
            ("Casey", "Polglase", 29, Services.CareersIag, 10),
        };
        foreach (var (given, family, age, service, closedYearsAgo) in due)
        {
            var person = new Person
            {
                Id = Guid.CreateVersion7(), GivenName = given, FamilyName = family, DateOfBirth = today.AddYears(-age).AddDays(-40),
                CreatedAt = now.AddYears(-closedYearsAgo - 1), CreatedById = worker.Id, Version = 1,
            };
            db.People.Add(person);
            var closed = today.AddYears(-closedYearsAgo);
            db.Cases.Add(new Case
            {
                Id = Guid.CreateVersion7(), PersonId = person.Id, Service = service, Status = CaseStatus.Closed, AllocatedToId = worker.Id, TeamId = worker.TeamId,
                Risk = Risk.Green, ReferredOn = closed.AddMonths(-8), OpenedOn = closed.AddMonths(-8).AddDays(3), ClosedOn = closed,
                ClosureReason = "Needs met and outcomes achieved", ClosureReasonCode = "needs-met", CreatedAt = person.CreatedAt, UpdatedAt = person.CreatedAt, Version = 1,
            });
        }
    }

    /// <summary>
    /// Two open subject access requests for the data protection officer's register: one overdue (received six weeks ago from a
    /// parent), one on time (received last week from the young person, identity confirmed two days later). Fixed values.
    /// </summary>
    private void AddSubjectAccessRequests(DateTimeOffset now, DateOnly today)
    {
        var people = db.ChangeTracker.Entries<Person>().Select(e => e.Entity).Take(2).ToList();
        var requests = new[]
        {
            (people[0], $"Parent of {people[0].GivenName} {people[0].FamilyName}", DataProtection.SubjectAccess.SubjectAccessRelationships.Parent, today.AddDays(-42), today.AddDays(-42)),
            (people[1], $"{people[1].GivenName} {people[1].FamilyName}", DataProtection.SubjectAccess.SubjectAccessRelationships.ThePerson, today.AddDays(-7), today.AddDays(-5)),
        };
        foreach (var (person, requester, relationship, received, identity) in requests)
        {
            db.Set<DataProtection.SubjectAccess.SubjectAccessRequest>().Add(new DataProtection.SubjectAccess.SubjectAccessRequest
            {
                Id = Guid.CreateVersion7(), PersonId = person.Id, RequesterName = requester, Relationship = relationship, ReceivedOn = received,
                IdentityVerifiedOn = identity, Division = Deadlines.WorkingDays.DivisionCodes.EnglandAndWales, LoggedAt = now.AddDays(received.DayNumber - today.DayNumber),
                LoggedByName = "Dee Data-Protection",
            });
        }
    }

    /// <summary>
    /// A closed demo case's reason from its service's list and, for two in three, the family's feedback at the end, chosen from the
    /// index (not the faker, so the rest of the generated data stays as it was) so the outcomes report has something to show.
    /// </summary>
    private void AddClosureOutcome(Case @case, Person person, int i)
    {
        var listed = Closure.ClosureReasonList.Defaults[@case.Service].Where(r => r.Code != Closure.ClosureReasonList.Other).ToList();
        var reason = listed[i * 7 % listed.Count];
        (@case.ClosureReasonCode, @case.ClosureReason) = (reason.Code, reason.Label);
        if (i % 3 == 2) return;
        db.Set<Plans.CaseFeedback>().Add(new Plans.CaseFeedback
        {
            Id = Guid.CreateVersion7(), CaseId = @case.Id, PersonId = person.Id, From = i % 2 == 0 ? "Parent" : person.GivenName,
            ReceivedOn = @case.ClosedOn!.Value, Method = Plans.FeedbackCodes.Conversation, Rating = 5 - (i % 4 == 3 ? 2 : i % 2),
            Helped = "Having one person to talk to who followed things up", RecordedAt = person.CreatedAt.AddDays(21), RecordedByName = "Demo data",
        });
    }

    /// <summary>
    /// Most demo cases have had their complexity assessed (three in ten low, four medium, two high, one very high, from the
    /// index so the generated names stay as they were); one in twenty is still unassessed and counts as medium.
    /// </summary>
    private static Complexity? DemoComplexity(int i) => (i % 20) switch
    {
        19 => null,
        < 6 => Complexity.Low,
        < 14 => Complexity.Medium,
        < 18 => Complexity.High,
        _ => Complexity.VeryHigh,
    };

    /// <summary>
    /// Capacity as a team would have agreed it: a newly qualified practitioner at the protected level, one working four days a
    /// week, and two negotiated adjustments (a reduction while mentoring a student, and leave that is coming up).
    /// </summary>
    private void AddCapacityAgreements(List<CaseloadUser> practitioners, CaseloadUser north, CaseloadUser south, CaseloadUser central, DateTimeOffset now, DateOnly today)
    {
        var newlyQualified = practitioners[^1];
        var partTime = practitioners[4];
        db.Set<PractitionerCapacity>().AddRange(
            new PractitionerCapacity
            {
                UserId = newlyQualified.Id, NewlyQualified = true, Version = 1, ChangedAt = now.AddDays(-60), ChangedByName = central.UserName!,
                Reason = "Newly qualified: protected caseload for the first year in practice",
            },
            new PractitionerCapacity
            {
                UserId = partTime.Id, Fte = 0.8m, Version = 1, ChangedAt = now.AddDays(-90), ChangedByName = north.UserName!,
                Reason = "Works four days a week (flexible working request agreed)",
            });
        db.Set<CapacityAdjustment>().AddRange(
            new CapacityAdjustment
            {
                Id = Guid.CreateVersion7(), UserId = practitioners[2].Id, Kind = AdjustmentKind.Reduction, Points = 10,
                Reason = "Practice educator for a student this term", From = today.AddDays(-30), Until = today.AddDays(60),
                AgreedById = south.Id, AgreedByName = south.UserName!, RecordedAt = now.AddDays(-30), RecordedByName = south.UserName!,
            },
            new CapacityAdjustment
            {
                Id = Guid.CreateVersion7(), UserId = practitioners[^2].Id, Kind = AdjustmentKind.Leave, Percent = 100,
                Reason = "Annual leave", From = today.AddDays(14), Until = today.AddDays(23),
                AgreedById = central.Id, AgreedByName = central.UserName!, RecordedAt = now.AddDays(-10), RecordedByName = central.UserName!,
            });
    }

    private async Task<CaseloadUser> CreateUserAsync(string userName, string displayName, string password, int? teamId, string role)
    {
        var user = new CaseloadUser { UserName = userName, DisplayName = displayName, TeamId = teamId, Email = $"{userName}@caseload.invalid" };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Characteristics a person of that age could have: no five-year-old care leaver or youth justice involvement.</summary>
    private static bool FitsAge(string code, int age) => code switch
    {
        Characteristics.CareLeaver or Characteristics.Neet => age >= 16,
        Characteristics.TeenageParent => age >= 13,
        Characteristics.YouthJustice => age >= 10,
        Characteristics.YoungCarer => age >= 5,
        _ => true,
    };
}
