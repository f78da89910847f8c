using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Tasks;

public sealed record CaseTasksView(Guid CaseId, IReadOnlyList<CaseTask> Tasks, DateOnly Today, IReadOnlyList<CaseTaskReassignment> Reassignments);

/// <summary>The case page's tasks. The page has already checked, and audited, that the user sees the case.</summary>
public sealed class CaseTasksViewComponent(TaskService tasks, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid caseId) =>
        View("/Features/Tasks/_CaseTasks.cshtml", new CaseTasksView(caseId, await tasks.ForCaseAsync(caseId, HttpContext.RequestAborted), Platform.Time.UkTime.Today(clock),
            await tasks.ReassignmentsForCaseAsync(caseId, HttpContext.RequestAborted)));
}
