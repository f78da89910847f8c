using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Involvements;

/// <summary>End an involvement: the day it ended and, optionally, why. The form carries the version it was read at.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class EndModel(CaseScope scope, InvolvementService involvements) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid InvolvementId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? UntilDay { get; set; }
    [BindProperty] public string? UntilMonth { get; set; }
    [BindProperty] public string? UntilYear { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string PersonName => scope.Case.PersonName;
    public Involvement Involvement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await involvements.GetAsync(scope.Case, InvolvementId, ct);
        if (found is null) return NotFound();
        Involvement = found;
        Version = found.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await involvements.GetAsync(scope.Case, InvolvementId, ct);
        if (found is null) return NotFound();
        Involvement = found;
        DateOnly? until = null;
        if (GovDate.TryParse(UntilDay, UntilMonth, UntilYear, out var day)) until = day;
        else if (!GovDate.IsEmpty(UntilDay, UntilMonth, UntilYear)) ModelState.AddModelError("Until", "The date their involvement ended must be a real date, like 21 11 2026");
        if (!ModelState.IsValid)
        {
            if (InvolvementRules.CheckEnd(found.From, found.From, Reason, involvements.Today).TryGetValue("reason", out var reasonError)) ModelState.AddModelError(nameof(Reason), reasonError);
            return Page();
        }

        var outcome = await involvements.EndAsync(scope.Case, InvolvementId, Version, until, Reason, ct);
        return this.Answer(outcome,
            ok: i =>
            {
                TempData["Success"] = $"The involvement of {i.Who} is ended";
                return Redirect($"/Cases/{Id}#involvements");
            },
            stale: i =>
            {
                Involvement = i;
                Version = i.Version;
                ModelState.AddModelError(string.Empty, "Someone else changed this involvement while you were working on it. Check it, then end it again if it still goes on");
            }) ?? Page();
    }
}
