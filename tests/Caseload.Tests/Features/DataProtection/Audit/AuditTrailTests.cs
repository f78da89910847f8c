using System.Net;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.DataProtection.Audit;

public abstract class AuditTrailTests(CaseloadApp app)
{
    [Fact]
    public async Task A_worklist_view_is_recorded_against_every_case_it_showed_with_the_route_and_person()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(p);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await client.CreateCaseIdAsync(p.UserName));
        var boss = await app.ClientForAsync(supervisor);
        (await boss.GetAsync("/api/v1/worklist?team=true")).EnsureSuccessStatusCode();
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));

        foreach (var id in ids)
        {
            var byCase = await (await dpo.GetAsync($"/api/v1/audit?caseId={id}&userName={supervisor.UserName}")).JsonAsync();
            var viewed = Assert.Single(byCase["items"]!.AsArray(), i => i!["action"]!.GetValue<string>() == "worklist.viewed")!;
            Assert.Equal("GET /api/v1/worklist?team=true", viewed["route"]!.GetValue<string>());
            Assert.Equal(id.ToString(), viewed["entityId"]!.GetValue<string>());
            Assert.NotNull(viewed["personId"]);
            Assert.Equal(app.Clock.GetUtcNow(), viewed["at"]!.GetValue<DateTimeOffset>());
        }
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
}

public sealed class AuditTrailTests_Sqlite(SqliteApp app) : AuditTrailTests(app);

public sealed class AuditTrailTests_Postgres(PostgresApp app) : AuditTrailTests(app);
