using Caseload.Features.Shared;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity;

/// <summary>
/// The supervisor's and service manager's team view: a heat map and table of each practitioner of their teams or services,
/// team totals, and utilisation over the last 12 weeks, narrowed to one team on request.
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class TeamModel(TeamCapacityService teams, Escalations.EscalationService escalations, CurrentUserAccessor users) : PageModel
{
    public TeamCapacityView View { get; private set; } = null!;
    public IReadOnlyList<CapacityRow> Rows => View.Rows;
    public WeightingScheme Scheme => teams.Rules.Scheme;
    public IReadOnlyList<Escalations.CapacityEscalation> OpenEscalations { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Team { get; set; }

    public IReadOnlyList<HeatRow> HeatRows => View.Rows.Select(TeamViewRules.HeatRow).ToList();

    public IReadOnlyList<string> WeekLabels => View.History.Weeks.Select(w => Caseload.Platform.Time.UkTime.FormatWithoutYear(w)).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        // One view, one audit event: the open escalations shown beside the figures are named in the view's event.
        OpenEscalations = await escalations.OpenVisibleAsync(user, ct);
        var outcome = await teams.ForTeamsAsync(user, ModelState.IsValid ? Team : null, $"open escalations shown={OpenEscalations.Count}", ct);
        if (!outcome.Succeeded) return Forbid();
        View = outcome.Value!;
        return Page();
    }
}
