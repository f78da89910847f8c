using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Notes;

/// <summary>
/// Amending a note: a new version with a reason. The objectivity check runs as when recording. The amendment is kept as
/// the author's draft (by a button, or as they type when JavaScript runs) until it is saved.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("caseId")]
public sealed class AmendModel(CaseScope scope, CaseService cases, NoteService notes, CurrentUserAccessor users, CaseloadDb db, IOptions<NoteOptions> options,
    SessionRefresh session) : NoteFormPage(scope, cases, notes, users, db, options, session)
{
    [BindProperty(SupportsGet = true)] public Guid NoteId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    public CaseNote Note { get; private set; } = null!;
    /// <summary>When someone else changed the note meanwhile: the version they saved, to read before saving again.</summary>
    public CaseNoteVersion? ChangedMeanwhile { get; private set; }

    protected override string FormAction => $"/Cases/{CaseId}/Notes/{NoteId}/Amend";

    protected override string? PreviousSteps => Note.Current.AgreedNextSteps;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await UserAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        if (!MayChange(user)) return Forbid();
        Form = NoteForm.From(Note.Current);
        Version = Note.Version;
        // The author's draft amendment, if any, with the version it started from: saving it after someone else amended
        // the note shows their version first.
        var draft = await Notes.GetAmendmentDraftAsync(user, CaseId, NoteId, ct);
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
        var user = await UserAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        Form.PadSteps();
        var content = Form.ToContent(ModelState, out var stepRows);
        var (findings, fingerprint, seen) = Form.Check(content, Notes.Check);
        var outcome = await Notes.AmendAsync(user, CaseId, NoteId, Version, content with { FindingsAcknowledged = Form.Acknowledges(seen) }, Reason, ct);
        if (outcome.Kind is OutcomeKind.Invalid)
        {
            Form.ShowRefusal(ModelState, outcome.Errors, stepRows, findings, fingerprint, seen);
            if (outcome.Errors.TryGetValue("reason", out var reasonError)) ModelState.AddModelError(nameof(Reason), reasonError);
            if (outcome.Errors.TryGetValue("status", out var statusError)) ModelState.AddModelError(nameof(Reason), statusError);
            await KeepDraftAsync(user, ct);
            await FieldsAsync(user, findings, ct);
            return Page();
        }

        var answer = this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The note is amended. The earlier version stays readable";
                return Redirect($"/Cases/{CaseId}/Notes/{NoteId}");
            },
            stale: current =>
            {
                // Never an overwrite: show what they saved, and let the writer decide against the new version.
                ChangedMeanwhile = current.Current;
                Version = current.Version;
                ModelState.AddModelError(nameof(Reason), "Someone else amended this note while you were working on it. Read their version below, then save yours again if it is still needed");
            });
        if (answer is not null) return answer;
        await FieldsAsync(user, findings, ct);
        return Page();
    }

    /// <summary>"Add another next step": the form comes back with one more row.</summary>
    public Task<IActionResult> OnPostAddStepAsync(CancellationToken ct) => ChangeStepsAsync(f => f.AddStep(), ct);

    /// <summary>"Remove" beside a next step: the form comes back without that row.</summary>
    public Task<IActionResult> OnPostRemoveStepAsync(int removeStep, CancellationToken ct) => ChangeStepsAsync(f => f.RemoveStep(removeStep), ct);

    public Task<IActionResult> OnPostDraftAsync(CancellationToken ct) => SaveDraftFromButtonAsync(
        "Your draft amendment is saved. Only you can see it, and the note is unchanged until you save the amendment", $"/Cases/{CaseId}/Notes/{NoteId}/Amend", ct);

    public Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct) => AutosaveAsync(ct);

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await Notes.DiscardAmendmentDraftAsync(await UserAsync(ct), CaseId, NoteId, ct)) return NotFound();
        TempData["Success"] = "Your draft amendment is deleted";
        return Redirect($"/Cases/{CaseId}/Notes/{NoteId}");
    }

    protected override async Task<bool> LoadMoreAsync(CurrentUser user, CancellationToken ct)
    {
        var note = await Notes.ReadAsync(Scope.Case, NoteId, recordView: HttpMethods.IsGet(Request.Method), ct);
        if (note is null) return false;
        Note = note;
        return true;
    }

    protected override bool MayChange(CurrentUser user) => NotePermissions.CanAmend(user, Note, Case) && !Note.IsStruckThrough;

    protected override async Task<Outcome<DateTimeOffset>> SaveDraftAsync(CurrentUser user, CancellationToken ct) =>
        SavedAt(await Notes.SaveAmendmentDraftAsync(user, CaseId, NoteId, Version, Form.ToAmendmentDraftJson(Reason), ct), d => d.UpdatedAt);
}
