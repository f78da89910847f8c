using System.Globalization;
using System.Net;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Capacity;

/// <summary>
/// Capacity pages without JavaScript: my capacity, the team table, settings, adjustments, complexity on a case and the scheme.
/// The scheme is global to the shared test host, so these tests only ever save the scheme in force.
/// </summary>
public abstract class CapacityPagesTests(CaseloadApp app)
{
    private static Dictionary<string, string> SchemeForm(string reason)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["Reason"] = reason };
        foreach (var service in Services.Titles.Keys)
        {
            foreach (var c in ComplexityCodes.All) form[$"Cells[{SchemeModel.CellKey(service, c)}]"] = WeightingScheme.Default.PointsFor(service, c).ToString(CultureInfo.InvariantCulture);
        }

        foreach (var n in WeightingScheme.Numbers) form[$"Values[{n.Name}]"] = n.Get(WeightingScheme.Default).ToString(CultureInfo.InvariantCulture);
        return form;
    }

    [Fact]
    public async Task A_practitioner_sees_their_cases_points_with_why_and_nobody_elses()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        using var browser = await PageClient.SignInAsync(app, team.Practitioner);
        var html = await (await browser.GetAsync(new Uri("/Capacity", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("My capacity", html, StringComparison.Ordinal);
        Assert.Contains("Early help, complexity not assessed (counts as medium): 4", html, StringComparison.Ordinal);
        Assert.Contains("4 of 90 points: 4%", html, StringComparison.Ordinal);
        Assert.Contains("Under capacity", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Add an adjustment", html, StringComparison.Ordinal);

        var other = await SupervisedTeam.CreateAsync(app);
        var hidden = await browser.GetAsync(new Uri($"/Capacity?userName={other.Practitioner.UserName}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task The_team_table_is_linked_from_the_team_page_and_shows_each_practitioners_band()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        using var browser = await PageClient.SignInAsync(app, team.Supervisor);
        var teamPage = await (await browser.GetAsync(new Uri("/Team", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/Capacity/Team\"", teamPage, StringComparison.Ordinal);
        var html = await (await browser.GetAsync(new Uri("/Capacity/Team", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/Capacity?userName={team.Practitioner.UserName}\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--green\">Under capacity</strong>", html, StringComparison.Ordinal);
        Assert.Contains("1 practitioners: 0 over capacity, 0 near capacity", html, StringComparison.Ordinal);

        using var practitioner = await PageClient.SignInAsync(app, team.Practitioner);
        var denied = await practitioner.GetAsync(new Uri("/Capacity/Team", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
    }

    [Fact]
    public async Task An_adjustment_needs_its_fields_and_once_agreed_lowers_capacity()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        using var browser = await PageClient.SignInAsync(app, team.Supervisor);
        var url = $"/Capacity/Adjustment?userName={team.Practitioner.UserName}";
        var missing = await browser.PostFormAsync(url, new() { ["Kind"] = "reduction", ["Points"] = "ten", ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = await missing.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Points\"", errors, StringComparison.Ordinal);
        Assert.Contains("Enter the reason for the adjustment", errors, StringComparison.Ordinal);

        var saved = await browser.PostFormAsync(url, new()
        {
            ["Kind"] = "responsibility", ["Percent"] = "10", ["Reason"] = "Practice educator", ["AgreedBy"] = team.Supervisor.UserName,
            ["FromDay"] = "23", ["FromMonth"] = "11", ["FromYear"] = "2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await (await browser.GetAsync(saved.Headers.Location!)).Content.ReadAsStringAsync();
        Assert.Contains("Practice educator", page, StringComparison.Ordinal);
        Assert.Contains("4 of 81 points", page, StringComparison.Ordinal);

        using var practitioner = await PageClient.SignInAsync(app, team.Practitioner);
        var forbidden = await practitioner.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
    }

    [Fact]
    public async Task Settings_are_saved_with_a_reason_and_a_stale_form_is_refused()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        using var browser = await PageClient.SignInAsync(app, team.Supervisor);
        var url = $"/Capacity/Settings?userName={team.Practitioner.UserName}";
        var noReason = await browser.PostFormAsync(url, new() { ["Fte"] = "0.5", ["NewlyQualified"] = "false", ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Enter why the capacity settings are changing", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await browser.PostFormAsync(url, new() { ["Fte"] = "0.5", ["NewlyQualified"] = "false", ["Reason"] = "Phased return after illness" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<PractitionerCapacity>().SingleAsync(s => s.UserId == team.Practitioner.Id));
        Assert.Equal(0.5m, stored.Fte);
        Assert.Equal("Phased return after illness", stored.Reason);

        var stale = await browser.PostFormAsync(url, new() { ["Fte"] = "0.6", ["NewlyQualified"] = "false", ["Reason"] = "Back up a day", ["Version"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Someone else changed these settings", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0.5m, await app.WithDbAsync(db => db.Set<PractitionerCapacity>().Where(s => s.UserId == team.Practitioner.Id).Select(s => s.Fte).SingleAsync()));
    }

    [Fact]
    public async Task Complexity_is_assessed_on_the_case_page_with_a_reason()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        using var browser = await PageClient.SignInAsync(app, team.Practitioner);
        var detail = await (await browser.GetAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Not assessed (counts as medium)", detail, StringComparison.Ordinal);
        var url = $"/Cases/{team.CaseId}/Complexity";
        var noReason = await browser.PostFormAsync(url, new() { ["Complexity"] = "high" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("href=\"#ComplexityReason\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await browser.PostFormAsync(url, new() { ["Complexity"] = "high", ["ComplexityReason"] = "Three agencies now involved" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await (await browser.GetAsync(new Uri($"/Cases/{team.CaseId}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Complexity history", after, StringComparison.Ordinal);
        Assert.Contains("Three agencies now involved", after, StringComparison.Ordinal);
        Assert.Equal(Complexity.High, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).Select(c => c.Complexity).SingleAsync()));
    }

    [Fact]
    public async Task Opening_a_case_records_its_complexity()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var person = await (await app.ClientForAsync(practitioner)).CreatePersonAsync("Sky", "Marsh");
        using var browser = await PageClient.SignInAsync(app, practitioner);
        var opened = await browser.PostFormAsync($"/Cases/Open?PersonId={person}", new() { ["Service"] = "send", ["Risk"] = "green", ["Complexity"] = "low", ["AllocatedTo"] = practitioner.UserName });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(Complexity.Low, await app.WithDbAsync(db => db.Cases.Where(c => c.PersonId == person).Select(c => c.Complexity).SingleAsync()));
    }

    [Fact]
    public async Task A_service_manager_saves_the_scheme_as_a_version_with_its_reason_and_only_within_its_ranges()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager);
        using var browser = await PageClient.SignInAsync(app, manager);
        var tooHeavy = SchemeForm("Trying a heavier weight");
        tooHeavy["Cells[early-help_very-high]"] = "50";
        var refused = await browser.PostFormAsync("/Capacity/Scheme", tooHeavy);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("href=\"#points-early-help-very-high\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noReason = await browser.PostFormAsync("/Capacity/Scheme", SchemeForm(""));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var saved = await browser.PostFormAsync("/Capacity/Scheme", SchemeForm("Annual review of the weighting scheme: no change"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var version = await app.WithDbAsync(db => db.Set<WeightingSchemeVersion>().OrderByDescending(v => v.Id).FirstAsync(v => v.ChangedByName == manager.UserName));
        Assert.Equal("Annual review of the weighting scheme: no change", version.Reason);
        var stored = WeightingSettings.FromJson(version.Json)!;
        Assert.All(Services.Titles.Keys, s => Assert.All(ComplexityCodes.All, c => Assert.Equal(WeightingScheme.Default.PointsFor(s, c), stored.PointsFor(s, c))));
        Assert.All(WeightingScheme.Numbers, n => Assert.Equal(n.Get(WeightingScheme.Default), n.Get(stored)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == manager.UserName && e.Action == "capacity.scheme-changed")));

        using var supervisor = await PageClient.SignInAsync(app, (await app.CreateTeamAsync()).Supervisor);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.GetAsync(new Uri("/Capacity/Scheme", UriKind.Relative))).StatusCode);
    }
}

public sealed class CapacityPagesTests_Sqlite(SqliteApp app) : CapacityPagesTests(app);

public sealed class CapacityPagesTests_Postgres(PostgresApp app) : CapacityPagesTests(app);
