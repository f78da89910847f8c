using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Plans;

/// <summary>The case page's feedback: the newest few pieces, with a way to all of them. Part of the case page's one read.</summary>
public sealed class CaseFeedbackViewComponent(FeedbackService feedback, CaseScope scope) : ViewComponent
{
    public const int Shown = 3;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var all = await feedback.ListAsync(scope.Case, recordRead: false, HttpContext.RequestAborted);
        return View("/Features/Plans/_CaseFeedback.cshtml", (scope.Case.CaseId, all.Count, all.Take(Shown).ToList()));
    }
}
