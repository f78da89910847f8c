using Caseload.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Administration.Users;

/// <summary>The fields a new and an existing user share.</summary>
public abstract class UserFormModel(CaseloadDb db) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public int? TeamId { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public List<string> ManagedServices { get; set; } = [];
    // No default: a form that does not say whether the account is active is an error, never a silent "active".
    [BindProperty] public bool? IsActive { get; set; }
    public IReadOnlyList<Team> Teams { get; private set; } = [];

    protected async Task LoadTeamsAsync(CancellationToken ct) => Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
}
