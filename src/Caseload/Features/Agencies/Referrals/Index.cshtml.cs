using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>The case's referrals out and its information sharing log.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class IndexModel(CaseScope scope, ReferralService referrals) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == Cases.CaseStatus.Closed;
    public DateOnly Today => referrals.Today;
    public IReadOnlyList<Referral> Referrals { get; private set; } = [];
    public IReadOnlyList<InformationShare> Shares { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Referrals = await referrals.ListAsync(scope.Case, ct: ct);
        Shares = await referrals.SharesAsync(scope.Case, ct: ct);
    }
}
