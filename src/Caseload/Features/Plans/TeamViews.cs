using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Plans;

/// <summary>
/// For the supervisor's Team page: the plans awaiting this user's approval, oldest first. The cases shown join the page's one
/// list event.
/// </summary>
public sealed class PlansAwaitingViewComponent(PlanService plans, CurrentUserAccessor users, AuditTrail audit) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.GetAsync(ct);
        var rows = await plans.AwaitingApprovalAsync(user, ct);
        await audit.RecordListAsync(user, AuditActions.CaseListed, rows.Select(r => r.CaseId), ct);
        return View("/Features/Plans/_PlansAwaiting.cshtml", rows);
    }
}

/// <summary>Feedback from a family on a case of the supervisor's teams, for the Team page.</summary>
public sealed record TeamFeedbackRow(Guid CaseId, string PersonName, string Practitioner, DateOnly ReceivedOn, string From, string Method, int Rating,
    string? Helped, string? CouldBeBetter);

/// <summary>
/// For the supervisor's Team page: the newest feedback from the families of their teams' cases (the cases they may see whose
/// team they supervise, or whose service they manage). The cases shown join the page's one list event.
/// </summary>
public sealed class TeamFeedbackViewComponent(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit) : ViewComponent
{
    public const int Shown = 20;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.GetAsync(ct);
        var teams = user.IsInRole(Roles.Supervisor) ? user.SupervisedTeamIds.ToArray() : [];
        var services = user.IsInRole(Roles.ServiceManager) ? user.ManagedServices.ToArray() : [];
        IReadOnlyList<TeamFeedbackRow> rows = [];
        if (teams.Length > 0 || services.Length > 0)
        {
            rows = await (from f in db.Set<CaseFeedback>()
                          join c in db.VisibleCases(user) on f.CaseId equals c.Id
                          where (c.TeamId != null && teams.Contains(c.TeamId.Value)) || services.Contains(c.Service)
                          orderby f.ReceivedOn descending, f.RecordedAt descending
                          select new TeamFeedbackRow(c.Id, c.Person.GivenName + " " + c.Person.FamilyName,
                              c.AllocatedTo != null ? c.AllocatedTo.DisplayName : "Not allocated", f.ReceivedOn, f.From, f.Method, f.Rating, f.Helped, f.CouldBeBetter))
                .Take(Shown).ToListAsync(ct);
        }

        await audit.RecordListAsync(user, AuditActions.CaseListed, rows.Select(r => r.CaseId), ct);
        return View("/Features/Plans/_TeamFeedback.cshtml", rows);
    }
}
