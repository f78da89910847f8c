using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;
using Caseload.Platform.Security;

namespace Caseload.Features.Notes.Objectivity.Manage;

/// <summary>The objectivity rules in force: the administrators' own and the built-in ones, and a sentence to try against them.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(ObjectivityRuleService rules) : PageModel
{
    [BindProperty] public string? Sentence { get; set; }
    public IReadOnlyList<ObjectivityRuleView> Local { get; private set; } = [];
    public IReadOnlyList<ObjectivityRuleView> BuiltIn { get; private set; } = [];
    public PreviewResult? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Tries a sentence against the rules in force; stores nothing.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Sentence)) ModelState.AddModelError(nameof(Sentence), "Enter a sentence to try");
        else if (Sentence.Length > ObjectivityRulesApi.PreviewMaxLength) ModelState.AddModelError(nameof(Sentence), $"The sentence must be {ObjectivityRulesApi.PreviewMaxLength:N0} characters or fewer");
        else Preview = new PreviewResult(Sentence, rules.Preview(Sentence));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await rules.ListAsync(ct);
        Local = [.. all.Where(r => !r.BuiltIn)];
        BuiltIn = [.. all.Where(r => r.BuiltIn)];
    }
}
