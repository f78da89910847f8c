using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.People;

/// <summary>
/// Changes a person's sex, ethnicity and postcode. The form carries the version it showed: when someone changed the person
/// meanwhile, it shows what they recorded and asks again rather than overwriting it.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[PersonScope("id")]
public sealed class DetailsModel(PeopleService people, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? Ethnicity { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await people.GetAsync(await users.GetAsync(ct), Id, ct);
        if (person is null) return NotFound();
        Show(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var person = await people.GetAsync(user, Id, ct);
        if (person is null) return NotFound();
        PersonName = person.FullName;
        // A form posts every field: an empty one clears what is recorded.
        var outcome = await people.ChangeDetailsAsync(user, Id, Version, new PersonDetailsInput(Sex ?? "", Ethnicity ?? "", Postcode ?? ""), ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The person's details are saved";
                return Redirect($"/People/{Id}");
            },
            stale: current =>
            {
                Show(current);
                ModelState.Clear();
                ModelState.AddModelError(string.Empty, "Someone else changed these details while you were working on them. Check what is recorded now and save again");
            }) ?? Page();
    }

    private void Show(Person person)
    {
        PersonName = person.FullName;
        Version = person.Version;
        Sex = person.Sex;
        Ethnicity = person.Ethnicity;
        Postcode = person.Postcode;
    }
}
