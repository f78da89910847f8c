using Caseload.Data;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Agencies.Consents;

/// <summary>Record consent: what for, which agencies, who gave it (with a note of competence under 16), how, when and its review date.</summary>
[Authorize(Policy = Policies.CaseWork)]
[PersonScope("id")]
public sealed class NewModel(CaseScope scope, ConsentService consents, AgencyService agencies, CaseloadDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public List<int> AgencyIds { get; set; } = [];
    [BindProperty] public string? GivenBy { get; set; }
    [BindProperty] public string? GivenByName { get; set; }
    [BindProperty] public string? Competence { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? GivenOnDay { get; set; }
    [BindProperty] public string? GivenOnMonth { get; set; }
    [BindProperty] public string? GivenOnYear { get; set; }
    [BindProperty] public string? ReviewOnDay { get; set; }
    [BindProperty] public string? ReviewOnMonth { get; set; }
    [BindProperty] public string? ReviewOnYear { get; set; }

    public string PersonName { get; private set; } = "";
    public DateOnly BornOn { get; private set; }
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var givenOn = ReadDate("GivenOn", GivenOnDay, GivenOnMonth, GivenOnYear, "The date consent was given");
        var reviewOn = ReadDate("ReviewOn", ReviewOnDay, ReviewOnMonth, ReviewOnYear, "The review date");
        var input = new ConsentInput(Purpose, AgencyIds, GivenBy, GivenByName, Competence, Method, givenOn, reviewOn);
        if (!ModelState.IsValid)
        {
            // Show every problem at once: the rules' errors for the fields the form itself did not refuse.
            ModelState.AddErrors(ConsentRules.Check(input, BornOn, consents.Today)
                .Where(e => ModelState[Field(e.Key)] is not { Errors.Count: > 0 }).ToDictionary(e => e.Key, e => e.Value));
            return Page();
        }

        var outcome = await consents.RecordAsync(scope.Person, input, ct);
        return this.Answer(outcome, ok: c =>
        {
            TempData["Success"] = $"Consent for {ConsentCodes.Title(ConsentCodes.Purposes, c.Purpose).ToLowerInvariant()} is recorded";
            return Redirect($"/People/{Id}#consents");
        }) ?? Page();
    }

    private static string Field(string key) => char.ToUpperInvariant(key[0]) + key[1..];

    private DateOnly? ReadDate(string field, string? day, string? month, string? year, string label)
    {
        if (GovDate.TryParse(day, month, year, out var date)) return date;
        if (!GovDate.IsEmpty(day, month, year)) ModelState.AddModelError(field, $"{label} must be a real date, like 21 11 2026");
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == scope.Person.PersonId)
            .Select(p => new { p.GivenName, p.FamilyName, p.DateOfBirth }).SingleAsync(ct);
        PersonName = $"{person.GivenName} {person.FamilyName}";
        BornOn = person.DateOfBirth;
        Agencies = await agencies.ListAsync(ct);
    }
}
