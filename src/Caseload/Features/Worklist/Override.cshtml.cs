using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caseload.Features.Cases;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Worklist;

/// <summary>"Why is this case here?": the full explanation, the override form and the priority history.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class PriorityModel(CaseScope scope, WorklistService worklists, CaseService cases, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Direction { get; set; }
    [BindProperty] public string? Rationale { get; set; }
    [BindProperty] public string? ExpiresOnDay { get; set; }
    [BindProperty] public string? ExpiresOnMonth { get; set; }
    [BindProperty] public string? ExpiresOnYear { get; set; }
    public PriorityHistory? History { get; private set; }
    public bool CanOverride { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DateOnly? expires = null;
        if (!GovDate.IsEmpty(ExpiresOnDay, ExpiresOnMonth, ExpiresOnYear))
        {
            if (GovDate.TryParse(ExpiresOnDay, ExpiresOnMonth, ExpiresOnYear, out var e)) expires = e;
            else ModelState.AddModelError("ExpiresOn", "The end date must be a real date, like 11 12 2026");
        }

        if (ModelState.IsValid)
        {
            var outcome = await worklists.OverrideAsync(await users.GetAsync(ct), Id, Direction, Rationale, expires, ct);
            var answer = this.Answer(outcome,
                ok: o =>
                {
                    TempData["Success"] = $"The priority is {(o.Direction == OverrideDirection.Raise ? "raised" : "lowered")}";
                    return Redirect($"/Cases/{Id}/Priority");
                },
                rename: new Dictionary<string, string> { ["status"] = nameof(Rationale) });
            if (answer is not null) return answer;

        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        History = await worklists.HistoryAsync(user, Id, ct);
        if (History is null) return false;
        CanOverride = CasePermissions.CanEdit(user, await cases.ReadAsync(scope.Case, ct));
        return true;
    }
}
