using System.Net;
using Caseload.Features.Worklist;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Worklist;

/// <summary>
/// Weights are versioned, audited and refused when unsafe. Weights are global to the shared test host, so these tests
/// only ever save values equal to the ones in force.
/// </summary>
public abstract class PriorityWeightsPageTests(CaseloadApp app)
{
    [Fact]
    public async Task Unsafe_weights_are_refused_and_nothing_is_saved()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager);
        using var browser = await PageClient.SignInAsync(app, manager);
        var before = await app.WithDbAsync(db => db.Set<PriorityWeightsVersion>().CountAsync());
        var response = await browser.PostFormAsync("/Worklist/Weights", new() { ["Values[riskRed]"] = "10", ["Reason"] = "Trying a lower red" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("govuk-error-summary", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<PriorityWeightsVersion>().CountAsync()));
        var unknown = await browser.PostFormAsync("/Worklist/Weights", new() { ["Values[luck]"] = "5", ["Reason"] = "A typo" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("luck is not a priority weight", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_version_keeps_the_reason_and_is_audited()
    {
        var manager = await app.CreateUserAsync(Roles.ServiceManager);
        using var browser = await PageClient.SignInAsync(app, manager);
        var response = await browser.PostFormAsync("/Worklist/Weights", new() { ["Values[riskRed]"] = "100", ["Reason"] = "Annual review of the weights: no change" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var version = await app.WithDbAsync(db => db.Set<PriorityWeightsVersion>().OrderByDescending(v => v.Id).FirstAsync(v => v.ChangedByName == manager.UserName));
        Assert.Equal("Annual review of the weights: no change", version.Reason);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == manager.UserName && e.Action == "priority.weights-changed")));
    }

    [Fact]
    public async Task Only_service_managers_change_the_weights()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        using var browser = await PageClient.SignInAsync(app, practitioner);
        var response = await browser.GetAsync("/Worklist/Weights");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class PriorityWeightsPageTests_Sqlite(SqliteApp app) : PriorityWeightsPageTests(app);

public sealed class PriorityWeightsPageTests_Postgres(PostgresApp app) : PriorityWeightsPageTests(app);
