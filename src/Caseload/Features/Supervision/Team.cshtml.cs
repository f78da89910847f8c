using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Supervision;

public sealed record TeamMemberRow(string UserName, string DisplayName, string Team, int Open, int Red);

public sealed record WaitingRow(Guid Id, Guid PersonId, string PersonName, string Service, Risk Risk, DateOnly ReferredOn);

/// <summary>The supervisor's view: each practitioner's load, whose supervision is due, and the referrals waiting for allocation.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class TeamModel(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit, SupervisionService supervision) : PageModel
{
    public IReadOnlyList<TeamMemberRow> Practitioners { get; private set; } = [];
    public IReadOnlyList<WaitingRow> Waiting { get; private set; } = [];
    public IReadOnlyList<SupervisionDueRow> DueSupervision { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var teams = user.SupervisedTeamIds;
        var visible = db.VisibleCases(user);
        Practitioners = await db.Users
            .Where(u => u.IsActive && u.TeamId != null && teams.Contains(u.TeamId.Value) && u.Id != user.Id)
            .OrderBy(u => u.Team!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new TeamMemberRow(u.UserName!, u.DisplayName, u.Team!.Name,
                visible.Count(c => c.AllocatedToId == u.Id && c.Status != CaseStatus.Closed),
                visible.Count(c => c.AllocatedToId == u.Id && c.Status != CaseStatus.Closed && c.Risk == Risk.Red)))
            .ToListAsync(ct);
        // Oldest first within risk: waiting longest matters, but never above a higher risk.
        Waiting = await visible.Where(c => c.Status == CaseStatus.Referred)
            .OrderByDescending(c => c.Risk).ThenBy(c => c.ReferredOn)
            .Take(200)
            .Select(c => new WaitingRow(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName, c.Service, c.Risk, c.ReferredOn))
            .ToListAsync(ct);
        await audit.RecordListAsync(user, AuditActions.CaseListed, Waiting.Select(w => w.Id), ct);
        DueSupervision = await supervision.DueForTeamsAsync(user, ct);
    }
}
