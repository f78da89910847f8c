using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>The DPO reviews what the bundle holds, third-party information marked, and records redactions and exemptions with their reasons.</summary>
[Authorize(Policy = Policies.ManageSubjectAccess)]
public sealed class ReviewModel(SubjectAccessService sar, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Item { get; set; }
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public SubjectAccessView? View { get; private set; }
    public GatheredRecords? Records { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await sar.RedactAsync(await users.GetAsync(ct), Id, null, Item, Field, Action, Reason, ct);
        var answer = this.Answer(outcome, ok: r =>
        {
            TempData["Success"] = $"{(r.Redaction.Action == RedactionActions.Withhold ? "Withholding" : "Redaction")} of {r.Redaction.Item} recorded";
            return Redirect($"/DataProtection/SubjectAccess/{Id}");
        });
        if (answer is not null) return answer;
        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var review = await sar.ReviewAsync(await users.GetAsync(ct), Id, ct);
        if (review is null) return false;
        (View, Records) = review.Value;
        return true;
    }
}
