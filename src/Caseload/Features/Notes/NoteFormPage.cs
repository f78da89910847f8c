using System.Globalization;
using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Notes;

/// <summary>
/// What recording a note and amending one share: the case from the case scope, the note form with its next-step rows, the
/// objectivity check's findings, and the writer's draft kept on the server (by a button, or as they type). Each page says
/// only what differs: which draft it keeps, where the form posts and what may be changed.
/// </summary>
public abstract class NoteFormPage(CaseScope scope, CaseService cases, NoteService notes, CurrentUserAccessor users, CaseloadDb db,
    IOptions<NoteOptions> options, SessionRefresh session) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid CaseId { get; set; }
    [BindProperty] public NoteForm Form { get; set; } = new();
    public Case Case { get; private set; } = null!;
    public NoteFieldsView Fields { get; private set; } = null!;
    public DateTimeOffset? DraftSavedAt { get; protected set; }

    protected NoteService Notes => notes;

    protected CaseScope Scope => scope;

    /// <summary>Where the form posts.</summary>
    protected abstract string FormAction { get; }

    /// <summary>The next steps already agreed (an amendment shows them beside the form).</summary>
    protected virtual string? PreviousSteps => null;

    /// <summary>Loads what the page needs beyond the case; false answers 404.</summary>
    protected virtual Task<bool> LoadMoreAsync(CurrentUser user, CancellationToken ct) => Task.FromResult(true);

    /// <summary>Whether the user may change what the form changes (the caller answers 403 if not).</summary>
    protected virtual bool MayChange(CurrentUser user) => true;

    /// <summary>Keeps the form as the writer's draft: when it was saved, or the outcome that stopped it.</summary>
    protected abstract Task<Outcome<DateTimeOffset>> SaveDraftAsync(CurrentUser user, CancellationToken ct);

    protected Task<CurrentUser> UserAsync(CancellationToken ct) => users.GetAsync(ct);

    protected async Task<bool> LoadAsync(CurrentUser user, CancellationToken ct)
    {
        Case = await cases.ReadAsync(scope.Case, ct);
        return await LoadMoreAsync(user, ct);
    }

    protected async Task FieldsAsync(CurrentUser user, IReadOnlyList<FieldFinding> findings, CancellationToken ct)
    {
        Form.PadSteps();
        Fields = new NoteFieldsView(Form, await NotePageSupport.OwnersAsync(db, user, Case, ct), findings, options.Value.LateEntryAfterHours, PreviousSteps)
        {
            FormAction = FormAction,
        };
    }

    /// <summary>Nothing typed is lost while the writer revises: the form is kept as their draft.</summary>
    protected async Task KeepDraftAsync(CurrentUser user, CancellationToken ct)
    {
        var draft = await SaveDraftAsync(user, ct);
        if (draft.Succeeded) DraftSavedAt = draft.Value;
    }

    /// <summary>"Add another next step" or "Remove": the form comes back with its rows changed, kept as the draft meanwhile.</summary>
    protected async Task<IActionResult> ChangeStepsAsync(Func<NoteForm, int?> change, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        if (!MayChange(user)) return Forbid();
        var focus = change(Form);
        // Only the rows changed: nothing is checked yet, so no error is shown.
        ModelState.Clear();
        await KeepDraftAsync(user, ct);
        await FieldsAsync(user, [], ct);
        Fields = Fields with { FocusStep = focus };
        return Page();
    }

    /// <summary>"Save as draft" without JavaScript.</summary>
    protected async Task<IActionResult> SaveDraftFromButtonAsync(string saved, string returnTo, CancellationToken ct)
    {
        var outcome = await SaveDraftAsync(await users.GetAsync(ct), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        // The case closed while the form was open: the form's page says so, and that nothing more can be recorded there.
        if (outcome.Kind == OutcomeKind.Invalid && outcome.Errors.ContainsKey("status")) return Redirect(returnTo);
        if (!outcome.Succeeded) return BadRequest();
        TempData["Success"] = saved;
        return Redirect(returnTo);
    }

    /// <summary>Saving the draft as the writer types (JavaScript), so a session timeout or a closed tab loses nothing.</summary>
    protected async Task<IActionResult> AutosaveAsync(CancellationToken ct)
    {
        var outcome = await SaveDraftAsync(await users.GetAsync(ct), ct);
        // Writing is working: the session is renewed, and the page's timeout warning is told how long it now has.
        var expiresIn = outcome.Succeeded ? await session.RefreshAsync(HttpContext) : null;
        return outcome.Kind switch
        {
            OutcomeKind.Ok => new JsonResult(new { savedAt = UkTime.ToUk(outcome.Value).ToString("HH:mm", CultureInfo.InvariantCulture), expiresIn }),
            OutcomeKind.NotFound => NotFound(),
            OutcomeKind.Forbidden => Forbid(),
            _ => BadRequest(),
        };
    }

    /// <summary>A draft outcome reduced to when it was saved.</summary>
    protected static Outcome<DateTimeOffset> SavedAt<T>(Outcome<T> outcome, Func<T, DateTimeOffset> at)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(at);
        return outcome.Kind == OutcomeKind.Ok
            ? Outcome<DateTimeOffset>.Ok(at(outcome.Value!))
            : new Outcome<DateTimeOffset>(outcome.Kind, default, outcome.Errors, outcome.Message);
    }
}
