using System.Globalization;
using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Notes;

/// <summary>
/// Recording a note. Saving runs the objectivity check on the server: new findings are shown first and the note is saved
/// only once the writer has revised the words or confirmed reading them. The form is kept as a draft on the server for
/// its author (by a button, or as they type when JavaScript runs) until the note is saved.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("caseId")]
public sealed class NewModel(CaseScope scope, CaseService cases, NoteService notes, CurrentUserAccessor users, CaseloadDb db, TimeProvider clock, IOptions<NoteOptions> options,
    SessionRefresh session)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid CaseId { get; set; }
    [BindProperty] public NoteForm Form { get; set; } = new();
    public Case Case { get; private set; } = null!;
    public NoteFieldsView Fields { get; private set; } = null!;
    public DateTimeOffset? DraftSavedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        var draft = await notes.GetDraftAsync(user, CaseId, ct);
        if (draft is not null && NoteForm.FromDraftJson(draft.Content) is { } restored)
        {
            Form = restored;
            DraftSavedAt = draft.UpdatedAt;
        }
        else
        {
            var today = UkTime.Today(clock);
            Form = new NoteForm
            {
                Day = today.Day.ToString(CultureInfo.InvariantCulture),
                Month = today.Month.ToString(CultureInfo.InvariantCulture),
                Year = today.Year.ToString(CultureInfo.InvariantCulture),
            };
        }

        await FieldsAsync(user, [], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        Form.PadSteps();
        var content = Form.ToContent(ModelState, out var stepRows);
        var (findings, fingerprint, seen) = Form.Check(content, notes.Check);
        var outcome = await notes.CreateAsync(user, CaseId, content with { FindingsAcknowledged = Form.Acknowledges(seen) }, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Success"] = "The note is saved";
                return Redirect($"/Cases/{CaseId}#notes");
            case OutcomeKind.Invalid:
                Form.ShowRefusal(ModelState, outcome.Errors, stepRows, findings, fingerprint, seen);
                // Nothing typed is lost while the writer revises: the form is kept as their draft.
                await notes.SaveDraftAsync(user, CaseId, Form.ToDraftJson(), ct);
                await FieldsAsync(user, findings, ct);
                return Page();
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Forbidden:
            case OutcomeKind.Stale:
            default:
                return Forbid();
        }
    }

    /// <summary>"Add another next step": the form comes back with one more row, and is kept as the draft meanwhile.</summary>
    public Task<IActionResult> OnPostAddStepAsync(CancellationToken ct) => ChangeStepsAsync(f => f.AddStep(), ct);

    /// <summary>"Remove" beside a next step: the form comes back without that row.</summary>
    public Task<IActionResult> OnPostRemoveStepAsync(int removeStep, CancellationToken ct) => ChangeStepsAsync(f => f.RemoveStep(removeStep), ct);

    /// <summary>"Save as draft" without JavaScript.</summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        var outcome = await notes.SaveDraftAsync(await users.GetAsync(ct), CaseId, Form.ToDraftJson(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (!outcome.Succeeded) return BadRequest();
        TempData["Success"] = "Your draft is saved. Only you can see it, and it is not part of the case record until you save the note";
        return Redirect($"/Cases/{CaseId}/Notes/New");
    }

    /// <summary>Saving the draft as the writer types (JavaScript), so a session timeout or a closed tab loses nothing.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct)
    {
        var outcome = await notes.SaveDraftAsync(await users.GetAsync(ct), CaseId, Form.ToDraftJson(), ct);
        // Writing is working: the session is renewed, and the page's timeout warning is told how long it now has.
        var expiresIn = outcome.Succeeded ? await session.RefreshAsync(HttpContext) : null;
        return outcome.Kind switch
        {
            OutcomeKind.Ok => new JsonResult(new { savedAt = UkTime.ToUk(outcome.Value!.UpdatedAt).ToString("HH:mm", CultureInfo.InvariantCulture), expiresIn }),
            OutcomeKind.NotFound => NotFound(),
            _ => BadRequest(),
        };
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await notes.DiscardDraftAsync(await users.GetAsync(ct), CaseId, ct)) return NotFound();
        TempData["Success"] = "Your draft is deleted";
        return Redirect($"/Cases/{CaseId}");
    }

    private async Task<IActionResult> ChangeStepsAsync(Func<NoteForm, int?> change, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        var focus = change(Form);
        // Only the rows changed: nothing is checked yet, so no error is shown.
        ModelState.Clear();
        var draft = await notes.SaveDraftAsync(user, CaseId, Form.ToDraftJson(), ct);
        if (draft.Succeeded) DraftSavedAt = draft.Value!.UpdatedAt;
        await FieldsAsync(user, [], ct);
        Fields = Fields with { FocusStep = focus };
        return Page();
    }

    private async Task<bool> LoadAsync(CurrentUser user, CancellationToken ct)
    {
        var found = await cases.ReadAsync(scope.Case, ct);
        Case = found;
        return true;
    }

    private async Task FieldsAsync(CurrentUser user, IReadOnlyList<FieldFinding> findings, CancellationToken ct)
    {
        Form.PadSteps();
        Fields = new NoteFieldsView(Form, await NotePageSupport.OwnersAsync(db, user, Case, ct), findings, options.Value.LateEntryAfterHours)
        {
            FormAction = $"/Cases/{CaseId}/Notes/New",
        };
    }
}
