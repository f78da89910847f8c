using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.People;

/// <summary>Search for a person by name, date of birth or id, from the header of every page; results show their open cases.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class SearchModel(CaseloadDb db, AuditTrail audit, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public PersonSearchResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // No q at all: the empty form. A q of only spaces binds as null, but it is a search with nothing in it.
        if (!Request.Query.ContainsKey("q")) return Page();
        if (string.IsNullOrWhiteSpace(Q)) ModelState.AddModelError(nameof(Q), "Enter a name, date of birth or id");
        else if (Q.Trim().Length > PersonSearch.MaxQueryLength) ModelState.AddModelError(nameof(Q), $"Search must be {PersonSearch.MaxQueryLength} characters or fewer");
        else if (PersonSearch.Parse(Q).IsEmpty) ModelState.AddModelError(nameof(Q), "Enter a name, date of birth or id using letters or numbers");
        if (!ModelState.IsValid) return BadRequest400();
        Result = await PersonSearch.RunAsync(db, audit, await users.GetAsync(ct), Q, ct);
        return Page();
    }

    // A GET with a bad search answers the page with its error summary and status 400, as a bad form does.
    private PageResult BadRequest400()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
