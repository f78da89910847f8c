using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Deadlines.Standards;

/// <summary>Adds or changes a service standard, or retires it; each change is a version with its reason.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(Deadlines.ServiceStandards standards, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? NewCode { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? StartEvent { get; set; }
    [BindProperty] public string? Length { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public List<string> Services { get; set; } = [];
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? PauseAllowedBy { get; set; }
    [BindProperty] public bool Repeats { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? RetireReason { get; set; }
    public ServiceStandard? Standard { get; private set; }
    public IReadOnlyList<ServiceStandardVersion> Versions { get; private set; } = [];
    public int DeadlinesUsingIt { get; private set; }

    public static IReadOnlyList<(TimescaleUnit Unit, string Title)> Units { get; } =
        [(TimescaleUnit.WorkingDays, "Working days"), (TimescaleUnit.CalendarDays, "Calendar days"), (TimescaleUnit.Weeks, "Weeks"), (TimescaleUnit.Months, "Months")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Code is null)
        {
            Source = "Organisational service standard (set locally; not statutory)";
            Unit = nameof(TimescaleUnit.WorkingDays);
            return Page();
        }

        if (!await LoadAsync(ct)) return NotFound();
        var s = Standard!;
        (Version, Title, StartEvent, Length, Unit, Services, Source, PauseAllowedBy, Repeats) =
            (s.Version, s.Title, s.StartEvent, s.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Unit.ToString(), [.. s.ServiceList], s.Source, s.PauseAllowedBy, s.Repeats);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Code is not null && !await LoadAsync(ct)) return NotFound();
        var form = new StandardForm(NewCode, Title, StartEvent, Length, Unit, Services, Source, PauseAllowedBy, Repeats, Reason);
        var outcome = await standards.SaveAsync(await users.GetAsync(ct), Code, Version, form, ct);
        return Answer(outcome, Code is null ? "is added" : "is changed", new Dictionary<string, string> { ["code"] = nameof(NewCode) });
    }

    public async Task<IActionResult> OnPostRetireAsync(bool retire, CancellationToken ct)
    {
        if (Code is null || !await LoadAsync(ct)) return NotFound();
        var outcome = await standards.RetireAsync(await users.GetAsync(ct), Code, Version, retire, RetireReason, ct);
        return Answer(outcome, retire ? "is retired: it is no longer offered for new deadlines" : "is in use again", new Dictionary<string, string> { ["reason"] = nameof(RetireReason) });
    }

    private IActionResult Answer(Outcome<ServiceStandard> outcome, string done, Dictionary<string, string> rename)
    {
        return this.Answer(outcome,
            ok: s =>
            {
                TempData["Success"] = $"{s.Title} {done}";
                return Redirect("/Admin/ServiceStandards");
            },
            stale: _ => ModelState.AddModelError(nameof(Title), "Someone else changed this standard while you were working on it. Open it again and make your change"),
            rename: rename) ?? Page();

    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await standards.GetAsync(Code!, ct);
        if (found is null) return false;
        (Standard, Versions, DeadlinesUsingIt) = found.Value;
        return true;
    }
}
