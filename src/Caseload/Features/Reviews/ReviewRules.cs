using Caseload.Features.Cases;

namespace Caseload.Features.Reviews;

/// <summary>What a review decides for the case.</summary>
public enum ReviewDecision
{
    Continue,
    StepUp,
    StepDown,
    Transfer,
    Close,
}

public static class ReviewDecisions
{
    /// <summary>Every decision in the order a form offers them.</summary>
    public static readonly IReadOnlyList<ReviewDecision> All = [ReviewDecision.Continue, ReviewDecision.StepUp, ReviewDecision.StepDown, ReviewDecision.Transfer, ReviewDecision.Close];

    public static string ToCode(this ReviewDecision decision) => decision switch
    {
        ReviewDecision.Continue => "continue",
        ReviewDecision.StepUp => "step-up",
        ReviewDecision.StepDown => "step-down",
        ReviewDecision.Transfer => "transfer",
        ReviewDecision.Close => "close",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static string Title(this ReviewDecision decision) => decision switch
    {
        ReviewDecision.Continue => "Continue",
        ReviewDecision.StepUp => "Step up",
        ReviewDecision.StepDown => "Step down",
        ReviewDecision.Transfer => "Transfer",
        ReviewDecision.Close => "Close",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    /// <summary>What the decision means, for the form's hint.</summary>
    public static string Hint(this ReviewDecision decision) => decision switch
    {
        ReviewDecision.Continue => "The plan continues at this level, with the adjustments above",
        ReviewDecision.StepUp => "The needs or risks call for a more intensive or statutory service",
        ReviewDecision.StepDown => "Needs can be met by a less intensive, targeted or universal service",
        ReviewDecision.Transfer => "Another practitioner or service should hold the case. Recording the review does not transfer it",
        ReviewDecision.Close => "Outcomes are achieved or the service is no longer needed. Recording the review does not close the case",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static bool TryParse(string? code, out ReviewDecision decision)
    {
        foreach (var d in All)
        {
            if (string.Equals(code?.Trim(), d.ToCode(), StringComparison.OrdinalIgnoreCase))
            {
                decision = d;
                return true;
            }
        }

        decision = ReviewDecision.Continue;
        return false;
    }

    public static ReviewDecision Parse(string code) =>
        TryParse(code, out var decision) ? decision : throw new FormatException($"'{code}' is not a review decision.");
}

/// <summary>What a case review must say, as entered on the form or sent to the API, before it is checked.</summary>
public sealed record ReviewInput(string? Progress, string? Barriers, string? Risks, string? RiskRating, string? Adjustments, string? Decision, DateOnly? NextReviewOn);

/// <summary>A review that passed the rules: the decision and the new rating (null: the rating stays) read from their codes.</summary>
public sealed record CheckedReview(IReadOnlyDictionary<string, string> Errors, ReviewDecision Decision, Risk? RiskRating, DateOnly NextReviewOn);

/// <summary>The rules a case review must meet. Pure: the same for the form and the API.</summary>
public static class ReviewRules
{
    public const int MaxTextLength = 10_000;

    /// <summary>The next review may be set at most this far ahead: a date further out is a mistyped year, as for the case's review date.</summary>
    public const int MaxYearsAhead = 2;

    public static CheckedReview Check(ReviewInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        Text(errors, "progress", input.Progress, "Enter the progress since the last review", "Progress");
        Text(errors, "barriers", input.Barriers, "Enter the barriers to progress, or write that there are none", "Barriers");
        Text(errors, "risks", input.Risks, "Enter the risks as they stand now", "Risks");
        Text(errors, "adjustments", input.Adjustments, "Enter the adjustments to the plan, or write that it continues unchanged", "Adjustments");

        Risk? rating = null;
        if (!string.IsNullOrWhiteSpace(input.RiskRating))
        {
            if (RiskCodes.TryParse(input.RiskRating, out var parsed)) rating = parsed;
            else errors["riskRating"] = "Select a risk rating: green, amber or red, or leave it out when it has not changed";
        }

        if (!ReviewDecisions.TryParse(input.Decision, out var decision))
        {
            errors["decision"] = string.IsNullOrWhiteSpace(input.Decision)
                ? "Select a decision"
                : $"Select a decision: one of {string.Join(", ", ReviewDecisions.All.Select(d => d.ToCode()))}";
        }

        if (ValidateNextReview(input.NextReviewOn, today) is { } dateError) errors["nextReviewOn"] = dateError;
        return new CheckedReview(errors, decision, rating, input.NextReviewOn ?? default);
    }

    /// <summary>The next review is today or later, and within <see cref="MaxYearsAhead"/> years.</summary>
    public static string? ValidateNextReview(DateOnly? next, DateOnly today) => next switch
    {
        null => "Enter the date of the next review",
        { } d when d < today => "The date of the next review must be today or in the future",
        { } d when d > today.AddYears(MaxYearsAhead) => $"The date of the next review must be within {MaxYearsAhead} years of today",
        _ => null,
    };

    /// <summary>
    /// The reason a re-rating by a review carries into the risk history: the review's words about the risks, cut to what the
    /// history keeps (the whole text stays in the review).
    /// </summary>
    public static string RiskReason(string risks)
    {
        ArgumentNullException.ThrowIfNull(risks);
        const string prefix = "Case review: ";
        var text = prefix + risks.Trim();
        return text.Length <= CaseRules.MaxReasonLength ? text : text[..(CaseRules.MaxReasonLength - 1)] + "…";
    }

    private static void Text(Dictionary<string, string> errors, string field, string? value, string missing, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = missing;
        else if (value.Trim().Length > MaxTextLength) errors[field] = $"{label} must be {MaxTextLength:N0} characters or fewer";
        // Nobody types a NUL character, and PostgreSQL cannot store one.
        else if (value.Contains('\0', StringComparison.Ordinal)) errors[field] = $"{label} contains a character that cannot be stored";
    }
}
