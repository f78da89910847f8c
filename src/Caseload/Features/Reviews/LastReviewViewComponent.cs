using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Reviews;

public sealed record LastReviewView(Guid CaseId, LastReview Last, DateOnly? ReviewDueOn, DateOnly Today);

/// <summary>The case page's review panel: the last review and when the next is due, for the case its case scope found.</summary>
public sealed class LastReviewViewComponent(ReviewService reviews, CaseScope scope) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DateOnly? reviewDueOn) =>
        View("/Features/Reviews/_LastReview.cshtml",
            new LastReviewView(scope.Case.CaseId, await reviews.LastAsync(scope.Case, HttpContext.RequestAborted), reviewDueOn, reviews.Today));
}
