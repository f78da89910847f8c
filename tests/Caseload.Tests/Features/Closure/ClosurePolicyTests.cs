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

    /// <summary>
    /// The settings the app ships with (its appsettings.json, and appsettings.Production.json should one be added), read from
    /// the app's own folder as a production start-up reads them: they leave approval on for children's social care and early
    /// help. (The test host configures its own list; this is what an authority gets.)
    /// </summary>
    [Fact]
    public void As_shipped_childrens_social_care_and_early_help_need_approval()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Caseload.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var app = Path.Combine(root.FullName, "src", "Caseload");
        Assert.True(File.Exists(Path.Combine(app, "appsettings.json")));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = app, EnvironmentName = "Production" });
        builder.AddClosure();
        using var provider = builder.Services.BuildServiceProvider();
        var policy = provider.GetRequiredService<ClosurePolicy>();
        Assert.Equal(new[] { Services.ChildrensSocialCare, Services.EarlyHelp }.Order(StringComparer.Ordinal), policy.ApprovalRequiredFor.Order(StringComparer.Ordinal));
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
