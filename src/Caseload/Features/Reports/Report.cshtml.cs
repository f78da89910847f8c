using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reports;

/// <summary>
/// A report's page: its filters as a GET form (works without JavaScript), its summary in a sentence, each chart with its data as a
/// table beside it, the rows, and links to export the same rows. Audited as the JSON is (report.viewed, with the filters).
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class ReportModel(ReportsService reports, ReportFilters filters, CurrentUserAccessor users) : PageModel
{
    public static readonly string[] FieldOrder = ["from", "to", "team", "service", "practitioner"];

    public string Name { get; private set; } = "";
    public string Title => ReportNames.Titles.GetValueOrDefault(Name, "Report");
    public ReportData? Report { get; private set; }
    public ReportChoices Choices { get; private set; } = new([], [], []);

    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "team")] public string? Team { get; set; }
    [FromQuery(Name = "service")] public string? Service { get; set; }
    [FromQuery(Name = "practitioner")] public string? Practitioner { get; set; }

    public string ExportLink(string format) => $"/api/v1/reports/{Name}?{Report!.Filter.QueryString()}&format={format}";

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken ct)
    {
        if (!ReportNames.IsKnown(name)) return NotFound();
        Name = name;
        var user = await users.GetAsync(ct);
        var outcome = await reports.RunAsync(user, name, new ReportQuery(From, To, Team, Service, Practitioner), ReportChannel.Page, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                Report = outcome.Value;
                break;
            case OutcomeKind.Invalid:
                ModelState.AddErrors(outcome.Errors);
                break;
            default:
                return Forbid();
        }

        Choices = await filters.ChoicesAsync(user, ct);
        if (Report is not null)
        {
            From = Report.Filter.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            To = Report.Filter.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }
}
