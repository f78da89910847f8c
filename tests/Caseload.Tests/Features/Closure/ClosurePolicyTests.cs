using Caseload.Features.Cases;
using Caseload.Features.Closure;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.Closure;

public sealed class ClosurePolicyTests
{
    private static ClosurePolicy Configured(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddClosure();
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<ClosurePolicy>();
    }

    private static CurrentUser User(string role, int? team = null, params string[] managed) =>
        new("u1", "u1", "U One", new HashSet<string> { role }, team, role == Roles.Supervisor && team is { } t ? [t] : [], managed);

    [Fact]
    public void By_default_childrens_social_care_and_early_help_need_approval_and_the_others_do_not()
    {
        var policy = Configured();
        Assert.True(policy.RequiresApproval(Services.ChildrensSocialCare));
        Assert.True(policy.RequiresApproval(Services.EarlyHelp));
        Assert.False(policy.RequiresApproval(Services.Send));
        Assert.False(policy.RequiresApproval(Services.CareersIag));
        Assert.False(policy.RequiresApproval(Services.YouthSupport));
    }

    [Fact]
    public void Configuration_names_the_services_that_need_approval()
    {
        var policy = Configured(("Closure:ApprovalRequiredFor:0", Services.Send));
        Assert.True(policy.RequiresApproval(Services.Send));
        Assert.False(policy.RequiresApproval(Services.EarlyHelp));
    }

    [Fact]
    public void A_practitioner_must_ask_but_a_supervisor_of_the_team_or_a_manager_of_the_service_closes_directly()
    {
        var policy = Configured();
        var @case = new Case { Service = Services.EarlyHelp, TeamId = 7, AllocatedToId = "u1" };
        Assert.True(policy.MustRequest(User(Roles.Practitioner, 7), @case));
        Assert.False(policy.MustRequest(User(Roles.Supervisor, 7), @case));
        Assert.True(policy.MustRequest(User(Roles.Supervisor, 8), @case));
        Assert.False(policy.MustRequest(User(Roles.ServiceManager, null, Services.EarlyHelp), @case));
        Assert.False(policy.MustRequest(User(Roles.Practitioner, 7), new Case { Service = Services.Send, TeamId = 7 }));
    }
}
