namespace Caseload.Platform.Http;

public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
    Stale,
}

/// <summary>What a service's command came to: the value, or why not. Pages and the API each render it their way.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, IReadOnlyDictionary<string, string> Errors, string? Message)
{
    public bool Succeeded => Kind == OutcomeKind.Ok;

    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, Empty, null);
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string> errors) => new(OutcomeKind.Invalid, default, errors, null);
    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default, Empty, null);
    public static Outcome<T> Forbidden(string message) => new(OutcomeKind.Forbidden, default, Empty, message);
    public static Outcome<T> Stale(T current) => new(OutcomeKind.Stale, current, Empty, "The record has changed since you loaded it.");

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
