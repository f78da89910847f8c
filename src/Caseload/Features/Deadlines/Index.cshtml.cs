using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Deadlines;

[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(DeadlineService deadlines, CurrentUserAccessor users, AuditTrail audit) : PageModel
{
    public IReadOnlyList<MyDeadline> Items { get; private set; } = [];
    public int Overdue => Items.Count(i => i.View.State.Status == DeadlineStatus.Overdue);
    public int DueSoon => Items.Count(i => i.View.State.Status is DeadlineStatus.DueToday or DeadlineStatus.DueSoon);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        Items = await deadlines.MineAsync(user, ct);
        await audit.RecordListAsync(user, AuditActions.CaseListed, Items.Select(i => i.CaseId), ct);
    }
}
