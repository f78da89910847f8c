using System.Globalization;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Cases;

/// <summary>Sets when the case is next due for review; a review date that passes raises the case on the worklist.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ReviewDateModel(CaseScope scope, CaseService cases, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? ReviewDueOnDay { get; set; }
    [BindProperty] public string? ReviewDueOnMonth { get; set; }
    [BindProperty] public string? ReviewDueOnYear { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public bool Remove { get; set; }
    public bool HasReviewDate { get; private set; }
    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await cases.ReadAsync(scope.Case, ct);
        PersonName = found.Person.FullName;
        Version = found.Version;
        HasReviewDate = found.ReviewDueOn is not null;
        if (found.ReviewDueOn is { } due)
        {
            (ReviewDueOnDay, ReviewDueOnMonth, ReviewDueOnYear) = (due.Day.ToString(CultureInfo.InvariantCulture), due.Month.ToString(CultureInfo.InvariantCulture), due.Year.ToString(CultureInfo.InvariantCulture));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var found = await cases.ReadAsync(scope.Case, ct);
        PersonName = found.Person.FullName;
        HasReviewDate = found.ReviewDueOn is not null;
        if (Remove)
        {
            return Respond(await cases.ChangeAsync(user, Id, Version, new CaseChange(ClearReviewDueOn: true), ct), "The review date is removed");
        }

        if (!GovDate.TryParse(ReviewDueOnDay, ReviewDueOnMonth, ReviewDueOnYear, out var due))
        {
            ModelState.AddModelError("ReviewDueOn", GovDate.IsEmpty(ReviewDueOnDay, ReviewDueOnMonth, ReviewDueOnYear)
                ? "Enter the date the case is next due for review"
                : "Review date must be a real date, like 21 12 2026");
            return Page();
        }

        return Respond(await cases.ChangeAsync(user, Id, Version, new CaseChange(ReviewDueOn: due), ct), $"The case is next due for review on {UkTime.Format(due)}");
    }

    private IActionResult Respond(Outcome<Case> outcome, string success)
    {
        return this.Answer(outcome,
            ok: _ =>
            {
                TempData["Success"] = success;
                return Redirect($"/Cases/{Id}");
            },
            stale: c =>
            {
                Version = c.Version;
                ModelState.AddModelError("ReviewDueOn", "Someone else changed this case while you were working on it. Check the review date and save again");
            },
            rename: new Dictionary<string, string> { ["status"] = "ReviewDueOn", ["reviewDueOn"] = "ReviewDueOn" }) ?? Page();

    }
}
