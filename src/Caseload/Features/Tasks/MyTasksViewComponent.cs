using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Tasks;

/// <summary>The "My tasks" section of the owner's home page: open tasks, soonest due first.</summary>
public sealed class MyTasksViewComponent(TaskService tasks, CurrentUserAccessor users, TimeProvider clock) : ViewComponent
{
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var rows = await tasks.MineAsync(await users.GetAsync(HttpContext.RequestAborted), includeClosed: false, HttpContext.RequestAborted);
        var caption = rows.Count > Shown ? $"Your {Shown} soonest due of {rows.Count} open tasks" : $"{rows.Count} open {(rows.Count == 1 ? "task" : "tasks")}, soonest due first";
        return View("/Features/Tasks/_MyTasks.cshtml", new TaskTableView(caption, rows.Take(Shown).ToList(), UkTime.Today(clock)));
    }
}
