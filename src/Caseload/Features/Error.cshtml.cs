using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features;

// Status pages are re-executed with the request's own method and form: a refused post (a missing or stale antiforgery
// token, a record not found) must show this page too, not an empty response.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public bool IsNotFound { get; private set; }
    public bool IsTooManyRequests { get; private set; }

    /// <summary>How long to wait, from the refused request's Retry-After (seconds), in words.</summary>
    public string RetryAfterText => int.TryParse(Response.Headers.RetryAfter, out var seconds) && seconds > 60
        ? $"{(seconds + 59) / 60} minutes"
        : "a minute";

    /// <summary>The address itself could not be read (e.g. a NUL character in its query).</summary>
    public bool IsBadRequest { get; private set; }

    /// <summary>Why a posted form was refused before its page saw it (a field holding a NUL, or a form that could not be read).</summary>
    public Platform.Http.FormRefusal? RefusedForm { get; private set; }

    /// <summary>
    /// The status the page was re-executed for, read from the query by hand: binding a handler's parameter would read the form
    /// too, and a refused form may be one the framework cannot read.
    /// </summary>
    private int? Status => int.TryParse(Request.Query["status"], out var status) ? status : null;

    public void OnGet() => Show(Status);

    /// <summary>
    /// A case page the user may not see: a practitioner or supervisor is offered emergency access (break-glass). Offered for any
    /// case address, whether or not the case exists, so the offer tells nobody that it does.
    /// </summary>
    public Guid? EmergencyAccessCaseId { get; private set; }

    private void Show(int? status)
    {
        IsNotFound = status == 404;
        if (IsNotFound && HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { } path
            && path.StartsWith("/Cases/", StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1), out var caseId)
            && (User.IsInRole(Platform.Security.Roles.Practitioner) || User.IsInRole(Platform.Security.Roles.Supervisor))
            && !User.IsInRole(Platform.Security.Roles.Administrator))
        {
            EmergencyAccessCaseId = caseId;
        }

        IsTooManyRequests = status == 429;
        IsBadRequest = status == 400 && HttpMethods.IsGet(Request.Method);
        // Re-executed for a status code: keep it. Reached after an exception: it is a server error.
        Response.StatusCode = status ?? StatusCodes.Status500InternalServerError;
    }

    public async Task OnPostAsync()
    {
        var status = Status;
        Show(status);
        // A form refused before its page: the same form is still the request's, so say what was wrong with it.
        if (status == 400) RefusedForm = await Platform.Http.NulCharacterGuard.RefusedFormAsync(Request, HttpContext.RequestAborted);
    }
}
