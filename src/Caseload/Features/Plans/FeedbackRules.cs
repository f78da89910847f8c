using System.Security.Cryptography;

namespace Caseload.Features.Plans;

/// <summary>How feedback reached the practitioner.</summary>
public static class FeedbackCodes
{
    public const string Conversation = "conversation";
    public const string PaperForm = "paper-form";
    public const string Text = "text";
    /// <summary>The family's own form, through a feedback link: never given by hand.</summary>
    public const string OnlineForm = "online-form";

    /// <summary>The ways a practitioner records feedback given to them.</summary>
    public static readonly IReadOnlyList<(string Code, string Title)> Methods =
        [(Conversation, "In conversation"), (PaperForm, "On a paper form"), (Text, "By text message")];

    public static string MethodTitle(string code) =>
        code == OnlineForm ? "Online form (feedback link)" : Methods.FirstOrDefault(m => m.Code == code).Title ?? code;

    /// <summary>The rating's words, as the family's form shows them.</summary>
    public static readonly IReadOnlyList<(int Rating, string Title)> Ratings =
        [(1, "Not helpful at all"), (2, "Not very helpful"), (3, "OK"), (4, "Helpful"), (5, "Very helpful")];

    public static string RatingTitle(int rating) => Ratings.FirstOrDefault(r => r.Rating == rating).Title ?? rating.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Who the family's form says is writing: the code and how it is recorded as "from".</summary>
    public static readonly IReadOnlyList<(string Code, string Title, string From)> FamilyWriters =
    [
        ("young-person", "I am the child or young person", "The child or young person"),
        ("parent-carer", "I am a parent or carer", "A parent or carer"),
        ("someone-else", "Someone else in the family", "Someone else in the family"),
    ];
}

public sealed record GoalViewInput(Guid? GoalId, string? View);

public sealed record FeedbackInput(string? From, DateOnly? ReceivedOn, string? Method, int? Rating, string? Helped, string? CouldBeBetter,
    IReadOnlyList<GoalViewInput?>? GoalViews);

/// <summary>The family's form: who is writing, the rating and, if they wish, what helped and what could be better.</summary>
public sealed record FamilyFeedbackInput(string? Writer, int? Rating, string? Helped, string? CouldBeBetter);

/// <summary>
/// The rules of feedback, pure: who it is from, when and how it came, a rating from 1 to 5, what helped and what could be better,
/// and views on goals of the plan in force. Errors are keyed as the API names the fields, in GOV.UK wording. Tokens of feedback
/// links are random and only their hash is kept.
/// </summary>
public static class FeedbackRules
{
    public const int MaxGoalViews = PlanRules.MaxGoals;
    public const int TokenBytes = 32;

    public static Dictionary<string, string> Check(FeedbackInput input, IReadOnlySet<Guid> currentGoals, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(currentGoals);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Text(errors, "from", input.From, "who the feedback is from", PlanRules.MaxNameLength, required: true);
        if (input.ReceivedOn is not { } on) errors["receivedOn"] = "Enter the date the feedback was given";
        else if (on > today) errors["receivedOn"] = "The date the feedback was given must be today or in the past";
        else if (on < today.AddYears(-2)) errors["receivedOn"] = "The date the feedback was given must be within the last 2 years";
        var method = input.Method?.Trim();
        if (string.IsNullOrEmpty(method)) errors["method"] = "Select how the feedback was given";
        else if (FeedbackCodes.Methods.All(m => m.Code != method)) errors["method"] = "Select how the feedback was given: conversation, paper-form or text";
        CheckRating(errors, input.Rating);
        Text(errors, "helped", input.Helped, "what helped", PlanRules.MaxTextLength, required: true);
        Text(errors, "couldBeBetter", input.CouldBeBetter, "what could be better", PlanRules.MaxTextLength, required: true);
        var views = input.GoalViews ?? [];
        if (views.Count > MaxGoalViews) errors["goalViews"] = $"Give at most {MaxGoalViews} views on goals";
        var seen = new HashSet<Guid>();
        for (var i = 0; i < views.Count && i < MaxGoalViews; i++)
        {
            var v = views[i];
            var at = $"goalViews[{i}]";
            if (v is null)
            {
                errors[at] = "Enter the view on the goal";
                continue;
            }

            if (v.GoalId is not { } goal) errors[$"{at}.goalId"] = "Choose a goal of the plan in force";
            else if (!currentGoals.Contains(goal)) errors[$"{at}.goalId"] = "Choose a goal of the plan in force on this case";
            else if (!seen.Add(goal)) errors[$"{at}.goalId"] = "Give one view on each goal";
            Text(errors, $"{at}.view", v.View, "their view of progress on the goal", PlanRules.MaxTextLength, required: true);
        }

        return errors;
    }

    public static Dictionary<string, string> CheckFamily(FamilyFeedbackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Writer)) errors["writer"] = "Select who you are";
        else if (FeedbackCodes.FamilyWriters.All(w => w.Code != input.Writer)) errors["writer"] = "Select who you are";
        if (input.Rating is not (>= 1 and <= 5)) errors["rating"] = "Select how helpful our support has been";
        Text(errors, "helped", input.Helped, "what helped", PlanRules.MaxTextLength, required: false);
        Text(errors, "couldBeBetter", input.CouldBeBetter, "what could be better", PlanRules.MaxTextLength, required: false);
        return errors;
    }

    /// <summary>A new link's token: random, URL-safe, and never stored.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>What is kept of a token: its SHA-256 as lower-case hex. A token that could not be one of ours hashes to null.</summary>
    public static string? Hash(string? token)
    {
        if (token is null || token.Length is < 40 or > 64 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void CheckRating(Dictionary<string, string> errors, int? rating)
    {
        if (rating is null) errors["rating"] = "Enter the rating of the help, from 1 to 5";
        else if (rating is < 1 or > 5) errors["rating"] = "The rating must be from 1 (not helpful at all) to 5 (very helpful)";
    }

    private static void Text(Dictionary<string, string> errors, string field, string? value, string what, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors[field] = $"Enter {what}";
            return;
        }

        if (value.Contains('\0', StringComparison.Ordinal)) errors[field] = $"{char.ToUpperInvariant(what[0])}{what[1..]} contains a character that cannot be stored: remove it";
        else if (value.Trim().Length > max) errors[field] = $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {max} characters or fewer";
    }
}
