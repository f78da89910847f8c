using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.BreakGlass;

/// <summary>An emergency opening of one of the reader's cases: whose case, who opened it, when, why, and the DPO's review.</summary>
public sealed record EmergencyAccessNotice(Guid CaseId, string PersonName, string OpenedBy, string Reason, DateTimeOffset GrantedAt, bool? Appropriate, bool Reviewed);

/// <summary>
/// On a practitioner's worklist and a supervisor's team page: the cases of theirs that someone else opened by emergency access
/// (break-glass) in the last <see cref="Days"/> days, so the people who hold a case learn of it without having to open it. A
/// practitioner sees the cases they hold; a supervisor the cases they may see (their teams'). The cases named are recorded as
/// shown, with the page's own list view.
/// </summary>
public sealed class EmergencyAccessNoticeViewComponent(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit, TimeProvider clock) : ViewComponent
{
    public const int Days = 14;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await users.GetAsync(ct);
        IQueryable<Guid> theirs;
        if (user.IsInRole(Roles.Practitioner)) theirs = db.CaseIdsHeldBy(user.Id);
        else if (user.IsInRole(Roles.Supervisor)) theirs = db.VisibleCases(user).Select(c => c.Id);
        else return Content("");

        var since = clock.GetUtcNow().AddDays(-Days);
        var notices = await (from g in db.Set<BreakGlassGrant>().AsNoTracking()
                             join c in db.Cases on g.CaseId equals c.Id
                             where g.GrantedAt >= since && g.UserId != user.Id && theirs.Contains(g.CaseId)
                             orderby g.GrantedAt descending
                             select new EmergencyAccessNotice(g.CaseId, c.Person.GivenName + " " + c.Person.FamilyName, g.UserDisplayName, g.Reason,
                                 g.GrantedAt, g.Appropriate, g.ReviewedAt != null))
            .Take(20).ToListAsync(ct);
        if (notices.Count == 0) return Content("");
        await audit.RecordListAsync(user, AuditActions.BreakGlassListed, notices.Select(n => n.CaseId), ct);
        return View("/Features/DataProtection/BreakGlass/_EmergencyAccessNotice.cshtml", notices);
    }
}
