namespace Caseload.Features.Notes.Objectivity;

/// <summary>Rules data that cannot be used, with every problem found (not just the first).</summary>
public sealed class ObjectivityRuleSetException : FormatException
{
    public ObjectivityRuleSetException()
        : this([])
    {
    }

    public ObjectivityRuleSetException(string message)
        : base(message) => Errors = [message];

    public ObjectivityRuleSetException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public ObjectivityRuleSetException(IReadOnlyList<string> errors)
        : base(Describe(errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors) =>
        errors.Count == 0
            ? "The objectivity rules are not valid."
            : "The objectivity rules are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e));
}
