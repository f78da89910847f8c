using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>The DPO decides on one closed case: destroy, extend with a reason and a date, or hold.</summary>
[Authorize(Policy = Policies.ManageRetention)]
public sealed class DecisionModel(RetentionService retention, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? UntilDay { get; set; }
    [BindProperty] public string? UntilMonth { get; set; }
    [BindProperty] public string? UntilYear { get; set; }
    /// <summary>The case's review; null while the case is open (it has none until it closes).</summary>
    public RetentionItem? Item { get; private set; }
    public DateOnly Today => retention.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DateOnly? until = null;
        if (Decision == RetentionDecisions.Extend && !GovDate.IsEmpty(UntilDay, UntilMonth, UntilYear))
        {
            if (GovDate.TryParse(UntilDay, UntilMonth, UntilYear, out var u)) until = u;
            else ModelState.AddModelError("Until", "Enter the date to keep the case until as a real date");
        }

        if (ModelState.IsValid)
        {
            var outcome = await retention.DecideAsync(await users.GetAsync(ct), Id, Decision, Reason, until, ct);
            var answer = this.Answer(outcome, ok: d =>
            {
                TempData["Success"] = d.Decision switch
                {
                    RetentionDecisions.Destroy => $"The case was destroyed. Destruction record {d.Destruction!.Id}",
                    RetentionDecisions.Extend => $"The case is kept until {UkTime.Format(d.Extension!.Until)}",
                    _ => "The case is held",
                };
                return Redirect("/DataProtection/Retention");
            });
            if (answer is not null) return answer;
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var (exists, item) = await retention.ForDecisionAsync(await users.GetAsync(ct), Id, ct);
        Item = item;
        return exists;
    }
}
