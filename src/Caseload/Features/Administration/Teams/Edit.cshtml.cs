using Caseload.Data;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Administration.Teams;

public sealed record UserOption(string UserName, string DisplayName);

[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(CaseloadDb db, AdminService admin, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? SupervisorUserName { get; set; }
    [BindProperty] public int? ParentTeamId { get; set; }
    public IReadOnlyList<UserOption> Supervisors { get; private set; } = [];
    public IReadOnlyList<Team> OtherTeams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var team = await db.Teams.Include(t => t.Supervisor).SingleOrDefaultAsync(t => t.Id == id, ct);
            if (team is null) return NotFound();
            Name = team.Name;
            SupervisorUserName = team.Supervisor?.UserName;
            ParentTeamId = team.ParentTeamId;
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await admin.SaveTeamAsync(await users.GetAsync(ct), Id, new TeamForm(Name, SupervisorUserName, ParentTeamId), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Succeeded)
        {
            TempData["Success"] = $"{outcome.Value!.Name} is saved";
            return Redirect("/Admin/Teams");
        }

        ModelState.AddErrors(outcome.Errors);
        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        var supervisorRole = await db.Roles.Where(r => r.Name == Roles.Supervisor).Select(r => r.Id).SingleAsync(ct);
        Supervisors = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == supervisorRole))
            .OrderBy(u => u.DisplayName).Select(u => new UserOption(u.UserName!, u.DisplayName)).ToListAsync(ct);
        OtherTeams = await db.Teams.Where(t => t.Id != Id).OrderBy(t => t.Name).ToListAsync(ct);
    }
}
