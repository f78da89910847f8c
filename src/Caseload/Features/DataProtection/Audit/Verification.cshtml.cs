using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.Audit;

/// <summary>The DPO checks that the sealed audit trail has not been altered.</summary>
[Authorize(Policy = Policies.ReadAudit)]
public sealed class VerificationModel(AuditSeals seals, CurrentUserAccessor users, AuditTrail audit) : PageModel
{
    public AuditVerification Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await seals.VerifyAsync(ct);
        await audit.RecordReadAsync(await users.GetAsync(ct), AuditActions.AuditVerified, "audit", null,
            details: $"verified={Result.VerifiedBatches}; broken={Result.FirstBrokenBatch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}", ct: ct);
    }
}
