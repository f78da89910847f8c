using System.Globalization;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>The DPO's retention queue: closed cases due for review today (or on a chosen day), the held ones marked.</summary>
[Authorize(Policy = Policies.ManageRetention)]
public sealed class IndexModel(RetentionService retention, CurrentUserAccessor users) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? On { get; set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<RetentionItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Day = retention.Today;
        if (!string.IsNullOrWhiteSpace(On))
        {
            if (DateOnly.TryParseExact(On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) Day = day;
            else ModelState.AddModelError(nameof(On), "Enter the date as YYYY-MM-DD, for example 2026-12-02");
        }

        Items = await retention.DueAsync(await users.GetAsync(ct), Day, ct);
    }
}
