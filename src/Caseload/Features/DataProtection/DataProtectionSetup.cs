using Caseload.Features.DataProtection.Audit;
using Caseload.Features.DataProtection.BreakGlass;
using Caseload.Features.DataProtection.Exports;
using Caseload.Features.DataProtection.LegalHolds;
using Caseload.Features.DataProtection.Retention;
using Caseload.Features.DataProtection.SubjectAccess;
using Caseload.Platform.Hosting;

namespace Caseload.Features.DataProtection;

public static class DataProtectionSetup
{
    public static void AddDataProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<BreakGlassService>();
        builder.Services.AddScoped<AuditSeals>();
        builder.Services.AddScoped<RetentionService>();
        builder.Services.AddScoped<LegalHoldService>();
        builder.Services.AddScoped<SubjectAccessService>();
        builder.Services.AddScoped<ExportService>();
        builder.Services.AddScoped<ExportBuilder>();
        builder.Services.AddScoped<CaseCast>();
        builder.Services.AddScoped<NoteAnonymiser>();
        builder.Services.AddScoped<ExportExpiry>();
        // Exports wait for this job: it looks every 20 seconds, so one asked for is built within about half a minute.
        builder.Services.AddLeasedJob<AnonymisedExportJob>(AnonymisedExportJob.JobName, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2));
        // A built export's zip is cleared after DataProtection:ExportKeepDays; looking hourly keeps it within the hour of that.
        builder.Services.AddLeasedJob<ExportExpiryJob>(ExportExpiryJob.JobName, TimeSpan.FromHours(1), TimeSpan.FromMinutes(2));
        builder.Services.AddLeasedJob<AuditSealJob>(AuditSealJob.JobName, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));
    }

    /// <summary>The data protection officer's tools: the audit trail of who saw or changed what, break-glass review, subject access requests and their dates.</summary>
    public static void MapDataProtection(this IEndpointRouteBuilder app)
    {
        app.MapAuditApi();
        app.MapSubjectAccessApi();
        app.MapSubjectAccessRequestsApi();
        app.MapBreakGlassApi();
        app.MapRetentionApi();
        app.MapLegalHoldsApi();
        app.MapExportsApi();
    }
}
