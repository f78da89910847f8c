using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features;

public sealed class ErrorModel : PageModel
{
    public bool IsNotFound { get; private set; }

    public void OnGet(int? status)
    {
        IsNotFound = status == 404;
        Response.StatusCode = status ?? 500;
    }
}
