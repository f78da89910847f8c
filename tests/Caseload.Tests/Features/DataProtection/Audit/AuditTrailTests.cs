using System.Net;
using System.Net.Http.Json;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.DataProtection.Audit;

public abstract class AuditTrailTests(CaseloadApp app)
{
    /// <summary>A team's worklist arranged: three cases of three people on a practitioner of the supervisor's team, and the view.</summary>
    private async Task<(TestUser Supervisor, List<(Guid Case, Guid Person)> Shown)> SupervisorViewsTeamWorklistAsync()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(p);
        var shown = new List<(Guid, Guid)>();
        for (var i = 0; i < 3; i++)
        {
            var person = await client.CreatePersonAsync();
            shown.Add(((await client.CreateCaseAsync(person, p.UserName))["id"]!.GetValue<Guid>(), person));
        }

        var boss = await app.ClientForAsync(supervisor);
        (await boss.GetAsync("/api/v1/worklist?team=true")).EnsureSuccessStatusCode();
        return (supervisor, shown);
    }

    [Fact]
    public async Task A_worklist_view_is_one_event_with_every_case_it_showed()
    {
        var (supervisor, shown) = await SupervisorViewsTeamWorklistAsync();

        var views = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == supervisor.UserName && e.Route == "GET /api/v1/worklist?team=true").ToListAsync());
        var view = Assert.Single(views);
        Assert.Equal(AuditActions.WorklistViewed, view.Action);
        Assert.Equal(AuditTrail.ListEntityType, view.EntityType);
        Assert.Null(view.CaseId);
        Assert.Equal(app.Clock.GetUtcNow(), view.At);
        var cases = await app.WithDbAsync(db => db.AuditEventCases.Where(x => x.AuditEventId == view.Id).Select(x => x.CaseId).ToListAsync());
        Assert.Equal(shown.Select(s => s.Case).Order(), cases.Order());
        // Nothing about the cases was written one row each.
        var ids = shown.Select(s => s.Case).ToList();
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == supervisor.UserName && e.CaseId != null && ids.Contains(e.CaseId.Value))));
    }

    [Fact]
    public async Task The_dpo_finds_a_list_view_by_each_case_and_each_person_it_showed_with_its_route_and_time()
    {
        var (supervisor, shown) = await SupervisorViewsTeamWorklistAsync();
        var dpoUser = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        var dpo = await app.ClientForAsync(dpoUser);

        foreach (var (caseId, personId) in shown)
        {
            foreach (var filter in new[] { $"caseId={caseId}", $"personId={personId}" })
            {
                var found = await (await dpo.GetAsync($"/api/v1/audit?{filter}&userName={supervisor.UserName}")).JsonAsync();
                var viewed = Assert.Single(found["items"]!.AsArray())!;
                Assert.Equal(1, found["total"]!.GetValue<int>());
                Assert.Equal(AuditActions.WorklistViewed, viewed["action"]!.GetValue<string>());
                Assert.Equal("GET /api/v1/worklist?team=true", viewed["route"]!.GetValue<string>());
                Assert.Equal(app.Clock.GetUtcNow(), viewed["at"]!.GetValue<DateTimeOffset>());
                Assert.Equal(shown.Select(s => s.Case).Order(), viewed["casesShown"]!.AsArray().Select(c => c!.GetValue<Guid>()).Order());
            }
        }

        // Every other event about the case is still found beside the list view: here its creation, by the practitioner.
        var all = await (await dpo.GetAsync($"/api/v1/audit?caseId={shown[0].Case}")).JsonAsync();
        var actions = all["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()).ToList();
        Assert.Contains(AuditActions.CaseCreated, actions);
        Assert.Contains(AuditActions.WorklistViewed, actions);
        Assert.Equal(actions.Count, all["total"]!.GetValue<int>());
        var byPersonAlone = await (await dpo.GetAsync($"/api/v1/audit?personId={shown[0].Person}")).JsonAsync();
        Assert.Equal(byPersonAlone["items"]!.AsArray().Count, byPersonAlone["total"]!.GetValue<int>());
        Assert.Contains(byPersonAlone["items"]!.AsArray(), i => i!["action"]!.GetValue<string>() == AuditActions.WorklistViewed);

        // A case the view did not show does not find it.
        var stranger = await app.CreateUserAsync(Roles.Practitioner);
        var other = await (await app.ClientForAsync(stranger)).CreateCaseIdAsync(stranger.UserName);
        var none = await (await dpo.GetAsync($"/api/v1/audit?caseId={other}&userName={supervisor.UserName}")).JsonAsync();
        Assert.Equal(0, none["total"]!.GetValue<int>());

        using var page = await PageClient.SignInAsync(app, dpoUser);
        var html = await page.GetStringAsync(new Uri($"/Audit?CaseId={shown[1].Case}&UserName={supervisor.UserName}", UriKind.Relative));
        Assert.Contains(AuditActions.WorklistViewed, html, StringComparison.Ordinal);
        Assert.Contains("/api/v1/worklist", html, StringComparison.Ordinal);
        Assert.Contains("List of 3 cases", html, StringComparison.Ordinal);
        Assert.All(shown, s => Assert.Contains(s.Case.ToString(), html, StringComparison.Ordinal));
        var byPerson = await page.GetStringAsync(new Uri($"/Audit?PersonId={shown[2].Person}&UserName={supervisor.UserName}", UriKind.Relative));
        Assert.Contains("List of 3 cases", byPerson, StringComparison.Ordinal);
    }

    /// <summary>
    /// The worklist filtered to one service leaves out a case of another whose deadline is due: the banner above the list still
    /// shows it, and the page is one view whose cases are both lists'.
    /// </summary>
    [Fact]
    public async Task A_page_that_shows_two_lists_records_one_view_with_the_cases_of_both()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var listed = (await api.CreateCaseAsync(await api.CreatePersonAsync(), p.UserName, service: "early-help"))["id"]!.GetValue<Guid>();
        var bannered = (await api.CreateCaseAsync(await api.CreatePersonAsync(), p.UserName, service: "send"))["id"]!.GetValue<Guid>();
        var deadline = await api.PostAsJsonAsync($"/api/v1/cases/{bannered}/deadlines", new { title = "Send the report", dueDate = "2026-11-24", reason = "Asked by the court" });
        await deadline.ShouldBeAsync(HttpStatusCode.Created);

        using var pages = await PageClient.SignInAsync(app, p);
        var html = await pages.GetStringAsync(new Uri("/Worklist?Service=early-help", UriKind.Relative));
        Assert.Contains("Send the report", html, StringComparison.Ordinal);

        var view = Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == p.UserName && e.Route == "GET /Worklist?Service=early-help").ToListAsync()));
        Assert.Equal(AuditTrail.ListEntityType, view.EntityType);
        var cases = await app.WithDbAsync(db => db.AuditEventCases.Where(x => x.AuditEventId == view.Id).Select(x => x.CaseId).ToListAsync());
        Assert.Equal(new[] { listed, bannered }.Order(), cases.Order());
    }

    [Fact]
    public async Task The_dpo_finds_who_viewed_and_changed_a_case_filtered_by_case_user_and_date()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(p);
        var id = await client.CreateCaseIdAsync(p.UserName);
        (await client.GetAsync($"/api/v1/cases/{id}")).EnsureSuccessStatusCode();
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));

        var byCase = await (await dpo.GetAsync($"/api/v1/audit?caseId={id}")).JsonAsync();
        var actions = byCase["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()).ToList();
        Assert.Contains(AuditActions.CaseCreated, actions);
        Assert.Contains(AuditActions.CaseViewed, actions);
        Assert.All(byCase["items"]!.AsArray(), i => Assert.Equal(p.UserName, i!["userName"]!.GetValue<string>()));
        Assert.All(byCase["items"]!.AsArray(), i => Assert.False(string.IsNullOrEmpty(i!["route"]!.GetValue<string>())));

        var byUserToday = await (await dpo.GetAsync($"/api/v1/audit?userName={p.UserName}&from=2026-11-23&to=2026-11-23")).JsonAsync();
        Assert.True(byUserToday["total"]!.GetValue<int>() >= 3);
        var byUserTomorrow = await (await dpo.GetAsync($"/api/v1/audit?userName={p.UserName}&from=2026-11-24")).JsonAsync();
        Assert.Equal(0, byUserTomorrow["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Searching_the_audit_trail_is_itself_audited()
    {
        var dpoUser = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        var dpo = await app.ClientForAsync(dpoUser);
        (await dpo.GetAsync("/api/v1/audit?userName=someone")).EnsureSuccessStatusCode();
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == dpoUser.UserName && e.Action == AuditActions.AuditSearched)));
    }

    [Theory]
    [InlineData("from=23/11/2026", "from")]
    [InlineData("caseId=123", "caseId")]
    [InlineData("from=2026-11-24&to=2026-11-23", "to")]
    public async Task Bad_audit_filters_get_400_naming_the_parameter(string query, string field)
    {
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var response = await dpo.GetAsync($"/api/v1/audit?{query}");
        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_event()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner);
        await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        var id = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == p.UserName).Select(e => e.Id).FirstAsync());

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.AuditEvents.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, "someone-else"))));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == id).ExecuteDeleteAsync()));
        Assert.Equal(p.UserName, await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == id).Select(e => e.UserName).SingleAsync()));
    }

    /// <summary>Emptying the log in one statement (TRUNCATE on PostgreSQL, a DELETE of every row on SQLite) is refused too.</summary>
    [Fact]
    public async Task The_database_refuses_to_empty_the_audit_log()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner);
        await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        var before = await app.WithDbAsync(db => db.AuditEvents.CountAsync());

        var refused = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            // In a transaction rolled back whatever happens: a shared test database must not lose its log if the guard fails.
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                return await db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Postgres ? "TRUNCATE \"AuditEvents\"" : "DELETE FROM \"AuditEvents\"");
            }
            finally
            {
                await transaction.RollbackAsync();
            }
        }));

        Assert.NotNull(refused);
        Assert.Contains("append-only", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.CountAsync()) >= before);
    }

    /// <summary>The cases of a list view are the audit log too: no change, no deletion, no emptying, by the app or in the database.</summary>
    [Fact]
    public async Task The_cases_a_list_view_showed_cannot_be_changed_deleted_or_emptied()
    {
        var (supervisor, shown) = await SupervisorViewsTeamWorklistAsync();
        var viewId = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == supervisor.UserName && e.EntityType == AuditTrail.ListEntityType).Select(e => e.Id).SingleAsync());
        var first = shown[0].Case;

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.AuditEventCases.Where(x => x.AuditEventId == viewId && x.CaseId == first).ExecuteUpdateAsync(s => s.SetProperty(x => x.CaseId, Guid.NewGuid()))));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.AuditEventCases.Where(x => x.AuditEventId == viewId).ExecuteUpdateAsync(s => s.SetProperty(x => x.AuditEventId, 0L))));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditEventCases.Where(x => x.AuditEventId == viewId).ExecuteDeleteAsync()));
        var appRefused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditEventCases.Remove(await db.AuditEventCases.FirstAsync(x => x.AuditEventId == viewId));
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("append-only", appRefused.Message, StringComparison.Ordinal);

        var emptied = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            // Rolled back whatever happens: a shared test database must not lose its log if the guard fails.
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                return await db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Postgres ? "TRUNCATE \"AuditEventCases\"" : "DELETE FROM \"AuditEventCases\"");
            }
            finally
            {
                await transaction.RollbackAsync();
            }
        }));
        Assert.NotNull(emptied);
        Assert.Contains("append-only", emptied.ToString(), StringComparison.OrdinalIgnoreCase);

        var cases = await app.WithDbAsync(db => db.AuditEventCases.Where(x => x.AuditEventId == viewId).Select(x => x.CaseId).ToListAsync());
        Assert.Equal(shown.Select(s => s.Case).Order(), cases.Order());
    }

    [Fact]
    public async Task The_app_refuses_to_save_a_changed_audit_event()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner);
        await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var e = await db.AuditEvents.FirstAsync(x => x.UserName == p.UserName);
            e.Details = "rewritten";
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_dpo_reads_the_audit_trail_page()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        using (var browser = await PageClient.SignInAsync(app, practitioner))
        {
            var denied = await browser.GetAsync("/Audit");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var caseOwner = await app.CreateUserAsync(Roles.Practitioner);
        var id = await (await app.ClientForAsync(caseOwner)).CreateCaseIdAsync(caseOwner.UserName);
        using var dpo = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var html = await dpo.GetStringAsync($"/Audit?CaseId={id}");
        Assert.Contains(caseOwner.UserName, html, StringComparison.Ordinal);
        Assert.Contains(AuditActions.CaseCreated, html, StringComparison.Ordinal);
        var bad = await dpo.GetAsync("/Audit?From=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("From must be a date", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpo_finds_a_person_by_name_reads_actions_in_words_and_exports_the_events_as_csv()
    {
        var owner = await app.CreateUserAsync(Roles.Practitioner);
        var api = await app.ClientForAsync(owner);
        var family = "Zé" + Guid.NewGuid().ToString("N")[..8];
        var person = await api.CreatePersonAsync("Amélie", family);
        var caseId = (await api.CreateCaseAsync(person, owner.UserName))["id"]!.GetValue<Guid>();
        await api.GetAsync($"/api/v1/cases/{caseId}");
        var dpoUser = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        using var dpo = await PageClient.SignInAsync(app, dpoUser);

        // Partial, case- and accent-insensitive, as the person search is: one person found, the trail filtered by them.
        var html = await dpo.GetStringAsync(new Uri($"/Audit?Name={Uri.EscapeDataString("amelie " + family.ToLowerInvariant().Replace("é", "e", StringComparison.Ordinal)[..5])}", UriKind.Relative));
        Assert.Contains($"Events about <strong>Amélie {family}</strong>", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Opened a referral or case", html, StringComparison.Ordinal);
        Assert.Contains("Viewed a case", html, StringComparison.Ordinal);
        Assert.Contains("API /api/v1/cases/{id}", html, StringComparison.Ordinal);
        Assert.Contains("class=\"caseload-table-scroll\"", html, StringComparison.Ordinal);
        Assert.Contains($"PersonId={person}", html, StringComparison.Ordinal); // the export link keeps the filter

        // Two people of the name: the reader chooses one, or one of their cases.
        var twin = await api.CreatePersonAsync("Amelie", family);
        var choose = await dpo.GetStringAsync(new Uri($"/Audit?Name={Uri.EscapeDataString(family)}", UriKind.Relative));
        Assert.Contains($"/Audit?PersonId={twin}", choose, StringComparison.Ordinal);
        Assert.Contains($"/Audit?CaseId={caseId}", choose, StringComparison.Ordinal);
        // The searches are on the trail with the people found by id, never the name typed (in details or route).
        var searches = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == dpoUser.UserName && e.Action == AuditActions.AuditSearched)
            .Select(e => new { e.Details, e.Route, e.PersonId }).ToListAsync());
        Assert.Contains(searches, e => e.PersonId == person && e.Details!.Contains("found by name", StringComparison.Ordinal));
        Assert.Contains(searches, e => e.Details!.Contains(twin.ToString(), StringComparison.Ordinal));
        Assert.All(searches, e => Assert.DoesNotContain(family[2..], e.Details + e.Route, StringComparison.OrdinalIgnoreCase));
        var none = await dpo.GetAsync(new Uri("/Audit?Name=nobodyatallxyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("No person or case matches this name", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;
        var csv = await dpo.GetAsync(new Uri($"/Audit?handler=Csv&CaseId={caseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("When (UK time),Who,Action,Action code,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Opened a referral or case,case.created", StringComparison.Ordinal) && l.Contains(caseId.ToString(), StringComparison.Ordinal));
        var export = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Id > before && e.Action == AuditActions.AuditExported));
        Assert.Equal(dpoUser.UserName, export.UserName);
        Assert.Equal(caseId, export.CaseId);
    }
}

public sealed class AuditTrailTests_Sqlite(SqliteApp app) : AuditTrailTests(app);

public sealed class AuditTrailTests_Postgres(PostgresApp app) : AuditTrailTests(app);
