using Caseload.Features.Worklist;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision;

/// <summary>A case the form offers for a discussion, with why it is on the agenda (if it is).</summary>
public sealed record CaseOption(Guid CaseId, string PersonName, PriorityBand? Band, IReadOnlyList<string> Reasons);

/// <summary>Someone who may own an action.</summary>
public sealed record ActionOwnerOption(string UserName, string DisplayName);

/// <summary>What the session form partial needs.</summary>
public sealed record SessionFormView(SessionForm Form, string FormAction, Supervisee Practitioner, IReadOnlyList<AgendaCase> Agenda, IReadOnlyList<CaseOption> Cases,
    IReadOnlyList<ActionOwnerOption> Owners, int? FocusDiscussion, bool Amending);

/// <summary>
/// What recording and amending a session share: the supervisee, the agenda from their caseload, and the form with its
/// case discussion and action rows, which "Add another" and "Remove" change by posting the form back (no JavaScript).
/// </summary>
public abstract class SessionFormPage(SupervisionAgenda agenda, CurrentUserAccessor users) : PageModel
{
    [BindProperty] public SessionForm Form { get; set; } = new();
    public Supervisee Supervisee { get; protected set; } = null!;
    public SessionFormView View { get; private set; } = null!;

    protected abstract string FormAction { get; }

    protected virtual bool Amending => false;

    /// <summary>Cases the record already discusses that the caseload may not hold any more (an amendment), with their names.</summary>
    protected virtual IReadOnlyList<CaseOption> CasesAlreadyDiscussed => [];

    /// <summary>Owners already named on the record (an amendment).</summary>
    protected virtual IReadOnlyList<ActionOwnerOption> OwnersAlreadyNamed => [];

    /// <summary>Finds the supervisee (and the record, when amending); null when they may change it, else the page's refusal.</summary>
    protected abstract Task<IActionResult?> LoadAsync(CurrentUser user, CancellationToken ct);

    protected Task<CurrentUser> UserAsync(CancellationToken ct) => users.GetAsync(ct);

    protected async Task ShowAsync(CurrentUser user, int? focus, CancellationToken ct)
    {
        Form.Tidy();
        var caseload = await agenda.ForAsync(user, Supervisee, ct);
        var cases = caseload.Cases.Select(c => new CaseOption(c.CaseId, c.PersonName, c.Band, c.Reasons)).ToList();
        cases.AddRange(CasesAlreadyDiscussed.Where(d => cases.All(c => c.CaseId != d.CaseId)));
        var owners = new List<ActionOwnerOption> { new(Supervisee.UserName, Supervisee.DisplayName), new(user.UserName, $"{user.DisplayName} (you)") };
        owners.AddRange(OwnersAlreadyNamed.Where(o => owners.All(x => !string.Equals(x.UserName, o.UserName, StringComparison.OrdinalIgnoreCase))));
        View = new SessionFormView(Form, FormAction, Supervisee, caseload.Agenda, cases, owners, focus, Amending);
    }

    /// <summary>"Add another", "Discuss" and "Remove": the form comes back with its rows changed; nothing is checked or stored yet.</summary>
    protected async Task<IActionResult> ChangeRowsAsync(Func<SessionForm, int?> change, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (await LoadAsync(user, ct) is { } refused) return refused;
        var focus = change(Form);
        ModelState.Clear();
        await ShowAsync(user, focus, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAddDiscussionAsync(Guid? addCase, CancellationToken ct) => ChangeRowsAsync(f => f.AddDiscussion(addCase), ct);

    public Task<IActionResult> OnPostRemoveDiscussionAsync(int removeDiscussion, CancellationToken ct) =>
        ChangeRowsAsync(f =>
        {
            f.RemoveDiscussion(removeDiscussion);
            return null;
        }, ct);

    public Task<IActionResult> OnPostAddActionAsync(int addAction, CancellationToken ct) => ChangeRowsAsync(f => f.AddAction(addAction), ct);

    public Task<IActionResult> OnPostRemoveActionAsync(string? removeAction, CancellationToken ct) =>
        ChangeRowsAsync(f =>
        {
            f.RemoveAction(removeAction);
            return null;
        }, ct);
}
