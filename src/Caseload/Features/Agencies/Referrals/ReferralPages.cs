using Caseload.Features.Shared;
using Caseload.Platform.Http;
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

/// <summary>One referral: what was asked and shared, on which basis, its steps, and the form for the next step.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ReferralModel(CaseScope scope, ReferralService referrals) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid ReferralId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? OnDay { get; set; }
    [BindProperty] public string? OnMonth { get; set; }
    [BindProperty] public string? OnYear { get; set; }
    [BindProperty] public string? Note { get; set; }

    public string PersonName => scope.Case.PersonName;
    public DateOnly Today => referrals.Today;
    public Referral Referral { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await referrals.GetAsync(scope.Case, ReferralId, ct);
        if (found is null) return NotFound();
        Referral = found;
        Version = found.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await referrals.GetAsync(scope.Case, ReferralId, ct);
        if (found is null) return NotFound();
        Referral = found;
        DateOnly? on = null;
        if (GovDate.TryParse(OnDay, OnMonth, OnYear, out var day)) on = day;
        else if (!GovDate.IsEmpty(OnDay, OnMonth, OnYear)) ModelState.AddModelError("On", "The date of this step must be a real date, like 21 11 2026");
        if (!ModelState.IsValid) return Page();

        var outcome = await referrals.RecordStepAsync(scope.Case, ReferralId, Version, Status, on, Note, ct);
        return this.Answer(outcome,
            ok: r =>
            {
                TempData["Success"] = $"The referral is recorded as {ReferralCodes.Title(ReferralCodes.Statuses, r.Status).ToLowerInvariant()}"
                                      + (r.FollowUpDueOn is { } due ? $". The next follow-up is due on {Platform.Time.UkTime.Format(due)}" : ". Follow-up has stopped");
                return Redirect($"/Cases/{Id}/Referrals/{r.Id}");
            },
            stale: r =>
            {
                Referral = r;
                Version = r.Version;
                ModelState.AddModelError(string.Empty, "Someone else recorded a step on this referral while you were working on it. Check it, then record yours again");
            }) ?? Page();
    }
}

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

public sealed record ReferralsView(Guid CaseId, bool CaseClosed, IReadOnlyList<Referral> Referrals, DateOnly Today);

/// <summary>The case page's referrals: each with its status, follow-up and a flag when the consent it relied on was withdrawn.</summary>
public sealed class ReferralsViewComponent(ReferralService referrals, CaseScope scope) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(bool caseClosed) =>
        View("/Features/Agencies/Referrals/_Referrals.cshtml",
            new ReferralsView(scope.Case.CaseId, caseClosed, await referrals.ListAsync(scope.Case, recordList: false, HttpContext.RequestAborted), referrals.Today));
}

/// <summary>The consent-or-lawful-basis fields a referral and a share both ask for.</summary>
public sealed record BasisFields(IReadOnlyList<Consent> Consents, Guid? ConsentId, string? LawfulBasis, string? LawfulReason, string? LawfulDecidedBy, string ConsentHint);
