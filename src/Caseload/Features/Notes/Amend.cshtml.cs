using Caseload.Data;
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
/// Amending a note: a new version with a reason. The objectivity check runs as when recording. The amendment is kept as
/// the author's draft (by a button, or as they type when JavaScript runs) until it is saved.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("caseId")]
public sealed class AmendModel(CaseScope scope, CaseService cases, NoteService notes, CurrentUserAccessor users, CaseloadDb db, IOptions<NoteOptions> options,
    Account.SessionRefresh session) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid CaseId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid NoteId { get; set; }
    [BindProperty] public NoteForm Form { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    public Case Case { get; private set; } = null!;
    public CaseNote Note { get; private set; } = null!;
    public NoteFieldsView Fields { get; private set; } = null!;
    /// <summary>When someone else changed the note meanwhile: the version they saved, to read before saving again.</summary>
    public CaseNoteVersion? ChangedMeanwhile { get; private set; }
    public DateTimeOffset? DraftSavedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        if (!NotePermissions.CanAmend(user, Note, Case) || Note.IsStruckThrough) return Forbid();
        Form = NoteForm.From(Note.Current);
        Version = Note.Version;
        // The author's draft amendment, if any, with the version it started from: saving it after someone else amended
        // the note shows their version first.
        var draft = await notes.GetAmendmentDraftAsync(user, CaseId, NoteId, ct);
        if (draft is not null && NoteForm.FromAmendmentDraftJson(draft.Content) is { } restored)
        {
            (Form, Reason) = restored;
            Version = draft.BasedOnVersion;
            DraftSavedAt = draft.UpdatedAt;
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
        var outcome = await notes.AmendAsync(user, CaseId, NoteId, Version, content with { FindingsAcknowledged = Form.Acknowledges(seen) }, Reason, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Success"] = "The note is amended. The earlier version stays readable";
                return Redirect($"/Cases/{CaseId}/Notes/{NoteId}");
            case OutcomeKind.Invalid:
                Form.ShowRefusal(ModelState, outcome.Errors, stepRows, findings, fingerprint, seen);
                if (outcome.Errors.TryGetValue("reason", out var reasonError)) ModelState.AddModelError(nameof(Reason), reasonError);
                if (outcome.Errors.TryGetValue("status", out var statusError)) ModelState.AddModelError(nameof(Reason), statusError);
                // Nothing typed is lost while the writer revises: the amendment is kept as their draft.
                await KeepDraftAsync(user, ct);
                await FieldsAsync(user, findings, ct);
                return Page();
            case OutcomeKind.Stale:
                // Never an overwrite: show what they saved, and let the writer decide against the new version.
                ChangedMeanwhile = outcome.Value!.Current;
                Version = outcome.Value.Version;
                ModelState.AddModelError(nameof(Reason), "Someone else amended this note while you were working on it. Read their version below, then save yours again if it is still needed");
                await FieldsAsync(user, findings, ct);
                return Page();
            case OutcomeKind.Forbidden:
                return Forbid();
            case OutcomeKind.NotFound:
            default:
                return NotFound();
        }
    }

    /// <summary>"Add another next step": the form comes back with one more row.</summary>
    public Task<IActionResult> OnPostAddStepAsync(CancellationToken ct) => ChangeStepsAsync(f => f.AddStep(), ct);

    /// <summary>"Remove" beside a next step: the form comes back without that row.</summary>
    public Task<IActionResult> OnPostRemoveStepAsync(int removeStep, CancellationToken ct) => ChangeStepsAsync(f => f.RemoveStep(removeStep), ct);

    /// <summary>"Save as draft" without JavaScript.</summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        var outcome = await notes.SaveAmendmentDraftAsync(await users.GetAsync(ct), CaseId, NoteId, Version, Form.ToAmendmentDraftJson(Reason), ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                TempData["Success"] = "Your draft amendment is saved. Only you can see it, and the note is unchanged until you save the amendment";
                return Redirect($"/Cases/{CaseId}/Notes/{NoteId}/Amend");
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Forbidden:
                return Forbid();
            case OutcomeKind.Invalid:
            case OutcomeKind.Stale:
            default:
                return BadRequest();
        }
    }

    /// <summary>Saving the draft amendment as the writer types (JavaScript).</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct)
    {
        var outcome = await notes.SaveAmendmentDraftAsync(await users.GetAsync(ct), CaseId, NoteId, Version, Form.ToAmendmentDraftJson(Reason), ct);
        var expiresIn = outcome.Succeeded ? await session.RefreshAsync(HttpContext) : null;
        return outcome.Kind switch
        {
            OutcomeKind.Ok => new JsonResult(new { savedAt = UkTime.ToUk(outcome.Value!.UpdatedAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), expiresIn }),
            OutcomeKind.NotFound => NotFound(),
            OutcomeKind.Forbidden => Forbid(),
            _ => BadRequest(),
        };
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await notes.DiscardAmendmentDraftAsync(await users.GetAsync(ct), CaseId, NoteId, ct)) return NotFound();
        TempData["Success"] = "Your draft amendment is deleted";
        return Redirect($"/Cases/{CaseId}/Notes/{NoteId}");
    }

    private async Task KeepDraftAsync(CurrentUser user, CancellationToken ct)
    {
        var draft = await notes.SaveAmendmentDraftAsync(user, CaseId, NoteId, Version, Form.ToAmendmentDraftJson(Reason), ct);
        if (draft.Succeeded) DraftSavedAt = draft.Value!.UpdatedAt;
    }

    private async Task<IActionResult> ChangeStepsAsync(Func<NoteForm, int?> change, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        if (!NotePermissions.CanAmend(user, Note, Case) || Note.IsStruckThrough) return Forbid();
        var focus = change(Form);
        ModelState.Clear();
        await KeepDraftAsync(user, ct);
        await FieldsAsync(user, [], ct);
        Fields = Fields with { FocusStep = focus };
        return Page();
    }

    private async Task<bool> LoadAsync(CurrentUser user, CancellationToken ct)
    {
        var found = await cases.ReadAsync(scope.Case, ct);
        var note = await notes.ReadAsync(scope.Case, NoteId, recordView: HttpMethods.IsGet(Request.Method), ct);
        if (note is null) return false;
        (Case, Note) = (found, note);
        return true;
    }

    private async Task FieldsAsync(CurrentUser user, IReadOnlyList<FieldFinding> findings, CancellationToken ct)
    {
        Form.PadSteps();
        Fields = new NoteFieldsView(Form, await NotePageSupport.OwnersAsync(db, user, Case, ct), findings, options.Value.LateEntryAfterHours,
            Note.Current.AgreedNextSteps)
        {
            FormAction = $"/Cases/{CaseId}/Notes/{NoteId}/Amend",
        };
    }
}
