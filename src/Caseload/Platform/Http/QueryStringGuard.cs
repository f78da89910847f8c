namespace Caseload.Platform.Http;

/// <summary>
/// Refuses a query string with a NUL character in any name or value, once for every route: nobody types one, PostgreSQL
/// cannot store or compare text holding one (a search, a filter or the audit trail's user name would fail as a 500), and
/// SQLite would silently cut the text short. The API answers 400 problem details naming the parameter; pages answer 400,
/// which the status code pages show as the GOV.UK error page.
/// </summary>
public static class QueryStringGuard
{
    public static IApplicationBuilder UseQueryStringGuard(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ParameterWithNul(ctx.Request) is not { } name)
        {
            await next(ctx);
            return;
        }

        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            var detail = $"'{name}' contains a NUL character, which no query parameter may hold.";
            await ApiProblems.Problem(StatusCodes.Status400BadRequest, "invalid-query", "The query string could not be read", detail,
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [name] = [detail] } }).ExecuteAsync(ctx);
            return;
        }

        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
    });

    /// <summary>The first query parameter whose name or value holds a NUL, or null when there is none.</summary>
    public static string? ParameterWithNul(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.QueryString.HasValue) return null;
        foreach (var (key, values) in request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal)) return key.Replace("\0", "\\0", StringComparison.Ordinal);
            foreach (var value in values)
            {
                if (value is not null && value.Contains('\0', StringComparison.Ordinal)) return key;
            }
        }

        return null;
    }
}
