using System.Globalization;
using Caseload.Data;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Supervision;

/// <summary>Recording a supervision session with a supervisee, with the agenda offered from their caseload.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class NewModel(SupervisionService supervision, SupervisionAgenda agenda, CurrentUserAccessor users, CaseloadDb db, TimeProvider clock)
    : SessionFormPage(agenda, users)
{
    [BindProperty(SupportsGet = true)] public string? Practitioner { get; set; }

    protected override string FormAction => $"/Supervision/New?practitioner={Uri.EscapeDataString(Practitioner ?? "")}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await UserAsync(ct);
        if (await LoadAsync(user, ct) is { } refused) return refused;
        var today = UkTime.Today(clock);
        Form = new SessionForm
        {
            Day = today.Day.ToString(CultureInfo.InvariantCulture),
            Month = today.Month.ToString(CultureInfo.InvariantCulture),
            Year = today.Year.ToString(CultureInfo.InvariantCulture),
            Kind = SupervisionCodes.OneToOne,
            Discussions = [new DiscussionForm()],
        };
        await ShowAsync(user, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await UserAsync(ct);
        if (await LoadAsync(user, ct) is { } refused) return refused;
        var content = Form.ToContent(ModelState, out var rows);
        var outcome = await supervision.RecordAsync(user, Practitioner, content, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            SessionForm.AddServiceErrors(ModelState, outcome.Errors, rows);
            await ShowAsync(user, null, ct);
            return Page();
        }

        return this.Answer(outcome, ok: s =>
        {
            TempData["Success"] = $"The session is recorded. {s.PractitionerName} is asked to read it and agree or say what they disagree with";
            return Redirect($"/Supervision/{s.Id}");
        }) ?? Forbid();
    }

    protected override async Task<IActionResult?> LoadAsync(CurrentUser user, CancellationToken ct)
    {
        var found = await SupervisionAccess.FindAsync(db, Practitioner, ct);
        if (found is null || !found.IsActive) return NotFound();
        if (!SupervisionAccess.Supervises(user, found)) return Forbid();
        Supervisee = found;
        return null;
    }
}
