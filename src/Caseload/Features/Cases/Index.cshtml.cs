using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.Deadlines;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

/// <summary>"My cases" (allocated to me or where I am a co-worker), or every case the user may see.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit, DeadlineService deadlines) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    // Nullable: a missing ?status means "active", not a validation error (the page answered 400 without it).
    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "active";
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public bool Mine { get; private set; }
    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (Total + PageSize - 1) / PageSize;
    /// <summary>Overdue and due-soon deadlines on my cases: visible at a glance on the home page.</summary>
    public IReadOnlyList<MyDeadline> Urgent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        Mine = Scope switch
        {
            "mine" => true,
            "all" => false,
            _ => user.IsInRole(Roles.Practitioner),
        };
        if (Status is not ("active" or "closed" or "all")) Status = "active";
        PageNumber = Math.Max(1, PageNumber);

        var status = Status switch
        {
            "closed" => CaseListStatus.Closed,
            "all" => CaseListStatus.All,
            _ => CaseListStatus.Active,
        };
        (Rows, Total) = await MyCasesQuery.PageAsync(db, user, Mine, status, PageNumber, PageSize, ct);
        Urgent = (await deadlines.MineAsync(user, ct)).Where(m => m.NeedsAttention).ToList();
        await audit.RecordListAsync(user, AuditActions.CaseListed, Rows.Select(r => r.Id).Concat(Urgent.Select(u => u.CaseId)), ct);
    }
}
