using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>The DPO finds the person by the person search (every person, audited by count) and logs the request.</summary>
[Authorize(Policy = Policies.ManageSubjectAccess)]
public sealed class NewModel(SubjectAccessService sar, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? PersonId { get; set; }
    [BindProperty] public string? RequesterName { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? ReceivedOn { get; set; }
    [BindProperty] public string? IdentityVerifiedOn { get; set; }
    public IReadOnlyList<SubjectAccessPerson>? Found { get; private set; }
    public SubjectAccessPerson? Person { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (PersonId is { } id)
        {
            Person = await sar.PersonAsync(id, ct);
            return Person is null ? NotFound() : Page();
        }

        if (!Request.Query.ContainsKey("q")) return Page();
        if (string.IsNullOrWhiteSpace(Q)) ModelState.AddModelError(nameof(Q), "Enter a name, date of birth or id");
        else if (Q.Trim().Length > Caseload.Features.People.PersonSearch.MaxQueryLength) ModelState.AddModelError(nameof(Q), "Search must be 200 characters or fewer");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Found = await sar.FindPeopleAsync(await users.GetAsync(ct), Q, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Every field's error at once: the service is asked only once the dates are read.
        if (string.IsNullOrWhiteSpace(RequesterName)) ModelState.AddModelError(nameof(RequesterName), "Enter the name of the person making the request");
        if (string.IsNullOrWhiteSpace(Relationship)) ModelState.AddModelError(nameof(Relationship), "Select the requester's relationship to the person");
        var received = SubjectAccessForms.Day(ModelState, nameof(ReceivedOn), ReceivedOn, "the date received");
        var verified = SubjectAccessForms.Day(ModelState, nameof(IdentityVerifiedOn), IdentityVerifiedOn, "the date identity was confirmed", required: false);
        if (ModelState.IsValid)
        {
            var outcome = await sar.LogAsync(await users.GetAsync(ct), new SubjectAccessInput(PersonId, RequesterName, Relationship, received, verified), ct);
            var answer = this.Answer(outcome, ok: v =>
            {
                TempData["Success"] = $"Request logged: due {Caseload.Platform.Time.UkTime.Format(v.Clock.DueOn)}";
                return Redirect($"/DataProtection/SubjectAccess/{v.Request.Id}");
            });
            if (answer is not null) return answer;
        }

        // A person no longer found (or none chosen) shows the search again, with the errors.
        Person = PersonId is { } id ? await sar.PersonAsync(id, ct) : null;
        if (Person is null && ModelState.IsValid) ModelState.AddModelError(nameof(PersonId), "Find and select the person the request is about");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
