using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Tasks;

public sealed record TaskTableView(string Caption, IReadOnlyList<TaskRow> Rows, DateOnly Today);

/// <summary>"My tasks": the tasks the user owns on cases they may see.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(TaskService tasks, Capacity.Escalations.EscalationService escalations, CurrentUserAccessor users, TimeProvider clock) : PageModel
{
    public TaskTableView Open { get; private set; } = null!;
    public TaskTableView Closed { get; private set; } = null!;
    /// <summary>Actions agreed in answer to capacity escalations that the user owns: tasks without a case.</summary>
    public IReadOnlyList<Capacity.Escalations.EscalationAction> EscalationActions { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = Today = UkTime.Today(clock);
        var user = await users.GetAsync(ct);
        var rows = await tasks.MineAsync(user, includeClosed: true, ct);
        EscalationActions = await escalations.ActionsOwnedByAsync(user, includeClosed: true, ct);
        var open = rows.Where(r => r.Task.Status == CaseTaskStatus.Open).ToList();
        Open = new TaskTableView($"{open.Count} open {(open.Count == 1 ? "task" : "tasks")}, soonest due first", open, today);
        Closed = new TaskTableView("Tasks done or not done in the last 30 days", rows.Where(r => r.Task.Status != CaseTaskStatus.Open).ToList(), today);
    }
}
