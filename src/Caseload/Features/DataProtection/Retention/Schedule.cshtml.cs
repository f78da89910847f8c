using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>The DPO views and changes the retention schedule: each rule's period and what it runs from, with the reason; earlier versions stay listed.</summary>
[Authorize(Policy = Policies.ManageRetention)]
public sealed class ScheduleModel(RetentionService retention, CurrentUserAccessor users) : PageModel
{
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<string?> Years { get; set; } = [];
    [BindProperty] public List<string?> RunsFrom { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public ScheduleInForce Current { get; private set; } = null!;
    public IReadOnlyList<RetentionScheduleVersion> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Version = Current.ETagVersion;
        Years = Current.Schedule.Rules.Select(r => (string?)r.Years.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        RunsFrom = Current.Schedule.Rules.Select(r => (string?)r.RunsFrom).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var rules = Current.Schedule.Rules.Select((r, i) =>
        {
            var years = i < Years.Count && int.TryParse(Years[i], out var y) ? y : 0;
            var runsFrom = i < RunsFrom.Count ? RunsFrom[i] : null;
            return r with { Years = years, RunsFrom = runsFrom! };
        }).ToList();
        var outcome = await retention.SaveScheduleAsync(await users.GetAsync(ct), Version, rules, Reason, ct);
        // The service names a rule's fields "rules[2].years"; the form's are "Years[2]".
        var rename = Enumerable.Range(0, rules.Count).SelectMany(i => new[]
        {
            KeyValuePair.Create($"rules[{i}].years", $"Years-{i}"), KeyValuePair.Create($"rules[{i}].runsFrom", $"RunsFrom-{i}"),
        }).ToDictionary();
        var answer = this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = "The retention schedule is saved";
            return Redirect("/DataProtection/Retention/Schedule");
        }, stale: _ => ModelState.AddModelError(string.Empty, "Someone else changed the schedule while you were editing it. Check their change and try again"), rename: rename);
        if (answer is not null) return answer;
        Version = Current.ETagVersion;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await retention.ScheduleAsync(ct);
        Versions = await retention.VersionsAsync(ct);
    }
}
