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

/// <summary>
/// Builds a report by name for a reader and audits it. A report is figures about many cases, not a list of them, so its event
/// names the report and the filters and no case: a DPO asking who saw a case is not answered with everyone who read a count
/// (entity type <see cref="EntityType"/>).
/// </summary>
public sealed class ReportsService(ReportFilters filters, WorkloadReport workload, DeadlinesReport deadlines, OutcomesReport outcomes, DemandReport demand,
    SupervisionReport supervision, RecordingReport recording, AuditTrail audit)
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
}
