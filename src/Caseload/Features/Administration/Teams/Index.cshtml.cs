using Caseload.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Caseload.Platform.Security;

namespace Caseload.Features.Administration.Teams;

public sealed record TeamRow(int Id, string Name, string? Supervisor, string? Parent, int Members);

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(CaseloadDb db) : PageModel
{
    public IReadOnlyList<TeamRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.Teams.OrderBy(t => t.Name)
            .Select(t => new TeamRow(t.Id, t.Name, t.Supervisor != null ? t.Supervisor.DisplayName : null,
                t.ParentTeam != null ? t.ParentTeam.Name : null, db.Users.Count(u => u.TeamId == t.Id)))
            .ToListAsync(ct);
}
