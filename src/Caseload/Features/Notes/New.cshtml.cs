using System.Globalization;
using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Notes;

/// <summary>
/// Recording a note. Saving runs the objectivity check on the server: new findings are shown first and the note is saved
/// only once the writer has revised the words or confirmed reading them. The form is kept as a draft on the server for
/// its author (by a button, or as they type when JavaScript runs) until the note is saved.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("caseId")]
public sealed class NewModel(CaseScope scope, CaseService cases, NoteService notes, CurrentUserAccessor users, CaseloadDb db, TimeProvider clock,
    IOptions<NoteOptions> options, SessionRefresh session)
    : NoteFormPage(scope, cases, notes, users, db, options, session)
{
    protected override string FormAction => $"/Cases/{CaseId}/Notes/New";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await UserAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        var draft = await Notes.GetDraftAsync(user, CaseId, ct);
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
        var user = await UserAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        Form.PadSteps();
        var content = Form.ToContent(ModelState, out var stepRows);
        var (findings, fingerprint, seen) = Form.Check(content, Notes.Check);
        var outcome = await Notes.CreateAsync(user, CaseId, content with { FindingsAcknowledged = Form.Acknowledges(seen) }, ct);
        if (outcome.Kind is OutcomeKind.Invalid)
        {
            Form.ShowRefusal(ModelState, outcome.Errors, stepRows, findings, fingerprint, seen);
            await KeepDraftAsync(user, ct);
            await FieldsAsync(user, findings, ct);
            return Page();
        }

        return this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = "The note is saved";
            return Redirect($"/Cases/{CaseId}#notes");
        }) ?? Forbid();
    }

    /// <summary>"Add another next step": the form comes back with one more row, and is kept as the draft meanwhile.</summary>
    public Task<IActionResult> OnPostAddStepAsync(CancellationToken ct) => ChangeStepsAsync(f => f.AddStep(), ct);

    /// <summary>"Remove" beside a next step: the form comes back without that row.</summary>
    public Task<IActionResult> OnPostRemoveStepAsync(int removeStep, CancellationToken ct) => ChangeStepsAsync(f => f.RemoveStep(removeStep), ct);

    public Task<IActionResult> OnPostDraftAsync(CancellationToken ct) => SaveDraftFromButtonAsync(
        "Your draft is saved. Only you can see it, and it is not part of the case record until you save the note", $"/Cases/{CaseId}/Notes/New", ct);

    public Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct) => AutosaveAsync(ct);

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await Notes.DiscardDraftAsync(await UserAsync(ct), CaseId, ct)) return NotFound();
        TempData["Success"] = "Your draft is deleted";
        return Redirect($"/Cases/{CaseId}");
    }

    protected override async Task<Outcome<DateTimeOffset>> SaveDraftAsync(CurrentUser user, CancellationToken ct) =>
        SavedAt(await Notes.SaveDraftAsync(user, CaseId, Form.ToDraftJson(), ct), d => d.UpdatedAt);
}
