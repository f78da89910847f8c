using Caseload.Data;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Supervision;

/// <summary>Amending a session's record: a new version with the reason; the earlier one stays readable and the supervisee is asked again.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class AmendModel(SupervisionService supervision, SupervisionAgenda agenda, CurrentUserAccessor users, CaseloadDb db)
    : SessionFormPage(agenda, users)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    public SessionView Record { get; private set; } = null!;

    protected override string FormAction => $"/Supervision/{Id}/Amend";

    protected override bool Amending => true;

    protected override IReadOnlyList<CaseOption> CasesAlreadyDiscussed =>
        Record.Cases.Values.Select(c => new CaseOption(c.CaseId, c.PersonName, null, [])).ToList();

    protected override IReadOnlyList<ActionOwnerOption> OwnersAlreadyNamed =>
        Record.Session.Current.CaseDiscussions.SelectMany(d => d.Actions).Select(a => new ActionOwnerOption(a.OwnerUserName, a.OwnerName)).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await UserAsync(ct);
        if (await LoadAsync(user, ct) is { } refused) return refused;
        Form = SessionForm.From(Record.Session.Current, Record.Cases.Keys.ToHashSet());
        Version = Record.Session.Version;
        await ShowAsync(user, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await UserAsync(ct);
        var version = Version;
        if (await LoadAsync(user, ct) is { } refused) return refused;
        var content = Form.ToContent(ModelState, out var rows);
        var outcome = await supervision.AmendAsync(user, Id, version, content, Reason, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Invalid:
                SessionForm.AddServiceErrors(ModelState, outcome.Errors, rows);
                await ShowAsync(user, null, ct);
                return Page();
            case OutcomeKind.Stale:
                Version = outcome.Value!.Version;
                ModelState.AddModelError(nameof(Reason), "Someone else amended this record, or the supervisee answered it, while you were working on it. Check the record, then save again");
                await LoadAsync(user, ct);
                await ShowAsync(user, null, ct);
                return Page();
            default:
                return this.Answer(outcome, ok: s =>
                {
                    TempData["Success"] = $"The record is amended. {s.PractitionerName} is asked to agree with it again";
                    return Redirect($"/Supervision/{Id}");
                }) ?? Forbid();
        }
    }

    protected override async Task<IActionResult?> LoadAsync(CurrentUser user, CancellationToken ct)
    {
        var view = await supervision.ReadAsync(user, Id, ct);
        if (view is null) return NotFound();
        if (!view.MayAmend) return Forbid();
        var practitioner = await SupervisionAccess.FindByIdAsync(db, view.Session.PractitionerId, ct);
        if (practitioner is null) return NotFound();
        Record = view;
        Supervisee = practitioner;
        return null;
    }
}
