using Caseload.Features.Cases;
using Caseload.Features.Plans;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.Plans;

public sealed class PlanApprovalRulesTests
{
    private static PlanApprovalPolicy Configured(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddPlans();
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<PlanApprovalPolicy>();
    }

    [Fact]
    public void By_default_childrens_social_care_and_early_help_plans_need_approval_and_the_others_do_not()
    {
        var policy = Configured();
        Assert.True(policy.RequiresApproval(Services.ChildrensSocialCare));
        Assert.True(policy.RequiresApproval(Services.EarlyHelp));
        Assert.False(policy.RequiresApproval(Services.Send));
        Assert.False(policy.RequiresApproval(Services.YouthSupport));
    }

    [Fact]
    public void Configuration_names_the_services_whose_plans_need_approval()
    {
        var policy = Configured(("Plans:ApprovalRequiredFor:0", Services.Send));
        Assert.True(policy.RequiresApproval(Services.Send));
        Assert.False(policy.RequiresApproval(Services.EarlyHelp));
    }

    [Theory]
    // version, approval, the version in force, the newest version → status
    [InlineData(1, null, 1, 1, PlanStatusCodes.InForce)]
    [InlineData(1, null, 2, 2, PlanStatusCodes.Superseded)]
    [InlineData(2, PlanApproval.Approved, 2, 3, PlanStatusCodes.InForce)]
    [InlineData(3, PlanApproval.Pending, 2, 3, PlanStatusCodes.AwaitingApproval)]
    [InlineData(3, PlanApproval.Pending, 2, 4, PlanStatusCodes.Superseded)]
    [InlineData(1, PlanApproval.Pending, null, 1, PlanStatusCodes.AwaitingApproval)]
    [InlineData(3, PlanApproval.Returned, 2, 3, PlanStatusCodes.Returned)]
    [InlineData(3, PlanApproval.Returned, 4, 4, PlanStatusCodes.Returned)]
    [InlineData(1, PlanApproval.Approved, 2, 2, PlanStatusCodes.Superseded)]
    public void Each_version_has_its_status_among_the_cases_versions(int version, PlanApproval? approval, int? inForce, int latest, string expected) =>
        Assert.Equal(expected, PlanApprovalRules.StatusOf(approval, version, inForce, latest));

    [Fact]
    public void Only_a_plan_needing_no_approval_or_approved_may_be_in_force()
    {
        Assert.True(PlanApprovalRules.IsEffective(null));
        Assert.True(PlanApprovalRules.IsEffective(PlanApproval.Approved));
        Assert.False(PlanApprovalRules.IsEffective(PlanApproval.Pending));
        Assert.False(PlanApprovalRules.IsEffective(PlanApproval.Returned));
    }

    [Fact]
    public void A_supervisor_of_the_case_who_did_not_agree_the_plan_decides_it()
    {
        Assert.Null(PlanApprovalRules.WhyMayNotDecide(isSupervisorOfCase: true, isAuthor: false));
        Assert.Contains("other than the person who agreed it", PlanApprovalRules.WhyMayNotDecide(isSupervisorOfCase: true, isAuthor: true), StringComparison.Ordinal);
        Assert.Contains("Only a supervisor", PlanApprovalRules.WhyMayNotDecide(isSupervisorOfCase: false, isAuthor: false), StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_needs_a_comment_and_a_decision_must_say_which()
    {
        Assert.Empty(PlanApprovalRules.ValidateDecision(true, null));
        Assert.Equal(["comment"], PlanApprovalRules.ValidateDecision(false, "  ").Keys);
        Assert.Empty(PlanApprovalRules.ValidateDecision(false, "Add a goal about sleep"));
        Assert.Equal(["approve"], PlanApprovalRules.ValidateDecision(null, null).Keys);
        Assert.Equal(["comment"], PlanApprovalRules.ValidateDecision(true, new string('x', PlanApprovalRules.CommentLength + 1)).Keys);
    }
}
