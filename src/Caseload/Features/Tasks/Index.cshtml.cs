using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Tasks;

public sealed record TaskTableView(string Caption, IReadOnlyList<TaskRow> Rows, DateOnly Today);

/// <summary>"My tasks": the tasks the user owns on cases they may see.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(TaskService tasks, CurrentUserAccessor users, TimeProvider clock) : PageModel
{
    public TaskTableView Open { get; private set; } = null!;
    public TaskTableView Closed { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        var rows = await tasks.MineAsync(await users.GetAsync(ct), includeClosed: true, ct);
        var open = rows.Where(r => r.Task.Status == CaseTaskStatus.Open).ToList();
        Open = new TaskTableView($"{open.Count} open {(open.Count == 1 ? "task" : "tasks")}, soonest due first", open, today);
        Closed = new TaskTableView("Tasks done or not done in the last 30 days", rows.Where(r => r.Task.Status != CaseTaskStatus.Open).ToList(), today);
    }
}
