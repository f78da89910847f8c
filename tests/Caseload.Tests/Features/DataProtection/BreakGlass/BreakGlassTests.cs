using System.Net;
using System.Net.Http.Json;
using Caseload.Features.DataProtection.BreakGlass;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.DataProtection.BreakGlass;

/// <summary>
/// Break-glass: a practitioner or supervisor who may not see a case opens it for a few hours with a reason; every read is audited
/// as break-glass; the case's practitioner and supervisor see it on the case page; the DPO reviews each use. This class moves its
/// app's clock, so it has an app of its own.
/// </summary>
public abstract class BreakGlassTests(CaseloadApp app)
{
    private sealed record Arranged(TestUser Owner, TestUser Supervisor, TestUser Duty, HttpClient DutyApi, Guid CaseId, Guid NoteId);

    /// <summary>A case of a practitioner in one team, and a duty worker of another team who may not see it.</summary>
    private async Task<Arranged> ArrangeAsync(bool restricted = false)
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var (otherTeam, _) = await app.CreateTeamAsync();
        var duty = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var ownerApi = await app.ClientForAsync(owner);
        var person = await ownerApi.CreatePersonAsync("Jordan", "Emergency");
        var caseId = (await ownerApi.CreateCaseAsync(person, owner.UserName, restricted, restrictedTo: restricted ? [owner.UserName] : null))["id"]!.GetValue<Guid>();
        var noteId = (await ownerApi.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        return new Arranged(owner, supervisor, duty, await app.ClientForAsync(duty), caseId, noteId);
    }

    [Fact]
    public async Task A_grant_opens_the_case_through_its_routes_for_four_hours_and_every_read_is_audited_as_break_glass()
    {
        var a = await ArrangeAsync();
        await (await a.DutyApi.GetAsync($"/api/v1/cases/{a.CaseId}")).ShouldBeAsync(HttpStatusCode.NotFound);

        var noReason = await a.DutyApi.PostAsJsonAsync($"/api/v1/cases/{a.CaseId}/break-glass", new { reason = "  " });
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["reason"], (await noReason.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));

