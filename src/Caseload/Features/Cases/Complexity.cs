namespace Caseload.Features.Cases;

/// <summary>How complex a case is to work, as the practitioner or their supervisor assessed it; it weighs the case's capacity points.</summary>
public enum Complexity
{
    Low = 0,
    Medium = 1,
    High = 2,
    VeryHigh = 3,
}

public static class ComplexityCodes
{
    public const string Choices = "low, medium, high or very-high";

    /// <summary>What an unassessed case counts as: the middle of the scale, neither hiding work nor inflating it.</summary>
    public const Complexity Unassessed = Complexity.Medium;

    public static IReadOnlyList<Complexity> All { get; } = [Complexity.Low, Complexity.Medium, Complexity.High, Complexity.VeryHigh];

    public static string ToCode(this Complexity complexity) => complexity switch
    {
        Complexity.Low => "low",
        Complexity.Medium => "medium",
        Complexity.High => "high",
        Complexity.VeryHigh => "very-high",
        _ => throw new ArgumentOutOfRangeException(nameof(complexity)),
    };

    public static string Text(this Complexity complexity) => complexity switch
    {
        Complexity.Low => "Low",
        Complexity.Medium => "Medium",
        Complexity.High => "High",
        Complexity.VeryHigh => "Very high",
        _ => throw new ArgumentOutOfRangeException(nameof(complexity)),
    };

    public static string Text(Complexity? complexity) => complexity is { } c ? c.Text() : "Not assessed (counts as medium)";

    public static bool TryParse(string? code, out Complexity complexity)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "low": complexity = Complexity.Low; return true;
            case "medium": complexity = Complexity.Medium; return true;
            case "high": complexity = Complexity.High; return true;
            case "very-high": complexity = Complexity.VeryHigh; return true;
            default: complexity = Unassessed; return false;
        }
    }
}
