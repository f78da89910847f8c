using Caseload.Features.Tasks;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity.Escalations;

/// <summary>The owner of an action agreed in answer to a capacity escalation records that it was done or not done, and what came of it.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class ActionOutcomeModel(EscalationService escalations, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public int Version { get; set; }
    public EscalationAction Action { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var action = await escalations.OwnActionAsync(await users.GetAsync(ct), Id, ct);
        if (action is null) return NotFound();
        Action = action;
        Version = action.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var version = Version;
        var action = await escalations.OwnActionAsync(user, Id, ct);
        if (action is null) return NotFound();
        Action = action;
        ViewData["ErrorOrder"] = new[] { nameof(Status), nameof(Outcome) };
        if (!CaseTaskStatusCodes.TryParseClosed(Status, out var status))
        {
            ModelState.AddModelError(nameof(Status), "Select whether the action was done");
            return Page();
        }

        var outcome = await escalations.CloseActionAsync(user, Id, version, status, Outcome, ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = status == CaseTaskStatus.Done ? "The action is recorded as done" : "The action is recorded as not done";
                return Redirect("/Tasks#escalation-actions");
            },
            stale: a =>
            {
                Version = a.Version;
                ModelState.AddModelError(nameof(Status), "Someone else changed this action while you were working on it. Check it and save again");
            }) ?? Page();
    }
}
