using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Drift;

/// <summary>Drifting cases: the practitioner's own; a supervisor's for each practitioner they supervise or the whole team.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(DriftService drift, CurrentUserAccessor users, CaseloadDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    public bool Team { get; private set; }
    public string Heading { get; private set; } = "My drifting cases";
    public bool ShowPractitioner { get; private set; }
    public IReadOnlyList<DriftItem> Items { get; private set; } = [];
    public IReadOnlyList<PractitionerOption> Practitioners { get; private set; } = [];
    public DriftThresholds Thresholds => drift.Thresholds;

    public DriftTableView Table => new(Items, ShowPractitioner, $"{Items.Count} drifting {(Items.Count == 1 ? "case" : "cases")}, most severe first", "drift");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var supervisor = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ServiceManager);
        if (supervisor) Practitioners = (await AllocateModel.AllocatablePractitionersAsync(db, user, ct)).Where(p => p.UserName != user.UserName).ToList();
        if (UserName == "team" && supervisor)
        {
            var teamOutcome = await drift.ForTeamsAsync(user, ct);
            if (!teamOutcome.Succeeded) return Forbid();
            (Team, UserName, ShowPractitioner, Heading, Items) = (true, null, true, "Drifting cases in your teams", teamOutcome.Value!);
            return Page();
        }

        var outcome = await drift.ForPractitionerAsync(user, UserName, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (!outcome.Succeeded) return NotFound();
        Items = outcome.Value!.Items;
        if (outcome.Value.Practitioner.Id != user.Id) Heading = $"Drifting cases of {outcome.Value.Practitioner.DisplayName}";
        return Page();
    }
}
