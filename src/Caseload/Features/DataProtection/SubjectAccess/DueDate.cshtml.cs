using Caseload.Features.Deadlines;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>The subject access due-date calculator: public reference data, so any signed-in user may use it.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DueDateModel(Calendars calendars) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? Received { get; set; }
    [BindProperty(SupportsGet = true)] public string? Extended { get; set; }
    public SubjectAccessDueDto? Result { get; private set; }

    public void OnGet()
    {
        // The form's first showing asks nothing; a submitted one always names a division.
        if (Division is null && Received is null) return;
        var (due, errors) = SubjectAccessApi.Calculate(calendars, Division, Received, Extended);
        if (due is null)
        {
            ModelState.AddErrors(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Result = due;
    }
}
