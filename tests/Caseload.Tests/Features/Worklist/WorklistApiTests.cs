using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Worklist;

/// <summary>
/// Scenarios in plain language, end to end through the API on each database: which of two cases comes first and why.
/// Today is 23 Nov 2026.
/// </summary>
public abstract class WorklistApiTests(CaseloadApp app)
{
    private sealed record Practitioner(TestUser User, HttpClient Client, TestUser Supervisor);

    private async Task<Practitioner> PractitionerAsync()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        return new Practitioner(user, await app.ClientForAsync(user), supervisor);
    }

    private static Task<Guid> CaseAsync(Practitioner p, string risk, string given, params string[] characteristics) =>
        ServiceCaseAsync(p, "early-help", risk, given, characteristics);

    private static async Task<Guid> ServiceCaseAsync(Practitioner p, string service, string risk, string given, params string[] characteristics)
    {
        var person = await p.Client.CreatePersonAsync(given, "Test", "2012-03-04", characteristics);
        return (await p.Client.CreateCaseAsync(person, p.User.UserName, risk: risk, service: service))["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonArray> WorklistAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/worklist{query}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray();
    }

    private static JsonNode Item(JsonArray items, Guid caseId) => items.Single(i => i!["caseId"]!.GetValue<Guid>() == caseId)!;

    private static int Rank(JsonArray items, Guid caseId) => Item(items, caseId)["rank"]!.GetValue<int>();

    private static Task<HttpResponseMessage> NoteAsync(HttpClient client, Guid caseId, string occurredAt, bool safeguarding = false, string type = "home-visit") =>
        client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", new
        {
            type,
            occurredAt,
            presentAndSpokenTo = "Mum and the child",
            whatHappened = "Visited the home at the agreed time. The child showed me their bedroom.",
            safeguardingConcern = safeguarding,
            lateEntryReason = "Recorded from notes taken at the visit",
        });

    [Fact]
    public async Task Red_risk_case_ranks_above_a_green_case_created_earlier_with_no_deadline_pressure()
    {
        var p = await PractitionerAsync();
        var green = await CaseAsync(p, "green", "Earlier");
        var red = await CaseAsync(p, "red", "Later");
        var items = await WorklistAsync(p.Client);
        Assert.Equal(1, Rank(items, red));
        Assert.Equal(2, Rank(items, green));
        var top = Item(items, red);
        Assert.Equal("red", top["rag"]!.GetValue<string>());
        Assert.Equal("risk", top["reasons"]![0]!["factor"]!.GetValue<string>());
        Assert.Contains("red", top["reasons"]![0]!["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_note_with_a_safeguarding_concern_reprioritises_at_once_until_the_risk_is_re_rated()
    {
        var p = await PractitionerAsync();
        var first = await CaseAsync(p, "amber", "First", "looked-after");
        var second = await CaseAsync(p, "amber", "Second");
        Assert.Equal(1, Rank(await WorklistAsync(p.Client), first));

        await (await NoteAsync(p.Client, second, "2026-11-23T09:00:00Z", safeguarding: true)).ShouldBeAsync(HttpStatusCode.Created);
        var after = await WorklistAsync(p.Client);
        Assert.Equal(1, Rank(after, second));
        Assert.Equal("red", Item(after, second)["rag"]!.GetValue<string>());
        Assert.Contains(Item(after, second)["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() == "safeguarding");

        var etag = (await p.Client.GetAsync($"/api/v1/cases/{second}")).Headers.ETag!.Tag;
        (await p.Client.PatchJsonAsync($"/api/v1/cases/{second}", new { risk = "amber", riskReason = "Strategy discussion: no further action under s47" }, etag)).EnsureSuccessStatusCode();
        var rerated = await WorklistAsync(p.Client);
        Assert.DoesNotContain(Item(rerated, second)["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() == "safeguarding");
        var reviewed = await (await p.Client.GetAsync($"/api/v1/cases/{second}")).JsonAsync();
        Assert.Null(reviewed["safeguardingConcernSince"]);
        Assert.Contains("Re-rated after the safeguarding concern", reviewed["riskHistory"]!.AsArray().Last()!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_statutory_deadline_ranks_above_one_due_next_month()
    {
        var p = await PractitionerAsync();
        // The assessment is a children's social care timescale, offered only on that service's cases.
        var later = await ServiceCaseAsync(p, "childrens-social-care", "green", "Later");
        var overdue = await ServiceCaseAsync(p, "childrens-social-care", "green", "Overdue");
        (await p.Client.PostAsJsonAsync($"/api/v1/cases/{later}/deadlines", new { timescale = "child-and-family-assessment", startDate = "2026-11-20" })).EnsureSuccessStatusCode();
        (await p.Client.PostAsJsonAsync($"/api/v1/cases/{overdue}/deadlines", new { timescale = "child-and-family-assessment", startDate = "2026-09-01" })).EnsureSuccessStatusCode();
        var items = await WorklistAsync(p.Client);
        Assert.True(Rank(items, overdue) < Rank(items, later));
        var reason = Item(items, overdue)["reasons"]![0]!;
        Assert.Equal("overdue-deadline", reason["factor"]!.GetValue<string>());
        Assert.Contains("Child and family assessment", reason["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Item(items, overdue)["nextDeadline"]!["workingDaysUntilDue"]!.GetValue<int>() < 0);
        var overdueOnly = await WorklistAsync(p.Client, "?overdueOnly=true");
        Assert.Equal([overdue], overdueOnly.Select(i => i!["caseId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task Contact_drift_beyond_the_expected_frequency_raises_a_case_above_one_seen_this_week()
    {
        var p = await PractitionerAsync();
        var seen = await CaseAsync(p, "amber", "Seen");
        var drifting = await CaseAsync(p, "amber", "Drifting");
        (await NoteAsync(p.Client, seen, "2026-11-20T10:00:00Z")).EnsureSuccessStatusCode();
        (await NoteAsync(p.Client, drifting, "2026-10-19T10:00:00Z")).EnsureSuccessStatusCode();
        var items = await WorklistAsync(p.Client);
        Assert.True(Rank(items, drifting) < Rank(items, seen));
        var drift = Item(items, drifting)["reasons"]!.AsArray().Single(r => r!["factor"]!.GetValue<string>() == "contact-drift")!;
        Assert.Contains("expected every 10", drift["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(Item(items, seen)["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() == "contact-drift");
        Assert.NotNull(Item(items, seen)["lastContactAt"]);
    }

    [Fact]
    public async Task Last_contact_follows_the_contact_notes_through_amendments_and_strike_throughs()
    {
        var p = await PractitionerAsync();
        var caseId = await CaseAsync(p, "amber", "Contact");
        async Task<DateTimeOffset?> LastContactAsync() =>
            Item(await WorklistAsync(p.Client), caseId)["lastContactAt"]?.GetValue<DateTimeOffset>();

        Assert.Null(await LastContactAsync());
        var visit = await (await NoteAsync(p.Client, caseId, "2026-11-10T10:00:00Z")).JsonAsync();
        Assert.Equal(DateTimeOffset.Parse("2026-11-10T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), await LastContactAsync());

        // An email is not contact with the person; an earlier visit does not move last contact back.
        (await NoteAsync(p.Client, caseId, "2026-11-20T10:00:00Z", type: "email-letter")).EnsureSuccessStatusCode();
        var earlier = await (await NoteAsync(p.Client, caseId, "2026-11-02T10:00:00Z")).JsonAsync();
        Assert.Equal(DateTimeOffset.Parse("2026-11-10T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), await LastContactAsync());

        // The latest visit was recorded with the wrong date: the amendment moves last contact with it.
        var visitId = visit["id"]!.GetValue<Guid>();
        var etag = (await p.Client.GetAsync($"/api/v1/cases/{caseId}/notes/{visitId}")).Headers.ETag!.Tag;
        var amended = await p.Client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{visitId}/amendments", new
        {
            reason = "Visit date entered wrongly",
            type = "home-visit",
            occurredAt = "2026-11-12T10:00:00Z",
            presentAndSpokenTo = "Mum and the child",
            whatHappened = "Visited the home at the agreed time. The child showed me their bedroom.",
            lateEntryReason = "Recorded from notes taken at the visit",
        }, etag);
        await amended.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(DateTimeOffset.Parse("2026-11-12T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), await LastContactAsync());

        // Struck through (wrong case): the visit no longer counts, the earlier one does.
        var struck = await p.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes/{visitId}/strike-through", new { reason = "Entered on the wrong case" });
        await struck.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(earlier["versions"]![0]!["occurredAt"]!.GetValue<DateTimeOffset>(), await LastContactAsync());
    }

    [Fact]
    public async Task A_case_past_its_review_date_ranks_above_one_reviewed_on_time_and_says_by_how_much()
    {
        var p = await PractitionerAsync();
        var onTime = await CaseAsync(p, "amber", "OnTime");
        var overdue = await CaseAsync(p, "amber", "Overdue");
        foreach (var (caseId, due) in new[] { (onTime, "2026-12-07"), (overdue, "2026-11-16") })
        {
            var etag = (await p.Client.GetAsync($"/api/v1/cases/{caseId}")).Headers.ETag!.Tag;
            var changed = await p.Client.PatchJsonAsync($"/api/v1/cases/{caseId}", new { reviewDueOn = due }, etag);
            await changed.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal(due, (await changed.JsonAsync())["reviewDueOn"]!.GetValue<string>());
        }

        var items = await WorklistAsync(p.Client);
        Assert.True(Rank(items, overdue) < Rank(items, onTime));
        var reason = Item(items, overdue)["reasons"]!.AsArray().Single(r => r!["factor"]!.GetValue<string>() == "review-overdue")!;
        Assert.Equal("Review overdue by 5 working days", reason["detail"]!.GetValue<string>());
        Assert.DoesNotContain(Item(items, onTime)["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() == "review-overdue");

        var clearEtag = (await p.Client.GetAsync($"/api/v1/cases/{overdue}")).Headers.ETag!.Tag;
        var cleared = await p.Client.PatchJsonAsync($"/api/v1/cases/{overdue}", new { clearReviewDueOn = true }, clearEtag);
        await cleared.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Null((await cleared.JsonAsync())["reviewDueOn"]);
        Assert.DoesNotContain(Item(await WorklistAsync(p.Client), overdue)["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() == "review-overdue");

        var tooLate = await p.Client.PatchJsonAsync($"/api/v1/cases/{onTime}", new { reviewDueOn = "2031-01-01" },
            (await p.Client.GetAsync($"/api/v1/cases/{onTime}")).Headers.ETag!.Tag);
        await tooLate.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("reviewDueOn", (await tooLate.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_new_characteristic_reprioritises_at_once_and_stays_in_the_priority_history()
    {
        var p = await PractitionerAsync();
        var first = await CaseAsync(p, "amber", "First", "young-carer");
        var second = await CaseAsync(p, "amber", "Second");
        Assert.Equal(1, Rank(await WorklistAsync(p.Client), first));
        var personId = (await (await p.Client.GetAsync($"/api/v1/cases/{second}")).JsonAsync())["personId"]!.GetValue<Guid>();

        var noReason = await p.Client.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics", new { add = new[] { "child-protection-plan" } });
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("reason", (await noReason.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        // A null where a code belongs is a body of the wrong form, refused as it is read.
        var nothing = await p.Client.PostJsonTextAsync($"/api/v1/people/{personId}/characteristics", "{\"add\":[null],\"reason\":\"x\"}");
        await nothing.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("add", (await nothing.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var unknown = await p.Client.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics", new { add = new[] { "vulnerable" }, reason = "x" });
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("add", (await unknown.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));

        var added = await p.Client.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics",
            new { add = new[] { "child-protection-plan" }, reason = "Child protection plan made at the initial conference on 20 November 2026" });
        await added.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(["child-protection-plan"], (await added.JsonAsync())["characteristics"]!.AsArray().Select(c => c!.GetValue<string>()));

        var after = await WorklistAsync(p.Client);
        Assert.Equal(1, Rank(after, second));
        var vulnerability = Item(after, second)["reasons"]!.AsArray().Single(r => r!["factor"]!.GetValue<string>() == "vulnerability")!;
        Assert.Contains("child protection plan", vulnerability["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var history = await (await p.Client.GetAsync($"/api/v1/cases/{second}/priority-history")).JsonAsync();
        Assert.Contains(history["events"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "vulnerability"
            && e["detail"]!.GetValue<string>().Contains("Child protection plan added: Child protection plan made", StringComparison.Ordinal));

        // Someone who cannot see the person cannot change them either, and learns nothing from the answer.
        var stranger = await PractitionerAsync();
        var refused = await stranger.Client.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics", new { remove = new[] { "child-protection-plan" }, reason = "Plan ended" });
        await refused.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, Rank(await WorklistAsync(p.Client), second));
    }

    [Fact]
    public async Task Agreed_actions_left_overdue_raise_a_case_and_recording_them_done_lowers_it_again()
    {
        var p = await PractitionerAsync();
        var onTrack = await CaseAsync(p, "amber", "OnTrack");
        var slipping = await CaseAsync(p, "amber", "Slipping");
        // Two actions agreed at a visit a fortnight ago, due last week and still open (a test cannot wait a fortnight, so
        // they are written as the note service wrote them then).
        var taskIds = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        await app.WithDbAsync(async db =>
        {
            foreach (var id in taskIds)
            {
                db.Set<Caseload.Features.Tasks.CaseTask>().Add(new Caseload.Features.Tasks.CaseTask
                {
                    Id = id, CaseId = slipping, Action = "Ring the school about attendance", OwnerId = p.User.Id, OwnerName = p.User.UserName,
                    DueOn = new DateOnly(2026, 11, 16), CreatedAt = CaseloadApp.Start.AddDays(-14), CreatedById = p.User.Id, CreatedByName = p.User.UserName, Version = 1,
                });
            }

            return await db.SaveChangesAsync();
        });

        var items = await WorklistAsync(p.Client);
        Assert.True(Rank(items, slipping) < Rank(items, onTrack));
        var reason = Item(items, slipping)["reasons"]!.AsArray().Single(r => r!["factor"]!.GetValue<string>() == "overdue-tasks")!;
        Assert.Equal("2 tasks overdue", reason["detail"]!.GetValue<string>());
        Assert.Equal(2, Item(items, slipping)["openTasks"]!.GetValue<int>());

        foreach (var id in taskIds)
        {
            (await p.Client.PostAsJsonAsync($"/api/v1/tasks/{id}/outcome", new { status = "done", outcome = "Spoke to the attendance officer" })).EnsureSuccessStatusCode();
        }

        var after = await WorklistAsync(p.Client);
        Assert.DoesNotContain(Item(after, slipping)["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() == "overdue-tasks");
        Assert.Equal(0, Item(after, slipping)["openTasks"]!.GetValue<int>());
    }

    [Fact]
    public async Task Raising_the_risk_to_red_moves_a_case_to_the_top_at_once_and_into_the_history()
    {
        var p = await PractitionerAsync();
        var vulnerable = await CaseAsync(p, "amber", "Vulnerable", "looked-after", "send-ehc-plan");
        var raised = await CaseAsync(p, "green", "Raised");
        Assert.True(Rank(await WorklistAsync(p.Client), vulnerable) < Rank(await WorklistAsync(p.Client), raised));

        var etag = (await p.Client.GetAsync($"/api/v1/cases/{raised}")).Headers.ETag!.Tag;
        (await p.Client.PatchJsonAsync($"/api/v1/cases/{raised}", new { risk = "red", riskReason = "Police report of domestic abuse at the home last night" }, etag)).EnsureSuccessStatusCode();
        var after = await WorklistAsync(p.Client);
        Assert.Equal(1, Rank(after, raised));
        Assert.Equal("red", Item(after, raised)["rag"]!.GetValue<string>());
        var history = await (await p.Client.GetAsync($"/api/v1/cases/{raised}/priority-history")).JsonAsync();
        Assert.Contains(history["events"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "risk"
            && e["detail"]!.GetValue<string>().Contains("Police report of domestic abuse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_override_needs_a_rationale_moves_the_case_and_stays_in_the_history()
    {
        var p = await PractitionerAsync();
        var amber = await CaseAsync(p, "green", "Other");
        var green = await CaseAsync(p, "green", "Green");
        var refused = await p.Client.PostAsJsonAsync($"/api/v1/cases/{green}/priority-overrides", new { direction = "raise", rationale = " " });
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await refused.JsonAsync())["errors"]!["rationale"]);

        var raised = await p.Client.PostAsJsonAsync($"/api/v1/cases/{green}/priority-overrides",
            new { direction = "raise", rationale = "Court hearing on Thursday: the report must be ready", expiresOn = "2026-11-27" });
        await raised.ShouldBeAsync(HttpStatusCode.Created);
        var items = await WorklistAsync(p.Client);
        Assert.True(Rank(items, green) < Rank(items, amber));
        Assert.Equal("raise", Item(items, green)["override"]!["direction"]!.GetValue<string>());

        var history = await (await p.Client.GetAsync($"/api/v1/cases/{green}/priority-history")).JsonAsync();
        Assert.Contains(history["events"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "override" && e["detail"]!.GetValue<string>().Contains("Court hearing", StringComparison.Ordinal));
        Assert.Equal(p.User.UserName, history["overrides"]![0]!["author"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_override_no_longer_moves_the_case()
    {
        var p = await PractitionerAsync();
        var amber = await CaseAsync(p, "green", "Other");
        var green = await CaseAsync(p, "green", "Green");
        var past = await p.Client.PostAsJsonAsync($"/api/v1/cases/{green}/priority-overrides", new { direction = "raise", rationale = "Was urgent last week", expiresOn = "2026-11-20" });
        await past.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        (await p.Client.PostAsJsonAsync($"/api/v1/cases/{green}/priority-overrides", new { direction = "raise", rationale = "Urgent today only", expiresOn = "2026-11-23" })).EnsureSuccessStatusCode();
        Assert.True(Rank(await WorklistAsync(p.Client), green) < Rank(await WorklistAsync(p.Client), amber));
    }

    [Fact]
    public async Task A_supervisor_sees_a_practitioners_worklist_and_the_team_but_a_colleague_does_not()
    {
        var p = await PractitionerAsync();
        var id = await CaseAsync(p, "red", "Visible");
        var supervisor = await app.ClientForAsync(p.Supervisor);
        var theirs = await WorklistAsync(supervisor, $"?userName={p.User.UserName}");
        Assert.Contains(theirs, i => i!["caseId"]!.GetValue<Guid>() == id);
        var team = await WorklistAsync(supervisor, "?team=true");
        Assert.Contains(team, i => i!["caseId"]!.GetValue<Guid>() == id);

        var colleague = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, p.User.TeamId));
        await (await colleague.GetAsync($"/api/v1/worklist?userName={p.User.UserName}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await colleague.GetAsync("/api/v1/worklist?team=true")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await colleague.GetAsync($"/api/v1/cases/{id}/priority-history")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await colleague.PostAsJsonAsync($"/api/v1/cases/{id}/priority-overrides", new { direction = "lower", rationale = "Not mine" })).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_restricted_case_is_not_on_the_team_worklist_of_a_supervisor_who_is_not_named()
    {
        var p = await PractitionerAsync();
        var person = await p.Client.CreatePersonAsync("Hidden", "Test");
        var restricted = (await p.Client.CreateCaseAsync(person, p.User.UserName, restricted: true))["id"]!.GetValue<Guid>();
        var team = await WorklistAsync(await app.ClientForAsync(p.Supervisor), "?team=true");
        Assert.DoesNotContain(team, i => i!["caseId"]!.GetValue<Guid>() == restricted);
        Assert.Contains(await WorklistAsync(p.Client), i => i!["caseId"]!.GetValue<Guid>() == restricted);
    }

    [Fact]
    public async Task Order_of_receipt_makes_no_difference()
    {
        var p = await PractitionerAsync();
        var a = await CaseAsync(p, "amber", "Alpha", "young-carer");
        var b = await CaseAsync(p, "amber", "Bravo", "young-carer");
        var items = await WorklistAsync(p.Client);
        Assert.Equal(Item(items, a)["score"]!.GetValue<int>(), Item(items, b)["score"]!.GetValue<int>());
    }
}

public sealed class WorklistApiTests_Sqlite(SqliteApp app) : WorklistApiTests(app);

public sealed class WorklistApiTests_Postgres(PostgresApp app) : WorklistApiTests(app);
