using Caseload.Features.DataProtection.Audit;

namespace Caseload.Features.DataProtection;

public static class DataProtectionSetup
{
    /// <summary>The data protection officer's tools: the audit trail of who saw or changed what.</summary>
    public static void MapDataProtection(this IEndpointRouteBuilder app) => app.MapAuditApi();
}
