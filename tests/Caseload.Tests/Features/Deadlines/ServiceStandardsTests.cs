using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Deadlines;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>
/// An administrator keeps the organisational service standards; the catalogue everywhere is the statutory timescales plus
/// them. Each test adds standards of its own (unique codes), as the database is shared. Today is 23 Nov 2026.
/// </summary>
public abstract class ServiceStandardsTests(CaseloadApp app)
{
    private static string NewCode() => $"home-visit-{Guid.NewGuid().ToString("N")[..8]}";

    private static Dictionary<string, string> Form(string title, string length, string unit = "WorkingDays", string service = "early-help") => new()
    {
        ["Title"] = title, ["StartEvent"] = "the family agreed to early help", ["Length"] = length, ["Unit"] = unit, ["Services"] = service,
        ["Source"] = "Early help service plan 2026", ["PauseAllowedBy"] = "",
    };

    private async Task<(HttpClient Admin, TestUser User, HttpClient Client, Guid CaseId)> ArrangeAsync()
    {
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(user);
        return (admin, user, client, await client.CreateCaseIdAsync(user.UserName, service: "early-help"));
    }

    [Fact]
    public async Task An_added_standard_is_offered_on_its_services_cases_and_used_for_deadlines_and_the_change_is_audited()
    {
        var (admin, user, client, caseId) = await ArrangeAsync();
        var code = NewCode();
        var form = Form("First home visit", "3");
        form["NewCode"] = code;
        var added = await admin.PostFormAsync("/Admin/ServiceStandards/Edit", form);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(code, await admin.GetStringAsync("/Admin/ServiceStandards"), StringComparison.Ordinal);

        using var browser = await PageClient.SignInAsync(app, user);
        Assert.Contains($"value=\"{code}\"", await browser.GetStringAsync($"/Cases/{caseId}/Deadlines/New"), StringComparison.Ordinal);
        var created = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = code, startDate = "2026-11-23" });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        Assert.Equal("2026-11-26", body["dueDate"]!.GetValue<string>());
        Assert.False(body["statutory"]!.GetValue<bool>());

        var catalogue = (await (await client.GetAsync("/api/v1/timescales")).JsonAsync())["items"]!.AsArray();
        var listed = Assert.Single(catalogue, t => t!["code"]!.GetValue<string>() == code);
        Assert.Equal(["early-help"], listed!["services"]!.AsArray().Select(s => s!.GetValue<string>()));

        var careers = await client.CreateCaseIdAsync(user.UserName, service: "careers-iag");
        await (await client.PostAsJsonAsync($"/api/v1/cases/{careers}/deadlines", new { timescale = code, startDate = "2026-11-23" })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "service-standard.created" && e.EntityId == code)));
    }

    [Fact]
    public async Task A_change_needs_a_reason_keeps_the_history_and_deadlines_already_set_keep_their_due_dates()
    {
        var (admin, _, client, caseId) = await ArrangeAsync();
        var code = NewCode();
        var form = Form("Second home visit", "3");
        form["NewCode"] = code;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/ServiceStandards/Edit", form)).StatusCode);
        var first = await (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = code, startDate = "2026-11-23" })).JsonAsync();

        var url = $"/Admin/ServiceStandards/Edit/{code}";
        var noReason = await admin.PostFormAsync(url, Form("Second home visit", "5"));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Enter why the standard is changing", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stale = Form("Second home visit", "5");
        stale["Reason"] = "Capacity";
        stale["Version"] = "7";
        var staleAnswer = await admin.PostFormAsync(url, stale);
        Assert.Equal(HttpStatusCode.BadRequest, staleAnswer.StatusCode);
        Assert.Contains("Someone else changed this standard", await staleAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var change = Form("Second home visit", "5");
        change["Reason"] = "Agreed at the service review: more realistic";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url, change)).StatusCode);
        var page = await admin.GetStringAsync(url);
        Assert.Contains("Agreed at the service review: more realistic", page, StringComparison.Ordinal);
        Assert.Contains("5 working days after the family agreed to early help", page, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ServiceStandard>().Where(s => s.Code == code).Select(s => s.Version).SingleAsync()));

        var items = (await (await client.GetAsync($"/api/v1/cases/{caseId}/deadlines")).JsonAsync())["items"]!.AsArray();
        var kept = Assert.Single(items, i => i!["id"]!.GetValue<Guid>() == first["id"]!.GetValue<Guid>());
        Assert.Equal("2026-11-26", kept!["dueDate"]!.GetValue<string>());
        Assert.Contains("as the timescale stood when the deadline was set", kept["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        var second = await (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = code, startDate = "2026-11-23" })).JsonAsync();
        Assert.Equal("2026-11-30", second["dueDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_retired_standard_is_no_longer_offered_but_its_deadlines_stay()
    {
        var (admin, user, client, caseId) = await ArrangeAsync();
        var code = NewCode();
        var form = Form("Third home visit", "3");
        form["NewCode"] = code;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/ServiceStandards/Edit", form)).StatusCode);
        (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = code, startDate = "2026-11-23" })).EnsureSuccessStatusCode();

        var url = $"/Admin/ServiceStandards/Edit/{code}";
        Assert.Contains("deadlines that use it (now 1) keep it", await admin.GetStringAsync(url), StringComparison.Ordinal);
        var noReason = await admin.PostFormAsync($"{url}?handler=Retire&retire=true", new() { ["RetireReason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{url}?handler=Retire&retire=true", new() { ["RetireReason"] = "Replaced by the new visiting standard" })).StatusCode);

        using var browser = await PageClient.SignInAsync(app, user);
        Assert.DoesNotContain($"value=\"{code}\"", await browser.GetStringAsync($"/Cases/{caseId}/Deadlines/New"), StringComparison.Ordinal);
        var refused = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = code, startDate = "2026-11-23" });
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("retired", (await refused.JsonAsync())["errors"]!["timescale"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var items = (await (await client.GetAsync($"/api/v1/cases/{caseId}/deadlines")).JsonAsync())["items"]!.AsArray();
        Assert.Single(items, i => i!["timescale"]?.GetValue<string>() == code);
        Assert.True(await app.WithDbAsync(db => db.Set<ServiceStandard>().AnyAsync(s => s.Code == code && s.RetiredAt != null)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "service-standard.retired" && e.EntityId == code)));
    }

    [Fact]
    public async Task A_bad_standard_is_refused_with_every_problem_named_and_only_administrators_may_see_the_pages()
    {
        var (admin, user, _, _) = await ArrangeAsync();
        var bad = new Dictionary<string, string>
        {
            ["NewCode"] = "final-ehc-plan", ["Title"] = "", ["StartEvent"] = "x", ["Length"] = "0", ["Unit"] = "Fortnights", ["Source"] = "x",
        };
        var answer = await admin.PostFormAsync("/Admin/ServiceStandards/Edit", bad);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("A timescale with this code already exists", html, StringComparison.Ordinal);
        Assert.Contains("Enter a title", html, StringComparison.Ordinal);
        Assert.Contains("Length must be a whole number from 1 to 520", html, StringComparison.Ordinal);
        Assert.Contains("Select a unit", html, StringComparison.Ordinal);
        Assert.Contains("Select at least one service", html, StringComparison.Ordinal);

        using var practitioner = await PageClient.SignInAsync(app, user);
        var refused = await practitioner.GetAsync("/Admin/ServiceStandards");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("AccessDenied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }
}

public sealed class ServiceStandardsTests_Sqlite(SqliteApp app) : ServiceStandardsTests(app);

public sealed class ServiceStandardsTests_Postgres(PostgresApp app) : ServiceStandardsTests(app);
