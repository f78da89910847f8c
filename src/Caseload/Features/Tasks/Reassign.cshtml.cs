using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Notes;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Tasks;

/// <summary>Handing a task to someone else who works on the case, with the reason.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id", ScopedBy.Task)]
public sealed class ReassignModel(CaseScope scope, TaskService tasks, CaseService cases, CaseloadDb db, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }
    public TaskRow Row { get; private set; } = null!;
    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];
    public IReadOnlyList<CaseTaskReassignment> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!await LoadAsync(user, ct)) return NotFound();
        Version = Row.Task.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var version = Version;
        if (!await LoadAsync(user, ct)) return NotFound();
        var outcome = await tasks.ReassignAsync(user, Id, version, Owner, Reason, ct);
        if (outcome.Kind == OutcomeKind.Stale) await LoadAsync(user, ct);
        return this.Answer(outcome,
            ok: t =>
            {
                TempData["Success"] = $"The task is reassigned to {t.OwnerName}";
                return Redirect($"/Cases/{Row.Task.CaseId}#tasks");
            },
            stale: t =>
            {
                Version = t.Version;
                ModelState.AddModelError(nameof(Owner), "Someone else changed this task while you were working on it. Check who owns it now, then save again");
            },
            rename: new Dictionary<string, string> { ["status"] = nameof(Owner) }) ?? Page();

    }

    private async Task<bool> LoadAsync(CurrentUser user, CancellationToken ct)
    {
        var row = await tasks.GetAsync(user, Id, ct);
        if (row is null) return false;
        var @case = await cases.ReadAsync(scope.Case, ct);
        Row = row;
        var ownerId = row.Task.OwnerId;
        var current = await db.Users.FindAsync([ownerId], ct);
        Owners = (await NotePageSupport.OwnersAsync(db, user, @case, ct)).Where(o => !string.Equals(o.UserName, current?.UserName, StringComparison.OrdinalIgnoreCase)).ToList();
        History = await tasks.ReassignmentsAsync(Id, ct);
        return true;
    }
}
