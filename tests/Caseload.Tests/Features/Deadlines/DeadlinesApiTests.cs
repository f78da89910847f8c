using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Deadlines;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>The calendar API partners call, and deadlines on cases, on each database. Today is 23 Nov 2026.</summary>
public abstract class DeadlinesApiTests(CaseloadApp app)
{
    [Fact]
    public async Task Four_working_days_after_21_December_2026_are_due_on_the_29th_skipping_christmas_and_the_boxing_day_substitute()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/calendar/working-days/add?division=england-and-wales&start=2026-12-21&days=4");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        Assert.Equal("england-and-wales", body["division"]!.GetValue<string>());
        Assert.Equal("2026-12-21", body["start"]!.GetValue<string>());
        Assert.Equal(4, body["days"]!.GetValue<int>());
        Assert.Equal("2026-12-29", body["due"]!.GetValue<string>());
        var skipped = body["skipped"]!.AsArray();
        Assert.Equal(["2026-12-25", "2026-12-28"], skipped.Select(s => s!["date"]!.GetValue<string>()));
        Assert.Equal("Christmas Day", skipped[0]!["title"]!.GetValue<string>());
        Assert.Contains("Boxing Day", skipped[1]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("division=wales&start=2026-12-21&days=4", "division")]
    [InlineData("division=scotland&start=21/12/2026&days=4", "start")]
    [InlineData("division=scotland&start=2026-12-21&days=-3", "days")]
    [InlineData("division=scotland&start=2026-12-21&days=99999999", "days")]
    [InlineData("division=scotland&start=2026-12-21", "days")]
    public async Task Bad_calendar_parameters_get_400_naming_the_parameter(string query, string parameter)
    {
        var response = await app.Anonymous().GetAsync($"/api/v1/calendar/working-days/add?{query}");
        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]![parameter]);
    }

    [Fact]
    public async Task Scotland_2027_bank_holidays_are_published_and_2031_are_calculated()
    {
        var published = await (await app.Anonymous().GetAsync("/api/v1/calendar/bank-holidays?division=scotland&year=2027")).JsonAsync();
        var dates = published["holidays"]!.AsArray().Select(h => h!["date"]!.GetValue<string>()).ToList();
        Assert.Contains("2027-01-04", dates);
        Assert.Contains("2027-11-30", dates);
        Assert.True(published["published"]!.GetValue<bool>());
        var calculated = await (await app.Anonymous().GetAsync("/api/v1/calendar/bank-holidays?division=scotland&year=2031")).JsonAsync();
        Assert.False(calculated["published"]!.GetValue<bool>());
        Assert.All(calculated["holidays"]!.AsArray(), h => Assert.Equal("calculated, not yet published", h!["status"]!.GetValue<string>()));
        await (await app.Anonymous().GetAsync("/api/v1/calendar/bank-holidays?division=scotland&year=1066")).ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    private async Task<(TestUser User, HttpClient Client, Guid CaseId)> CaseAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(user);
        return (user, client, await client.CreateCaseIdAsync(user.UserName, service: "childrens-social-care"));
    }

    [Fact]
    public async Task An_assessment_started_at_referral_is_due_45_working_days_later_and_explained()
    {
        var (_, client, caseId) = await CaseAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "child-and-family-assessment", startDate = "2026-11-23" });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        // 45 working days after 23 Nov 2026, skipping 25 and 28 Dec and 1 Jan: 28 Jan 2027.
        Assert.Equal("2027-01-28", body["dueDate"]!.GetValue<string>());
        Assert.Equal("upcoming", body["status"]!.GetValue<string>());
        Assert.True(body["statutory"]!.GetValue<bool>());
        var explanation = body["explanation"]!.GetValue<string>();
        Assert.Contains("45 working days", explanation, StringComparison.Ordinal);
        Assert.Contains("Christmas Day", explanation, StringComparison.Ordinal);

        var list = await (await client.GetAsync($"/api/v1/cases/{caseId}/deadlines")).JsonAsync();
        Assert.Single(list["items"]!.AsArray());
    }

    [Fact]
    public async Task A_one_off_deadline_needs_a_title_a_due_date_and_a_reason()
    {
        var (_, client, caseId) = await CaseAsync();
        var bad = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Send the report to court" });
        await bad.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await bad.JsonAsync())["errors"]!;
        Assert.NotNull(errors["dueDate"]);
        Assert.NotNull(errors["reason"]);
        var unknown = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "astrology-review", startDate = "2026-11-23" });
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var scottish = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "child-protection-planning-meeting", startDate = "2026-11-23" });
        await scottish.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("does not apply", (await scottish.JsonAsync())["errors"]!["timescale"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var ok = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Send the report to court", dueDate = "2026-11-20", reason = "Directions hearing on 23 November" });
        await ok.ShouldBeAsync(HttpStatusCode.Created);
        var body = await ok.JsonAsync();
        Assert.Equal("overdue", body["status"]!.GetValue<string>());
        Assert.Equal(1, body["workingDaysOverdue"]!.GetValue<int>());
    }

    [Fact]
    public async Task Met_late_needs_the_reason_and_a_chained_timescale_starts_its_next_deadline()
    {
        var (_, client, caseId) = await CaseAsync();
        var created = await (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "initial-child-protection-conference", startDate = "2026-10-01" })).JsonAsync();
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal("overdue", created["status"]!.GetValue<string>());

        var noReason = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines/{id}/met", new { metOn = "2026-11-23" });
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["missedReason"]);

        var met = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines/{id}/met", new { metOn = "2026-11-23", missedReason = "Police checks were not back in time" });
        await met.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("missed", (await met.JsonAsync())["status"]!.GetValue<string>());

        var items = (await (await client.GetAsync($"/api/v1/cases/{caseId}/deadlines")).JsonAsync())["items"]!.AsArray();
        var coreGroup = Assert.Single(items, i => i!["timescale"]?.GetValue<string>() == "first-core-group");
        Assert.Equal("2026-11-23", coreGroup!["startDate"]!.GetValue<string>());
        var review = Assert.Single(items, i => i!["timescale"]?.GetValue<string>() == "first-child-protection-review-conference");
        Assert.Equal("2027-02-23", review!["dueDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_start_date_recomputes_the_due_date_and_keeps_the_history()
    {
        var (_, client, caseId) = await CaseAsync();
        var created = await (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "referral-decision", startDate = "2026-11-23" })).JsonAsync();
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal("2026-11-24", created["dueDate"]!.GetValue<string>());

        var noEtag = await client.PatchJsonAsync($"/api/v1/cases/{caseId}/deadlines/{id}", new { startDate = "2026-11-20", reason = "Referral arrived on Friday" }, null);
        await noEtag.ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        var changed = await client.PatchJsonAsync($"/api/v1/cases/{caseId}/deadlines/{id}", new { startDate = "2026-11-20", reason = "Referral arrived on Friday" }, "\"1\"");
        await changed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await changed.JsonAsync();
        Assert.Equal("2026-11-23", body["dueDate"]!.GetValue<string>());
        Assert.Equal("due-today", body["status"]!.GetValue<string>());
        var history = Assert.Single(body["history"]!.AsArray());
        Assert.Contains("24 Nov 2026 to 23 Nov 2026", history!["what"]!.GetValue<string>(), StringComparison.Ordinal);
        var stale = await client.PatchJsonAsync($"/api/v1/cases/{caseId}/deadlines/{id}", new { startDate = "2026-11-19", reason = "Again" }, "\"1\"");
        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Deadlines_of_a_case_the_caller_cannot_see_answer_404_and_reads_are_audited()
    {
        var (owner, client, caseId) = await CaseAsync();
        (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "referral-decision", startDate = "2026-11-23" })).EnsureSuccessStatusCode();
        (await client.GetAsync($"/api/v1/cases/{caseId}/deadlines")).EnsureSuccessStatusCode();
        var stranger = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner));
        await (await stranger.GetAsync($"/api/v1/cases/{caseId}/deadlines")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "referral-decision", startDate = "2026-11-23" })).ShouldBeAsync(HttpStatusCode.NotFound);
        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == owner.UserName).Select(e => e.Action).ToListAsync());
        Assert.Contains("deadline.created", actions);
        Assert.Contains("deadlines.viewed", actions);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseDeadline>().CountAsync(d => d.CaseId == caseId)));
    }

    [Fact]
    public async Task My_cases_shows_overdue_deadlines_at_a_glance_and_the_deadlines_page_lists_them()
    {
        var (owner, client, caseId) = await CaseAsync();
        (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Chase the school report", dueDate = "2026-11-18", reason = "Needed for the review" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { title = "Book the review meeting", dueDate = "2027-03-01", reason = "Plan review" })).EnsureSuccessStatusCode();
        using var browser = await PageClient.SignInAsync(app, owner);
        var home = await browser.GetStringAsync("/Cases");
        Assert.Contains("Deadlines needing attention", home, StringComparison.Ordinal);
        Assert.Contains("Overdue by 3 working days", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Book the review meeting", home, StringComparison.Ordinal);
        var page = await browser.GetStringAsync("/Deadlines");
        Assert.Contains("Chase the school report", page, StringComparison.Ordinal);
        Assert.Contains("Book the review meeting", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("Chase the school report", StringComparison.Ordinal) < page.IndexOf("Book the review meeting", StringComparison.Ordinal));
    }
}

public sealed class DeadlinesApiTests_Sqlite(SqliteApp app) : DeadlinesApiTests(app);

public sealed class DeadlinesApiTests_Postgres(PostgresApp app) : DeadlinesApiTests(app);
