using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Caseload.Features.Plans;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Account;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.Plans;

/// <summary>
/// Feedback on each database: recorded by hand (API), and through a family's single-use link that opens a form without an
/// account, reveals nothing, works once, expires and is rate-limited; access and audit. An app of its own: the clock moves here,
/// and each test's family comes from its own address (the form's allowance is per client).
/// </summary>
public abstract class FeedbackTests(CaseloadApp app)
{
    public static JsonObject Feedback(string? from = "Jordan's mum", string? receivedOn = "2026-11-20", string? method = "conversation", int? rating = 4) => new()
    {
        ["from"] = from,
        ["receivedOn"] = receivedOn,
        ["method"] = method,
        ["rating"] = rating,
        ["helped"] = "Having someone to ring when mornings went wrong",
        ["couldBeBetter"] = "Visits after school, not during work",
    };

    private static int s_clients;

    private HttpClient Family()
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var n = Interlocked.Increment(ref s_clients);
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, $"10.9{(int)app.Provider}.{n / 250}.{(n % 250) + 1}");
        return client;
    }

    private async Task<(TestUser Practitioner, HttpClient Api, Guid CaseId)> CaseAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var personId = await api.CreatePersonAsync("Jordan", "Pemberton");
        return (p, api, (await api.CreateCaseAsync(personId, p.UserName))["id"]!.GetValue<Guid>());
    }

    private static async Task<(Uri Url, DateTimeOffset ExpiresAt)> LinkAsync(HttpClient api, Guid caseId)
    {
        var response = await api.PostAsync(new Uri($"/api/v1/cases/{caseId}/feedback-links", UriKind.Relative), null);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        return (new Uri(body["url"]!.GetValue<string>()), body["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Feedback_is_recorded_with_views_on_the_plans_goals_listed_newest_first_on_the_chronology_and_audited()
    {
        var (p, api, caseId) = await CaseAsync();
        var plan = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", PlansApiTests.Plan(p.UserName))).JsonAsync();
        var goalId = plan["goals"]![0]!["id"]!.GetValue<Guid>();
        var first = Feedback(receivedOn: "2026-11-02", rating: 3);
        var second = Feedback(from: "Jordan", method: "text", rating: 5);
        second["goalViews"] = new JsonArray(new JsonObject { ["goalId"] = goalId, ["view"] = "I've only been late once this week" });
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/feedback", first)).ShouldBeAsync(HttpStatusCode.Created);
        var created = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/feedback", second);
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        Assert.Equal(("Jordan", "text", 5, false), (body["from"]!.GetValue<string>(), body["method"]!.GetValue<string>(), body["rating"]!.GetValue<int>(), body["throughLink"]!.GetValue<bool>()));
        Assert.Equal(goalId, body["goalViews"]![0]!["goalId"]!.GetValue<Guid>());

        var list = await api.GetAsync($"/api/v1/cases/{caseId}/feedback");
        await list.ShouldBeAsync(HttpStatusCode.OK);
        var items = (await list.JsonAsync()).AsArray();
        Assert.Equal(["2026-11-20", "2026-11-02"], items.Select(i => i!["receivedOn"]!.GetValue<string>()));
        Assert.Equal("Having someone to ring when mornings went wrong", items[1]!["helped"]!.GetValue<string>());

        var chronology = (await (await api.GetAsync($"/api/v1/cases/{caseId}/chronology")).JsonAsync())["items"]!.AsArray();
        var entry = Assert.Single(chronology, i => i!["kind"]!.GetValue<string>() == FeedbackChronology.Kind && i["date"]!.GetValue<string>() == "2026-11-20")!;
        Assert.Equal("Feedback from Jordan (by text message): rated the help 5 out of 5, very helpful", entry["summary"]!.GetValue<string>());

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == p.UserName).Select(e => new { e.Action, e.Details }).ToListAsync());
        Assert.Equal(2, events.Count(e => e.Action == AuditActions.FeedbackRecorded));
        Assert.Contains(events, e => e.Action == AuditActions.FeedbackRecorded && e.Details == "method=text; rating=5; goalViews=1");
        Assert.Contains(events, e => e.Action == AuditActions.FeedbackListed && e.Details == "feedback=2");
    }

    [Fact]
    public async Task Bad_feedback_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var (_, api, caseId) = await CaseAsync();
        var bad = Feedback(from: " ", receivedOn: "2099-01-01", method: "email", rating: 7);
        bad["helped"] = null;
        bad["goalViews"] = new JsonArray(new JsonObject { ["goalId"] = Guid.NewGuid(), ["view"] = "Better" });
        var refused = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/feedback", bad);
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.JsonAsync();
        Assert.Equal("validation-failed", problem["errorCode"]!.GetValue<string>());
        Assert.Equal(["from", "goalViews[0].goalId", "helped", "method", "rating", "receivedOn"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseFeedback>().CountAsync(f => f.CaseId == caseId)));
    }

    [Fact]
    public async Task Feedback_and_links_are_for_those_who_may_see_the_case()
    {
        var (_, _, caseId) = await CaseAsync();
        var stranger = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId));
        await (await stranger.GetAsync($"/api/v1/cases/{caseId}/feedback")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/api/v1/cases/{caseId}/feedback", Feedback())).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync(new Uri($"/api/v1/cases/{caseId}/feedback-links", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/v1/cases/{caseId}/feedback")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<FeedbackLink>().CountAsync(l => l.CaseId == caseId)));
    }

    [Fact]
    public async Task The_familys_link_opens_a_form_without_signing_in_that_shows_nothing_of_the_case_stores_their_feedback_once_and_keeps_only_a_hash()
    {
        var (p, api, caseId) = await CaseAsync();
        var (url, expiresAt) = await LinkAsync(api, caseId);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(14), expiresAt);
        var token = url.AbsolutePath["/Feedback/".Length..];
        Assert.True(token.Length >= 43);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
        var link = await app.WithDbAsync(db => db.Set<FeedbackLink>().SingleAsync(l => l.CaseId == caseId));
        Assert.Equal(hash, link.TokenHash);
        Assert.Null(link.UsedAt);

        var family = Family();
        var form = await family.GetAsync(url.PathAndQuery);
        await form.ShouldBeAsync(HttpStatusCode.OK);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Tell us what you think", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Pemberton", html, StringComparison.Ordinal);
        Assert.DoesNotContain(p.UserName, html, StringComparison.Ordinal);

        // Without a choice: the GOV.UK error summary, and nothing stored.
        var empty = await family.PostFormAsync(url.PathAndQuery, new() { ["Helped"] = "Talking to Sam" });
        await empty.ShouldBeAsync(HttpStatusCode.BadRequest);
        var errors = await empty.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", errors, StringComparison.Ordinal);
        Assert.Contains("Select how helpful our support has been", errors, StringComparison.Ordinal);
        Assert.Contains("Talking to Sam", errors, StringComparison.Ordinal);

        var sent = await family.PostFormAsync(url.PathAndQuery, new() { ["Writer"] = "young-person", ["Rating"] = "4", ["Helped"] = "Talking to Sam", ["CouldBeBetter"] = "" });
        await sent.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("Thank you", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Set<CaseFeedback>().SingleAsync(f => f.CaseId == caseId));
        Assert.Equal(("The child or young person", FeedbackCodes.OnlineForm, 4, "Talking to Sam", (string?)null, (string?)null, link.Id),
            (stored.From, stored.Method, stored.Rating, stored.Helped, stored.CouldBeBetter, stored.RecordedById, stored.LinkId!.Value));
        var used = await app.WithDbAsync(db => db.Set<FeedbackLink>().SingleAsync(l => l.Id == link.Id));
        Assert.Equal((stored.Id, app.Clock.GetUtcNow()), (used.FeedbackId!.Value, used.UsedAt!.Value));

        // Used once: the link is closed, and a second send stores nothing.
        var again = await family.GetAsync(url.PathAndQuery);
        await again.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Contains("This link does not work any more", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var twice = await Family().PostAsync(url, new FormUrlEncodedContent([new("Writer", "parent-carer"), new("Rating", "1")]));
        Assert.NotEqual(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseFeedback>().CountAsync(f => f.CaseId == caseId)));

        // Audited as coming from the family, against the case; the trail keeps no token.
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId).Select(e => new { e.Action, e.UserName, e.Route, e.Details }).ToListAsync());
        Assert.Contains(events, e => e.Action == AuditActions.FeedbackLinkCreated && e.UserName == p.UserName);
        var submitted = Assert.Single(events, e => e.Action == AuditActions.FeedbackSubmitted);
        Assert.Equal((FeedbackService.FamilyAuditName, "POST /Feedback/{token}"), (submitted.UserName, submitted.Route));
        Assert.Contains(events, e => e.Action == AuditActions.FeedbackLinkOpened && e.UserName == FeedbackService.FamilyAuditName);
        Assert.DoesNotContain(events, e => (e.Route ?? "").Contains(token, StringComparison.Ordinal) || (e.Details ?? "").Contains(token, StringComparison.Ordinal));

        // The practitioner sees it on the case's feedback.
        var list = (await (await api.GetAsync($"/api/v1/cases/{caseId}/feedback")).JsonAsync()).AsArray();
        Assert.True(Assert.Single(list)!["throughLink"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_unknown_or_expired_link_answers_the_same_closed_page()
    {
        var (p, _, caseId) = await CaseAsync();
        // A link made fifteen days ago, whose fortnight is over (the app's clock is shared by this class's tests, so it stays put).
        var token = FeedbackRules.NewToken();
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(db =>
        {
            db.Add(new FeedbackLink
            {
                Id = Guid.NewGuid(), CaseId = caseId, TokenHash = FeedbackRules.Hash(token)!, CreatedAt = now.AddDays(-15), ExpiresAt = now.AddDays(-1),
                CreatedById = p.Id, CreatedByName = p.UserName,
            });
            return db.SaveChangesAsync();
        });
        var family = Family();
        var unknown = await family.GetAsync("/Feedback/" + new string('a', 43));
        await unknown.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Contains("This link does not work any more", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var expired = await family.GetAsync("/Feedback/" + token);
        await expired.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Contains("This link does not work any more", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseFeedback>().CountAsync(f => f.CaseId == caseId)));
    }

    [Fact]
    public async Task The_family_form_is_rate_limited_per_client_with_retry_after()
    {
        var family = Family();
        for (var i = 0; i < FeedbackApp.FormRequestsPerClient; i++) await (await family.GetAsync("/Feedback/" + new string('b', 43))).ShouldBeAsync(HttpStatusCode.NotFound);
        var refused = await family.GetAsync("/Feedback/" + new string('b', 43));
        await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
        // Another client is not held back.
        await (await Family().GetAsync("/Feedback/" + new string('b', 43))).ShouldBeAsync(HttpStatusCode.NotFound);
    }
}

/// <summary>The feedback tests' app: a small allowance for the family's form, and each client's address as the test gives it.</summary>
public static class FeedbackApp
{
    public const int FormRequestsPerClient = 8;

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Feedback:FormRequestsPerClient", FormRequestsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
    }
}

public sealed class FeedbackSqliteApp : SqliteApp
{
    protected override void Configure(IWebHostBuilder builder) => FeedbackApp.Configure(builder);
}

public sealed class FeedbackPostgresApp : PostgresApp
{
    protected override void Configure(IWebHostBuilder builder) => FeedbackApp.Configure(builder);
}

public sealed class FeedbackTests_Sqlite(FeedbackSqliteApp app) : FeedbackTests(app), IClassFixture<FeedbackSqliteApp>;

public sealed class FeedbackTests_Postgres(FeedbackPostgresApp app) : FeedbackTests(app), IClassFixture<FeedbackPostgresApp>;
