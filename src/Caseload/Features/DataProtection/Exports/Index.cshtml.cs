using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>Anonymised exports: the list (status, k, approval) with approve (the DPO) and download, and the form to ask for one.</summary>
[Authorize(Policy = Policies.AnonymisedExports)]
public sealed class IndexModel(ExportService exports, CurrentUserAccessor users) : PageModel
{
    [BindProperty] public string? Service { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public List<string> Include { get; set; } = [];
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public int? K { get; set; }
    public IReadOnlyList<AnonymisedExport> Exports { get; private set; } = [];
    public CurrentUser? User2 { get; private set; }
    public bool IsDpo => User2?.IsInRole(Roles.DataProtectionOfficer) == true;
    public IReadOnlyList<string> ServiceChoices => IsDpo ? [.. Cases.Services.Titles.Keys] : User2?.ManagedServices ?? [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var outcome = await exports.RequestAsync(user, new ExportRequest(Service, From, To, Include, Purpose, K), ct);
        var answer = this.Answer(outcome, ok: _ =>
        {
            TempData["Success"] = "The export is being built: it appears below as ready within a minute";
            return Redirect("/DataProtection/Exports");
        });
        if (answer is not null) return answer;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        if (!user.IsInRole(Roles.DataProtectionOfficer)) return Forbid();
        var answer = this.Answer(await exports.ApproveAsync(user, id, null, ct), ok: _ =>
        {
            TempData["Success"] = "The export is approved: whoever asked for it can download it";
            return Redirect("/DataProtection/Exports");
        });
        if (answer is not null) return answer;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken ct)
    {
        var outcome = await exports.DownloadAsync(await users.GetAsync(ct), id, ct);
        var answer = this.Answer(outcome, ok: x => File(x.Zip, "application/zip", $"anonymised-export-{x.Export.RequestedAt:yyyy-MM-dd}.zip"));
        if (answer is not null) return answer;
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        User2 = await users.GetAsync(ct);
        Exports = await exports.ListAsync(User2, ct);
    }
}
