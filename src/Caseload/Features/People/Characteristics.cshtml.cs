using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.People;

/// <summary>
/// Adds and removes characteristics with the reason. The form carries what it showed, so only what the user changed is
/// applied: a colleague's change made meanwhile to another characteristic is kept, not overwritten.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[PersonScope("id")]
public sealed class CharacteristicsModel(PeopleService people, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty] public List<string> Shown { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await people.GetAsync(await users.GetAsync(ct), Id, ct);
        if (person is null) return NotFound();
        PersonName = person.FullName;
        Selected = Shown = person.Characteristics.Select(c => c.Code).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var person = await people.GetAsync(user, Id, ct);
        if (person is null) return NotFound();
        PersonName = person.FullName;
        var add = Selected.Except(Shown, StringComparer.Ordinal).ToList();
        var remove = Shown.Except(Selected, StringComparer.Ordinal).ToList();
        var outcome = await people.ChangeCharacteristicsAsync(user, Id, add, remove, Reason, ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The characteristics are saved; the person's cases are re-prioritised";
                return Redirect($"/People/{Id}");
            },
            rename: new Dictionary<string, string> { ["add"] = nameof(Selected), ["remove"] = nameof(Selected), ["reason"] = nameof(Reason) }) ?? Page();

    }
}
