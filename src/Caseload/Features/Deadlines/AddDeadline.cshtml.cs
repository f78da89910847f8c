using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caseload.Features.Cases;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Deadlines;

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class AddDeadlineModel(CaseScope scope, DeadlineService deadlines, Calendars calendars, ServiceStandards standards, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Timescale { get; set; }
    [BindProperty] public string? StartDateDay { get; set; }
    [BindProperty] public string? StartDateMonth { get; set; }
    [BindProperty] public string? StartDateYear { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? DueDateDay { get; set; }
    [BindProperty] public string? DueDateMonth { get; set; }
    [BindProperty] public string? DueDateYear { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public string PersonName { get; private set; } = "";
    /// <summary>"Children's social care cases in Wales": whose timescales are offered.</summary>
    public string PlaceText { get; private set; } = "";
    public IReadOnlyList<Timescale> Options { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var oneOff = Timescale == "one-off";
        DateOnly? start = null, due = null;
        if (string.IsNullOrWhiteSpace(Timescale)) ModelState.AddModelError(nameof(Timescale), "Select what is due");
        else if (!oneOff)
        {
            if (GovDate.TryParse(StartDateDay, StartDateMonth, StartDateYear, out var s)) start = s;
            else ModelState.AddModelError("StartDate", GovDate.IsEmpty(StartDateDay, StartDateMonth, StartDateYear) ? "Enter the date the timescale starts from" : "Start date must be a real date, like 21 12 2026");
        }
        else
        {
            if (GovDate.TryParse(DueDateDay, DueDateMonth, DueDateYear, out var d)) due = d;
            else ModelState.AddModelError("DueDate", GovDate.IsEmpty(DueDateDay, DueDateMonth, DueDateYear) ? "Enter the due date" : "Due date must be a real date, like 29 12 2026");
        }

        if (!ModelState.IsValid) return Page();
        var input = oneOff ? new NewDeadline(null, null, Title ?? "", due, Reason ?? "") : new NewDeadline(Timescale, start, null, null, null);
        var outcome = await deadlines.AddAsync(await users.GetAsync(ct), Id, input, ct);
        return this.Answer(outcome, ok: v =>
        {
            TempData["Success"] = $"{v.Deadline.Title} is due {UkTime.Format(v.Deadline.DueDate)}";
            return Redirect($"/Cases/{Id}#deadlines");
        }) ?? Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var scoped = scope.Case;
        PersonName = scoped.PersonName;
        var nation = calendars.NationOf(scoped.Service);
        PlaceText = $"{Services.Title(scoped.Service)} cases in {nation.Title()}";
        Options = (await standards.CatalogueAsync(ct)).OfferedFor(nation, scoped.Service);
        return true;
    }
}
