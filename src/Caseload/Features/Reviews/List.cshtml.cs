using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Reviews;

/// <summary>A case's reviews, newest first; after a review is recorded, what its decision leads to.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ListModel(CaseScope scope, CaseService cases, ReviewService reviews, CurrentUserAccessor users) : PageModel
{
    /// <summary>TempData key: the decision of the review just recorded, for the confirmation.</summary>
    public const string RecordedKey = "ReviewRecorded";

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public string PersonName { get; private set; } = "";
    public IReadOnlyList<CaseReview> Reviews { get; private set; } = [];
    public DateOnly? ReviewDueOn { get; private set; }
    public DateOnly Today { get; private set; }
    public bool Closed { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanAllocate { get; private set; }
    /// <summary>The decision of the review just recorded, when this page is its confirmation.</summary>
    public ReviewDecision? Recorded { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await cases.ReadAsync(scope.Case, ct);
        PersonName = found.Person.FullName;
        ReviewDueOn = found.ReviewDueOn;
        Closed = found.Status == CaseStatus.Closed;
        CanEdit = CasePermissions.CanEdit(user, found);
        CanAllocate = CasePermissions.CanAllocate(user, found);
        Today = reviews.Today;
        Reviews = await reviews.ListAsync(scope.Case, ct);
        if (TempData[RecordedKey] is string code && ReviewDecisions.TryParse(code, out var decision)) Recorded = decision;
        return Page();
    }
}
