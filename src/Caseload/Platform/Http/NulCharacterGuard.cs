using Microsoft.AspNetCore.Diagnostics;

namespace Caseload.Platform.Http;

/// <summary>
/// Refuses a NUL character in a query string (any route) or in a page form's field, once for every route: nobody types one,
/// PostgreSQL cannot store or compare text holding one (a search, a filter, a note or the audit trail's user name would fail
/// as a 500), and SQLite would silently cut the text short. The API answers 400 problem details naming the parameter (its JSON
/// bodies refuse a NUL where they are read, naming the field); pages answer 400, which the status code pages show as the
/// GOV.UK error page saying which field held it and that nothing was saved.
/// </summary>
public static class NulCharacterGuard
{
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        // The error page, re-executed for a refused request, reads the same form: let it show itself.
        if (ctx.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(ctx);
            return;
        }

        var isApi = ctx.Request.Path.StartsWithSegments("/api");
        if (ParameterWithNul(ctx.Request) is { } name)
        {
            if (isApi)
            {
                var detail = $"'{name}' contains a NUL character, which no query parameter may hold.";
                await ApiProblems.Problem(StatusCodes.Status400BadRequest, "invalid-query", "The query string could not be read", detail,
                    new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [name] = [detail] } }).ExecuteAsync(ctx);
                return;
            }

            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!isApi && await RefusedFormAsync(ctx.Request, ctx.RequestAborted) is not null)
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(ctx);
    });

    /// <summary>The first query parameter whose name or value holds a NUL, or null when there is none.</summary>
    public static string? ParameterWithNul(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.QueryString.HasValue) return null;
        foreach (var (key, values) in request.Query)
        {
            if (FirstWithNul(key, values) is { } found) return found;
        }

        return null;
    }

    /// <summary>
    /// Why a posted form is refused before its page sees it, or null when it is not (or is no form): a field whose name or value
    /// holds a NUL sent as it is, or a form the framework cannot read at all (it refuses a NUL sent as %00 that way).
    /// </summary>
    public static async Task<FormRefusal?> RefusedFormAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType) return null;
        IFormCollection form;
        try
        {
            // Read once here; model binding reads the same buffered collection later.
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException || e.InnerException is InvalidDataException)
        {
            // The framework's form reader refuses a NUL sent as %00 (and a form beyond its limits) as invalid data, which it
            // wraps in a bad request; nothing else is refused here.
            return new FormRefusal(null);
        }

        foreach (var (key, values) in form)
        {
            if (FirstWithNul(key, values) is { } found) return new FormRefusal(found);
        }

        foreach (var file in form.Files)
        {
            if (file.Name.Contains('\0', StringComparison.Ordinal) || file.FileName.Contains('\0', StringComparison.Ordinal)) return new FormRefusal(Shown(file.Name));
        }

        return null;
    }

    private static string? FirstWithNul(string key, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (key.Contains('\0', StringComparison.Ordinal)) return Shown(key);
        foreach (var value in values)
        {
            if (value is not null && value.Contains('\0', StringComparison.Ordinal)) return key;
        }

        return null;
    }

    private static string Shown(string name) => name.Replace("\0", "\\0", StringComparison.Ordinal);
}

/// <summary>A posted form refused before its page: the field that held a NUL, or null when the form could not be read at all.</summary>
public sealed record FormRefusal(string? Field);
