using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Deadlines.BankHolidays;

/// <summary>An administrator loads a newer GOV.UK list; a bad file is refused with every problem named and changes nothing.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(Calendars calendars, CaseloadDb db, AuditTrail audit, CurrentUserAccessor users, TimeProvider clock) : PageModel
{
    public string Source { get; private set; } = "";
    public IReadOnlyList<(Division Division, IReadOnlyList<int> Years)> Coverage { get; private set; } = [];

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", "Select a bank holidays file");
        }
        else if (file.Length > BankHolidayFile.MaxBytes)
        {
            ModelState.AddModelError("File", "The file must be smaller than 1 MB");
        }
        else
        {
            string json;
            using (var reader = new StreamReader(file.OpenReadStream()))
            {
                json = await reader.ReadToEndAsync(ct);
            }

            var parsed = BankHolidayFile.Parse(json);
            if (!parsed.IsValid)
            {
                ModelState.AddModelError("File", $"The file was not loaded: {string.Join("; ", parsed.Errors.Take(5))}");
            }
            else
            {
                var user = await users.GetAsync(ct);
                db.Set<BankHolidayUpload>().Add(new BankHolidayUpload { UploadedAt = clock.GetUtcNow(), UploadedByName = user.UserName, Json = json });
                audit.Add(user, AuditActions.BankHolidaysLoaded, "bank-holidays", null, details: string.Join("; ", DivisionCodes.All.Select(d => $"{d.ToCode()} {string.Join(",", parsed.Holidays!.YearsCovered(d))}")));
                await db.SaveChangesAsync(ct);
                await calendars.ReloadAsync(ct);
                TempData["Success"] = "The bank holidays file is loaded and deadlines now use it";
                return Redirect("/Admin/BankHolidays");
            }
        }

        Load();
        return Page();
    }

    private void Load()
    {
        var current = calendars.Current;
        Source = current.LoadedAt is { } at ? $"{current.Source} on {Platform.Time.UkTime.Format(at)}" : current.Source;
        Coverage = DivisionCodes.All.Select(d => (d, current.Holidays.YearsCovered(d))).ToList();
    }
}
