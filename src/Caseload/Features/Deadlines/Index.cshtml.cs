using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Deadlines;

/// <summary>Open deadlines on my cases; a supervisor or service manager may switch to those of the teams they look after (?Scope=team).</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(DeadlineService deadlines, CurrentUserAccessor users, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    public bool Team { get; private set; }
    public bool OffersTeam { get; private set; }
    public IReadOnlyList<MyDeadline> Items { get; private set; } = [];
    /// <summary>Restricted cases of the team with an open deadline that the user may not see: counted, never listed.</summary>
    public int RestrictedUnseen { get; private set; }
    public int Overdue => Items.Count(i => i.View.State.Status == DeadlineStatus.Overdue);
    public int DueSoon => Items.Count(i => i.View.State.Status is DeadlineStatus.DueToday or DeadlineStatus.DueSoon);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        OffersTeam = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ServiceManager);
        if (OffersTeam && string.Equals(Scope, "team", StringComparison.OrdinalIgnoreCase))
        {
            Team = true;
            (Items, RestrictedUnseen) = await deadlines.OfTeamsAsync(user, ct);
        }
        else
        {
            Items = await deadlines.MineAsync(user, ct);
        }

        await audit.RecordListAsync(user, AuditActions.CaseListed, Items.Select(i => i.CaseId), ct);
    }
}
