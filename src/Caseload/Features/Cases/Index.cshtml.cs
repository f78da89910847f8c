using Caseload.Data;
using Caseload.Features.Audit;
using Caseload.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Cases;

public sealed record CaseRow(Guid Id, Guid PersonId, string PersonName, DateOnly DateOfBirth, string Service, Risk Risk, CaseStatus Status,
    string? AllocatedTo, bool Restricted);

/// <summary>"My cases" (allocated to me or where I am a co-worker), or every case the user may see.</summary>
public sealed class IndexModel(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "active";
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public bool Mine { get; private set; }
    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (Total + PageSize - 1) / PageSize;

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

        var query = db.VisibleCases(user);
        if (Mine) query = query.Where(c => c.AllocatedToId == user.Id || c.CoWorkers.Any(w => w.UserId == user.Id));
        query = Status switch
        {
            "closed" => query.Where(c => c.Status == CaseStatus.Closed),
            "all" => query,
            _ => query.Where(c => c.Status != CaseStatus.Closed),
        };
        Total = await query.CountAsync(ct);
        Rows = await query
            .OrderByDescending(c => c.Risk).ThenBy(c => c.Person.FamilyName).ThenBy(c => c.Person.GivenName).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new CaseRow(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName, c.Person.DateOfBirth, c.Service, c.Risk,
                c.Status, c.AllocatedTo!.DisplayName, c.Restricted))
            .ToListAsync(ct);
        await audit.RecordListAsync(user, AuditActions.CaseListed, Rows.Select(r => (r.Id, r.PersonId)), ct);
    }
}
