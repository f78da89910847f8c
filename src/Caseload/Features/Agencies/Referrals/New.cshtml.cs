using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>
/// Make a referral: the agency, why, what is asked, how urgent, what is shared, and on which basis (a consent of the person
/// for referral, or a lawful basis without it). The practitioner confirms the seven golden rules of information sharing first.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class NewModel(CaseScope scope, ReferralService referrals, AgencyService agencies) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int? AgencyId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Requested { get; set; }
    [BindProperty] public string? Urgency { get; set; }
    [BindProperty] public string? InformationShared { get; set; }
    [BindProperty] public Guid? ConsentId { get; set; }
    [BindProperty] public string? LawfulBasis { get; set; }
    [BindProperty] public string? LawfulReason { get; set; }
    [BindProperty] public string? LawfulDecidedBy { get; set; }
    [BindProperty] public string? FollowUpInWorkingDays { get; set; }
    [BindProperty] public bool GoldenRulesConfirmed { get; set; }

    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == Cases.CaseStatus.Closed;
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<Consent> Consents { get; private set; } = [];
    public DateOnly Today => referrals.Today;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Closed)
        {
            ModelState.AddModelError(string.Empty, ReferralService.ClosedCaseMessage);
            return Page();
        }

        int? days = null;
        if (!string.IsNullOrWhiteSpace(FollowUpInWorkingDays))
        {
            if (int.TryParse(FollowUpInWorkingDays.Trim(), out var d)) days = d;
            else ModelState.AddModelError(nameof(FollowUpInWorkingDays), "The follow-up period must be a whole number of working days, like 3");
        }

        // The golden rules are the practitioner's check before anything is shared (HM Government, Information sharing advice, 2024).
        if (!GoldenRulesConfirmed) ModelState.AddModelError(nameof(GoldenRulesConfirmed), "Confirm that what you share meets the seven golden rules");
        var input = new ReferralInput(AgencyId, Reason, Requested, Urgency, ConsentId, Basis(ConsentId, LawfulBasis, LawfulReason, LawfulDecidedBy), InformationShared, days);
        if (!ModelState.IsValid)
        {
            ModelState.AddErrors(ReferralRules.Check(input).Where(e => ModelState[Field(e.Key)] is not { Errors.Count: > 0 }).ToDictionary(e => e.Key, e => e.Value), Renames);
            return Page();
        }

        var outcome = await referrals.MakeAsync(scope.Case, input, ct);
        return this.Answer(outcome,
            ok: r =>
            {
                TempData["Success"] = $"The referral to {r.Agency?.Name} is recorded as sent. A follow-up task is due on {Platform.Time.UkTime.Format(r.FollowUpDueOn!.Value)}";
                return Redirect($"/Cases/{Id}/Referrals/{r.Id}");
            },
            rename: Renames) ?? Page();
    }

    /// <summary>A lawful basis when no consent was chosen and any of its fields was given.</summary>
    internal static LawfulBasisInput? Basis(Guid? consentId, string? basis, string? reason, string? decidedBy) =>
        consentId is null && !(string.IsNullOrWhiteSpace(basis) && string.IsNullOrWhiteSpace(reason) && string.IsNullOrWhiteSpace(decidedBy))
            ? new LawfulBasisInput(basis, reason, decidedBy)
            : null;

    internal static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["consent"] = nameof(ConsentId),
        ["lawfulBasis.basis"] = nameof(LawfulBasis),
        ["lawfulBasis.reason"] = nameof(LawfulReason),
        ["lawfulBasis.decidedBy"] = nameof(LawfulDecidedBy),
        ["status"] = string.Empty,
    };

    internal static string Field(string key) => Renames.TryGetValue(key, out var renamed) ? renamed : char.ToUpperInvariant(key[0]) + key[1..];

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await agencies.ListAsync(ct);
        Consents = (await referrals.ConsentsAsync(scope.Case, ct)).Where(c => c.Purpose == ConsentCodes.Referral && !ConsentRules.IsWithdrawn(c, Today)).ToList();
    }
}
