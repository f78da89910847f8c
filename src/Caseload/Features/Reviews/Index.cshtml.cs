using System.Globalization;
using System.Text;
using Caseload.Features.Cases;
using Caseload.Features.Drift;
using Caseload.Features.Worklist;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reviews;

/// <summary>
/// My caseload review: every open case on one page with what supervision asks of it (priority, contact, deadlines, overdue
/// tasks, drift signals, last review and the next); a supervisor picks a practitioner they supervise. Printable as a supervision pack and
/// exported as CSV (?handler=Csv); both are audited per case shown.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(ReviewService reviews, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    public CaseloadReview Caseload { get; private set; } = null!;
    public bool Own { get; private set; }
    public IReadOnlyList<SuperviseeOption> Supervisees { get; private set; } = [];
    public string Heading { get; private set; } = "My caseload review";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = await reviews.CaseloadAsync(user, UserName, AuditActions.CaseloadReviewViewed, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (!outcome.Succeeded) return NotFound();
        Caseload = outcome.Value!;
        Own = Caseload.Practitioner.Id == user.Id;
        if (!Own) Heading = $"Caseload review: {Caseload.Practitioner.DisplayName}";
        Supervisees = await reviews.SuperviseesAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = await reviews.CaseloadAsync(user, UserName, AuditActions.CaseloadReviewExported, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (!outcome.Succeeded) return NotFound();
        var caseload = outcome.Value!;
        var name = $"caseload-review-{caseload.Practitioner.UserName}-{caseload.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
        return File(CsvText.Encoding.GetPreamble().Concat(CsvText.Encoding.GetBytes(Csv(caseload))).ToArray(), "text/csv; charset=utf-8", name);
    }

    /// <summary>The caseload review as CSV: one row per case, dates as YYYY-MM-DD.</summary>
    public static string Csv(CaseloadReview caseload)
    {
        ArgumentNullException.ThrowIfNull(caseload);
        var csv = new StringBuilder();
        csv.Append(CsvText.Row([
            "Rank", "Person", "Service", "Allocated to", "Priority", "Risk", "Last contact", "Next deadline", "Next deadline due", "Next deadline overdue",
            "Overdue tasks", "Drift severity", "Drift signals", "Last review", "Last decision", "Next review", "Review overdue", "Case id",
        ]));
        foreach (var row in caseload.Rows)
        {
            var i = row.Item;
            csv.Append(CsvText.Row([
                i.Rank.ToString(CultureInfo.InvariantCulture),
                i.PersonName,
                Services.Title(i.Service),
                i.AllocatedTo,
                i.Assessment.Band.ToCode(),
                i.Risk.ToCode(),
                i.LastContactAt is { } at ? Iso(UkTime.DateOf(at)) : "",
                i.NextDeadline?.Title,
                i.NextDeadline is { } d ? Iso(d.Due) : "",
                i.NextDeadline is { Overdue: true } ? "yes" : i.NextDeadline is null ? "" : "no",
                i.OverdueTasks.ToString(CultureInfo.InvariantCulture),
                row.Drift?.Severity.ToCode(),
                row.Drift is { } drift ? string.Join("; ", drift.Signals.Select(s => $"{s.Code}: {s.Detail}")) : "",
                row.LastReviewedOn is { } on ? Iso(on) : "",
                row.LastDecision?.ToCode(),
                row.NextReviewOn is { } next ? Iso(next) : "",
                row.ReviewOverdue ? "yes" : "no",
                i.CaseId.ToString(),
            ]));
        }

        return csv.ToString();
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
