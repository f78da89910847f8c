using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Notes.Objectivity.Manage;

/// <summary>Adds a rule or changes one of the administrators' rules, with a sentence to try the draft against before saving.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(ObjectivityRuleService rules, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Phrases { get; set; }
    [BindProperty] public string? Exceptions { get; set; }
    [BindProperty] public string? Message { get; set; }
    [BindProperty] public string? Suggestion { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Sentence { get; set; }
    [BindProperty] public int Version { get; set; }
    public ObjectivityRuleView? Rule { get; private set; }
    public IReadOnlyList<ObjectivityRuleVersion> History { get; private set; } = [];
    public PreviewResult? Preview { get; private set; }
    public bool ReadOnly => Rule is { State: not StoredRuleState.InForce };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return Page();
        if (!await LoadAsync(ct)) return NotFound();
        Category = Rule!.Category.ToCode();
        Phrases = string.Join('\n', Rule.Phrases);
        Exceptions = string.Join('\n', Rule.Exceptions);
        Message = Rule.Message;
        Suggestion = Rule.Suggestion;
        Version = Rule.Version;
        return Page();
    }

    /// <summary>Tries the sentence against the rules in force with this draft rule in them. Nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Id is not null && !await LoadAsync(ct)) return NotFound();
        var errors = ObjectivityRuleInputRules.Validate(Id ?? ObjectivityRuleService.DraftId, Input(), out var draft);
        ModelState.AddErrors(errors);
        if (string.IsNullOrWhiteSpace(Sentence)) ModelState.AddModelError(nameof(Sentence), "Enter a sentence to try the rule on");
        else if (Sentence.Length > ObjectivityRulesApi.PreviewMaxLength) ModelState.AddModelError(nameof(Sentence), $"The sentence must be {ObjectivityRulesApi.PreviewMaxLength:N0} characters or fewer");
        else if (draft is not null) Preview = new PreviewResult(Sentence, rules.Preview(Sentence, draft));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = Id is null
            ? await rules.AddAsync(user, Input(), Reason, ct)
            : await rules.ChangeAsync(user, Id, Version, Input(), Reason, ct);
        var answer = this.Answer(outcome,
            ok: r =>
            {
                TempData["Success"] = Id is null ? $"Rule {r.Id} is added and in force" : $"Rule {r.Id} is changed and in force";
                return Redirect("/Admin/ObjectivityRules");
            },
            stale: r =>
            {
                Version = r.Version;
                ModelState.AddModelError(nameof(Phrases), "Another administrator changed this rule while you were editing it. Check their change below, then save again");
            },
            rename: new Dictionary<string, string> { ["state"] = nameof(Reason), ["id"] = nameof(Reason) });
        if (answer is not null) return answer;


        if (Id is not null) await LoadAsync(ct);
        return Page();
    }

    private ObjectivityRuleInput Input() => new(Category, Phrases, Exceptions, Message, Suggestion);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Rule = await rules.GetAsync(Id!, ct);
        if (Rule is null || Rule.BuiltIn) return false;
        History = await rules.HistoryAsync(Id!, ct);
        return true;
    }
}
