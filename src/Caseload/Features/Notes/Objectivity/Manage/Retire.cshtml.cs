using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Notes.Objectivity.Manage;

/// <summary>Retires an administrator's rule, or switches a built-in rule off or on: one reasoned change of state.</summary>
public abstract class RuleStateModel(ObjectivityRuleService rules, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    public ObjectivityRuleView Rule { get; private set; } = null!;
    public IReadOnlyList<ObjectivityRuleVersion> History { get; private set; } = [];

    protected abstract bool Applies(ObjectivityRuleView rule);

    protected abstract Task<Outcome<ObjectivityRuleView>> ChangeAsync(ObjectivityRuleService rules, CurrentUser user, CancellationToken ct);

    protected abstract string Done(ObjectivityRuleView rule);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Version = Rule.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var outcome = await ChangeAsync(rules, await users.GetAsync(ct), ct);
        var answer = this.Answer(outcome,
            ok: r =>
            {
                TempData["Success"] = Done(r);
                return Redirect("/Admin/ObjectivityRules");
            },
            stale: r =>
            {
                Version = r.Version;
                ModelState.AddModelError(nameof(Reason), "Another administrator changed this rule while you were looking at it. Check its state, then try again");
            },
            rename: new Dictionary<string, string> { ["state"] = nameof(Reason), ["id"] = nameof(Reason) });
        if (answer is not null) return answer;


        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var rule = await rules.GetAsync(Id, ct);
        if (rule is null || !Applies(rule)) return false;
        Rule = rule;
        History = await rules.HistoryAsync(Id, ct);
        return true;
    }
}

[Authorize(Policy = Policies.Administer)]
public sealed class RetireModel(ObjectivityRuleService rules, CurrentUserAccessor users) : RuleStateModel(rules, users)
{
    protected override bool Applies(ObjectivityRuleView rule) => !rule.BuiltIn;

    protected override Task<Outcome<ObjectivityRuleView>> ChangeAsync(ObjectivityRuleService rules, CurrentUser user, CancellationToken ct) =>
        rules.RetireAsync(user, Id, Version, Reason, ct);

    protected override string Done(ObjectivityRuleView rule) => $"Rule {rule.Id} is retired and no longer flags anything";
}
