using Caseload.Features.Notes.Search;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Notes;

/// <summary>Full-text search of the notes of every case the user may see.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class SearchModel(NoteSearch search, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public NoteSearchResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Q is null) return Page();
        var query = SearchQuery.Parse(Q);
        if (query.IsEmpty) ModelState.AddModelError(nameof(Q), "Enter words to search for");
        else if (Q.Length > 500) ModelState.AddModelError(nameof(Q), "Search words must be 500 characters or fewer");
        if (!ModelState.IsValid) return Page();
        Result = await search.SearchAsync(await users.GetAsync(ct), query, 20, ct);
        return Page();
    }
}
