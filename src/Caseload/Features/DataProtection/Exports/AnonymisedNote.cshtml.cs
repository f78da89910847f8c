using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>One note anonymised for a portfolio or supervision, for whoever may see the note; the view is audited.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("caseId")]
public sealed class AnonymisedNoteModel(CaseScope scope, NoteAnonymiser anonymiser) : PageModel
{
    public Guid CaseId { get; private set; }
    public AnonymisedNoteDto Note { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid caseId, Guid noteId, CancellationToken ct)
    {
        CaseId = caseId;
        var note = await anonymiser.AnonymiseAsync(scope.Case, noteId, ct);
        if (note is null) return NotFound();
        Note = note;
        return Page();
    }
}
