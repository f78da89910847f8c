using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features;

[AllowAnonymous]
public sealed class ErrorModel : PageModel
{
    public bool IsNotFound { get; private set; }

    public void OnGet(int? status)
    {
        IsNotFound = status == 404;
        // Re-executed for a status code: keep it. Reached after an exception: it is a server error.
        Response.StatusCode = status ?? StatusCodes.Status500InternalServerError;
    }
}
