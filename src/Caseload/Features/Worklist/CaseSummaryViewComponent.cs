using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Worklist;

/// <summary>The case and its priority now; the priority is null when the case is closed (it is on no worklist).</summary>
public sealed record CaseSummaryView(Case Case, WorklistItem? Priority);

/// <summary>
/// The top of the case page: what the reader needs to know and do. The priority band, score and reasons as the worklist computes
/// them (with the rating inconsistency the priority rules find), the next deadline, overdue tasks and the open safeguarding concern.
/// </summary>
public sealed class CaseSummaryViewComponent(WorklistService worklists, CurrentUserAccessor users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var user = await users.GetAsync(HttpContext.RequestAborted);
        var priority = @case.Status == CaseStatus.Closed ? null : await worklists.CurrentAsync(user, @case.Id, HttpContext.RequestAborted);
        return View("/Features/Worklist/_CaseSummary.cshtml", new CaseSummaryView(@case, priority));
    }
}

public static class CaseSummaryDisplay
{
    /// <summary>How near the next deadline is, as a tag: overdue red, within a working week orange, else grey.</summary>
    public static (string Class, string Text) DeadlineTag(NextDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var days = deadline.WorkingDaysUntilDue;
        if (deadline.Overdue) return ("govuk-tag govuk-tag--red", $"Overdue by {-days} working {(days == -1 ? "day" : "days")}");
        if (days == 0) return ("govuk-tag govuk-tag--orange", "Due today");
        return (days <= 5 ? "govuk-tag govuk-tag--orange" : "govuk-tag govuk-tag--grey", $"{days} working {(days == 1 ? "day" : "days")} left");
    }
}
