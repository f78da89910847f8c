using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Supervision.Reflections;

/// <summary>
/// Writing a reflection: first the model (a plain GET form, so it works without JavaScript), then its sections, the case it is
/// about if any, and whether to share it with the author's supervisors.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(ReflectionService reflections, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Model { get; set; }
    [BindProperty] public string? CaseId { get; set; }
    [BindProperty] public Dictionary<string, string?> Sections { get; set; } = [];
    [BindProperty] public bool Shared { get; set; }
    public ReflectionModel? Chosen { get; private set; }
    public IReadOnlyList<CaseLabel> Cases { get; private set; } = [];

    public static string FieldId(string section) => $"Section-{section}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Chosen is null)
        {
            ModelState.AddModelError("Model", "Select the model of the reflection");
            return Page();
        }

        // A value no list offered finds no case: refused by the service like any case the writer may not see.
        Guid? caseId = string.IsNullOrWhiteSpace(CaseId) ? null : Guid.TryParse(CaseId, out var id) ? id : Guid.Empty;
        // Only the chosen model's sections: the form has no others, and a stray one is not the writer's.
        var specs = ReflectionRules.SectionsOf(Chosen.Value);
        var sections = specs.ToDictionary(s => s.Code, s => Sections.GetValueOrDefault(s.Code), StringComparer.Ordinal);
        // A field the browser could not have sent (a checkbox that is not true or false) stops here, before anything is kept.
        if (!ModelState.IsValid) return Page();
        var outcome = await reflections.CreateAsync(await users.GetAsync(ct), Model, caseId, sections, Shared, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            foreach (var (key, message) in outcome.Errors)
            {
                ModelState.AddModelError(key.StartsWith("sections.", StringComparison.Ordinal) ? FieldId(key["sections.".Length..]) : char.ToUpperInvariant(key[0]) + key[1..], message);
            }

            return Page();
        }

        return this.Answer(outcome, ok: r =>
        {
            TempData["Success"] = r.Shared ? "Your reflection is saved and shared with your supervisors" : "Your reflection is saved. Only you can read it";
            return Redirect($"/Reflections/{r.Id}");
        }) ?? Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Chosen = ReflectionRules.TryParseModel(Model, out var m) ? m : null;
        if (Chosen is not null) Cases = await reflections.CasesToReflectOnAsync(await users.GetAsync(ct), ct);
    }
}
