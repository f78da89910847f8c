using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Reviews;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Reviews;

/// <summary>POST and GET /api/v1/cases/{id}/reviews, for the right people only, audited. The shared app's today is 23 Nov 2026.</summary>
public abstract class ReviewsApiTests(CaseloadApp app)
{
    public static Dictionary<string, object?> Review(string decision = "continue", string nextReviewOn = "2027-01-15", string? riskRating = null,
        string adjustments = "Weekly phone call with Mum instead of a visit.")
    {
        var body = new Dictionary<string, object?>
        {
            ["progress"] = "Jordan has attended school every day for three weeks.",
            ["barriers"] = "Mum works nights, so visits are in the afternoon.",
            ["risks"] = "Police were called to the home on Saturday after an argument between Mum and her partner.",
            ["adjustments"] = adjustments,
            ["decision"] = decision,
            ["nextReviewOn"] = nextReviewOn,
        };
        if (riskRating is not null) body["riskRating"] = riskRating;
        return body;
    }

    private async Task<(TestUser Practitioner, HttpClient Api, Guid CaseId)> CaseAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        return (p, api, await api.CreateCaseIdAsync(p.UserName));
    }

    [Fact]
    public async Task A_review_sets_the_case_review_date_re_rates_the_risk_in_its_history_and_is_audited()
    {
        var (p, api, caseId) = await CaseAsync();
        var before = await (await api.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync();

        var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(decision: "step-up", riskRating: "red"));
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var review = await response.JsonAsync();
        var reviewId = review["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/cases/{caseId}/reviews/{reviewId}", response.Headers.Location!.OriginalString);
        Assert.Equal(1, review["number"]!.GetValue<int>());
        Assert.Equal("step-up", review["decision"]!.GetValue<string>());
        Assert.Equal("red", review["riskRating"]!.GetValue<string>());
        Assert.Equal("amber", review["previousRiskRating"]!.GetValue<string>());
        Assert.Equal("2027-01-15", review["nextReviewOn"]!.GetValue<string>());
        Assert.Equal("2026-11-23", review["reviewedOn"]!.GetValue<string>());

        var after = await (await api.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync();
        Assert.Equal("2027-01-15", after["reviewDueOn"]!.GetValue<string>());
        Assert.Equal("red", after["risk"]!.GetValue<string>());
        Assert.Equal(before["version"]!.GetValue<int>() + 1, after["version"]!.GetValue<int>());
        var change = after["riskHistory"]!.AsArray().Last()!;
        Assert.Equal("amber", change["from"]!.GetValue<string>());
        Assert.Equal("red", change["to"]!.GetValue<string>());
        Assert.StartsWith("Case review: Police were called", change["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var one = await api.GetAsync($"/api/v1/cases/{caseId}/reviews/{reviewId}");
        await one.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("Weekly phone call with Mum instead of a visit.", (await one.JsonAsync())["adjustments"]!.GetValue<string>());

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == p.UserName).Select(e => new { e.Action, e.EntityId, e.Details }).ToListAsync());
        var created = Assert.Single(events, e => e.Action == AuditActions.ReviewCreated);
        Assert.Equal(reviewId.ToString(), created.EntityId);
        Assert.Contains("decision=step-up", created.Details, StringComparison.Ordinal);
        Assert.Contains("risk=amber→red", created.Details, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Action == AuditActions.CaseUpdated && e.Details!.Contains("reviewDueOn -→2027-01-15", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Action == AuditActions.ReviewViewed && e.EntityId == reviewId.ToString());
    }

    [Fact]
    public async Task Missing_fields_and_a_next_review_in_the_past_answer_422_naming_each_field_and_store_nothing()
    {
        var (_, api, caseId) = await CaseAsync();

        var empty = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", new { });
        await empty.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await empty.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "adjustments", "barriers", "decision", "nextReviewOn", "progress", "risks" }, errors);

        var blank = Review();
        blank["barriers"] = "   ";
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", blank), "barriers");
        // Yesterday on the app's clock (UK date), not the machine's.
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(nextReviewOn: "2026-11-22")), "nextReviewOn");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(decision: "escalate")), "decision");
        await AssertOnlyErrorAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(riskRating: "purple")), "riskRating");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseReview>().CountAsync(r => r.CaseId == caseId)));
        var stored = await (await api.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync();
        Assert.Null(stored["reviewDueOn"]);
        Assert.Equal("amber", stored["risk"]!.GetValue<string>());

        var today = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(nextReviewOn: "2026-11-23"));
        await today.ShouldBeAsync(HttpStatusCode.Created);
    }

    private static async Task AssertOnlyErrorAsync(HttpResponseMessage response, string field)
    {
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var body = await response.JsonAsync();
        Assert.Equal("validation-failed", body["errorCode"]!.GetValue<string>());
        Assert.Equal(new[] { field }, body["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Reviews_are_listed_newest_first_and_the_listing_is_audited()
    {
        var (p, api, caseId) = await CaseAsync();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(adjustments: "First plan"))).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(adjustments: "Second plan", decision: "step-down", nextReviewOn: "2027-02-01"))).ShouldBeAsync(HttpStatusCode.Created);

        var list = await api.GetAsync($"/api/v1/cases/{caseId}/reviews");
        await list.ShouldBeAsync(HttpStatusCode.OK);
        var items = (await list.JsonAsync())["items"]!.AsArray();
        Assert.Equal(new[] { "Second plan", "First plan" }, items.Select(i => i!["adjustments"]!.GetValue<string>()));
        Assert.Equal(new[] { 2, 1 }, items.Select(i => i!["number"]!.GetValue<int>()));
        Assert.Equal("2027-01-15", items[0]!["wasDueOn"]!.GetValue<string>());
        var stored = await (await api.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync();
        Assert.Equal("2027-02-01", stored["reviewDueOn"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.UserName == p.UserName && e.Action == AuditActions.ReviewListed && e.Details == "reviews=2")));
    }

    [Fact]
    public async Task Another_practitioners_restricted_case_answers_404_as_if_missing_and_records_nothing()
    {
        var (team, _) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var other = await app.CreateUserAsync(Roles.Practitioner, team);
        var ownerApi = await app.ClientForAsync(owner);
        var caseId = await ownerApi.CreateCaseIdAsync(owner.UserName, restricted: true);
        await (await ownerApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review())).ShouldBeAsync(HttpStatusCode.Created);
        var reviewId = await app.WithDbAsync(db => db.Set<CaseReview>().Where(r => r.CaseId == caseId).Select(r => r.Id).SingleAsync());

        var otherApi = await app.ClientForAsync(other);
        var missing = await (await otherApi.PostAsJsonAsync($"/api/v1/cases/{Guid.NewGuid()}/reviews", Review())).JsonAsync();
        var post = await otherApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review());
        await post.ShouldBeAsync(HttpStatusCode.NotFound);
        var hidden = await post.JsonAsync();
        Assert.Equal(missing["errorCode"]!.GetValue<string>(), hidden["errorCode"]!.GetValue<string>());
        Assert.Equal(missing["title"]!.GetValue<string>(), hidden["title"]!.GetValue<string>());
        await (await otherApi.GetAsync($"/api/v1/cases/{caseId}/reviews")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await otherApi.GetAsync($"/api/v1/cases/{caseId}/reviews/{reviewId}")).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseReview>().CountAsync(r => r.CaseId == caseId)));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == caseId && e.UserName == other.UserName)));
    }

    [Fact]
    public async Task A_supervisor_reads_a_supervisees_case_reviews_but_not_those_of_a_practitioner_they_do_not_supervise()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var (_, otherSupervisor) = await app.CreateTeamAsync();
        var (_, api, caseId) = await CaseAsync();
        var supervisee = await app.CreateUserAsync(Roles.Practitioner, team);
        var superviseeApi = await app.ClientForAsync(supervisee);
        var superviseeCase = await superviseeApi.CreateCaseIdAsync(supervisee.UserName);
        await (await superviseeApi.PostAsJsonAsync($"/api/v1/cases/{superviseeCase}/reviews", Review())).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review())).ShouldBeAsync(HttpStatusCode.Created);

        var boss = await app.ClientForAsync(supervisor);
        var theirs = await boss.GetAsync($"/api/v1/cases/{superviseeCase}/reviews");
        await theirs.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Single((await theirs.JsonAsync())["items"]!.AsArray());
        await (await boss.GetAsync($"/api/v1/cases/{caseId}/reviews")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await (await app.ClientForAsync(otherSupervisor)).GetAsync($"/api/v1/cases/{superviseeCase}/reviews")).ShouldBeAsync(HttpStatusCode.NotFound);

        // The supervisor of the case's team may review it too; it is their supervisee's second review.
        var byBoss = await boss.PostAsJsonAsync($"/api/v1/cases/{superviseeCase}/reviews", Review(decision: "transfer"));
        await byBoss.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(2, (await byBoss.JsonAsync())["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_the_allocated_worker_or_a_supervisor_of_the_case_records_a_review()
    {
        var (team, _) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var named = await app.CreateUserAsync(Roles.Practitioner, team);
        var ownerApi = await app.ClientForAsync(owner);
        var caseId = await ownerApi.CreateCaseIdAsync(owner.UserName, restricted: true);
        var patch = await ownerApi.PatchJsonAsync($"/api/v1/cases/{caseId}", new { restrictedTo = new[] { named.UserName } }, "\"1\"");
        await patch.ShouldBeAsync(HttpStatusCode.OK);

        var namedApi = await app.ClientForAsync(named);
        await (await namedApi.GetAsync($"/api/v1/cases/{caseId}/reviews")).ShouldBeAsync(HttpStatusCode.OK);
        var refused = await namedApi.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review());
        await refused.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (await refused.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseReview>().CountAsync(r => r.CaseId == caseId)));
    }

    [Fact]
    public async Task A_closed_case_refuses_a_review_naming_its_status()
    {
        var (_, api, caseId) = await CaseAsync();
        await (await api.PostJsonTextAsync($"/api/v1/cases/{caseId}/close", """{"reason":"Moved out of the area"}""")).ShouldBeAsync(HttpStatusCode.OK);
        var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review());
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(new[] { "status" }, (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_stale_if_match_answers_412_with_the_current_etag_and_the_current_one_records()
    {
        var (_, api, caseId) = await CaseAsync();
        var read = await api.GetAsync($"/api/v1/cases/{caseId}");
        var etag = read.Headers.ETag!.Tag;
        var changed = await api.PatchJsonAsync($"/api/v1/cases/{caseId}", new { expectedContactEveryWorkingDays = 5 }, etag);
        await changed.ShouldBeAsync(HttpStatusCode.OK);

        var stale = await api.PostJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(), etag);
        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var problem = await stale.JsonAsync();
        Assert.Equal("stale-etag", problem["errorCode"]!.GetValue<string>());
        Assert.Equal(changed.Headers.ETag!.Tag, problem["currentETag"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseReview>().CountAsync(r => r.CaseId == caseId)));

        await (await api.PostJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(), changed.Headers.ETag!.Tag)).ShouldBeAsync(HttpStatusCode.Created);
        var missingIfMatch = await api.PostJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(), "not-an-etag");
        await missingIfMatch.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_review_date_leaves_the_case_version_and_the_review_is_still_kept()
    {
        var (_, api, caseId) = await CaseAsync();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review())).ShouldBeAsync(HttpStatusCode.Created);
        var version = (await (await api.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync())["version"]!.GetValue<int>();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", Review(riskRating: "amber"))).ShouldBeAsync(HttpStatusCode.Created);
        var after = await (await api.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync();
        Assert.Equal(version, after["version"]!.GetValue<int>());
        Assert.Single(after["riskHistory"]!.AsArray());
        var reviews = (await (await api.GetAsync($"/api/v1/cases/{caseId}/reviews")).JsonAsync())["items"]!.AsArray();
        Assert.Equal(2, reviews.Count);
        Assert.Null(reviews[0]!["previousRiskRating"]);
    }
}

public sealed class ReviewsApiTests_Sqlite(SqliteApp app) : ReviewsApiTests(app);

public sealed class ReviewsApiTests_Postgres(PostgresApp app) : ReviewsApiTests(app);
