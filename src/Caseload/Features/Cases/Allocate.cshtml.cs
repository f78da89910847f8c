using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

public sealed record PractitionerOption(string UserName, string DisplayName, string Team, int OpenCases);

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class AllocateModel(CaseScope scope, CaseService cases, CurrentUserAccessor users, AllocationService allocation) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? AllocatedTo { get; set; }
    [BindProperty] public string? OverCapacityRationale { get; set; }
    [BindProperty] public int Version { get; set; }
    public string PersonName { get; private set; } = "";
    /// <summary>The practitioners the user may allocate to, ranked by headroom after allocation; null for a closed case.</summary>
    public AllocationOptionsView? Options { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var refused = await LoadOptionsAsync(ct);
        if (refused is not null) return refused;
        Version = Options?.Case.Version ?? scope.Case.Version;
        AllocatedTo = Options?.Case.AllocatedTo;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = await cases.AllocateAsync(user, Id, Version, AllocatedTo, OverCapacityRationale, ct);
        var answer = this.Answer(outcome,
            ok: c =>
            {
                TempData["Success"] = $"The case is allocated to {c.AllocatedTo?.DisplayName}";
                return Redirect($"/Cases/{Id}");
            },
            stale: c =>
            {
                Version = c.Version;
                ModelState.AddModelError(nameof(AllocatedTo), "Someone else changed this case while you were working on it. Check who holds it now and allocate again");
            },
            rename: new Dictionary<string, string> { ["status"] = nameof(AllocatedTo) });
        if (answer is not null) return answer;

        var refused = await LoadOptionsAsync(ct);
        return refused ?? Page();
    }

    private async Task<IActionResult?> LoadOptionsAsync(CancellationToken ct)
    {
        PersonName = scope.Case.PersonName;
        var outcome = await allocation.OptionsAsync(await users.GetAsync(ct), scope.Case, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                Options = outcome.Value;
                return null;
            case OutcomeKind.Invalid:
                // A closed case has nobody to allocate to: say why on the form.
                if (!ModelState.ContainsKey(nameof(AllocatedTo))) ModelState.AddErrors(outcome.Errors, new Dictionary<string, string> { ["status"] = nameof(AllocatedTo) });
                return null;
            case OutcomeKind.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    /// <summary>Practitioners a user may allocate to, with their open caseload so the choice is informed.</summary>
    public static async Task<IReadOnlyList<PractitionerOption>> AllocatablePractitionersAsync(CaseloadDb db, CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var practitionerRoles = await db.Roles.Where(r => r.Name == Roles.Practitioner || r.Name == Roles.Supervisor).Select(r => r.Id).ToListAsync(ct);
        var teams = user.SupervisedTeamIds;
        var everyone = user.IsInRole(Roles.ServiceManager);
        var selfId = user.Id;
        return await db.Users
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && practitionerRoles.Contains(ur.RoleId)))
            .Where(u => everyone || u.Id == selfId || (u.TeamId != null && teams.Contains(u.TeamId.Value)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new PractitionerOption(u.UserName!, u.DisplayName, u.Team != null ? u.Team.Name : "No team",
                db.Cases.Count(c => c.AllocatedToId == u.Id && c.Status != CaseStatus.Closed)))
            .ToListAsync(ct);
    }
}
