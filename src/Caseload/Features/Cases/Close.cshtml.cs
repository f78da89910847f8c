using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class CloseModel(CaseScope scope, CaseService cases, CurrentUserAccessor users, Closure.ClosurePolicy closure) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public int Version { get; set; }
    public string PersonName { get; private set; } = "";
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
        if (!await LoadAsync(ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Select the reason for closing the case");
        else if (Reason == "Other" && string.IsNullOrWhiteSpace(Details)) ModelState.AddModelError(nameof(Details), "Enter the details of why the case is closing");
        if (!ModelState.IsValid) return Page();

        var reason = string.IsNullOrWhiteSpace(Details) ? Reason! : $"{Reason}: {Details!.Trim()}";
        var outcome = await cases.CloseAsync(await users.GetAsync(ct), Id, version, reason, ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The case is closed";
                return Redirect($"/Cases/{Id}");
            },
            stale: _ => ModelState.AddModelError(nameof(Reason), "Someone else changed this case while you were working on it. Check the case, then close it again"),
            rename: new Dictionary<string, string> { ["reason"] = nameof(Details), ["status"] = nameof(Reason) }) ?? Page();

    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = _case = await cases.ReadAsync(scope.Case, ct);
        PersonName = found.Person.FullName;
        Version = found.Version;
        return true;
    }
}
