using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class RiskModel(CaseScope scope, CaseService cases, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Risk { get; set; }
    [BindProperty] public string? RiskReason { get; set; }
    [BindProperty] public int Version { get; set; }
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await cases.ReadAsync(scope.Case, ct);
        PersonName = found.Person.FullName;
        Version = found.Version;
        Risk = found.Risk.ToCode();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await cases.ReadAsync(scope.Case, ct);
        PersonName = found.Person.FullName;
        if (!RiskCodes.TryParse(Risk, out var risk)) ModelState.AddModelError(nameof(Risk), "Select a risk rating");
        if (string.IsNullOrWhiteSpace(RiskReason)) ModelState.AddModelError(nameof(RiskReason), "Enter why the risk rating has changed");
        if (!ModelState.IsValid) return Page();

        var outcome = await cases.ChangeAsync(user, Id, Version, new CaseChange(Risk: risk, RiskReason: RiskReason), ct);
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = "The risk rating is saved";
                return Redirect($"/Cases/{Id}");
            },
            stale: c =>
            {
                Version = c.Version;
                ModelState.AddModelError(nameof(Risk), $"Someone else changed this case while you were working on it: the rating is now {CaseDisplay.RiskText(c.Risk).ToLowerInvariant()}. Check it and save again");
            },
            rename: new Dictionary<string, string> { ["status"] = nameof(Risk) }) ?? Page();

    }
}
