namespace Caseload.Features.Reports;

public static class ReportsSetup
{
    /// <summary>Reports for supervisors and service managers: pages, JSON and CSV/XLSX exports of the same figures.</summary>
    public static void AddReports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ReportFilters>();
        builder.Services.AddScoped<WorkloadReport>();
        builder.Services.AddScoped<WorkloadCases>();
        builder.Services.AddScoped<DeadlinesReport>();
        builder.Services.AddScoped<OutcomesReport>();
        builder.Services.AddScoped<DemandReport>();
        builder.Services.AddScoped<SupervisionReport>();
        builder.Services.AddScoped<RecordingReport>();
        builder.Services.AddScoped<ReportEventService>();
        builder.Services.AddScoped<ReportsService>();
    }

    public static void MapReports(this IEndpointRouteBuilder app)
    {
        app.MapReportEventsApi();
        app.MapReportsApi();
    }
}
