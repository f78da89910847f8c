using Caseload.Data;
using Caseload.Features.People;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

[Authorize(Policy = Policies.CaseWork)]
public sealed class OpenModel(CaseService cases, PeopleService people, CurrentUserAccessor users, CaseloadDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid PersonId { get; set; }
    [BindProperty] public string? Service { get; set; }
    [BindProperty] public string? AllocatedTo { get; set; }
    [BindProperty] public string? OverCapacityRationale { get; set; }
    [BindProperty] public string? Risk { get; set; }
    [BindProperty] public string? Complexity { get; set; }
    [BindProperty] public string? ReferralSource { get; set; }
    [BindProperty] public string? ExpectedContactEveryWorkingDays { get; set; }
    [BindProperty] public bool Restricted { get; set; }
    [BindProperty] public string? ReviewDueOnDay { get; set; }
    [BindProperty] public string? ReviewDueOnMonth { get; set; }
    [BindProperty] public string? ReviewDueOnYear { get; set; }
    public string PersonName { get; private set; } = "";
    public IReadOnlyList<PractitionerOption> Practitioners { get; private set; } = [];
    public bool MayLeaveUnallocated { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        AllocatedTo = (await users.GetAsync(ct)).UserName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Risk? risk = null;
        if (string.IsNullOrWhiteSpace(Risk)) ModelState.AddModelError(nameof(Risk), "Select a risk rating");
        else if (RiskCodes.TryParse(Risk, out var r)) risk = r;
        Complexity? complexity = null;
        if (!string.IsNullOrWhiteSpace(Complexity))
        {
            if (ComplexityCodes.TryParse(Complexity, out var c)) complexity = c;
            else ModelState.AddModelError(nameof(Complexity), "Select the complexity, or not assessed yet");
        }

        int? every = null;
        if (!string.IsNullOrWhiteSpace(ExpectedContactEveryWorkingDays))
        {
            if (int.TryParse(ExpectedContactEveryWorkingDays.Trim(), out var n)) every = n;
            else ModelState.AddModelError(nameof(ExpectedContactEveryWorkingDays), "Expected contact must be a whole number of working days, like 10");
        }

        DateOnly? reviewDue = null;
        if (!GovDate.IsEmpty(ReviewDueOnDay, ReviewDueOnMonth, ReviewDueOnYear))
        {
            if (GovDate.TryParse(ReviewDueOnDay, ReviewDueOnMonth, ReviewDueOnYear, out var due)) reviewDue = due;
            else ModelState.AddModelError("ReviewDueOn", "Review date must be a real date, like 21 12 2026");
        }

        if (string.IsNullOrWhiteSpace(Service)) ModelState.AddModelError(nameof(Service), "Select a service");
        if (!ModelState.IsValid) return Page();

        var outcome = await cases.CreateAsync(await users.GetAsync(ct),
            new NewCase(PersonId, Service, AllocatedTo, risk, Restricted, null, every, reviewDue, complexity, OverCapacityRationale, ReferralSource), ct);
        return this.Answer(outcome,
            ok: c =>
            {
                TempData["Success"] = c.Status == CaseStatus.Open ? "The case is open" : "The referral is recorded and waits for allocation";
                return Redirect($"/Cases/{c.Id}");
            },
            rename: new Dictionary<string, string> { ["reviewDueOn"] = "ReviewDueOn", ["referralSource"] = nameof(ReferralSource) }) ?? Page();

    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var person = await people.GetAsync(user, PersonId, ct);
        if (person is null) return false;
        PersonName = person.FullName;
        Practitioners = await AllocateModel.AllocatablePractitionersAsync(db, user, ct);
        // A referral waits for a supervisor; a practitioner's own case stays theirs so they never lose sight of it.
        MayLeaveUnallocated = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ServiceManager);
        return true;
    }
}
