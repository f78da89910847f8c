using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Cases;

/// <summary>Assess or reassess a case's complexity, with the reason; kept in the case's complexity history.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ComplexityModel(CaseScope scope, CaseService cases, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Complexity { get; set; }
    [BindProperty] public string? ComplexityReason { get; set; }
    [BindProperty] public int Version { get; set; }
    public string PersonName { get; private set; } = "";
    public string Current { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await cases.ReadAsync(scope.Case, ct);
        Show(found);
        Version = found.Version;
        Complexity = found.Complexity?.ToCode();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await cases.ReadAsync(scope.Case, ct);
        Show(found);
        if (!ComplexityCodes.TryParse(Complexity, out var complexity)) ModelState.AddModelError(nameof(Complexity), "Select the complexity");
        if (string.IsNullOrWhiteSpace(ComplexityReason)) ModelState.AddModelError(nameof(ComplexityReason), "Enter why the complexity has changed");
        if (!ModelState.IsValid) return Page();

        var outcome = await cases.ChangeAsync(user, Id, Version, new CaseChange(Complexity: complexity, ComplexityReason: ComplexityReason), ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The complexity is saved";
                return Redirect($"/Cases/{Id}");
            },
            stale: c =>
            {
                Version = c.Version;
                ModelState.AddModelError(nameof(Complexity), $"Someone else changed this case while you were working on it: the complexity is now {ComplexityCodes.Text(c.Complexity).ToLowerInvariant()}. Check it and save again");
            },
            rename: new Dictionary<string, string> { ["status"] = nameof(Complexity) }) ?? Page();
    }

    private void Show(Case found)
    {
        PersonName = found.Person.FullName;
        Current = ComplexityCodes.Text(found.Complexity).ToLowerInvariant();
    }
}
