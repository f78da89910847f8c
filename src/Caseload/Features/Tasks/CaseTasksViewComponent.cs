using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Tasks;

public sealed record CaseTasksView(Guid CaseId, IReadOnlyList<CaseTask> Tasks, DateOnly Today, IReadOnlyList<CaseTaskReassignment> Reassignments);

/// <summary>The case page's tasks, for the case its case scope found.</summary>
public sealed class CaseTasksViewComponent(TaskService tasks, CaseScope scope, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Tasks/_CaseTasks.cshtml", new CaseTasksView(scope.Case.CaseId, await tasks.ForCaseAsync(scope.Case, HttpContext.RequestAborted),
            Platform.Time.UkTime.Today(clock), await tasks.ReassignmentsForCaseAsync(scope.Case, HttpContext.RequestAborted)));
}
