using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>Pausing and restarting a deadline's clock through the API and the page, on each database. Today is 23 Nov 2026.</summary>
public abstract class DeadlinePauseTests(CaseloadApp app)
{
    private async Task<(TestUser User, HttpClient Client, Guid CaseId)> CaseAsync(string service)
    {
        var (team, _) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(user);
        return (user, client, await client.CreateCaseIdAsync(user.UserName, service: service));
    }

    private static async Task<JsonNode> AddAsync(HttpClient client, Guid caseId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task An_open_ended_pause_on_the_20_week_ehc_timescale_moves_the_due_date_on_by_the_days_paused_when_the_clock_restarts()
    {
        var (owner, client, caseId) = await CaseAsync("send");
        // 20 weeks after 1 Sep 2026: 19 Jan 2027.
        var created = await AddAsync(client, caseId, new { timescale = "final-ehc-plan", startDate = "2026-09-01" });
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal("2027-01-19", created["dueDate"]!.GetValue<string>());
        Assert.True(created["pausable"]!.GetValue<bool>());
        Assert.Contains("reg. 13(3)", created["pauseAllowedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        var url = $"/api/v1/cases/{caseId}/deadlines/{id}";

        var paused = await PostAsync(client, $"{url}/pause", new { reason = "Family away from the area for 5 weeks", from = "2026-11-02" }, "\"1\"");
        await paused.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", paused.Headers.ETag!.Tag);
        var body = await paused.JsonAsync();
        Assert.Equal("paused", body["status"]!.GetValue<string>());
        Assert.Equal("2027-01-19", body["dueDate"]!.GetValue<string>());
        Assert.Equal("2026-11-02", body["pause"]!["from"]!.GetValue<string>());
        Assert.Null(body["pause"]!["until"]);

        // Restarted on 16 Nov: 2 to 15 Nov (14 days) did not count, so the plan is due 14 days later.
        var resumed = await PostAsync(client, $"{url}/resume", new { on = "2026-11-16" }, "\"2\"");
        await resumed.ShouldBeAsync(HttpStatusCode.OK);
        body = await resumed.JsonAsync();
        Assert.Equal("2027-02-02", body["dueDate"]!.GetValue<string>());
        Assert.Equal("upcoming", body["status"]!.GetValue<string>());
        Assert.Equal("2026-11-15", body["pause"]!["until"]!.GetValue<string>());
        Assert.Contains("moved on 14 days for time paused", body["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        var history = body["history"]!.AsArray().Select(h => h!["what"]!.GetValue<string>()).ToList();
        Assert.Equal(2, history.Count);
        Assert.StartsWith("Paused from 2 Nov 2026", history[0], StringComparison.Ordinal);
        Assert.Contains("after 14 days paused; due date 19 Jan 2027 to 2 Feb 2027", history[1], StringComparison.Ordinal);

        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == owner.UserName).Select(e => e.Action).ToListAsync());
        Assert.Contains("deadline.paused", actions);
        Assert.Contains("deadline.resumed", actions);

        var again = await PostAsync(client, $"{url}/resume", null, "\"3\"");
        await again.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await again.JsonAsync())["errors"]!["on"]);
    }

    [Fact]
    public async Task A_pause_with_an_end_date_moves_the_due_date_at_once_and_restarting_early_counts_only_the_days_paused()
    {
        var (_, client, caseId) = await CaseAsync("send");
        // 6 weeks after 26 Oct 2026: 7 Dec 2026.
        var created = await AddAsync(client, caseId, new { timescale = "ehc-needs-assessment-decision", startDate = "2026-10-26" });
        var url = $"/api/v1/cases/{caseId}/deadlines/{created["id"]!.GetValue<Guid>()}";
        var paused = await (await PostAsync(client, $"{url}/pause", new { reason = "Child in hospital", from = "2026-11-20", until = "2026-11-29" }, "\"1\"")).JsonAsync();
        Assert.Equal("2026-12-17", paused["dueDate"]!.GetValue<string>());
        Assert.Equal("paused", paused["status"]!.GetValue<string>());

        var resumed = await PostAsync(client, $"{url}/resume", new { on = "2026-11-23" }, "\"2\"");
        await resumed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await resumed.JsonAsync();
        Assert.Equal("2026-12-10", body["dueDate"]!.GetValue<string>());
        Assert.Equal("upcoming", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_working_day_timescale_moves_on_by_working_days_paused_and_a_corrected_start_keeps_them()
    {
        var (_, client, caseId) = await CaseAsync("careers-iag");
        // 10 working days after 16 Nov 2026: 30 Nov.
        var created = await AddAsync(client, caseId, new { timescale = "careers-guidance-interview", startDate = "2026-11-16" });
        Assert.Equal("2026-11-30", created["dueDate"]!.GetValue<string>());
        var url = $"/api/v1/cases/{caseId}/deadlines/{created["id"]!.GetValue<Guid>()}";
        var paused = await (await PostAsync(client, $"{url}/pause", new { reason = "Young person asked to wait until after exams", from = "2026-11-18", until = "2026-11-20" }, "\"1\"")).JsonAsync();
        Assert.Equal("2026-12-03", paused["dueDate"]!.GetValue<string>());
        Assert.Contains("moved on 3 working days", paused["explanation"]!.GetValue<string>(), StringComparison.Ordinal);

        var changed = await client.PatchJsonAsync(url, new { startDate = "2026-11-17", reason = "Referral was logged a day late" }, "\"2\"");
        await changed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("2026-12-04", (await changed.JsonAsync())["dueDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pausing_is_refused_where_the_rule_allows_no_exceptions_and_bad_requests_get_problem_details()
    {
        var (_, client, caseId) = await CaseAsync("childrens-social-care");
        var icpc = await AddAsync(client, caseId, new { timescale = "initial-child-protection-conference", startDate = "2026-11-16" });
        var icpcUrl = $"/api/v1/cases/{caseId}/deadlines/{icpc["id"]!.GetValue<Guid>()}";
        Assert.False(icpc["pausable"]!.GetValue<bool>());
        var refused = await PostAsync(client, $"{icpcUrl}/pause", new { reason = "Parents unavailable", from = "2026-11-20" }, "\"1\"");
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("cannot be paused", (await refused.JsonAsync())["errors"]!["timescale"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var oneOff = await AddAsync(client, caseId, new { title = "Court report", dueDate = "2026-12-01", reason = "Directions" });
        var oneOffRefused = await PostAsync(client, $"/api/v1/cases/{caseId}/deadlines/{oneOff["id"]!.GetValue<Guid>()}/pause", new { reason = "Waiting", from = "2026-11-20" }, "\"1\"");
        await oneOffRefused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await oneOffRefused.JsonAsync())["errors"]!["timescale"]);

        var send = await CaseAsync("send");
        var plan = await AddAsync(send.Client, send.CaseId, new { timescale = "final-ehc-plan", startDate = "2026-09-01" });
        var planUrl = $"/api/v1/cases/{send.CaseId}/deadlines/{plan["id"]!.GetValue<Guid>()}";
        await (await PostAsync(send.Client, $"{planUrl}/pause", new { reason = "Away", from = "2026-11-20" }, null)).ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        await (await PostAsync(send.Client, $"{planUrl}/pause", new { reason = "Away", from = "2026-11-20" }, "\"7\"")).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var malformed = await send.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{planUrl}/pause")
        {
            Content = new StringContent("{\"reason\":\"Away\",\"from\":\"20/11/2026\"}", System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "If-Match", "\"1\"" } },
        });
        await malformed.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await malformed.JsonAsync())["errors"]!["from"]);
        var invalid = await PostAsync(send.Client, $"{planUrl}/pause", new { from = "2026-11-30", until = "2026-11-01" }, "\"1\"");
        await invalid.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await invalid.JsonAsync())["errors"]!;
        Assert.NotNull(errors["reason"]);
        Assert.NotNull(errors["from"]);

        var stranger = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner));
        await (await PostAsync(stranger, $"{planUrl}/pause", new { reason = "Away", from = "2026-11-20" }, "\"1\"")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await PostAsync(stranger, $"{planUrl}/resume", null, "\"1\"")).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Caseload.Features.Deadlines.CaseDeadline>().Where(d => d.CaseId == send.CaseId).Select(d => d.Version).SingleAsync()));
    }

    [Fact]
    public async Task A_pause_needs_a_reason_and_an_end_no_earlier_than_its_start()
    {
        var (_, client, caseId) = await CaseAsync("send");
        var plan = await AddAsync(client, caseId, new { timescale = "final-ehc-plan", startDate = "2026-09-01" });
        var url = $"/api/v1/cases/{caseId}/deadlines/{plan["id"]!.GetValue<Guid>()}/pause";

        var noReason = await PostAsync(client, url, new { reason = "  ", from = "2026-11-02" }, "\"1\"");
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Enter why the clock is stopped", (await noReason.JsonAsync())["errors"]!["reason"]![0]!.GetValue<string>());
        var endsFirst = await PostAsync(client, url, new { reason = "Child in hospital", from = "2026-11-09", until = "2026-11-02" }, "\"1\"");
        await endsFirst.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The date the pause ends must be the same as or after the date it starts", (await endsFirst.JsonAsync())["errors"]!["until"]![0]!.GetValue<string>());
        await (await PostAsync(client, url, new { reason = "Child in hospital", from = "2026-11-02", until = "2026-11-02" }, "\"1\"")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_case_page_pauses_and_restarts_the_clock_and_says_when_a_timescale_cannot_be_paused()
    {
        var (owner, client, caseId) = await CaseAsync("send");
        var plan = await AddAsync(client, caseId, new { timescale = "final-ehc-plan", startDate = "2026-09-01" });
        using var browser = await PageClient.SignInAsync(app, owner);
        var casePage = await browser.GetStringAsync($"/Cases/{caseId}");
        var pageUrl = $"/Cases/{caseId}/Deadlines/{plan["id"]!.GetValue<Guid>()}/Pause";
        Assert.Contains(pageUrl, casePage, StringComparison.Ordinal);

        var empty = await browser.PostFormAsync($"{pageUrl}?handler=Pause", new() { ["Reason"] = "", ["FromDay"] = "", ["FromMonth"] = "", ["FromYear"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Enter why the clock is stopped", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("Enter the date the clock stopped", emptyHtml, StringComparison.Ordinal);

        var paused = await browser.PostFormAsync($"{pageUrl}?handler=Pause", new()
        {
            ["Reason"] = "Parent in hospital", ["FromDay"] = "2", ["FromMonth"] = "11", ["FromYear"] = "2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Contains("Restart the clock", await browser.GetStringAsync($"/Cases/{caseId}"), StringComparison.Ordinal);

        var resumed = await browser.PostFormAsync($"{pageUrl}?handler=Resume", new() { ["OnDay"] = "16", ["OnMonth"] = "11", ["OnYear"] = "2026" });
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        var after = await browser.GetStringAsync($"/Cases/{caseId}");
        Assert.Contains("2 Feb 2027", after, StringComparison.Ordinal);
        Assert.Contains("Clock restarted on 16 Nov 2026", after, StringComparison.Ordinal);

        var social = await CaseAsync("childrens-social-care");
        var icpc = await AddAsync(social.Client, social.CaseId, new { timescale = "initial-child-protection-conference", startDate = "2026-11-16" });
        using var other = await PageClient.SignInAsync(app, social.User);
        Assert.DoesNotContain("/Pause", await other.GetStringAsync($"/Cases/{social.CaseId}"), StringComparison.Ordinal);
        var page = await other.GetStringAsync($"/Cases/{social.CaseId}/Deadlines/{icpc["id"]!.GetValue<Guid>()}/Pause");
        Assert.Contains("cannot be paused", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Pause the clock</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_deadline_past_its_old_due_date_is_not_overdue_on_the_worklist_while_the_clock_is_stopped()
    {
        var (_, client, caseId) = await CaseAsync("send");
        // 20 weeks after 1 May 2026: 18 Sep 2026, long past; the clock stopped on 1 Sep and has not restarted.
        var plan = await AddAsync(client, caseId, new { timescale = "final-ehc-plan", startDate = "2026-05-01" });
        var url = $"/api/v1/cases/{caseId}/deadlines/{plan["id"]!.GetValue<Guid>()}";
        var before = await (await client.GetAsync("/api/v1/worklist")).JsonAsync();
        Assert.Contains(before["items"]![0]!["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() == "overdue-deadline");

        await (await PostAsync(client, $"{url}/pause", new { reason = "Parents asked to delay while the child is in hospital", from = "2026-09-01" }, "\"1\"")).ShouldBeAsync(HttpStatusCode.OK);
        var item = (await (await client.GetAsync("/api/v1/worklist")).JsonAsync())["items"]![0]!;
        Assert.DoesNotContain(item["reasons"]!.AsArray(), r => r!["factor"]!.GetValue<string>() is "overdue-deadline" or "deadline");
        Assert.Null(item["nextDeadline"]);
        Assert.Empty((await (await client.GetAsync("/api/v1/worklist?overdueOnly=true")).JsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Time_paused_is_kept_when_a_later_pause_is_cancelled_the_same_day_and_the_start_date_is_corrected()
    {
        var (_, client, caseId) = await CaseAsync("careers-iag");
        // 10 working days after 9 Nov 2026: 23 Nov; paused 11 to 13 Nov (3 working days): 26 Nov.
        var created = await AddAsync(client, caseId, new { timescale = "careers-guidance-interview", startDate = "2026-11-09" });
        var url = $"/api/v1/cases/{caseId}/deadlines/{created["id"]!.GetValue<Guid>()}";
        var first = await (await PostAsync(client, $"{url}/pause", new { reason = "Exams", from = "2026-11-11", until = "2026-11-13" }, "\"1\"")).JsonAsync();
        Assert.Equal("2026-11-26", first["dueDate"]!.GetValue<string>());

        // A second pause started today and cancelled today: no time paused, and no pause left on the deadline.
        await (await PostAsync(client, $"{url}/pause", new { reason = "Asked to wait", from = "2026-11-23" }, "\"2\"")).ShouldBeAsync(HttpStatusCode.OK);
        var cancelled = await (await PostAsync(client, $"{url}/resume", new { on = "2026-11-23" }, "\"3\"")).JsonAsync();
        Assert.Equal("2026-11-26", cancelled["dueDate"]!.GetValue<string>());

        // The referral was logged a day late: 10 working days after 10 Nov is 24 Nov, plus the 3 days paused.
        var changed = await client.PatchJsonAsync(url, new { startDate = "2026-11-10", reason = "Referral was logged a day late" }, "\"4\"");
        await changed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await changed.JsonAsync();
        Assert.Equal("2026-11-27", body["dueDate"]!.GetValue<string>());
        Assert.Contains("moved on 3 working days for time paused", body["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class DeadlinePauseTests_Sqlite(SqliteApp app) : DeadlinePauseTests(app);

public sealed class DeadlinePauseTests_Postgres(PostgresApp app) : DeadlinePauseTests(app);
