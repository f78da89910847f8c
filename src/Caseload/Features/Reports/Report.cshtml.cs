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

    [FromQuery(Name = "format")] public string? Format { get; set; }
    [FromQuery(Name = "rows")] public string? Rows { get; set; }

    /// <summary>The page's export of the rows shown: the page's own handler, since the API takes bearer tokens and a browser sends its cookie.</summary>
    public string ExportLink(string format) => $"/Reports/{Name}?{Report!.Filter.QueryString()}&handler=Export&format={format}";

    public Task<IActionResult> OnGetAsync(string name, CancellationToken ct) => ShowAsync(name, ReportChannel.Page, ct);

    /// <summary>The rows as CSV or XLSX, streamed; bad filters show the page with its errors, an unknown format answers 400.</summary>
    public async Task<IActionResult> OnGetExportAsync(string name, CancellationToken ct)
    {
        var channel = Format?.Trim().ToLowerInvariant() switch
        {
            "csv" => ReportChannel.Csv,
            "xlsx" => ReportChannel.Xlsx,
            _ => (ReportChannel?)null,
        };
        if (channel is null || !ReportNames.IsKnown(name) || ReportExport.ParseRows(name, Rows, channel.Value) is not null) return BadRequest();
        if (ReportExport.CaseRows(Rows)) return await ExportCasesAsync(name, channel.Value, ct);
        var result = await ShowAsync(name, channel.Value, ct);
        if (Report is null) return result;
        await WriteAsync(Report, ReportExport.Rows(Report), channel.Value, ct);
        return new EmptyResult();
    }

    /// <summary>The workload's row per open case, streamed from the database; bad filters show the page with its errors.</summary>
    private async Task<IActionResult> ExportCasesAsync(string name, ReportChannel channel, CancellationToken ct)
    {
        Name = name;
        var user = await users.GetAsync(ct);
        var export = await reports.ExportCasesAsync(user, new ReportQuery(From, To, Team, Service, Practitioner), channel, ct);
        switch (export.Kind)
        {
            case OutcomeKind.Ok:
                await WriteAsync(export.Value!.Header, export.Value.Rows, channel, ct);
                return new EmptyResult();
            case OutcomeKind.Invalid:
                ModelState.AddErrors(export.Errors);
                Choices = await filters.ChoicesAsync(user, ct);
                return Page();
            default:
                return Forbid();
        }
    }

    private async Task WriteAsync(ReportData header, IAsyncEnumerable<IReadOnlyList<object?>> rows, ReportChannel channel, CancellationToken ct)
    {
        var extension = channel == ReportChannel.Csv ? "csv" : "xlsx";
        Response.ContentType = channel == ReportChannel.Csv ? ReportExport.CsvType : ReportExport.XlsxType;
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = ReportExport.FileName(header, extension),
        }.ToString();
        if (channel == ReportChannel.Csv)
        {
            await ReportExport.WriteCsvAsync(header, rows, Response.Body, ct);
        }
        else
        {
            // The XLSX writer finishes its zip with a few small synchronous writes.
            var control = HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>();
            if (control is not null) control.AllowSynchronousIO = true;
            await ReportExport.WriteXlsxAsync(header, rows, Response.Body, ct);
        }
    }

    private async Task<IActionResult> ShowAsync(string name, ReportChannel channel, CancellationToken ct)
    {
        if (!ReportNames.IsKnown(name)) return NotFound();
        Name = name;
        var user = await users.GetAsync(ct);
        var outcome = await reports.RunAsync(user, name, new ReportQuery(From, To, Team, Service, Practitioner), channel, ct);
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

        if (channel == ReportChannel.Page || Report is null) Choices = await filters.ChoicesAsync(user, ct);
        if (Report is not null)
        {
            From = Report.Filter.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            To = Report.Filter.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }
}
