using Caseload.Features.DataProtection.Audit;
using Caseload.Features.DataProtection.BreakGlass;
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
    }
}
