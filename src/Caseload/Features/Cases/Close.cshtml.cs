using Caseload.Features.Closure;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class CloseModel(CaseScope scope, CaseService cases, CurrentUserAccessor users, ClosurePolicy closure, ClosureOutcomes outcomes) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The code of the reason, from the service's list.</summary>
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public int Version { get; set; }
    public Dictionary<Guid, string> GoalOutcome { get; private set; } = [];
    public string PersonName { get; private set; } = "";
    public ClosureForm Form { get; private set; } = null!;
    private Case? _case;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // Where closing needs a supervisor's approval, the practitioner asks for it instead.
        return closure.MustRequest(await users.GetAsync(ct), _case!) && _case!.Status != CaseStatus.Closed ? Redirect($"/Cases/{Id}/Closure/Request") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var version = Version;
        GoalOutcome = ClosureForm.Indexed(Request.Form, nameof(GoalOutcome));
        if (!await LoadAsync(ct)) return NotFound();
        ViewData["ErrorOrder"] = new[] { nameof(Reason) }.Concat(Form.Goals.Select(ClosureForm.FieldOf)).Append(nameof(Details)).ToArray();
        var input = Form.Read(Details, ModelState);
        if (!ModelState.IsValid) return Page();

        var outcome = await cases.CloseAsync(await users.GetAsync(ct), Id, version, Details, input, ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The case is closed";
                return Redirect($"/Cases/{Id}");
            },
            stale: _ => ModelState.AddModelError(nameof(Reason), "Someone else changed this case while you were working on it. Check the case, then close it again"),
            rename: Form.Renames) ?? Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = _case = await cases.ReadAsync(scope.Case, ct);
        PersonName = found.Person.FullName;
        Version = found.Version;
        Form = new ClosureForm(outcomes.ReasonsFor(found.Service), Reason, await outcomes.GoalsAsync(found.Id, ct), GoalOutcome);
        return true;
    }
}
