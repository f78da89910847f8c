using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision;

/// <summary>
/// The supervisee agrees with the record of their session or records what they disagree with. Only the supervisee: others
/// who may read the session are refused (403), anyone else finds nothing (404).
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class AgreementModel(SupervisionService supervision, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Agreed { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public int Version { get; set; }
    public SessionView View { get; private set; } = null!;

    public bool AlreadyResponded => View.ResponseTo(View.Session.CurrentVersion) is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Version = View.Session.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var version = Version;
        if (await LoadAsync(ct) is { } refused) return refused;
        bool? agreed = Agreed switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        var outcome = await supervision.RespondAsync(await users.GetAsync(ct), Id, version, agreed, Comment, ct);
        if (outcome.Kind == OutcomeKind.Stale) await LoadAsync(ct);
        return this.Answer(outcome,
            ok: s =>
            {
                TempData["Success"] = s.Status == SupervisionStatus.Agreed
                    ? "You agreed with the record"
                    : "Your disagreement is recorded with the session. Talk it through with your supervisor, who may amend the record";
                return Redirect($"/Supervision/{Id}");
            },
            stale: s =>
            {
                Version = s.Version;
                ModelState.AddModelError(nameof(Agreed), "The record was amended while you were reading it. Read it again, then agree or disagree");
            },
            rename: new Dictionary<string, string> { ["status"] = nameof(Agreed) }) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var view = await supervision.ReadAsync(await users.GetAsync(ct), Id, ct);
        if (view is null) return NotFound();
        if (!view.IsSupervisee) return Forbid();
        View = view;
        return null;
    }
}
