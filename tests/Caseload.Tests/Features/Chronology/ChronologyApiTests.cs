using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Chronology;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Agencies;
using Caseload.Tests.Features.Agencies.Referrals;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.Features.Reviews;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Chronology;

/// <summary>GET /api/v1/cases/{id}/chronology and its marks, for the right people only, audited. The shared app's today is 23 Nov 2026.</summary>
public abstract class ChronologyApiTests(CaseloadApp app)
{
    public static readonly string[] EveryKind =
    [
        "note", "review", "supervision-decision", "risk-change", "safeguarding", "characteristics", "deadline-set", "deadline-met", "deadline-missed",
        "allocation", "status", "referral", "referral-step", "information-share", "closure-requested", "closure-approved", "closure-returned", "plan", "plan-progress", "plan-approved", "plan-returned", "feedback", "goal-outcomes",
    ];

    /// <summary>A case with something of every kind: a note raising a safeguarding concern, a review re-rating the risk, a supervision decision,
    /// a characteristic added, a deadline missed and one met, and (by the supervisor) a reallocation and the closure.</summary>
    public static async Task<SupervisedTeam> StoryAsync(CaseloadApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var team = await SupervisedTeam.CreateAsync(app, service: "childrens-social-care");
        var second = await app.CreateUserAsync(Roles.Practitioner, team.TeamId);
        var api = team.PractitionerApi;
        var caseId = team.CaseId;
        await api.CreateNoteAsync(caseId, NoteApi.Note().With("safeguardingConcern", true));
        await api.CreateNoteAsync(caseId, NoteApi.Note("Phone call with the school.\nSecond line not shown.", "2026-11-23T09:30:00Z", "phone-call")
            .With("presentAndSpokenTo", "Head of year"));
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", ReviewsApiTests.Review(riskRating: "red"))).ShouldBeAsync(HttpStatusCode.Created);
        await team.SupervisorApi.RecordAsync(SupervisionApi.Session(team.Practitioner.UserName, caseId, team.Practitioner.UserName));
        await (await api.PostAsJsonAsync($"/api/v1/people/{team.PersonId}/characteristics", new { add = new[] { "young-carer" }, reason = "Cares for Mum after her operation" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "child-and-family-assessment", startDate = "2026-08-03" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var oneOff = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Send the report to the school", dueDate = "2026-12-04", reason = "Agreed at the meeting" });
        await oneOff.ShouldBeAsync(HttpStatusCode.Created);
        var oneOffId = (await oneOff.JsonAsync())["id"]!.GetValue<Guid>();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines/{oneOffId}/met", new { metOn = "2026-11-23" })).ShouldBeAsync(HttpStatusCode.OK);
        // A referral out on a lawful basis, acknowledged, and a share logged on its own.
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app, "voluntary");
        var lawful = new { basis = "safeguarding", reason = "Asking would increase the risk", decidedBy = "Ann Lee, team manager" };
        var referral = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", ReferralsApiTests.Referral(agencyId, lawfulBasis: lawful));
        await referral.ShouldBeAsync(HttpStatusCode.Created);
        var referralId = (await referral.JsonAsync())["id"]!.GetValue<Guid>();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{referralId}/status", new { status = "acknowledged", on = "2026-11-23", note = "Received" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/information-sharing", new
        {
            sharedWith = "Park School (designated safeguarding lead)", what = "That a referral was made", purpose = "Keep the school informed",
            lawfulBasis = lawful, decidedBy = "Ann Lee, team manager", sharedOn = "2026-11-23", method = "phone",
        })).ShouldBeAsync(HttpStatusCode.Created);
        // A plan agreed with the family (children's social care plans need a supervisor's approval: returned once, then approved), and
        // progress on its goal.
        var returned = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plans.PlansApiTests.Plan("Mum"))).JsonAsync();
        await (await team.SupervisorApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{returned["id"]}/decision", new { approve = false, comment = "Add Jordan's own words" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var plan = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", Plans.PlansApiTests.Plan("Mum"))).JsonAsync();
        await (await team.SupervisorApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{plan["id"]}/decision", new { approve = true })).ShouldBeAsync(HttpStatusCode.OK);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans/{plan["id"]}/goals/{plan["goals"]![0]!["id"]}/progress", Plans.PlansApiTests.Progress()))
            .ShouldBeAsync(HttpStatusCode.Created);
        var version = (await (await team.SupervisorApi.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync())["version"]!.GetValue<int>();
        await (await team.SupervisorApi.PatchJsonAsync($"/api/v1/cases/{caseId}", new { allocatedTo = second.UserName }, $"\"{version}\"")).ShouldBeAsync(HttpStatusCode.OK);
        // The new practitioner asks to close; the supervisor returns it once, then approves.
        var secondApi = await app.ClientForAsync(second);
        // Feedback from the family on the case.
        await (await secondApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/feedback", Plans.FeedbackTests.Feedback())).ShouldBeAsync(HttpStatusCode.Created);
        var closure = new
        {
            reason = "Family plan complete", summary = "The plan's outcomes are met and the family agrees.",
            goalOutcomes = new[] { new { goalId = plan["goals"]![0]!["id"]!.GetValue<Guid>(), outcome = "achieved" } },
        };
        await (await secondApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure-request", closure)).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await team.SupervisorApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure-request/decision", new { approve = false, comment = "Record the school's view first" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await secondApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure-request", closure)).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await team.SupervisorApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure-request/decision", new { approve = true })).ShouldBeAsync(HttpStatusCode.OK);
        return team;
    }

    private static async Task<JsonArray> ItemsAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray();
    }

    private static IEnumerable<string> Kinds(JsonArray items) => items.Select(i => i!["kind"]!.GetValue<string>());

    [Fact]
    public async Task Every_kind_is_on_the_chronology_in_date_order_with_who_and_a_link_and_the_read_is_audited()
    {
        var team = await StoryAsync(app);
        var caseId = team.CaseId;
        var response = await team.SupervisorApi.GetAsync($"/api/v1/cases/{caseId}/chronology");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!;
        var items = body["items"]!.AsArray();

        Assert.Equal(EveryKind.Order(StringComparer.Ordinal), Kinds(items).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(EveryKind.Order(StringComparer.Ordinal), body["kinds"]!.AsArray().Select(k => k!["code"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var dates = items.Select(i => i!["date"]!.GetValue<string>()).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        Assert.All(items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i!["summary"]!.GetValue<string>()));
            Assert.StartsWith("/", i["link"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(i["significant"]!.GetValue<bool>());
        });

        JsonNode One(string kind, string contains) => Assert.Single(items, i => i!["kind"]!.GetValue<string>() == kind && i["summary"]!.GetValue<string>().Contains(contains, StringComparison.Ordinal))!;
        var phone = One("note", "Phone call: Phone call with the school.");
        Assert.DoesNotContain("Second line", phone["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2026-11-23", phone["date"]!.GetValue<string>());
        Assert.StartsWith($"/Cases/{caseId}/Notes/", phone["link"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(items, i => i!["kind"]!.GetValue<string>() == "safeguarding");
        One("review", "decision continue; risk re-rated from amber to red");
        One("risk-change", "Risk changed from amber to red");
        One("risk-change", "Risk rated amber");
        var decision = One("supervision-decision", SupervisionApi.Decision);
        Assert.Equal("2026-11-20", decision["date"]!.GetValue<string>());
        Assert.Equal($"/Cases/{caseId}#management-oversight", decision["link"]!.GetValue<string>());
        One("characteristics", "Added young carer: Cares for Mum");
        One("deadline-set", "Child and family assessment");
        One("deadline-missed", "not met yet");
        One("deadline-met", "Send the report to the school");
        One("allocation", "Reallocated from");
        One("status", "Case closed: Family plan complete");
        One("status", "Referred to Children's social care and opened");
        One("plan-returned", "Plan version 1 returned: Add Jordan's own words");
        One("plan-approved", "Plan version 2 approved: in force");
        Assert.Contains(items, i => i!["by"]?.GetValue<string>() is { Length: > 0 });

        // Management oversight only: the supervisee's wellbeing, workload and learning never reach the child's record.
        Assert.DoesNotContain(SupervisionApi.WellbeingWords, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SupervisionApi.WorkloadWords, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SupervisionApi.LearningWords, text, StringComparison.Ordinal);

        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == team.Supervisor.UserName && e.Action == AuditActions.ChronologyViewed)
            .Select(e => e.Details).ToListAsync());
        var details = Assert.Single(audit);
        Assert.Contains("kinds=all", details, StringComparison.Ordinal);
        Assert.Contains($"entries={items.Count}", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kinds_dates_and_significance_filter_the_entries()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var api = team.PractitionerApi;
        await api.CreateNoteAsync(team.CaseId);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{team.CaseId}/reviews", ReviewsApiTests.Review())).ShouldBeAsync(HttpStatusCode.Created);
        await team.SupervisorApi.RecordAsync(SupervisionApi.Session(team.Practitioner.UserName, team.CaseId, team.Practitioner.UserName));
        var url = $"/api/v1/cases/{team.CaseId}/chronology";

        Assert.Equal(["note", "review"], Kinds(await ItemsAsync(api, $"{url}?kinds=note,review")).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["note", "review"], Kinds(await ItemsAsync(api, $"{url}?kinds=note&kinds=review")).Distinct().Order(StringComparer.Ordinal));
        var before = await ItemsAsync(api, $"{url}?to=2026-11-22");
        Assert.Equal(["supervision-decision"], Kinds(before));
        var from = await ItemsAsync(api, $"{url}?from=2026-11-23&to=2026-11-23");
        Assert.DoesNotContain("supervision-decision", Kinds(from));
        Assert.Contains("note", Kinds(from));
        Assert.Empty(await ItemsAsync(api, $"{url}?from=2026-11-24"));
        Assert.Empty(await ItemsAsync(api, $"{url}?significantOnly=true"));
        Assert.NotEmpty(await ItemsAsync(api, $"{url}?significantOnly=false"));
    }

    [Theory]
    [InlineData("kinds=note,gossip", "kinds")]
    [InlineData("kinds=Note", "kinds")]
    [InlineData("from=23/11/2026", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("from=2026-11-23&to=2026-11-01", "to")]
    [InlineData("significantOnly=yes", "significantOnly")]
    public async Task A_bad_filter_answers_400_naming_the_parameter_and_records_no_read(string query, string parameter)
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var response = await team.PractitionerApi.GetAsync($"/api/v1/cases/{team.CaseId}/chronology?{query}");
        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var body = await response.JsonAsync();
        Assert.Equal("validation-failed", body["errorCode"]!.GetValue<string>());
        Assert.Equal([parameter], body["errors"]!.AsObject().Select(e => e.Key));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == team.CaseId && e.Action == AuditActions.ChronologyViewed)));
    }

    [Fact]
    public async Task An_entry_is_marked_significant_with_who_and_when_unmarked_again_and_both_are_audited()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var api = team.PractitionerApi;
        var noteId = (await api.CreateNoteAsync(team.CaseId))["id"]!.GetValue<Guid>().ToString();
        var url = $"/api/v1/cases/{team.CaseId}/chronology";

        var marked = await api.PostAsJsonAsync($"{url}/marks", new { kind = "note", sourceId = noteId, significant = true });
        await marked.ShouldBeAsync(HttpStatusCode.OK);
        var entry = await marked.JsonAsync();
        Assert.True(entry["significant"]!.GetValue<bool>());
        Assert.Equal("note", entry["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(entry["marked"]!["by"]!.GetValue<string>()));
        Assert.Equal(CaseloadApp.Start, entry["marked"]!["at"]!.GetValue<DateTimeOffset>());

        var significant = await ItemsAsync(api, $"{url}?significantOnly=true");
        var only = Assert.Single(significant);
        Assert.Equal(noteId, only!["sourceId"]!.GetValue<string>());
        // The same mark again changes nothing and records nothing more.
        await (await api.PostAsJsonAsync($"{url}/marks", new { kind = "note", sourceId = noteId, significant = true })).ShouldBeAsync(HttpStatusCode.OK);
        // Another reader of the case sees the mark.
        Assert.True(Assert.Single(await ItemsAsync(team.SupervisorApi, $"{url}?kinds=note"))!["significant"]!.GetValue<bool>());

        var unmarked = await api.PostAsJsonAsync($"{url}/marks", new { kind = "note", sourceId = noteId, significant = false });
        await unmarked.ShouldBeAsync(HttpStatusCode.OK);
        Assert.False((await unmarked.JsonAsync())["significant"]!.GetValue<bool>());
        Assert.Empty(await ItemsAsync(api, $"{url}?significantOnly=true"));

        var stored = await app.WithDbAsync(db => db.Set<ChronologyMark>().AsNoTracking().SingleAsync(m => m.CaseId == team.CaseId));
        Assert.False(stored.Significant);
        Assert.Equal(team.Practitioner.Id, stored.MarkedById);
        Assert.Equal(team.Practitioner.Id, stored.UnmarkedById);
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == team.CaseId && (e.Action == AuditActions.ChronologyMarked || e.Action == AuditActions.ChronologyUnmarked))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.EntityId, e.UserName }).ToListAsync());
        Assert.Equal([AuditActions.ChronologyMarked, AuditActions.ChronologyUnmarked], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal($"note/{noteId}", e.EntityId));
        Assert.All(events, e => Assert.Equal(team.Practitioner.UserName, e.UserName));
    }

    [Fact]
    public async Task A_mark_without_a_known_entry_answers_422_naming_the_field_and_stores_nothing()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var url = $"/api/v1/cases/{team.CaseId}/chronology/marks";
        async Task ErrorsAsync(object body, params string[] fields)
        {
            var response = await team.PractitionerApi.PostAsJsonAsync(url, body);
            await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(fields.Order(StringComparer.Ordinal), (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        }

        await ErrorsAsync(new { }, "kind", "significant", "sourceId");
        await ErrorsAsync(new { kind = "gossip", sourceId = "1", significant = true }, "kind");
        await ErrorsAsync(new { kind = "note", sourceId = Guid.NewGuid().ToString(), significant = true }, "sourceId");
        await ErrorsAsync(new { kind = "note", sourceId = new string('x', 101), significant = true }, "sourceId");
        Assert.False(await app.WithDbAsync(db => db.Set<ChronologyMark>().AnyAsync(m => m.CaseId == team.CaseId)));
    }

    [Fact]
    public async Task Only_those_who_may_change_the_case_mark_an_entry()
    {
        var (team, _) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var named = await app.CreateUserAsync(Roles.Practitioner, team);
        var ownerApi = await app.ClientForAsync(owner);
        var personId = await ownerApi.CreatePersonAsync();
        var caseId = (await ownerApi.CreateCaseAsync(personId, owner.UserName, restricted: true, restrictedTo: [named.UserName]))["id"]!.GetValue<Guid>();
        var namedApi = await app.ClientForAsync(named);
        var status = Assert.Single(await ItemsAsync(namedApi, $"/api/v1/cases/{caseId}/chronology?kinds=status"))!;

        var refused = await namedApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/chronology/marks", new { kind = "status", sourceId = status["sourceId"]!.GetValue<string>(), significant = true });
        await refused.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.Set<ChronologyMark>().AnyAsync(m => m.CaseId == caseId)));
    }

    [Fact]
    public async Task Another_practitioners_restricted_case_answers_404_as_if_missing_and_records_nothing()
    {
        var (team, _) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var other = await app.CreateUserAsync(Roles.Practitioner, team);
        var ownerApi = await app.ClientForAsync(owner);
        var caseId = await ownerApi.CreateCaseIdAsync(owner.UserName, restricted: true);
        var noteId = (await ownerApi.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>().ToString();
        var otherApi = await app.ClientForAsync(other);

        var missing = await (await otherApi.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/chronology")).JsonAsync();
        var read = await otherApi.GetAsync($"/api/v1/cases/{caseId}/chronology");
        await read.ShouldBeAsync(HttpStatusCode.NotFound);
        var hidden = await read.JsonAsync();
        Assert.Equal(missing["title"]!.GetValue<string>(), hidden["title"]!.GetValue<string>());
        await (await otherApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/chronology/marks", new { kind = "note", sourceId = noteId, significant = true }))
            .ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.UserName == other.UserName)));
        Assert.False(await app.WithDbAsync(db => db.Set<ChronologyMark>().AnyAsync(m => m.CaseId == caseId)));
    }

    [Fact]
    public async Task A_characteristics_reason_written_from_a_restricted_case_is_withheld_from_those_who_may_not_see_that_case()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var worker = await app.CreateUserAsync(Roles.Practitioner, team);
        var restrictedWorker = await app.CreateUserAsync(Roles.Practitioner, team);
        var workerApi = await app.ClientForAsync(worker);
        var personId = await workerApi.CreatePersonAsync();
        var openCase = (await workerApi.CreateCaseAsync(personId, worker.UserName))["id"]!.GetValue<Guid>();
        var boss = await app.ClientForAsync(supervisor);
        await boss.CreateCaseAsync(personId, restrictedWorker.UserName, restricted: true, service: "send", restrictedTo: [restrictedWorker.UserName]);
        var restrictedApi = await app.ClientForAsync(restrictedWorker);
        await (await restrictedApi.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics", new { add = new[] { "youth-justice" }, reason = "Told to me in the restricted case" }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var entry = Assert.Single(await ItemsAsync(workerApi, $"/api/v1/cases/{openCase}/chronology?kinds=characteristics"))!;
        Assert.Equal("Added youth justice involvement: recorded on a restricted case", entry["summary"]!.GetValue<string>());
    }
}

public sealed class ChronologyApiTests_Sqlite(SqliteApp app) : ChronologyApiTests(app);

public sealed class ChronologyApiTests_Postgres(PostgresApp app) : ChronologyApiTests(app);
