using System.Net.Http.Json;
using Caseload.Features.Notes;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Features.Notes.Objectivity.Manage;

/// <summary>
/// A second app instance (its own rules in force and clock, the same database) uses a rule an administrator added on
/// another instance after its next check: at most once a minute. The rule is for an invented word, so other tests are unaffected.
/// </summary>
public abstract class ObjectivityRulesRefreshTests(CaseloadApp app)
{
    [Fact]
    public async Task Another_instance_uses_a_new_rule_after_its_next_check_and_not_before()
    {
        var clock = new FakeTimeProvider(CaseloadApp.Start);
        using var other = new ObjectivityRulesInForce(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<ObjectivityRulesInForce>.Instance, clock);
        await other.ReloadAsync();
        var word = "zr" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'y');
        var sentence = $"She was {word} at the review.";
        Assert.Empty(other.Check.Check(sentence));

        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Administrator));
        (await admin.PostAsJsonAsync("/api/v1/admin/objectivity-rules", new
        {
            category = "judgement", phrases = new[] { word }, message = "A local label.", suggestion = "Record what was said or done.", reason = "Label heard in a team meeting",
        })).EnsureSuccessStatusCode();

        await other.RefreshIfDueAsync();
        Assert.Empty(other.Check.Check(sentence));
        clock.Advance(TimeSpan.FromSeconds(59));
        await other.RefreshIfDueAsync();
        Assert.Empty(other.Check.Check(sentence));

        clock.Advance(TimeSpan.FromSeconds(2));
        await other.RefreshIfDueAsync();
        var finding = Assert.Single(other.Check.Check(sentence));
        Assert.Equal((8, word.Length), (finding.Start, finding.Length));
    }
}

public sealed class ObjectivityRulesRefreshTests_Sqlite(SqliteApp app) : ObjectivityRulesRefreshTests(app);

public sealed class ObjectivityRulesRefreshTests_Postgres(PostgresApp app) : ObjectivityRulesRefreshTests(app);
