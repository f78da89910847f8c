using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Platform.Http;

/// <summary>A form redisplayed with validation errors answers 400, so tools and tests can tell it from success.</summary>
public sealed class InvalidFormStatusFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is PageResult && !context.ModelState.IsValid) context.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
