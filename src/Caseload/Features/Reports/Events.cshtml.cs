using System.Globalization;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reports;

/// <summary>
/// A service manager records an event that may change demand (the page of <c>POST /api/v1/reports/events</c>, without JavaScript),
/// then sees it marked on the demand report over the weeks around it. Lists the events recorded, which name no case.
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class EventsModel(ReportEventService events, CurrentUserAccessor users, TimeProvider clock) : PageModel
{
    public static readonly string[] FieldOrder = ["On", "Kind", "Title", "Description", "Services"];

    /// <summary>The demand report opened after recording shows this many weeks either side of the event (weekly, under 16 weeks).</summary>
    public const int WeeksAround = 6;

    [BindProperty] public string? OnDay { get; set; }
    [BindProperty] public string? OnMonth { get; set; }
    [BindProperty] public string? OnYear { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<string> Services { get; set; } = [];

    public IReadOnlyList<string> Managed { get; private set; } = [];
    public IReadOnlyList<ReportEvent> Recorded { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var today = Platform.Time.UkTime.Today(clock);
        (OnDay, OnMonth, OnYear) = (today.Day.ToString(CultureInfo.InvariantCulture), today.Month.ToString(CultureInfo.InvariantCulture), today.Year.ToString(CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        string? on = null;
        if (GovDate.IsEmpty(OnDay, OnMonth, OnYear)) ModelState.AddModelError("On", "Enter the date of the event");
        else if (GovDate.TryParse(OnDay, OnMonth, OnYear, out var day)) on = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        else ModelState.AddModelError("On", "The date of the event must be a real date, for example 1 4 2026");

        var outcome = await events.RecordAsync(await users.GetAsync(ct),
            new ReportEventRequest(on ?? "", Kind, Title, Description, Services.Select(s => (string?)s).ToList()), ct);
        if (!ModelState.IsValid)
        {
            // The date's own message stands; the service's checks of the other fields are shown beside it.
            if (outcome.Kind == OutcomeKind.Invalid) AddErrors(outcome.Errors, skipDate: true);
            return Page();
        }

        if (outcome.Kind == OutcomeKind.Invalid)
        {
            AddErrors(outcome.Errors, skipDate: false);
            return Page();
        }

        if (!outcome.Succeeded) return Forbid();
        var e = outcome.Value!;
        TempData["Success"] = $"The event \u201c{e.Title}\u201d is recorded and marked on the demand report";
        var (from, to) = (e.On.AddDays(-7 * WeeksAround), e.On.AddDays(7 * WeeksAround));
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/Reports/demand?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
    }

    private void AddErrors(IReadOnlyDictionary<string, string> errors, bool skipDate)
    {
        foreach (var (key, message) in errors)
        {
            var field = key.StartsWith("services", StringComparison.Ordinal) ? "Services" : char.ToUpperInvariant(key[0]) + key[1..];
            if (skipDate && field == "On") continue;
            if (!ModelState.ContainsKey(field) || ModelState[field]!.Errors.Count == 0) ModelState.AddModelError(field, message);
        }
    }

    /// <summary>Only service managers record events, for the services they manage.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!user.IsInRole(Roles.ServiceManager)) return Forbid();
        Managed = user.ManagedServices.OrderBy(Cases.Services.Title, StringComparer.Ordinal).ToList();
        Recorded = (await events.ListAsync(null, null, null, ct)).Reverse().ToList();
        return null;
    }
}
