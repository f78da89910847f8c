using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>Timescales are offered by the case's service and nation, and refused otherwise, in an English authority. Today is 23 Nov 2026.</summary>
public abstract class TimescaleFilterTests(CaseloadApp app)
{
    [Fact]
    public async Task A_careers_case_is_offered_only_careers_timescales_and_the_API_refuses_child_protection_ones()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(user);
        var caseId = await client.CreateCaseIdAsync(user.UserName, service: "careers-iag");

        using var browser = await PageClient.SignInAsync(app, user);
        var form = await browser.GetStringAsync($"/Cases/{caseId}/Deadlines/New");
        Assert.Contains("value=\"careers-guidance-interview\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"initial-child-protection-conference\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"final-ehc-plan\"", form, StringComparison.Ordinal);
        Assert.Contains("Careers and IAG cases in England", form, StringComparison.Ordinal);

        var refused = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "initial-child-protection-conference", startDate = "2026-11-23" });
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var body = await refused.JsonAsync();
        Assert.Equal("validation-failed", body["errorCode"]!.GetValue<string>());
        Assert.Contains("not a timescale of the Careers and IAG service", body["errors"]!["timescale"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var posted = await browser.PostFormAsync($"/Cases/{caseId}/Deadlines/New", new()
        {
            ["Timescale"] = "initial-child-protection-conference", ["StartDateDay"] = "23", ["StartDateMonth"] = "11", ["StartDateYear"] = "2026",
        });
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
    }

    [Fact]
    public async Task An_English_case_is_not_offered_Welsh_timescales()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(user);
        var caseId = await client.CreateCaseIdAsync(user.UserName, service: "childrens-social-care");
        var refused = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "first-looked-after-review-wales", startDate = "2026-11-23" });
        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("does not apply in England", (await refused.JsonAsync())["errors"]!["timescale"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class TimescaleFilterTests_Sqlite(SqliteApp app) : TimescaleFilterTests(app);

public sealed class TimescaleFilterTests_Postgres(PostgresApp app) : TimescaleFilterTests(app);

/// <summary>The same rules in an authority in Wales (Deadlines:Nation = wales).</summary>
public abstract class WelshTimescaleTests(CaseloadApp app)
{
    [Fact]
    public async Task A_Welsh_social_care_case_is_offered_the_Welsh_rules_and_the_first_looked_after_review_is_due_in_28_days()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(user);
        var caseId = await client.CreateCaseIdAsync(user.UserName, service: "childrens-social-care");

        using var browser = await PageClient.SignInAsync(app, user);
        var form = await browser.GetStringAsync($"/Cases/{caseId}/Deadlines/New");
        Assert.Contains("value=\"first-looked-after-review-wales\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"first-looked-after-review\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"child-and-family-assessment\"", form, StringComparison.Ordinal);
        Assert.Contains("in Wales", form, StringComparison.Ordinal);

        var english = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "first-looked-after-review", startDate = "2026-11-23" });
        await english.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("does not apply in Wales", (await english.JsonAsync())["errors"]!["timescale"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var welsh = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "first-looked-after-review-wales", startDate = "2026-11-23" });
        await welsh.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("2026-12-21", (await welsh.JsonAsync())["dueDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Meeting_a_Welsh_initial_conference_starts_the_Welsh_core_group_and_first_review()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(user);
        var caseId = await client.CreateCaseIdAsync(user.UserName, service: "childrens-social-care");
        var icpc = await (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "initial-child-protection-conference-wales", startDate = "2026-11-09" })).JsonAsync();
        // 15 working days after 9 Nov 2026: 30 Nov.
        Assert.Equal("2026-11-30", icpc["dueDate"]!.GetValue<string>());
        Assert.False(icpc["pausable"]!.GetValue<bool>());
        (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines/{icpc["id"]!.GetValue<Guid>()}/met", new { metOn = "2026-11-23" })).EnsureSuccessStatusCode();

        var items = (await (await client.GetAsync($"/api/v1/cases/{caseId}/deadlines")).JsonAsync())["items"]!.AsArray();
        var coreGroup = Assert.Single(items, i => i!["timescale"]?.GetValue<string>() == "first-core-group-wales");
        Assert.Equal("2026-12-07", coreGroup!["dueDate"]!.GetValue<string>());
        var review = Assert.Single(items, i => i!["timescale"]?.GetValue<string>() == "first-child-protection-review-conference-wales");
        Assert.Equal("2027-02-23", review!["dueDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Welsh_SEND_case_is_offered_the_12_week_IDP_timescale_which_may_be_paused_and_not_the_EHC_ones()
    {
        var user = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(user);
        var caseId = await client.CreateCaseIdAsync(user.UserName, service: "send");
        var ehc = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "final-ehc-plan", startDate = "2026-11-23" });
        await ehc.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var idp = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "local-authority-idp", startDate = "2026-11-02" });
        await idp.ShouldBeAsync(HttpStatusCode.Created);
        var body = await idp.JsonAsync();
        Assert.Equal("2027-01-25", body["dueDate"]!.GetValue<string>());
        Assert.True(body["pausable"]!.GetValue<bool>());
    }
}

public sealed class WelshTimescaleTests_Sqlite(WelshSqliteApp app) : WelshTimescaleTests(app), IClassFixture<WelshSqliteApp>;

public sealed class WelshTimescaleTests_Postgres(WelshPostgresApp app) : WelshTimescaleTests(app), IClassFixture<WelshPostgresApp>;
