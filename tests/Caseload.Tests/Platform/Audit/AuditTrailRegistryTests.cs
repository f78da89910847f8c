using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Platform.Audit;

public sealed class AuditTrailRegistryTests(SqliteApp app)
{
    [Fact]
    public void The_trail_refuses_an_action_that_is_not_in_the_registry()
    {
        using var scope = app.Services.CreateScope();
        var trail = new AuditTrail(scope.ServiceProvider.GetRequiredService<CaseloadDb>(), new HttpContextAccessor(), TimeProvider.System);
        var user = new CurrentUser("u1", "someone", "Someone", new HashSet<string>(), null, [], []);
        Assert.Throws<ArgumentException>(() => trail.Add(user, "case.peeked", "case", null));
        Assert.Equal(AuditActions.CaseViewed, trail.Add(user, AuditActions.CaseViewed, "case", null).Action);
    }
}
