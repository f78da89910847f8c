namespace Caseload.Features.Supervision.Reflections;

/// <summary>A section of a reflective model: its code (as the API names it), its title and the question it answers.</summary>
public sealed record ReflectionSectionSpec(string Code, string Title, string Prompt);

/// <summary>The reflective models and what a reflection must hold: no I/O.</summary>
public static class ReflectionRules
{
    public const int MaxSectionLength = 4_000;
    public const int MaxCommentLength = 2_000;

    // Gibbs (1988), Learning by Doing: the reflective cycle's six stages.
    public static readonly IReadOnlyList<ReflectionSectionSpec> Gibbs =
    [
        new("description", "Description", "What happened?"),
        new("feelings", "Feelings", "What were you thinking and feeling?"),
        new("evaluation", "Evaluation", "What was good and bad about the experience?"),
        new("analysis", "Analysis", "What sense can you make of the situation?"),
        new("conclusion", "Conclusion", "What else could you have done?"),
        new("actionPlan", "Action plan", "If it arose again, what would you do?"),
    ];

    // Kolb (1984), Experiential Learning: the four stages of the learning cycle.
    public static readonly IReadOnlyList<ReflectionSectionSpec> Kolb =
    [
        new("experience", "Concrete experience", "What happened: the experience itself."),
        new("reflection", "Reflective observation", "Looking back: what did you notice, and how did it differ from what you expected?"),
        new("conceptualisation", "Abstract conceptualisation", "What does it mean: what theory, research or learning explains it?"),
        new("experimentation", "Active experimentation", "What will you try next time, and how?"),
    ];

    public static string ToCode(this ReflectionModel model) => model switch
    {
        ReflectionModel.Gibbs => "gibbs",
        ReflectionModel.Kolb => "kolb",
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    public static string Title(this ReflectionModel model) => model switch
    {
        ReflectionModel.Gibbs => "Gibbs reflective cycle",
        ReflectionModel.Kolb => "Kolb learning cycle",
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    public static IReadOnlyList<ReflectionSectionSpec> SectionsOf(ReflectionModel model) => model == ReflectionModel.Kolb ? Kolb : Gibbs;

    public static bool TryParseModel(string? code, out ReflectionModel model)
    {
        switch (code?.Trim())
        {
            case "gibbs": model = ReflectionModel.Gibbs; return true;
            case "kolb": model = ReflectionModel.Kolb; return true;
            default: model = ReflectionModel.Gibbs; return false;
        }
    }

    /// <summary>
    /// A reflection names a known model and fills every section of it (keyed <c>sections.actionPlan</c>), and no section of
    /// another model: a reflection is worked through, not started.
    /// </summary>
    public static Dictionary<string, string> Validate(string? model, IReadOnlyDictionary<string, string?>? sections)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryParseModel(model, out var parsed))
        {
            errors["model"] = "Select the model of the reflection: gibbs or kolb";
            return errors;
        }

        var specs = SectionsOf(parsed);
        if (sections is null)
        {
            errors["sections"] = $"Enter the sections of the {parsed.Title()}";
            return errors;
        }

        foreach (var key in sections.Keys.Where(k => specs.All(s => s.Code != k)))
        {
            errors[$"sections.{key}"] = $"'{key}' is not a section of the {parsed.Title()}: use {string.Join(", ", specs.Select(s => s.Code))}";
        }

        foreach (var spec in specs)
        {
            var text = sections.GetValueOrDefault(spec.Code);
            if (string.IsNullOrWhiteSpace(text)) errors[$"sections.{spec.Code}"] = $"Enter the {spec.Title.ToLowerInvariant()}: {spec.Prompt.ToLowerInvariant()}";
            else if (FreeText.Check(text, spec.Title, MaxSectionLength) is { } error) errors[$"sections.{spec.Code}"] = error;
        }

        return errors;
    }

    public static string? ValidateComment(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Enter your comment" : FreeText.Check(text, "The comment", MaxCommentLength);
}
