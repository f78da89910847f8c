using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>Log information shared on its own (a call to a school, a report to a conference): with whom, what, why, on which basis, how.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ShareModel(CaseScope scope, ReferralService referrals, AgencyService agencies) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? SharedWith { get; set; }
    [BindProperty] public int? AgencyId { get; set; }
    [BindProperty] public string? What { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public Guid? ConsentId { get; set; }
    [BindProperty] public string? LawfulBasis { get; set; }
    [BindProperty] public string? LawfulReason { get; set; }
    [BindProperty] public string? LawfulDecidedBy { get; set; }
    [BindProperty] public string? DecidedBy { get; set; }
    [BindProperty] public string? SharedOnDay { get; set; }
    [BindProperty] public string? SharedOnMonth { get; set; }
    [BindProperty] public string? SharedOnYear { get; set; }
    [BindProperty] public string? Method { get; set; }

    public string PersonName => scope.Case.PersonName;
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<Consent> Consents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        DateOnly? on = null;
        if (GovDate.TryParse(SharedOnDay, SharedOnMonth, SharedOnYear, out var day)) on = day;
        else if (!GovDate.IsEmpty(SharedOnDay, SharedOnMonth, SharedOnYear)) ModelState.AddModelError("SharedOn", "The date it was shared must be a real date, like 21 11 2026");
        var input = new ShareInput(SharedWith, AgencyId, What, Purpose, ConsentId, NewModel.Basis(ConsentId, LawfulBasis, LawfulReason, LawfulDecidedBy), DecidedBy, on, Method);
        if (!ModelState.IsValid)
        {
            ModelState.AddErrors(ReferralRules.CheckShare(input, referrals.Today, DateOnly.MinValue).Where(e => ModelState[NewModel.Field(e.Key)] is not { Errors.Count: > 0 }).ToDictionary(e => e.Key, e => e.Value),
                NewModel.Renames);
            return Page();
        }

        var outcome = await referrals.RecordShareAsync(scope.Case, input, ct);
        return this.Answer(outcome,
            ok: s =>
            {
                TempData["Success"] = $"The information shared with {s.SharedWith} is logged";
                return Redirect($"/Cases/{Id}/Referrals#shares");
            },
            rename: NewModel.Renames) ?? Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await agencies.ListAsync(ct);
        Consents = (await referrals.ConsentsAsync(scope.Case, ct)).Where(c => c.Purpose == ConsentCodes.InformationSharing && !ConsentRules.IsWithdrawn(c, referrals.Today)).ToList();
    }
}
