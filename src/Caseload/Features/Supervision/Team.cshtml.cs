using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Supervision;

public sealed record TeamMemberRow(string UserName, string DisplayName, string Team, int Open, int Red, int RestrictedUnseen = 0);

public sealed record WaitingRow(Guid Id, Guid PersonId, string PersonName, string Service, Risk Risk, DateOnly ReferredOn)
{
    /// <summary>How long it has waited, in working days, against its service's standard.</summary>
    public Drift.ReferralWait? Wait { get; init; }
}

/// <summary>
/// The supervisor's or service manager's view: every team they look after (<see cref="TeamsInView"/>) with its practitioners and
/// their load, whose supervision is due, and the referrals waiting for allocation.
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class TeamModel(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit, SupervisionService supervision, Drift.DriftService drift) : PageModel
{
    public IReadOnlyList<TeamInView> Teams { get; private set; } = [];
    public IReadOnlyList<TeamMemberRow> Practitioners { get; private set; } = [];
    public IReadOnlyList<WaitingRow> Waiting { get; private set; } = [];
    public IReadOnlyList<SupervisionDueRow> DueSupervision { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        Teams = await TeamsInView.ListAsync(db, user, ct);
        var teams = Teams.Select(t => t.Id).ToList();
        var visible = db.VisibleCases(user);
        var userId = user.Id;
        var members = await db.Users
            .Where(u => u.IsActive && u.TeamId != null && teams.Contains(u.TeamId.Value) && u.Id != userId)
            .OrderBy(u => u.Team!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new { u.Id, UserName = u.UserName!, u.DisplayName, Team = u.Team!.Name })
            .ToListAsync(ct);
        // Open cases counted as the reader may see them, and the restricted ones they may not counted apart (never named), so
        // that the practitioner's total agrees with what the practitioner holds. Counted for everyone at once, grouped by holder:
        // asked of each practitioner in turn, a service manager's page (every team of their services, 1,500 practitioners at an
        // authority's scale) took seconds.
        var ids = members.Select(m => m.Id).ToList();
        var open = ids.Count == 0 ? [] : await visible
            .Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null && ids.Contains(c.AllocatedToId))
            .GroupBy(c => c.AllocatedToId!)
            .Select(g => new { Holder = g.Key, Open = g.Count(), Red = g.Count(c => c.Risk == Risk.Red) })
            .ToListAsync(ct);
        var restricted = ids.Count == 0 ? [] : await db.Cases
            .Where(c => c.Status != CaseStatus.Closed && c.Restricted && c.AllocatedToId != null && ids.Contains(c.AllocatedToId))
            .Select(c => new { c.Id, Holder = c.AllocatedToId! })
            .ToListAsync(ct);
        var restrictedIds = restricted.Select(r => r.Id).ToList();
        var seen = restrictedIds.Count == 0 ? [] : (await visible.Where(c => restrictedIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var openBy = open.ToDictionary(o => o.Holder, StringComparer.Ordinal);
        var unseenBy = restricted.Where(r => !seen.Contains(r.Id)).GroupBy(r => r.Holder, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Practitioners = members.Select(m =>
            {
                var held = openBy.GetValueOrDefault(m.Id);
                return new TeamMemberRow(m.UserName, m.DisplayName, m.Team, held?.Open ?? 0, held?.Red ?? 0, unseenBy.GetValueOrDefault(m.Id));
            })
            .ToList();
        // Oldest first within risk: waiting longest matters, but never above a higher risk.
        Waiting = await visible.Where(c => c.Status == CaseStatus.Referred)
            .OrderByDescending(c => c.Risk).ThenBy(c => c.ReferredOn)
            .Take(200)
            .Select(c => new WaitingRow(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName, c.Service, c.Risk, c.ReferredOn))
            .ToListAsync(ct);
        var waits = await drift.ReferralWaitsAsync(Waiting.Select(w => (w.Service, w.ReferredOn)).ToList(), ct);
        Waiting = Waiting.Select((w, i) => w with { Wait = waits[i] }).ToList();
        await audit.RecordListAsync(user, AuditActions.CaseListed, Waiting.Select(w => w.Id), ct);
        DueSupervision = await supervision.DueForTeamsAsync(user, ct);
    }
}
