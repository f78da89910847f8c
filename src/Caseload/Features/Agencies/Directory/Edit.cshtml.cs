using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Directory;

/// <summary>Adds an agency, or changes one: the form carries the version it was read at, so a change made meanwhile is never overwritten.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(AgencyService agencies, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? SecureEmail { get; set; }
    public string? CurrentName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id) return Page();
        var agency = await agencies.GetAsync(id, ct);
        if (agency is null) return NotFound();
        Show(agency);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var current = await agencies.GetAsync(id, ct);
            if (current is null) return NotFound();
            CurrentName = current.Name;
        }

        if (!ModelState.IsValid) return Page();
        var input = new AgencyInput(Name, Kind, Phone, Email, Address, SecureEmail);
        var user = await users.GetAsync(ct);
        var outcome = Id is { } existing ? await agencies.UpdateAsync(user, existing, Version, input, ct) : await agencies.CreateAsync(user, input, ct);
        return this.Answer(outcome,
            ok: a =>
            {
                TempData["Success"] = $"{a.Name} is {(Id is null ? "added to" : "changed in")} the directory";
                return Redirect("/Admin/Agencies");
            },
            stale: a =>
            {
                Show(a);
                ModelState.AddModelError(nameof(Name), "Someone else changed this agency while you were working on it. Their version is shown: make your change again");
            }) ?? Page();
    }

    private void Show(Agency a)
    {
        (Version, Name, Kind, Phone, Email, Address, SecureEmail, CurrentName) = (a.Version, a.Name, a.Kind, a.Phone, a.Email, a.Address, a.SecureEmail, a.Name);
        ModelState.Clear();
    }
}
