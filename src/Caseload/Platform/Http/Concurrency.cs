namespace Caseload.Platform.Http;

/// <summary>
/// Optimistic concurrency for the API, in one place: a record's version is its ETag; a change sends it back in If-Match;
/// a stale one answers 412 with the current ETag, never a silent overwrite. Handlers never set or parse ETags themselves.
/// </summary>
public static class Concurrency
{
    public static string ETagFor(int version) => $"\"{version}\"";

    /// <summary>Reads If-Match as a version this API issued: 428 without it, 400 when it is not one of ours.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out int version, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        version = 0;
        problem = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            problem = ApiProblems.PreconditionRequired();
            return false;
        }

        var raw = header.Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        if (!int.TryParse(raw.Trim('"'), out version))
        {
            problem = ApiProblems.Problem(StatusCodes.Status400BadRequest, "invalid-if-match", "If-Match is not an ETag this API issued",
                "Send the ETag header value from your last GET, e.g. If-Match: \"3\".",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["Not an ETag this API issued"] } });
            return false;
        }

        return true;
    }

    /// <summary>For changes where If-Match is optional (closing a case, recording a task's outcome): null when it is absent.</summary>
    public static bool TryReadOptionalIfMatch(HttpRequest request, out int? version, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        version = null;
        problem = null;
        if (request.Headers.IfMatch.Count == 0) return true;
        if (!TryReadIfMatch(request, out var v, out problem)) return false;
        version = v;
        return true;
    }

    /// <summary>A result that carries the record's ETag.</summary>
    public static IResult WithETag(IResult result, int version) => new ETagged(result, ETagFor(version));

    private sealed class ETagged(IResult inner, string etag) : IResult, IStatusCodeHttpResult, IValueHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public object? Value => (inner as IValueHttpResult)?.Value;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.ETag = etag;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
