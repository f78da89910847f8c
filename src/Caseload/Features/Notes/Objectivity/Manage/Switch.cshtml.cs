using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Notes.Objectivity.Manage;

[Authorize(Policy = Policies.Administer)]
public sealed class SwitchModel(ObjectivityRuleService rules, CurrentUserAccessor users) : RuleStateModel(rules, users)
{
    public bool SwitchingOn => Rule.State == StoredRuleState.SwitchedOff;

    protected override bool Applies(ObjectivityRuleView rule) => rule.BuiltIn;

    protected override Task<Outcome<ObjectivityRuleView>> ChangeAsync(ObjectivityRuleService rules, CurrentUser user, CancellationToken ct) =>
        rules.SwitchBuiltInAsync(user, Id, on: SwitchingOn, Version, Reason, ct);

    protected override string Done(ObjectivityRuleView rule) =>
        rule.State == StoredRuleState.SwitchedOff ? $"Rule {rule.Id} is switched off" : $"Rule {rule.Id} is switched on";
}
