using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Tasks;

/// <summary>Recording that a task was done or not done, and what came of it.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id", ScopedBy.Task)]
public sealed class OutcomeModel(TaskService tasks, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public int Version { get; set; }
    public TaskRow Row { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var row = await tasks.GetAsync(await users.GetAsync(ct), Id, ct);
        if (row is null) return NotFound();
        Row = row;
        Version = row.Task.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var version = Version;
        var row = await tasks.GetAsync(user, Id, ct);
        if (row is null) return NotFound();
        Row = row;
        if (!CaseTaskStatusCodes.TryParseClosed(Status, out var status))
        {
            ModelState.AddModelError(nameof(Status), "Select whether the task was done");
            return Page();
        }

        var outcome = await tasks.CloseAsync(user, Id, version, status, Outcome, ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = status == CaseTaskStatus.Done ? "The task is recorded as done" : "The task is recorded as not done";
                return Redirect($"/Cases/{row.Task.CaseId}#tasks");
            },
            stale: t =>
            {
                Version = t.Version;
                ModelState.AddModelError(nameof(Status), "Someone else changed this task while you were working on it. Check it and save again");
            }) ?? Page();

    }
}
