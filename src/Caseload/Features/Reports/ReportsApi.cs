using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http.Features;

namespace Caseload.Features.Reports;

public static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports");

        // Every filter arrives as text so a bad one is answered 400 naming its field, not as a binding failure.
        group.MapGet("/{name}", async Task<IResult> (string name, string? from, string? to, string? team, string? service, string? practitioner, string? format, string? rows,
            HttpContext http, CurrentUserAccessor users, ReportsService reports, CancellationToken ct) =>
        {
            ReportChannel channel;
            switch (format?.Trim().ToLowerInvariant())
            {
                case null or "" or "json": channel = ReportChannel.Json; break;
                case "csv": channel = ReportChannel.Csv; break;
                case "xlsx": channel = ReportChannel.Xlsx; break;
                default:
                    return ApiProblems.Validation(new Dictionary<string, string> { ["format"] = "Choose a format: json, csv or xlsx" }, StatusCodes.Status400BadRequest);
            }

            var query = new ReportQuery(from, to, team, service, practitioner);
            switch (ReportNames.IsKnown(name) ? ReportExport.ParseRows(name, rows, channel) : null)
            {
                case { } error:
                    return ApiProblems.Validation(new Dictionary<string, string> { ["rows"] = error }, StatusCodes.Status400BadRequest);
                case null when ReportNames.IsKnown(name) && ReportExport.CaseRows(rows):
                    var export = await reports.ExportCasesAsync(await users.GetAsync(ct), query, channel, ct);
                    if (export.Kind == OutcomeKind.Invalid) return ApiProblems.Validation(export.Errors, StatusCodes.Status400BadRequest);
                    return ApiProblems.From(export, stream => Export(http, stream.Header, stream.Rows, channel, ct));
            }

            var outcome = await reports.RunAsync(await users.GetAsync(ct), name, query, channel, ct);
            if (outcome.Kind == OutcomeKind.Invalid) return ApiProblems.Validation(outcome.Errors, StatusCodes.Status400BadRequest);
            return ApiProblems.From(outcome, report => channel == ReportChannel.Json ? TypedResults.Ok(ReportDto.Of(report)) : Export(http, report, ReportExport.Rows(report), channel, ct));
        })
        .RequireAuthorization(Policies.Supervise)
        .WithName("getReport")
        .Produces<ReportDto>()
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .Produces(StatusCodes.Status200OK, contentType: ReportExport.XlsxType)
        .WithSummary("A report (workload, deadlines, outcomes, demand, supervision or recording) over what the caller may see: supervisors their teams, service managers their services. "
            + "Filters: from and to (yyyy-MM-dd, UK dates, both included; the last 12 weeks by default), team (id), service (code) and practitioner (user name). "
            + "JSON gives the summary, the rows, each chart's series and the events marked on it; format=csv (RFC 4180) or format=xlsx exports the same rows, streamed. "
            + "The workload report's rows=cases with format=csv or xlsx exports a row per open case instead (case id, service, practitioner, team, complexity, points, RAG rating, "
            + "last contact, next deadline; no person's name), streamed from the database. "
            + "Each view and export is audited with its filters. 400 names a bad filter; 403 for a practitioner, or a team or service outside the caller's.");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.PushStreamHttpResult Export(HttpContext http, ReportData header, IAsyncEnumerable<IReadOnlyList<object?>> rows, ReportChannel channel, CancellationToken ct) =>
        channel == ReportChannel.Csv
            ? TypedResults.Stream(body => ReportExport.WriteCsvAsync(header, rows, body, ct), ReportExport.CsvType, ReportExport.FileName(header, "csv"))
            : TypedResults.Stream(body =>
            {
                // The XLSX writer finishes its zip with a few small synchronous writes.
                var control = http.Features.Get<IHttpBodyControlFeature>();
                if (control is not null) control.AllowSynchronousIO = true;
                return ReportExport.WriteXlsxAsync(header, rows, body, ct);
            }, ReportExport.XlsxType, ReportExport.FileName(header, "xlsx"));
}
