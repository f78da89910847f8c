using Caseload.Features.Cases;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reviews;

/// <summary>
/// Review this case: the form shows what the last review planned (its adjustments and decision) so the practitioner says what
/// came of it, then records progress, barriers, risks, adjustments, the decision and the next review date.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class RecordModel(CaseScope scope, CaseService cases, ReviewService reviews, CurrentUserAccessor users) : PageModel
{
    /// <summary>The value of the risk rating's "no change" choice.</summary>
    public const string RiskUnchanged = "unchanged";

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Progress { get; set; }
    [BindProperty] public string? Barriers { get; set; }
    [BindProperty] public string? Risks { get; set; }
    [BindProperty] public string? RiskRating { get; set; }
    [BindProperty] public string? Adjustments { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? NextReviewOnDay { get; set; }
    [BindProperty] public string? NextReviewOnMonth { get; set; }
    [BindProperty] public string? NextReviewOnYear { get; set; }
    [BindProperty] public int Version { get; set; }

    public string PersonName { get; private set; } = "";
    public Risk CurrentRisk { get; private set; }
    public DateOnly? ReviewDueOn { get; private set; }
    public bool Closed { get; private set; }
    public CaseReview? Last { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        RiskRating = RiskUnchanged;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var posted = Version;
        if (await LoadAsync(ct) is { } refused) return refused;
        Version = posted;
        if (Closed)
        {
            ModelState.AddModelError(string.Empty, ReviewService.ClosedCaseMessage);
            return Page();
        }

        DateOnly? next = null;
        if (GovDate.TryParse(NextReviewOnDay, NextReviewOnMonth, NextReviewOnYear, out var day)) next = day;
        else if (!GovDate.IsEmpty(NextReviewOnDay, NextReviewOnMonth, NextReviewOnYear)) ModelState.AddModelError("NextReviewOn", "The date of the next review must be a real date, like 21 12 2026");
        var rating = RiskRating == RiskUnchanged ? null : RiskRating;
        var input = new ReviewInput(Progress, Barriers, Risks, rating, Adjustments, Decision, next);
        if (!ModelState.IsValid)
        {
            // Show every problem at once: the rules' errors for the other fields beside the date's.
            ModelState.AddErrors(ReviewRules.Check(input, Today).Errors.Where(e => e.Key != "nextReviewOn").ToDictionary(e => e.Key, e => e.Value));
            return Page();
        }

        var user = await users.GetAsync(ct);
        var outcome = await reviews.RecordAsync(user, Id, Version, input, ct);
        return this.Answer(outcome,
            ok: r =>
            {
                TempData[ListModel.RecordedKey] = r.Review!.Decision.ToCode();
                return Redirect($"/Cases/{Id}/Reviews");
            },
            stale: r =>
            {
                Version = r.CaseVersion;
                ModelState.AddModelError(string.Empty, "Someone else changed this case while you were reviewing it. Check its review date and risk rating, then record the review again");
            },
            rename: new Dictionary<string, string> { ["status"] = string.Empty }) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await cases.ReadAsync(scope.Case, ct);
        if (!CasePermissions.CanEdit(user, found)) return Forbid();
        PersonName = found.Person.FullName;
        CurrentRisk = found.Risk;
        ReviewDueOn = found.ReviewDueOn;
        Closed = found.Status == CaseStatus.Closed;
        Version = found.Version;
        Today = reviews.Today;
        Last = (await reviews.LastAsync(scope.Case, ct)).Review;
        return null;
    }
}
