using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Notes;

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("caseId")]
public sealed class StrikeThroughModel(CaseScope scope, NoteService notes, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid CaseId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid NoteId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    public CaseNote Note { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var note = await notes.ReadAsync(scope.Case, NoteId, recordView: true, ct);
        if (note is null) return NotFound();
        Note = note;
        Version = note.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var version = Version;
        var note = await notes.ReadAsync(scope.Case, NoteId, recordView: false, ct);
        if (note is null) return NotFound();
        Note = note;
        var outcome = await notes.StrikeThroughAsync(user, CaseId, NoteId, version, Reason, ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The note is struck through. It stays readable as part of the record";
                return Redirect($"/Cases/{CaseId}/Notes/{NoteId}");
            },
            stale: n =>
            {
                Version = n.Version;
                ModelState.AddModelError(nameof(Reason), "Someone else changed this note while you were working on it. Check it, then strike it through again");
            },
            rename: new Dictionary<string, string> { ["reason"] = nameof(Reason), ["status"] = nameof(Reason) }) ?? Page();

    }
}
