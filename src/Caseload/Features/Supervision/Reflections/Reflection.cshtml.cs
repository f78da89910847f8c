using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision.Reflections;

/// <summary>One reflection: for its author, and for their supervisors once shared (404 for anyone else), with its comments.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class ReflectionPageModel(ReflectionService reflections, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Comment { get; set; }
    public ReflectionView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostCommentAsync(CancellationToken ct)
    {
        var outcome = await reflections.CommentAsync(await users.GetAsync(ct), Id, Comment, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            if (await LoadAsync(ct) is { } refused) return refused;
            ModelState.AddErrors(outcome.Errors, new Dictionary<string, string> { ["text"] = nameof(Comment), ["shared"] = nameof(Comment) });
            return Page();
        }

        return this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = "Your comment is added";
            return Redirect($"/Reflections/{Id}#comments");
        }) ?? Page();
    }

    public async Task<IActionResult> OnPostShareAsync(CancellationToken ct)
    {
        var outcome = await reflections.ShareAsync(await users.GetAsync(ct), Id, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            if (await LoadAsync(ct) is { } refused) return refused;
            ModelState.AddErrors(outcome.Errors, new Dictionary<string, string> { ["shared"] = "Share" });
            return Page();
        }

        return this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = "Your reflection is shared with your supervisors";
            return Redirect($"/Reflections/{Id}");
        }) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var view = await reflections.ReadAsync(await users.GetAsync(ct), Id, ct);
        if (view is null) return NotFound();
        View = view;
        return null;
    }
}
