namespace Caseload.Platform.Http;

public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
    Stale,
    /// <summary>The record is in a state that does not allow this (409); <see cref="Outcome{T}.Code"/> says which.</summary>
    Conflict,
}

/// <summary>What a service's command came to: the value, or why not. Pages and the API each render it their way.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, IReadOnlyDictionary<string, string> Errors, string? Message)
{
    public bool Succeeded => Kind == OutcomeKind.Ok;

    /// <summary>For a conflict, its stable error code (the API's <c>errorCode</c>).</summary>
    public string? Code { get; init; }

    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, Empty, null);
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string> errors) => new(OutcomeKind.Invalid, default, errors, null);
    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default, Empty, null);
    public static Outcome<T> Forbidden(string message) => new(OutcomeKind.Forbidden, default, Empty, message);
    public static Outcome<T> Conflict(string code, string message) => new(OutcomeKind.Conflict, default, Empty, message) { Code = code };
    public static Outcome<T> Stale(T current) => new(OutcomeKind.Stale, current, Empty, "The record has changed since you loaded it.");

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
