using System.Net;
using System.Net.Http.Json;
using System.Text;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Reports;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Reports;

/// <summary>
/// The reports API on a small known dataset: who may run a report and over what, the figures of the workload and deadlines
/// reports, bad filters answered naming the field, CSV and XLSX carrying the same rows as the JSON, and the audit of each.
/// </summary>
public abstract class ReportsApiTests(CaseloadApp app)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private Task<int> AddDeadlineAsync(Guid caseId, string due, string? met = null, string? start = null, string? reason = null) =>
        app.WithDbAsync(async db =>
        {
            db.Set<CaseDeadline>().Add(new CaseDeadline
            {
                Id = Guid.CreateVersion7(), CaseId = caseId, Title = "Visit", DueDate = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
                MetOn = met is null ? null : DateOnly.Parse(met, System.Globalization.CultureInfo.InvariantCulture),
                StartDate = start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
                MissedReason = reason, CreatedAt = CaseloadApp.Start, CreatedByName = "test",
            });
            return await db.SaveChangesAsync();
        });

    private Task<List<AuditEvent>> EventsSinceAsync(long mark, string userName) =>
        app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > mark && e.UserName == userName).OrderBy(e => e.Id).ToListAsync());

    private Task<long> MarkAsync() => app.WithDbAsync(async db => await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0);

    [Fact]
    public async Task A_practitioner_is_refused_every_report_and_export()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        foreach (var url in new[] { "/api/v1/reports/workload", "/api/v1/reports/deadlines", "/api/v1/reports/workload?format=csv", "/api/v1/reports/deadlines?format=xlsx",
                     "/api/v1/reports/outcomes", "/api/v1/reports/outcomes?format=csv", "/api/v1/reports/demand", "/api/v1/reports/demand?format=xlsx" })
        {
            await (await team.PractitionerApi.GetAsync(Url(url))).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_supervisor_reports_on_their_teams_only_and_is_refused_another_team()
    {
        var mine = await SupervisedTeam.CreateAsync(app);
        var theirs = await SupervisedTeam.CreateAsync(app);
        await AddDeadlineAsync(mine.CaseId, "2026-11-02", met: "2026-11-02");
        await AddDeadlineAsync(theirs.CaseId, "2026-11-03", met: "2026-11-03");

        var workload = await (await mine.SupervisorApi.GetAsync(Url("/api/v1/reports/workload"))).JsonAsync();
        var names = workload["rows"]!.AsArray().Select(r => r!["practitioner"]!.GetValue<string>()).ToList();
        Assert.Equal([$"Test Practitioner {mine.Practitioner.UserName[^4..]}"], names);

        var deadlines = await (await mine.SupervisorApi.GetAsync(Url("/api/v1/reports/deadlines"))).JsonAsync();
        Assert.Equal(1, Assert.Single(deadlines["rows"]!.AsArray())!["due"]!.GetValue<int>());

        var refused = await mine.SupervisorApi.GetAsync(Url($"/api/v1/reports/workload?team={theirs.TeamId}"));
        await refused.ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await mine.SupervisorApi.GetAsync(Url($"/api/v1/reports/deadlines?team={theirs.TeamId}&format=csv"))).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_service_manager_reports_on_their_services_and_is_refused_another_service()
    {
        var youth = await SupervisedTeam.CreateAsync(app, service: Services.YouthSupport);
        var early = await SupervisedTeam.CreateAsync(app, service: Services.EarlyHelp);
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, Services.YouthSupport);
        var api = await app.ClientForAsync(manager);

        var rows = (await (await api.GetAsync(Url("/api/v1/reports/workload"))).JsonAsync())["rows"]!.AsArray()
            .Select(r => r!["practitioner"]!.GetValue<string>()).ToList();
        Assert.Contains($"Test Practitioner {youth.Practitioner.UserName[^4..]}", rows);
        Assert.DoesNotContain($"Test Practitioner {early.Practitioner.UserName[^4..]}", rows);
        await (await api.GetAsync(Url("/api/v1/reports/workload?service=early-help"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.GetAsync(Url("/api/v1/reports/workload?service=youth-support"))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_workload_report_gives_each_practitioners_load_against_capacity_the_spread_and_the_weekly_trend()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        // Two past weeks of snapshots (this week's may be written by the weekly job at any time).
        await app.WithDbAsync(async db =>
        {
            db.Set<CapacitySnapshot>().AddRange(
                new CapacitySnapshot { UserId = team.Practitioner.Id, TeamId = team.TeamId, WeekStart = new DateOnly(2026, 11, 9), LoadPoints = 4m, CapacityPoints = 80m, Utilisation = 0.05m, RecordedAt = CaseloadApp.Start },
                new CapacitySnapshot { UserId = team.Practitioner.Id, TeamId = team.TeamId, WeekStart = new DateOnly(2026, 11, 16), LoadPoints = 6m, CapacityPoints = 80m, Utilisation = 0.075m, RecordedAt = CaseloadApp.Start });
            return await db.SaveChangesAsync();
        });

        var response = await team.SupervisorApi.GetAsync(Url("/api/v1/reports/workload?from=2026-11-09&to=2026-11-23"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        var row = Assert.Single(json["rows"]!.AsArray())!;
        Assert.Equal((1, 4m, 90m, 0.044m, "under"), (row["openCases"]!.GetValue<int>(), row["points"]!.GetValue<decimal>(), row["capacity"]!.GetValue<decimal>(),
            row["utilisation"]!.GetValue<decimal>(), row["band"]!.GetValue<string>()));
        Assert.Equal((0, 0, 0), (row["redCases"]!.GetValue<int>(), row["driftingCases"]!.GetValue<int>(), row["overdueDeadlines"]!.GetValue<int>()));
        Assert.Equal("1 practitioner in 1 team holds 1 open case weighing 4 of 90 capacity points (4%); 0 over capacity, 0 red and 0 drifting cases.",
            json["summary"]!.GetValue<string>());

        var series = json["series"]!.AsArray();
        var spread = series.Single(s => s!["chart"]!.GetValue<string>() == "workload-distribution")!["points"]!.AsArray();
        Assert.Equal(1m, spread.Single(p => p!["label"]!.GetValue<string>() == "Below 50%")!["value"]!.GetValue<decimal>());
        Assert.Equal(1m, spread.Sum(p => p!["value"]!.GetValue<decimal>()));
        var trend = Assert.Single(series, s => s!["chart"]!.GetValue<string>() == "workload-trend")!;
        var points = trend["points"]!.AsArray();
        Assert.Equal(["2026-11-09", "2026-11-16", "2026-11-23"], points.Select(p => p!["label"]!.GetValue<string>()));
        Assert.Equal(0.05m, points[0]!["value"]!.GetValue<decimal>());
        Assert.Equal(0.075m, points[1]!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_deadlines_report_counts_each_outcome_groups_lateness_reasons_and_gives_median_working_days()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var closed = await team.PractitionerApi.CreateCaseIdAsync(team.Practitioner.UserName);
        await AddDeadlineAsync(team.CaseId, "2026-10-20", met: "2026-10-15", start: "2026-10-01");
        await AddDeadlineAsync(team.CaseId, "2026-10-22", met: "2026-10-27", start: "2026-10-08", reason: "Family cancelled the visit");
        await AddDeadlineAsync(team.CaseId, "2026-10-30", met: "2026-11-03", start: "2026-10-16", reason: "  family cancelled the visit ");
        await AddDeadlineAsync(team.CaseId, "2026-11-10");
        await AddDeadlineAsync(team.CaseId, "2026-12-01");
        await AddDeadlineAsync(closed, "2026-11-05");
        await AddDeadlineAsync(team.CaseId, "2027-01-10"); // after the period
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Closed)));

        var json = await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/deadlines?from=2026-10-01&to=2026-12-31"))).JsonAsync();
        var row = Assert.Single(json["rows"]!.AsArray())!;
        Assert.Equal(DeadlinesReport.OneOff, row["timescale"]!.GetValue<string>());
        Assert.Equal((6, 1, 2, 1, 1, 1), (row["due"]!.GetValue<int>(), row["metOnTime"]!.GetValue<int>(), row["metLate"]!.GetValue<int>(),
            row["missed"]!.GetValue<int>(), row["stillOpen"]!.GetValue<int>(), row["overdue"]!.GetValue<int>()));
        Assert.Equal(0.2m, row["onTimeShare"]!.GetValue<decimal>());
        // Working days after the start: 10, 13 and 12 taken (median 12) against 13, 10 and 10 allowed (median 10).
        Assert.Equal((12m, 10m), (row["medianWorkingDaysTaken"]!.GetValue<decimal>(), row["medianWorkingDaysAllowed"]!.GetValue<decimal>()));

        var series = json["series"]!.AsArray();
        var outcomes = series.Single(s => s!["chart"]!.GetValue<string>() == "deadlines-outcomes")!["points"]!.AsArray();
        Assert.Equal([1m, 2m, 1m, 1m, 1m], outcomes.Select(p => p!["value"]!.GetValue<decimal>()));
        var reason = Assert.Single(series.Single(s => s!["chart"]!.GetValue<string>() == "deadlines-reasons")!["points"]!.AsArray())!;
        Assert.Equal(("Family cancelled the visit", 2m), (reason["label"]!.GetValue<string>(), reason["value"]!.GetValue<decimal>()));
        Assert.StartsWith("Of 6 deadlines due from 1 Oct 2026 to 31 Dec 2026: 1 met on time, 2 met late, 1 missed, 1 still open and 1 overdue; those met took a median of 12 working days against 10 allowed.",
            json["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outcomes_report_counts_goal_outcomes_at_the_last_closing_reasons_days_open_re_referrals_and_ratings()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var other = await SupervisedTeam.CreateAsync(app);
        var day = (string d) => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture);
        // The team's first case closed in October with three goals; a second person's case closed in November.
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CaseStatus.Closed).SetProperty(c => c.ReferredOn, day("2026-06-01")).SetProperty(c => c.ClosedOn, day("2026-10-10"))
            .SetProperty(c => c.ClosureReasonCode, "needs-met")));
        var secondPerson = await team.PractitionerApi.CreatePersonAsync("Sam", "Okafor");
        var second = (await team.PractitionerApi.CreateCaseAsync(secondPerson, team.Practitioner.UserName))["id"]!.GetValue<Guid>();
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == second).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CaseStatus.Closed).SetProperty(c => c.ReferredOn, day("2026-10-01")).SetProperty(c => c.ClosedOn, day("2026-11-02"))
            .SetProperty(c => c.ClosureReasonCode, "moved-away")));
        // The first person comes back to early help today, six weeks after the closing: a re-referral.
        await team.PractitionerApi.CreateCaseAsync(team.PersonId, team.Practitioner.UserName);
        // Another team's closure is not the supervisor's.
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == other.CaseId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CaseStatus.Closed).SetProperty(c => c.ClosedOn, day("2026-11-10")).SetProperty(c => c.ClosureReasonCode, "needs-met")));

        await app.WithDbAsync(async db =>
        {
            var plan = new Caseload.Features.Plans.Plan
            {
                Id = Guid.CreateVersion7(), CaseId = team.CaseId, PersonId = team.PersonId, Version = 1, AgreedOn = day("2026-06-10"), ReviewOn = day("2026-09-10"),
                RecordedAt = CaseloadApp.Start, RecordedById = team.Practitioner.Id, RecordedByName = "test",
            };
            var goals = Enumerable.Range(0, 3).Select(n => new Caseload.Features.Plans.PlanGoal
            {
                Id = Guid.CreateVersion7(), PlanId = plan.Id, CaseId = team.CaseId, PlanVersion = 1, Number = n, Description = $"Goal {n}", Measure = "scale",
                Baseline = 2, Target = 8, TargetDate = day("2026-10-01"), LastActivityOn = day("2026-06-10"),
            }).ToList();
            plan.Goals.AddRange(goals);
            db.Add(plan);
            var earlier = CaseloadApp.Start.AddDays(-60);
            var closing = CaseloadApp.Start.AddDays(-44);
            db.AddRange(
                new Caseload.Features.Closure.GoalOutcome { CaseId = team.CaseId, GoalId = goals[0].Id, Outcome = "not-achieved", RecordedAt = earlier, RecordedByName = "test" },
                new Caseload.Features.Closure.GoalOutcome { CaseId = team.CaseId, GoalId = goals[0].Id, Outcome = "achieved", RecordedAt = closing, RecordedByName = "test" },
                new Caseload.Features.Closure.GoalOutcome { CaseId = team.CaseId, GoalId = goals[1].Id, Outcome = "partly-achieved", RecordedAt = closing, RecordedByName = "test" },
                new Caseload.Features.Closure.GoalOutcome { CaseId = team.CaseId, GoalId = goals[2].Id, Outcome = "not-achieved", RecordedAt = closing, RecordedByName = "test" });
            Caseload.Features.Plans.CaseFeedback Feedback(Guid caseId, Guid personId, string on, int rating) => new()
            {
                Id = Guid.CreateVersion7(), CaseId = caseId, PersonId = personId, From = "Mum", ReceivedOn = day(on), Method = "conversation", Rating = rating,
                RecordedAt = CaseloadApp.Start, RecordedByName = "test",
            };
            db.AddRange(Feedback(team.CaseId, team.PersonId, "2026-10-01", 5), Feedback(second, secondPerson, "2026-11-01", 4),
                Feedback(second, secondPerson, "2026-01-01", 1), Feedback(other.CaseId, other.PersonId, "2026-11-01", 2));
            return await db.SaveChangesAsync();
        });

        var json = await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/outcomes"))).JsonAsync();
        var row = Assert.Single(json["rows"]!.AsArray())!;
        Assert.Equal("Early help", row["service"]!.GetValue<string>());
        Assert.Equal((2, 1, 1, 1), (row["closed"]!.GetValue<int>(), row["goalsAchieved"]!.GetValue<int>(), row["goalsPartlyAchieved"]!.GetValue<int>(), row["goalsNotAchieved"]!.GetValue<int>()));
        // 131 and 32 days from referral to closure.
        Assert.Equal((0.333m, 81.5m), (row["achievedShare"]!.GetValue<decimal>(), row["averageDaysOpen"]!.GetValue<decimal>()));
        Assert.Equal((2, 1), (row["referred"]!.GetValue<int>(), row["reReferred"]!.GetValue<int>()));
        Assert.Equal((2, 4.5m), (row["feedback"]!.GetValue<int>(), row["averageRating"]!.GetValue<decimal>()));

        var series = json["series"]!.AsArray();
        Assert.Equal([1m, 1m, 1m], series.Single(s => s!["chart"]!.GetValue<string>() == "outcomes-goals")!["points"]!.AsArray().Select(p => p!["value"]!.GetValue<decimal>()));
        var reasons = series.Single(s => s!["chart"]!.GetValue<string>() == "outcomes-reasons")!["points"]!.AsArray();
        Assert.Equal(["Moved out of the area", "Needs met and outcomes achieved"], reasons.Select(p => p!["label"]!.GetValue<string>()));
        var ratings = series.Single(s => s!["chart"]!.GetValue<string>() == "outcomes-ratings")!["points"]!.AsArray();
        Assert.Equal([0m, 0m, 0m, 1m, 1m], ratings.Select(p => p!["value"]!.GetValue<decimal>()));
        Assert.Equal("2 cases closed from 31 Aug 2026 to 23 Nov 2026 after an average of 81.5 days; of their 3 goals, 1 achieved, 1 partly and 1 not achieved; "
            + "1 of 2 cases referred came back within 12 months of a closing; 2 pieces of feedback rated 4.5 out of 5 on average.", json["summary"]!.GetValue<string>());

        var csv = (await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/outcomes?format=csv"))).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(CsvText.Row(OutcomesReport.Columns.Select(c => c.Title)).TrimEnd('\r', '\n'), csv[0]);
        Assert.Equal($"{csv[1].Split(',')[0]},Early help,2,1,1,1,0.333,81.5,2,1,2,4.5", csv[1]);
        var sheet = XlsxReader.Read(await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/outcomes?format=xlsx"))).Content.ReadAsByteArrayAsync());
        Assert.Equal(OutcomesReport.Columns.Select(c => row[c.Key]?.ToString() ?? ""), sheet[1]);
    }

    [Fact]
    public async Task A_case_records_its_referral_source_from_the_census_list_and_an_unknown_code_is_refused_naming_the_field()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var person = await team.PractitionerApi.CreatePersonAsync("Ali", "Reid");
        var body = (string? source) => new { personId = person, service = "early-help", allocatedTo = team.Practitioner.UserName, risk = "amber", referralSource = source };

        var refused = await team.PractitionerApi.PostAsJsonAsync("/api/v1/cases", body("school"));
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await refused.JsonAsync())["errors"]!["referralSource"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.CountAsync(c => c.PersonId == person)));

        var created = await team.PractitionerApi.PostAsJsonAsync("/api/v1/cases", body("2a"));
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await created.JsonAsync())["id"]!.GetValue<Guid>();
        Assert.Equal("2A", (await (await team.PractitionerApi.GetAsync(Url($"/api/v1/cases/{id}"))).JsonAsync())["referralSource"]!.GetValue<string>());
        Assert.Null((await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == team.CaseId))).ReferralSource);
    }

    [Fact]
    public async Task The_demand_report_counts_referrals_week_by_week_by_source_with_net_flow_complexity_the_seasonal_view_and_events()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var day = (string d) => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture);
        async Task<Guid> CaseAsync(string? source, string referred, string? opened, string? closed = null, Complexity? complexity = null)
        {
            var person = await team.PractitionerApi.CreatePersonAsync("Kai", "Moss");
            var response = await team.PractitionerApi.PostAsJsonAsync("/api/v1/cases", new { personId = person, service = "early-help", allocatedTo = team.Practitioner.UserName, risk = "green", referralSource = source });
            await response.ShouldBeAsync(HttpStatusCode.Created);
            var id = (await response.JsonAsync())["id"]!.GetValue<Guid>();
            var (referredOn, openedOn, closedOn) = (day(referred), opened is null ? (DateOnly?)null : day(opened), closed is null ? (DateOnly?)null : day(closed));
            var status = closed is null ? CaseStatus.Open : CaseStatus.Closed;
            await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ReferredOn, referredOn).SetProperty(c => c.OpenedOn, openedOn).SetProperty(c => c.ClosedOn, closedOn)
                .SetProperty(c => c.Status, status).SetProperty(c => c.Complexity, complexity)));
            return id;
        }

        await CaseAsync("2A", "2026-11-03", "2026-11-04", complexity: Complexity.High);
        await CaseAsync("6", "2026-11-10", "2026-11-10", closed: "2026-11-18");
        await CaseAsync(null, "2026-11-17", "2026-11-17");
        await CaseAsync("1C", "2025-11-05", "2025-11-06"); // a year before: the seasonal view's earlier November
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, Services.EarlyHelp));
        await (await manager.PostAsJsonAsync("/api/v1/reports/events", new { on = "2026-11-09", kind = "funding", title = "Grant cut", services = new[] { "early-help" } }))
            .ShouldBeAsync(HttpStatusCode.Created);

        var json = await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/demand?from=2026-11-02&to=2026-11-22"))).JsonAsync();
        var rows = json["rows"]!.AsArray();
        Assert.Equal(["2026-11-02", "2026-11-09", "2026-11-16"], rows.Select(r => r!["periodStarting"]!.GetValue<string>()));
        Assert.Equal([(1, 1, 0, 1), (1, 1, 0, 1), (1, 1, 1, 0)], rows.Select(r => (r!["referrals"]!.GetValue<int>(), r["opened"]!.GetValue<int>(), r["closed"]!.GetValue<int>(), r["netFlow"]!.GetValue<int>())));
        Assert.Equal([1, 0, 0], rows.Select(r => r!["fromEducation"]!.GetValue<int>()));
        Assert.Equal([0, 1, 0], rows.Select(r => r!["fromPoliceOrLegal"]!.GetValue<int>()));
        Assert.Equal([0, 0, 1], rows.Select(r => r!["sourceNotRecorded"]!.GetValue<int>()));

        var series = json["series"]!.AsArray();
        decimal?[] Values(string chart, string name = "") => series.Single(s => s!["chart"]!.GetValue<string>() == chart && (name.Length == 0 || s["name"]!.GetValue<string>() == name))!["points"]!.AsArray()
            .Select(p => p!["value"]?.GetValue<decimal>()).ToArray();
        Assert.Equal([1m, 1m, 1m], Values("demand-trend", "Referrals"));
        Assert.Equal([0m, 0m, 1m], Values("demand-trend", "Cases closed"));
        Assert.Equal([0m, 1m, 0m, 1m, 0m, 0m, 1m], Values("demand-sources"));
        Assert.Equal([0m, 0m, 1m, 0m, 2m], Values("demand-complexity"));
        Assert.Equal([3m], Values("demand-seasonal", "Referrals"));
        Assert.Equal([1m], Values("demand-seasonal", "Same month, average of earlier years"));
        var marker = Assert.Single(json["markers"]!.AsArray())!;
        Assert.Equal(("demand-trend", "2026-11-09", "E1"), (marker["chart"]!.GetValue<string>(), marker["point"]!.GetValue<string>(), marker["label"]!.GetValue<string>()));
        Assert.Equal("9 Nov 2026: funding change, Grant cut. Referrals a week: 1 before, 1 from then on.", marker["text"]!.GetValue<string>());
        Assert.Equal("3 referrals from 2 Nov 2026 to 22 Nov 2026, 1 a week on average, most from schools and education (1); 3 opened and 1 closed, a net flow of +2; 1 event recorded in the period.",
            json["summary"]!.GetValue<string>());

        // Over a longer period the rows are months.
        var months = await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/demand?from=2025-10-01&to=2026-11-22"))).JsonAsync();
        Assert.Equal(["Nov 2025", "Nov 2026"], months["rows"]!.AsArray().Select(r => r!["periodStarting"]!.GetValue<string>()));

        var csv = (await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/demand?from=2026-11-02&to=2026-11-22&format=csv"))).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(CsvText.Row(DemandReport.Columns.Select(c => c.Title)).TrimEnd('\r', '\n'), csv[0]);
        Assert.Equal("2026-11-02,Early help,1,1,0,1,0,1,0,0,0,0,0", csv[1]);
        Assert.Equal(5, csv.Length);
        var sheet = XlsxReader.Read(await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/demand?from=2026-11-02&to=2026-11-22&format=xlsx"))).Content.ReadAsByteArrayAsync());
        Assert.Equal(4, sheet.Count);
        Assert.Equal(DemandReport.Columns.Select(c => rows[2]![c.Key]?.ToString() ?? ""), sheet[3]);
    }

    [Fact]
    public async Task Events_are_recorded_by_service_managers_for_their_services_audited_and_listed_to_supervisors()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var user = await app.CreateUserAsync(Roles.ServiceManager, null, Services.Send);
        var manager = await app.ClientForAsync(user);
        var valid = new { on = "2025-04-01", kind = "policy", title = "New SEND ranges", description = "Thresholds for an EHC needs assessment changed", services = new[] { "send" } };

        var mark = await MarkAsync();
        var created = await manager.PostAsJsonAsync("/api/v1/reports/events", valid);
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await created.JsonAsync())["id"]!.GetValue<Guid>();
        var audited = Assert.Single(await EventsSinceAsync(mark, user.UserName));
        Assert.Equal((AuditActions.ReportEventRecorded, id.ToString(), (Guid?)null), (audited.Action, audited.EntityId, audited.CaseId));

        var listed = (await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/events"))).JsonAsync()).AsArray().Single(e => e!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(("2025-04-01", "policy", "New SEND ranges", "send"), (listed["on"]!.GetValue<string>(), listed["kind"]!.GetValue<string>(), listed["title"]!.GetValue<string>(),
            Assert.Single(listed["services"]!.AsArray())!.GetValue<string>()));

        await (await team.SupervisorApi.PostAsJsonAsync("/api/v1/reports/events", valid)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await manager.PostAsJsonAsync("/api/v1/reports/events", valid with { services = new[] { "early-help" } })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await team.PractitionerApi.GetAsync(Url("/api/v1/reports/events"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        foreach (var (bad, field) in new (object Body, string Field)[]
        {
            (valid with { kind = "weather" }, "kind"), (valid with { on = "2026-02-30" }, "on"), (valid with { title = " " }, "title"), (valid with { services = new[] { "astrology" } }, "services[0]"),
        })
        {
            var response = await manager.PostAsJsonAsync("/api/v1/reports/events", bad);
            await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
            Assert.NotNull((await response.JsonAsync())["errors"]![field]);
        }
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-20&to=2026-11-01", "from")]
    [InlineData("from=2020-01-01&to=2026-11-01", "from")]
    [InlineData("team=north", "team")]
    [InlineData("team=999999", "team")]
    [InlineData("service=astrology", "service")]
    [InlineData("practitioner=nobody.here", "practitioner")]
    [InlineData("format=pdf", "format")]
    public async Task A_bad_filter_is_answered_400_naming_the_field(string query, string field)
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var response = await team.SupervisorApi.GetAsync(Url($"/api/v1/reports/workload?{query}"));
        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        Assert.Equal("validation-failed", problem["errorCode"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]![field]);
        await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/nonsense"))).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_csv_export_has_the_json_rows_escaped_as_RFC_4180_with_formulas_defused()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var name = $"=North, \"East\" {team.TeamId}";
        await app.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, name)));

        var response = await team.SupervisorApi.GetAsync(Url("/api/v1/reports/workload?format=csv"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("workload-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal("Practitioner,Team,Open cases,Weighted points,Capacity points,Utilisation,Band,Red cases,Drifting cases,Overdue deadlines", lines[0]);
        Assert.Equal($"Test Practitioner {team.Practitioner.UserName[^4..]},\"'=North, \"\"East\"\" {team.TeamId}\",1,4,90,0.044,under,0,0,0", lines[1]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task The_workload_exports_a_row_per_open_case_with_the_reports_points_and_no_names_audited_as_an_export()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var other = await SupervisedTeam.CreateAsync(app);
        var stale = await team.PractitionerApi.CreateCaseIdAsync(team.Practitioner.UserName);
        var closed = await team.PractitionerApi.CreateCaseIdAsync(team.Practitioner.UserName);
        var contact = new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero); // GMT in November: 20 Nov in the UK too.
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Risk, Risk.Red).SetProperty(c => c.LastContactAt, contact)));
        // Weighed under an earlier scheme (until the job re-weighs it): weighed live, as the report's loads weigh it.
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == stale).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Complexity, Complexity.High).SetProperty(c => c.WeightStamp, "earlier-scheme")));
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Closed)));
        await AddDeadlineAsync(team.CaseId, "2026-12-01");
        await AddDeadlineAsync(team.CaseId, "2026-11-25");
        await AddDeadlineAsync(team.CaseId, "2026-11-10", met: "2026-11-09");

        var mark = await MarkAsync();
        var response = await team.SupervisorApi.GetAsync(Url("/api/v1/reports/workload?format=csv&rows=cases"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("workload-cases-", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n");
        Assert.Equal("Case,Service,Practitioner,Team,Complexity,Weighted points,RAG rating,Last contact,Next deadline", lines[0]);
        Assert.Equal(4, lines.Length); // the header, two open cases and the empty end
        var rows = lines[1..^1].Select(l => l.Split(',')).ToDictionary(r => Guid.Parse(r[0]));
        Assert.Equal([team.CaseId, stale], rows.Keys.Order());
        var practitioner = $"Test Practitioner {team.Practitioner.UserName[^4..]}";
        Assert.Equal(["Early help", practitioner, "Not assessed (counts as medium)", "4", "red", "2026-11-20", "2026-11-25"],
            new[] { 1, 2, 4, 5, 6, 7, 8 }.Select(i => rows[team.CaseId][i]));
        Assert.Equal(["High", "6", "amber", "", ""], new[] { 4, 5, 6, 7, 8 }.Select(i => rows[stale][i]));
        Assert.DoesNotContain("Jordan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ellis", text, StringComparison.Ordinal);
        Assert.DoesNotContain(other.CaseId.ToString(), text, StringComparison.Ordinal);

        // The same points as the report's row for the practitioner.
        var report = Assert.Single((await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/workload"))).JsonAsync())["rows"]!.AsArray())!;
        Assert.Equal(report["points"]!.GetValue<decimal>(), rows.Values.Sum(r => decimal.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(report["openCases"]!.GetValue<int>(), rows.Count);

        var exported = (await EventsSinceAsync(mark, team.Supervisor.UserName))[0];
        Assert.Equal((AuditActions.ReportExported, "workload", ReportsService.EntityType), (exported.Action, exported.EntityId, exported.EntityType));
        Assert.StartsWith("csv; rows=cases; from=", exported.Details, StringComparison.Ordinal);

        var sheet = XlsxReader.Read(await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/workload?format=xlsx&rows=cases"))).Content.ReadAsByteArrayAsync());
        Assert.Equal(WorkloadCases.Columns.Select(c => c.Title), sheet[0]);
        Assert.Equal(3, sheet.Count);

        foreach (var url in new[] { "/api/v1/reports/workload?rows=cases", "/api/v1/reports/deadlines?format=csv&rows=cases", "/api/v1/reports/workload?format=csv&rows=people" })
        {
            var refused = await team.SupervisorApi.GetAsync(Url(url));
            await refused.ShouldBeAsync(HttpStatusCode.BadRequest);
            Assert.NotNull((await refused.JsonAsync())["errors"]!["rows"]);
        }

        await (await team.PractitionerApi.GetAsync(Url("/api/v1/reports/workload?format=csv&rows=cases"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await team.SupervisorApi.GetAsync(Url($"/api/v1/reports/workload?format=csv&rows=cases&team={other.TeamId}"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        var pages = await PageClient.SignInAsync(app, team.Supervisor);
        var fromPage = await pages.GetAsync(Url("/Reports/workload?handler=Export&format=csv&rows=cases"));
        await fromPage.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(text, (await fromPage.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task The_page_exports_the_same_csv_for_the_signed_in_reader_and_audits_it()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var pages = await PageClient.SignInAsync(app, team.Supervisor);
        var fromApi = await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/workload?format=csv"))).Content.ReadAsStringAsync();
        var mark = await MarkAsync();
        var response = await pages.GetAsync(Url("/Reports/workload?handler=Export&format=csv"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fromApi, await response.Content.ReadAsStringAsync());
        var exported = Assert.Single(await EventsSinceAsync(mark, team.Supervisor.UserName));
        Assert.Equal((AuditActions.ReportExported, "workload"), (exported.Action, exported.EntityId));
        Assert.Equal(ReportExport.XlsxType, (await pages.GetAsync(Url("/Reports/deadlines?handler=Export&format=xlsx"))).Content.Headers.ContentType!.MediaType);
        await (await pages.GetAsync(Url("/Reports/workload?handler=Export&format=pdf"))).ShouldBeAsync(HttpStatusCode.BadRequest);
        var practitioner = await PageClient.SignInAsync(app, team.Practitioner);
        Assert.NotEqual(HttpStatusCode.OK, (await practitioner.GetAsync(Url("/Reports/workload?handler=Export&format=csv"))).StatusCode);
    }

    [Fact]
    public async Task The_page_shows_a_bad_filter_in_the_error_summary_with_a_400()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var pages = await PageClient.SignInAsync(app, team.Supervisor);
        var response = await pages.GetAsync(Url("/Reports/deadlines?from=2026-02-30"));
        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#from\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"report-rows\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xlsx_export_opens_with_the_same_rows_as_the_json()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        await AddDeadlineAsync(team.CaseId, "2026-11-02", met: "2026-11-04", start: "2026-10-20", reason: "Sickness");
        var json = await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/deadlines"))).JsonAsync();
        var response = await team.SupervisorApi.GetAsync(Url("/api/v1/reports/deadlines?format=xlsx"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(ReportExport.XlsxType, response.Content.Headers.ContentType!.MediaType);
        var sheet = XlsxReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(DeadlinesReport.Columns.Select(c => c.Title), sheet[0]);
        var row = Assert.Single(json["rows"]!.AsArray())!.AsObject();
        Assert.Equal(2, sheet.Count);
        Assert.Equal(DeadlinesReport.Columns.Select(c => row[c.Key]?.ToString() ?? ""), sheet[1]);
    }

    [Fact]
    public async Task Each_view_and_export_is_audited_once_with_its_filters_and_no_case()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var mark = await MarkAsync();
        await (await team.SupervisorApi.GetAsync(Url($"/api/v1/reports/workload?team={team.TeamId}&from=2026-10-01"))).ShouldBeAsync(HttpStatusCode.OK);
        await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/deadlines?format=csv"))).ShouldBeAsync(HttpStatusCode.OK);
        await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/deadlines?format=xlsx"))).ShouldBeAsync(HttpStatusCode.OK);

        var events = await EventsSinceAsync(mark, team.Supervisor.UserName);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal((ReportsService.EntityType, (Guid?)null, (Guid?)null), (e.EntityType, e.CaseId, e.PersonId)));
        Assert.Equal((AuditActions.ReportViewed, "workload"), (events[0].Action, events[0].EntityId));
        Assert.Contains($"team={team.TeamId} (", events[0].Details, StringComparison.Ordinal);
        Assert.Contains("from=2026-10-01; to=2026-11-23", events[0].Details, StringComparison.Ordinal);
        Assert.StartsWith("json;", events[0].Details, StringComparison.Ordinal);
        Assert.Equal((AuditActions.ReportExported, "deadlines"), (events[1].Action, events[1].EntityId));
        Assert.StartsWith("csv;", events[1].Details, StringComparison.Ordinal);
        Assert.StartsWith("xlsx;", events[2].Details, StringComparison.Ordinal);
        // A report is not a list of cases: a DPO asking who saw a case does not find its readers.
        var ids = events.Select(e => e.Id).ToList();
        Assert.Empty(await app.WithDbAsync(db => db.AuditEventCases.Where(c => ids.Contains(c.AuditEventId)).ToListAsync()));

        // A refused or invalid request records nothing.
        var before = await MarkAsync();
        await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/workload?from=nonsense"))).ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await EventsSinceAsync(before, team.Supervisor.UserName));
    }
}

public sealed class ReportsApiTests_Sqlite(SqliteApp app) : ReportsApiTests(app);

public sealed class ReportsApiTests_Postgres(PostgresApp app) : ReportsApiTests(app);
