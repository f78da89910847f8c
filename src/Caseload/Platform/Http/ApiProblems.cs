using Microsoft.AspNetCore.Http.HttpResults;

namespace Caseload.Platform.Http;

/// <summary>RFC 9457 problem details with a stable <c>errorCode</c> for every error the API answers.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string errorCode, string title, string? detail = null,
        IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["errorCode"] = errorCode };
        if (extra is not null)
        {
            foreach (var (k, v) in extra) extensions[k] = v;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string> errors, int status = StatusCodes.Status422UnprocessableEntity) =>
        Problem(status, "validation-failed", "The request has invalid fields",
            string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")),
            new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });

    public static ProblemHttpResult NotFound(string what = "The record was not found") =>
        Problem(StatusCodes.Status404NotFound, "not-found", what);

    public static ProblemHttpResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "You do not have permission to do this", detail);

    public static ProblemHttpResult PreconditionRequired() =>
        Problem(StatusCodes.Status428PreconditionRequired, "if-match-required", "Send If-Match with the ETag you last read",
            "Changes need the record's current ETag in an If-Match header so that no one's change is silently overwritten.");

    public static ProblemHttpResult Stale(string currentETag) =>
        Problem(StatusCodes.Status412PreconditionFailed, "stale-etag", "The record has changed since you read it",
            "Someone else changed this record. Read it again, check their change, then send yours with the new ETag.",
            new Dictionary<string, object?> { ["currentETag"] = currentETag });

    /// <summary>The one mapping of a command's outcome to the API's answer: problem details for every failure.</summary>
    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Kind switch
    {
        OutcomeKind.Ok => ok(outcome.Value!),
        OutcomeKind.Invalid => Validation(outcome.Errors),
        OutcomeKind.NotFound => NotFound(),
        OutcomeKind.Forbidden => Forbidden(outcome.Message ?? "Not allowed"),
        OutcomeKind.Stale => Problem(StatusCodes.Status412PreconditionFailed, "stale-etag", "The record has changed since you read it", outcome.Message),
        OutcomeKind.Conflict => Problem(StatusCodes.Status409Conflict, outcome.Code ?? "conflict", outcome.Message ?? "The record does not allow this now"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>
    /// As <see cref="From{T}(Outcome{T}, Func{T, IResult})"/> for a versioned record: success carries its ETag, and a stale
    /// change answers 412 with the current ETag (or the caller's own answer, e.g. one that shows the current record).
    /// </summary>
    public static IResult From<T>(Outcome<T> outcome, Func<T, int> version, Func<T, IResult> ok, Func<T, IResult>? stale = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(version);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => Concurrency.WithETag(ok(outcome.Value!), version(outcome.Value!)),
            OutcomeKind.Stale when outcome.Value is not null => stale?.Invoke(outcome.Value) ?? Stale(Concurrency.ETagFor(version(outcome.Value))),
            _ => From(outcome, ok),
        };
    }
}
