using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.People;

[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(PeopleService people, CurrentUserAccessor users) : PageModel
{
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public string? Day { get; set; }
    [BindProperty] public string? Month { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? Ethnicity { get; set; }
    [BindProperty] public string? Postcode { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DateOnly? dob = null;
        if (GovDate.TryParse(Day, Month, Year, out var date)) dob = date;
        // Empty: the service says "Enter a date of birth".
        else if (!GovDate.IsEmpty(Day, Month, Year)) ModelState.AddModelError("DateOfBirth", "Date of birth must be a real date, like 27 3 2012");

        var outcome = await people.CreateAsync(await users.GetAsync(ct), new NewPerson(GivenName, FamilyName, dob, Selected, new PersonDetailsInput(Sex, Ethnicity, Postcode)), ct);
        if (!ModelState.IsValid || !outcome.Succeeded)
        {
            var errors = outcome.Errors.Where(e => !(e.Key == "dateOfBirth" && ModelState.ContainsKey("DateOfBirth")))
                .ToDictionary(e => e.Key, e => e.Value);
            ModelState.AddErrors(errors);
            if (outcome.Succeeded) return Redirect($"/People/{outcome.Value!.Id}");
            return outcome.Kind == OutcomeKind.Forbidden ? Forbid() : Page();
        }

        TempData["Success"] = $"{outcome.Value!.FullName} is added";
        return Redirect($"/Cases/Open?personId={outcome.Value.Id}");
    }
}
