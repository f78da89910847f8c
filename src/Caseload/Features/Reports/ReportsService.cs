using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Reports;

/// <summary>How a report is being read: the page, the JSON, or an export file. Each is audited with the filters.</summary>
public enum ReportChannel
{
    Page = 0,
    Json = 1,
    Csv = 2,
    Xlsx = 3,
    /// <summary>The report's key figures on the dashboard.</summary>
    Dashboard = 4,
}

/// <summary>An export read as it is written: its header (name, filters, columns) and its rows, one at a time.</summary>
public sealed record CaseRowsExport(ReportData Header, IAsyncEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// Builds a report by name for a reader and audits it. A report is figures about many cases, not a list of them, so its event
/// names the report and the filters and no case: a DPO asking who saw a case is not answered with everyone who read a count
/// (entity type <see cref="EntityType"/>).
/// </summary>
public sealed class ReportsService(ReportFilters filters, WorkloadReport workload, DeadlinesReport deadlines, OutcomesReport outcomes, DemandReport demand,
    SupervisionReport supervision, RecordingReport recording, WorkloadCases workloadCases, AuditTrail audit)
{
    public const string EntityType = "report";

    public async Task<Outcome<ReportData>> RunAsync(CurrentUser user, string name, ReportQuery query, ReportChannel channel, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ReportNames.IsKnown(name)) return Outcome<ReportData>.NotFound();
        var parsed = await filters.ParseAsync(user, query, ct);
        if (!parsed.Succeeded) return new Outcome<ReportData>(parsed.Kind, null, parsed.Errors, parsed.Message);
        var filter = parsed.Value!;
        var report = name switch
        {
            ReportNames.Workload => await workload.BuildAsync(user, filter, ct),
            ReportNames.Deadlines => await deadlines.BuildAsync(user, filter, ct),
            ReportNames.Outcomes => await outcomes.BuildAsync(user, filter, ct),
            ReportNames.Demand => await demand.BuildAsync(user, filter, ct),
            ReportNames.Supervision => await supervision.BuildAsync(user, filter, ct),
            ReportNames.Recording => await recording.BuildAsync(user, filter, ct),
            _ => throw new InvalidOperationException($"No builder for the report '{name}'."),
        };
        var exported = channel is ReportChannel.Csv or ReportChannel.Xlsx;
        await audit.RecordReadAsync(user, exported ? AuditActions.ReportExported : AuditActions.ReportViewed, EntityType, name,
            details: $"{channel.ToString().ToLowerInvariant()}; rows={report.Rows.Count}; {filter.Describe()}", ct: ct);
        return Outcome<ReportData>.Ok(report);
    }

    /// <summary>
    /// A report's key figures for the dashboard, audited as a view of the report (channel dashboard, with the filters): counted for
    /// the dashboard alone where the whole report is costly (workload, outcomes, demand), else read from the report's rows.
    /// </summary>
    public async Task<Outcome<ReportKeyFigures>> KeyFiguresAsync(CurrentUser user, string name, ReportQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ReportNames.IsKnown(name)) return Outcome<ReportKeyFigures>.NotFound();
        var parsed = await filters.ParseAsync(user, query, ct);
        if (!parsed.Succeeded) return new Outcome<ReportKeyFigures>(parsed.Kind, null, parsed.Errors, parsed.Message);
        var filter = parsed.Value!;
        var figures = name switch
        {
            ReportNames.Workload => await workload.KeyFiguresAsync(user, filter, ct),
            ReportNames.Outcomes => await outcomes.KeyFiguresAsync(user, filter, ct),
            ReportNames.Demand => await demand.KeyFiguresAsync(user, filter, ct),
            ReportNames.Deadlines => DashboardFigures.Of(await deadlines.BuildAsync(user, filter, ct)),
            ReportNames.Supervision => DashboardFigures.Of(await supervision.BuildAsync(user, filter, ct)),
            ReportNames.Recording => DashboardFigures.Of(await recording.BuildAsync(user, filter, ct)),
            _ => throw new InvalidOperationException($"No key figures for the report '{name}'."),
        };
        await audit.RecordReadAsync(user, AuditActions.ReportViewed, EntityType, name,
            details: $"{ReportChannel.Dashboard.ToString().ToLowerInvariant()}; {string.Join("; ", figures.Select(f => $"{f.Label}={f.Value}"))}; {filter.Describe()}", ct: ct);
        return Outcome<ReportKeyFigures>.Ok(new ReportKeyFigures(filter, figures));
    }

    /// <summary>
    /// The workload's open cases a row each, for an export (<see cref="WorkloadCases"/>): the filters checked and the export audited
    /// (report.exported with "rows=cases" and the filters) before the first row is read, then the rows streamed from the database.
    /// Like the report's own export it names no case in the audit trail: it is one export of many cases, not a view of each.
    /// </summary>
    public async Task<Outcome<CaseRowsExport>> ExportCasesAsync(CurrentUser user, ReportQuery query, ReportChannel channel,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var parsed = await filters.ParseAsync(user, query, ct);
        if (!parsed.Succeeded) return new Outcome<CaseRowsExport>(parsed.Kind, default, parsed.Errors, parsed.Message);
        var filter = parsed.Value!;
        await audit.RecordReadAsync(user, AuditActions.ReportExported, EntityType, ReportNames.Workload,
            details: $"{channel.ToString().ToLowerInvariant()}; rows=cases; {filter.Describe()}", ct: ct);
        return Outcome<CaseRowsExport>.Ok(new CaseRowsExport(WorkloadCases.Header(filter), workloadCases.RowsAsync(user, filter, ct)));
    }
}
