using System.Globalization;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Deadlines;

/// <summary>Stops the clock on a deadline where its timescale allows it, or restarts it; the version guards against a second editor.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class PauseDeadlineModel(CaseScope scope, DeadlineService deadlines, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid DeadlineId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? FromDay { get; set; }
    [BindProperty] public string? FromMonth { get; set; }
    [BindProperty] public string? FromYear { get; set; }
    [BindProperty] public string? UntilDay { get; set; }
    [BindProperty] public string? UntilMonth { get; set; }
    [BindProperty] public string? UntilYear { get; set; }
    [BindProperty] public string? OnDay { get; set; }
    [BindProperty] public string? OnMonth { get; set; }
    [BindProperty] public string? OnYear { get; set; }
    public string PersonName { get; private set; } = "";
    public DeadlineView Deadline { get; private set; } = null!;
    public bool Paused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Version = Deadline.Deadline.Version;
        var today = deadlines.Today;
        (OnDay, OnMonth, OnYear) = Parts(today);
        (FromDay, FromMonth, FromYear) = Parts(today);
        return Page();
    }

    public async Task<IActionResult> OnPostPauseAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        DateOnly? from = null, until = null;
        if (GovDate.TryParse(FromDay, FromMonth, FromYear, out var f)) from = f;
        else ModelState.AddModelError("From", GovDate.IsEmpty(FromDay, FromMonth, FromYear) ? "Enter the date the clock stopped" : "Date the clock stopped must be a real date, like 1 12 2026");
        if (!GovDate.IsEmpty(UntilDay, UntilMonth, UntilYear))
        {
            if (GovDate.TryParse(UntilDay, UntilMonth, UntilYear, out var u)) until = u;
            else ModelState.AddModelError("Until", "Date the pause ends must be a real date, like 11 12 2026");
        }

        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter why the clock is stopped");
        if (!ModelState.IsValid) return Page();
        var outcome = await deadlines.PauseAsync(await users.GetAsync(ct), Id, DeadlineId, Version, Reason, from, until, ct);
        return Answer(outcome, $"The clock is stopped on {Deadline.Deadline.Title}");
    }

    public async Task<IActionResult> OnPostResumeAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!GovDate.TryParse(OnDay, OnMonth, OnYear, out var on))
        {
            ModelState.AddModelError("On", GovDate.IsEmpty(OnDay, OnMonth, OnYear) ? "Enter the date the clock restarted" : "Date the clock restarted must be a real date, like 11 12 2026");
            return Page();
        }

        var outcome = await deadlines.ResumeAsync(await users.GetAsync(ct), Id, DeadlineId, Version, on, ct);
        return Answer(outcome, $"The clock is running again on {Deadline.Deadline.Title}");
    }

    private IActionResult Answer(Outcome<DeadlineView> outcome, string success)
    {
        // The service's own checks (e.g. a timescale whose clock may not stop) go beside the field the user is on.
        var other = Paused ? "On" : nameof(Reason);
        var rename = outcome.Errors.Keys.ToDictionary(k => k, k => k switch { "from" => "From", "until" => "Until", "on" => "On", "reason" => nameof(Reason), _ => other });
        return this.Answer(outcome,
            ok: v =>
            {
                TempData["Success"] = $"{success}: due {UkTime.Format(v.Deadline.DueDate)}";
                return Redirect($"/Cases/{Id}#deadlines");
            },
            stale: _ => ModelState.AddModelError(other, "Someone else changed this deadline while you were working on it. Check the case and try again"),
            rename: rename) ?? Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var deadline = (await deadlines.ViewsForAsync(scope.Case, ct)).FirstOrDefault(d => d.Deadline.Id == DeadlineId);
        if (deadline is null) return false;
        PersonName = scope.Case.PersonName;
        Deadline = deadline;
        Paused = DeadlineService.IsPaused(deadline.Deadline, deadlines.Today);
        return true;
    }

    private static (string, string, string) Parts(DateOnly date) =>
        (date.Day.ToString(CultureInfo.InvariantCulture), date.Month.ToString(CultureInfo.InvariantCulture), date.Year.ToString(CultureInfo.InvariantCulture));
}