        var granted = await a.DutyApi.PostAsJsonAsync($"/api/v1/cases/{a.CaseId}/break-glass", new { reason = "Police on the phone out of hours about Jordan" });
        await granted.ShouldBeAsync(HttpStatusCode.Created);
        var grant = await granted.JsonAsync();
        var grantedAt = app.Clock.GetUtcNow();
        Assert.Equal(grantedAt.AddHours(4), grant["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal($"/api/v1/cases/{a.CaseId}", granted.Headers.Location!.ToString());

        // The existing case routes answer, and each read is marked.
        await (await a.DutyApi.GetAsync($"/api/v1/cases/{a.CaseId}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await a.DutyApi.GetAsync($"/api/v1/cases/{a.CaseId}/notes/{a.NoteId}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await a.DutyApi.GetAsync($"/api/v1/cases/{a.CaseId}/deadlines")).ShouldBeAsync(HttpStatusCode.OK);
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserId == a.Duty.Id && e.CaseId == a.CaseId).ToListAsync());
        Assert.True(events.Count >= 4, $"Only {events.Count} events about the case");
        Assert.All(events, e => Assert.True(e.BreakGlass, $"{e.Action} by {e.Route} is not marked as break-glass"));
        Assert.Contains(events, e => e.Action == AuditActions.BreakGlassGranted && e.Details == "Police on the phone out of hours about Jordan");
        Assert.Contains(events, e => e.Action == AuditActions.NoteViewed);
        // The owner's own reads are not break-glass.
        await (await (await app.ClientForAsync(a.Owner)).GetAsync($"/api/v1/cases/{a.CaseId}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == a.Owner.Id && e.BreakGlass)));

        // Asking again while the grant lasts: the case is already open to them.
        var again = await a.DutyApi.PostAsJsonAsync($"/api/v1/cases/{a.CaseId}/break-glass", new { reason = "Again" });
        await again.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-visible", (await again.JsonAsync())["errorCode"]!.GetValue<string>());

        // The grant ends after four hours.
        app.Clock.Advance(TimeSpan.FromHours(4).Add(TimeSpan.FromMinutes(1)));
        var later = await app.ClientForAsync(a.Duty); // the first token has expired too
        await (await later.GetAsync($"/api/v1/cases/{a.CaseId}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await later.GetAsync($"/api/v1/cases/{a.CaseId}/notes/{a.NoteId}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_restricted_case_is_never_opened_and_the_attempt_is_audited()
    {
        var a = await ArrangeAsync(restricted: true);

        var refused = await a.DutyApi.PostAsJsonAsync($"/api/v1/cases/{a.CaseId}/break-glass", new { reason = "Duty call" });

        await refused.ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await a.DutyApi.GetAsync($"/api/v1/cases/{a.CaseId}")).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.False(await app.WithDbAsync(db => db.Set<Caseload.Features.DataProtection.BreakGlass.BreakGlassGrant>().AnyAsync(g => g.CaseId == a.CaseId)));
        var attempt = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserId == a.Duty.Id && e.CaseId == a.CaseId).ToListAsync()));
        Assert.Equal(AuditActions.BreakGlassRefused, attempt.Action);
        var missing = await a.DutyApi.PostAsJsonAsync($"/api/v1/cases/{Guid.NewGuid()}/break-glass", new { reason = "Duty call" });
        await missing.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.DataProtectionOfficer)]
    [InlineData(Roles.ServiceManager)]
    public async Task Only_practitioners_and_supervisors_may_break_glass(string role)
    {
        var a = await ArrangeAsync();
        var other = await app.ClientForAsync(await app.CreateUserAsync(role));

        var response = await other.PostAsJsonAsync($"/api/v1/cases/{a.CaseId}/break-glass", new { reason = "Curious" });

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.Set<Caseload.Features.DataProtection.BreakGlass.BreakGlassGrant>().AnyAsync(g => g.CaseId == a.CaseId)));
    }

    [Fact]
    public async Task The_dpo_lists_unreviewed_uses_and_reviews_each_once()
    {
        var a = await ArrangeAsync();
        await (await a.DutyApi.PostAsJsonAsync($"/api/v1/cases/{a.CaseId}/break-glass", new { reason = "Hospital rang at 2am" })).ShouldBeAsync(HttpStatusCode.Created);
        await (await a.DutyApi.GetAsync($"/api/v1/cases/{a.CaseId}")).ShouldBeAsync(HttpStatusCode.OK);
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        await (await a.DutyApi.GetAsync("/api/v1/break-glass?reviewed=false")).ShouldBeAsync(HttpStatusCode.Forbidden);

        var pending = (await (await dpo.GetAsync("/api/v1/break-glass?reviewed=false")).JsonAsync())["items"]!.AsArray();
        var use = pending.Single(i => i!["caseId"]!.GetValue<Guid>() == a.CaseId)!;
        Assert.Equal("Hospital rang at 2am", use["reason"]!.GetValue<string>());
        Assert.Equal(a.Duty.UserName, use["userName"]!.GetValue<string>());
        Assert.True(use["eventsDuringGrant"]!.GetValue<int>() >= 2);
        var id = use["id"]!.GetValue<Guid>();

        var incomplete = await dpo.PostAsJsonAsync($"/api/v1/break-glass/{id}/review", new { comment = "Fine" });
        await incomplete.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["appropriate"], (await incomplete.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var reviewed = await dpo.PostAsJsonAsync($"/api/v1/break-glass/{id}/review", new { appropriate = true, comment = "A genuine out-of-hours emergency" });
        await reviewed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True((await reviewed.JsonAsync())["review"]!["appropriate"]!.GetValue<bool>());
        var twice = await dpo.PostAsJsonAsync($"/api/v1/break-glass/{id}/review", new { appropriate = false, comment = "Second thoughts" });
        await twice.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-reviewed", (await twice.JsonAsync())["errorCode"]!.GetValue<string>());

        var stillPending = (await (await dpo.GetAsync("/api/v1/break-glass?reviewed=false")).JsonAsync())["items"]!.AsArray();
        Assert.DoesNotContain(stillPending, i => i!["id"]!.GetValue<Guid>() == id);
        var done = (await (await dpo.GetAsync("/api/v1/break-glass?reviewed=true")).JsonAsync())["items"]!.AsArray();
        Assert.Contains(done, i => i!["id"]!.GetValue<Guid>() == id);
        await (await dpo.GetAsync("/api/v1/break-glass?reviewed=maybe")).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await dpo.PostAsJsonAsync($"/api/v1/break-glass/{Guid.NewGuid()}/review", new { appropriate = true, comment = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.BreakGlassReviewed && e.CaseId == a.CaseId)));
    }

    [Fact]
    public async Task The_practitioner_and_their_supervisor_are_told_on_their_home_pages_for_two_weeks_and_nobody_else_is()
    {
        var a = await ArrangeAsync();
        await (await a.DutyApi.PostAsJsonAsync($"/api/v1/cases/{a.CaseId}/break-glass", new { reason = "Hospital asked about Jordan at 2am" })).ShouldBeAsync(HttpStatusCode.Created);

        foreach (var (told, home) in new[] { (a.Owner, "/Worklist"), (a.Supervisor, "/Team") })
        {
            using var page = await PageClient.SignInAsync(app, told);
            var html = await page.GetStringAsync(new Uri(home, UriKind.Relative));
            Assert.Contains("data-testid=\"emergency-access-notice\"", html, StringComparison.Ordinal);
            Assert.Contains("Hospital asked about Jordan at 2am", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/Cases/{a.CaseId}\"", html, StringComparison.Ordinal);
            Assert.Contains("awaiting the data protection officer&#x27;s review", html, StringComparison.Ordinal);
            // The case named is recorded as shown to them.
            Assert.True(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserId == told.Id && e.EntityType == AuditTrail.ListEntityType)
                .AnyAsync(e => db.AuditEventCases.Any(c => c.AuditEventId == e.Id && c.CaseId == a.CaseId))), $"{home} did not record the case shown");
        }

        // The one who opened it, and a practitioner of another team, are not told of it.
        using (var duty = await PageClient.SignInAsync(app, a.Duty))
        {
            Assert.DoesNotContain("emergency-access-notice", await duty.GetStringAsync(new Uri("/Worklist", UriKind.Relative)), StringComparison.Ordinal);
        }

        var (otherTeam, _) = await app.CreateTeamAsync();
        using (var other = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Practitioner, otherTeam)))
        {
            Assert.DoesNotContain("Hospital asked about Jordan", await other.GetStringAsync(new Uri("/Worklist", UriKind.Relative)), StringComparison.Ordinal);
        }

        // After two weeks the notice is gone from the home page (the case page keeps the history). The grant is moved back rather
        // than the clock on: the other tests of this class share the app's clock.
        var fortnight = TimeSpan.FromDays(EmergencyAccessNoticeViewComponent.Days + 1);
        await app.WithDbAsync(async db =>
        {
            var grant = await db.Set<BreakGlassGrant>().SingleAsync(g => g.CaseId == a.CaseId);
            grant.GrantedAt -= fortnight;
            grant.ExpiresAt -= fortnight;
            return await db.SaveChangesAsync();
        });
        using var later = await PageClient.SignInAsync(app, a.Owner);
        Assert.DoesNotContain("Hospital asked about Jordan", await later.GetStringAsync(new Uri("/Worklist", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Hospital asked about Jordan", await later.GetStringAsync(new Uri($"/Cases/{a.CaseId}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_browser_the_not_found_page_offers_emergency_access_the_case_page_tells_its_practitioner_and_the_dpo_reviews()
    {
        var a = await ArrangeAsync();
        using var duty = await PageClient.SignInAsync(app, a.Duty);

        var notFound = await duty.GetAsync(new Uri($"/Cases/{a.CaseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains($"href=\"/Cases/{a.CaseId}/EmergencyAccess\"", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var empty = await duty.PostFormAsync($"/Cases/{a.CaseId}/EmergencyAccess", new() { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter why you need emergency access", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var opened = await duty.PostFormAsync($"/Cases/{a.CaseId}/EmergencyAccess", new() { ["Reason"] = "Missing from home report at midnight" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/Cases/{a.CaseId}", opened.Headers.Location!.ToString());
        var seen = await duty.GetStringAsync(new Uri($"/Cases/{a.CaseId}", UriKind.Relative));
        Assert.Contains("You are seeing this case by emergency access", seen, StringComparison.Ordinal);

        foreach (var told in new[] { a.Owner, a.Supervisor })
        {
            using var page = await PageClient.SignInAsync(app, told);
            var html = await page.GetStringAsync(new Uri($"/Cases/{a.CaseId}", UriKind.Relative));
            Assert.Contains("This case was opened by emergency access once", html, StringComparison.Ordinal);
            Assert.Contains("Missing from home report at midnight", html, StringComparison.Ordinal);
        }

        var dpoUser = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        using var dpo = await PageClient.SignInAsync(app, dpoUser);
        var queue = await dpo.GetStringAsync(new Uri("/DataProtection/BreakGlass", UriKind.Relative));
        Assert.Contains("Missing from home report at midnight", queue, StringComparison.Ordinal);
        var id = await app.WithDbAsync(db => db.Set<Caseload.Features.DataProtection.BreakGlass.BreakGlassGrant>().Where(g => g.CaseId == a.CaseId).Select(g => g.Id).SingleAsync());
        var unanswered = await dpo.PostFormAsync($"/DataProtection/BreakGlass/{id}", new() { ["Comment"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, unanswered.StatusCode);
        var review = await dpo.PostFormAsync($"/DataProtection/BreakGlass/{id}", new() { ["Appropriate"] = "no", ["Comment"] = "The police could have waited for the morning" });
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        var all = await dpo.GetStringAsync(new Uri("/DataProtection/BreakGlass?All=true", UriKind.Relative));
        Assert.Contains("Not appropriate", all, StringComparison.Ordinal);
        using var owner = await PageClient.SignInAsync(app, a.Owner);
        Assert.Contains("(reviewed: not appropriate)", await owner.GetStringAsync(new Uri($"/Cases/{a.CaseId}", UriKind.Relative)), StringComparison.Ordinal);
    }
}

public sealed class BreakGlassTests_Sqlite(DataProtectionSqliteApp app) : BreakGlassTests(app), IClassFixture<DataProtectionSqliteApp>;

public sealed class BreakGlassTests_Postgres(DataProtectionPostgresApp app) : BreakGlassTests(app), IClassFixture<DataProtectionPostgresApp>;
