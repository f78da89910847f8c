using System.Net;
using Caseload.Features.Worklist;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Features.Worklist;

/// <summary>
/// A second app instance (its own priority settings and clock, the same database) uses weights a service manager saved on
/// another instance after its next check: at most once a minute. The saved version weighs a characteristic nobody has, so
/// no case's priority changes for other tests.
/// </summary>
public abstract class PriorityWeightsRefreshTests(CaseloadApp app)
{
    [Fact]
    public async Task Another_instance_uses_weights_saved_here_after_its_next_check_and_not_before()
    {
        var clock = new FakeTimeProvider(CaseloadApp.Start);
        var other = new PrioritySettings(new ConfigurationBuilder().Build(), app.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        await other.ReloadAsync();
        var code = $"test-{Guid.NewGuid().ToString("N")[..10]}";
        var person = PriorityInputBuilder.ACase().With(code).Build();
        var before = other.Rules.Assess(person).Score;
        Assert.False(other.Rules.Weights.Vulnerability.ContainsKey(code));

        var manager = await app.CreateUserAsync(Roles.ServiceManager);
        using var browser = await PageClient.SignInAsync(app, manager);
        var saved = await browser.PostFormAsync("/Worklist/Weights", new() { [$"Values[vulnerability.{code}]"] = "7", ["Reason"] = "A local characteristic" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await other.RefreshIfDueAsync();
        Assert.Equal(before, other.Rules.Assess(person).Score);
        clock.Advance(TimeSpan.FromSeconds(59));
        await other.RefreshIfDueAsync();
        Assert.Equal(before, other.Rules.Assess(person).Score);

        clock.Advance(TimeSpan.FromSeconds(2));
        await other.RefreshIfDueAsync();
        Assert.Equal(7, other.Rules.Weights.Vulnerability[code]);
        Assert.Equal(before + 7, other.Rules.Assess(person).Score);
    }
}

public sealed class PriorityWeightsRefreshTests_Sqlite(SqliteApp app) : PriorityWeightsRefreshTests(app);

public sealed class PriorityWeightsRefreshTests_Postgres(PostgresApp app) : PriorityWeightsRefreshTests(app);
