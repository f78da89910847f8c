using System.Net;
using Caseload.Features.Drift;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Drift;

/// <summary>
/// Service managers change the drift thresholds as versions with reasons, within safe limits. The thresholds are global to
/// the shared test host, so these tests only ever save the values in force.
/// </summary>
public abstract class DriftThresholdsPageTests(CaseloadApp app)
{
    private static Dictionary<string, string> Form(string reason) => new(DriftThresholds.Numbers.ToDictionary(n => $"Values[{n.Name}]", n => n.Get(DriftThresholds.Default).ToString(System.Globalization.CultureInfo.InvariantCulture)))
    {
        ["Standards[early-help]"] = "early-help-first-contact",
        ["Standards[childrens-social-care]"] = "referral-decision",
        ["Standards[careers-iag]"] = "careers-guidance-interview",
        ["Standards[send]"] = "",
        ["Standards[youth-support]"] = "",
        ["Reason"] = reason,
    };

    [Fact]
    public async Task The_page_shows_the_thresholds_in_force_and_the_catalogues_standards_for_each_service()
    {
        using var browser = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.ServiceManager));
        var html = await (await browser.GetAsync(new Uri("/Drift/Thresholds", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("name=\"Values[NoContactWorkingDays]\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"20\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"early-help-first-contact\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"child-and-family-assessment\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thresholds_outside_their_safe_ranges_or_a_standard_not_offered_on_the_service_are_refused_and_nothing_is_saved()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager);
        using var browser = await PageClient.SignInAsync(app, manager);
        var before = await app.WithDbAsync(db => db.Set<DriftThresholdsVersion>().CountAsync());

        var tooLong = Form("Testing a long threshold");
        tooLong["Values[NoContactWorkingDays]"] = "200";
        var response = await browser.PostFormAsync("/Drift/Thresholds", tooLong);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#NoContactWorkingDays\"", html, StringComparison.Ordinal);
        Assert.Contains("must be from 5 to 60", html, StringComparison.Ordinal);

        var wrongService = Form("Testing a social care timescale on early help");
        wrongService["Standards[early-help]"] = "child-and-family-assessment";
        var refused = await browser.PostFormAsync("/Drift/Thresholds", wrongService);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("href=\"#standard-early-help\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noReason = await browser.PostFormAsync("/Drift/Thresholds", Form(""));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Enter why you are changing the thresholds", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<DriftThresholdsVersion>().CountAsync()));
    }

    [Fact]
    public async Task A_saved_version_keeps_its_reason_and_is_audited()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager);
        using var browser = await PageClient.SignInAsync(app, manager);
        var response = await browser.PostFormAsync("/Drift/Thresholds", Form("Annual review of the drift thresholds: no change"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var version = await app.WithDbAsync(db => db.Set<DriftThresholdsVersion>().OrderByDescending(v => v.Id).FirstAsync(v => v.ChangedByName == manager.UserName));
        Assert.Equal("Annual review of the drift thresholds: no change", version.Reason);
        Assert.Equal(DriftThresholds.Default, DriftSettings.FromJson(version.Json));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == manager.UserName && e.Action == "drift.thresholds-changed")));
        var page = await (await browser.GetAsync(new Uri("/Drift/Thresholds", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Annual review of the drift thresholds: no change", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_service_managers_change_the_thresholds()
    {
        foreach (var role in new[] { Roles.Practitioner, Roles.Supervisor, Roles.Administrator })
        {
            using var browser = await PageClient.SignInAsync(app, await app.CreateUserAsync(role));
            var response = await browser.GetAsync(new Uri("/Drift/Thresholds", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}

public sealed class DriftThresholdsPageTests_Sqlite(SqliteApp app) : DriftThresholdsPageTests(app);

public sealed class DriftThresholdsPageTests_Postgres(PostgresApp app) : DriftThresholdsPageTests(app);
