using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Agencies.Referrals;

public sealed record ReferralsView(Guid CaseId, bool CaseClosed, IReadOnlyList<Referral> Referrals, DateOnly Today);

/// <summary>The case page's referrals: each with its status, follow-up and a flag when the consent it relied on was withdrawn.</summary>
public sealed class ReferralsViewComponent(ReferralService referrals, CaseScope scope) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(bool caseClosed) =>
        View("/Features/Agencies/Referrals/_Referrals.cshtml",
            new ReferralsView(scope.Case.CaseId, caseClosed, await referrals.ListAsync(scope.Case, recordList: false, HttpContext.RequestAborted), referrals.Today));
}
