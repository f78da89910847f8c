using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Deadlines;

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class DeadlineMetModel(CaseScope scope, DeadlineService deadlines, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid DeadlineId { get; set; }
    [BindProperty] public string? MetOnDay { get; set; }
    [BindProperty] public string? MetOnMonth { get; set; }
    [BindProperty] public string? MetOnYear { get; set; }
    [BindProperty] public string? MissedReason { get; set; }
    public string PersonName { get; private set; } = "";
    public string DeadlineTitle { get; private set; } = "";
    public DateOnly Due { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var today = deadlines.Today;
        (MetOnDay, MetOnMonth, MetOnYear) = (today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!GovDate.TryParse(MetOnDay, MetOnMonth, MetOnYear, out var metOn))
        {
            ModelState.AddModelError("MetOn", GovDate.IsEmpty(MetOnDay, MetOnMonth, MetOnYear) ? "Enter the date it was met" : "Date met must be a real date, like 29 12 2026");
            return Page();
        }

        var outcome = await deadlines.MeetAsync(await users.GetAsync(ct), Id, DeadlineId, metOn, MissedReason, ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = $"{DeadlineTitle} is recorded as met";
                return Redirect($"/Cases/{Id}#deadlines");
            },
            stale: _ => ModelState.AddModelError("MetOn", "Someone else changed this deadline while you were working on it. Check the case and try again")) ?? Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var deadline = (await deadlines.ViewsForAsync(scope.Case, ct)).FirstOrDefault(d => d.Deadline.Id == DeadlineId);
        if (deadline is null) return false;
        PersonName = scope.Case.PersonName;
        DeadlineTitle = deadline.Deadline.Title;
        Due = deadline.Deadline.DueDate;
        return true;
    }
}
