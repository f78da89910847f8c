using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Notes;

/// <summary>One note with every version, newest first; superseded versions and a strike-through stay readable.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("caseId")]
public sealed class NoteModel(CaseScope scope, CaseService cases, NoteService notes, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid CaseId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid NoteId { get; set; }
    public Case Case { get; private set; } = null!;
    public CaseNote Note { get; private set; } = null!;
    public bool CanAmend { get; private set; }
    public bool HasAmendmentDraft { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await cases.ReadAsync(scope.Case, ct);
        var note = await notes.ReadAsync(scope.Case, NoteId, recordView: HttpMethods.IsGet(Request.Method), ct);
        if (note is null) return NotFound();
        (Case, Note) = (found, note);
        CanAmend = !note.IsStruckThrough && NotePermissions.CanAmend(user, note, found);
        HasAmendmentDraft = CanAmend && await notes.GetAmendmentDraftAsync(user, CaseId, NoteId, ct) is not null;
        return Page();
    }
}
