using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.BreakGlass;

/// <summary>The DPO reviews one break-glass use: appropriate or not, with a comment.</summary>
[Authorize(Policy = Policies.ReviewBreakGlass)]
public sealed class ReviewModel(BreakGlassService service, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Appropriate { get; set; }
    [BindProperty] public string? Comment { get; set; }
    public BreakGlassUse Use { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var dpo = await users.GetAsync(ct);
        bool? appropriate = Appropriate switch { "yes" => true, "no" => false, _ => null };
        var outcome = await service.ReviewAsync(dpo, Id, appropriate, Comment, ct);
        var answer = this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = "The review is recorded";
            return Redirect("/DataProtection/BreakGlass");
        });
        if (answer is not null) return answer;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var use = await service.FindAsync(await users.GetAsync(ct), Id, ct);
        if (use is null) return false;
        Use = use;
        return true;
    }
}
