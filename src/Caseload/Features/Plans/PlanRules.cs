using System.Globalization;

namespace Caseload.Features.Plans;

/// <summary>The stable codes of plans: how a goal is measured and where it stands.</summary>
public static class PlanCodes
{
    public const string Scale = "scale";
    public const string Number = "number";

    public const string OnTrack = "on-track";
    public const string AtRisk = "at-risk";
    public const string Achieved = "achieved";
    public const string NotAchieved = "not-achieved";
    public const string Abandoned = "abandoned";

    public static readonly IReadOnlyList<(string Code, string Title)> Statuses =
    [
        (OnTrack, "On track"), (AtRisk, "At risk"), (Achieved, "Achieved"), (NotAchieved, "Not achieved"), (Abandoned, "Abandoned"),
    ];

    public static readonly IReadOnlyList<(string Code, string Title)> Measures = [(Scale, "A scale from 1 to 10"), (Number, "A number with a unit")];

    public static string StatusTitle(string? code) => code is null ? "No progress yet" : Statuses.FirstOrDefault(s => s.Code == code).Title ?? code;

    /// <summary>A goal with one of these statuses is finished: it no longer stalls a plan.</summary>
    public static bool IsClosed(string? status) => status is Achieved or NotAchieved or Abandoned;

    /// <summary>The GOV.UK tag colour of a status.</summary>
    public static string TagClass(string? status) => status switch
    {
        OnTrack => "govuk-tag govuk-tag--green",
        AtRisk => "govuk-tag govuk-tag--orange",
        Achieved => "govuk-tag govuk-tag--blue",
        NotAchieved => "govuk-tag govuk-tag--red",
        Abandoned => "govuk-tag govuk-tag--grey",
        _ => "govuk-tag govuk-tag--grey",
    };
}

public sealed record GoalInput(string? Description, string? PersonsWords, string? Measure, decimal? Baseline, decimal? Target, DateOnly? TargetDate, string? AgreedBy);

public sealed record ActionInput(string? Action, string? Owner, DateOnly? DueOn, int? GoalIndex);

public sealed record PlanInput(IReadOnlyList<GoalInput?>? Goals, IReadOnlyList<ActionInput?>? Actions, DateOnly? ReviewOn);

public sealed record ProgressInput(DateOnly? RecordedOn, decimal? Value, string? PersonsView, string? Comment, string? Status, string? Reason);

public sealed record PlanDecisionInput(bool? Approve, string? Comment);

/// <summary>A goal's measure as read: a 1–10 scale, or a number with its unit.</summary>
public sealed record GoalMeasure(string Kind, string? Unit)
{
    public bool IsScale => Kind == PlanCodes.Scale;

    /// <summary>"4 out of 10", "85 % attendance".</summary>
    public string Format(decimal value) => IsScale ? $"{PlanRules.Number(value)} out of 10" : $"{PlanRules.Number(value)} {Unit}";
}

/// <summary>
/// The rules of a SMART plan, pure: every goal has a description, a measure, a baseline, a target and a target date not before
/// today; a plan has at least one goal; each action has who, what and by when. Errors are keyed as the API names the fields
/// (<c>goals[0].measure</c>), in GOV.UK wording.
/// </summary>
public static class PlanRules
{
    public const int MaxTextLength = 2000;
    public const int MaxNameLength = 200;
    public const int MaxUnitLength = 60;
    public const int MaxGoals = 10;
    public const int MaxActions = 20;
    public const int ScaleMin = 1;
    public const int ScaleMax = 10;

    /// <summary>
    /// The measure as the API gives it: "scale" (or "1-10") for a 1–10 scale; any other text is the unit of a number
    /// ("% attendance", "days in school a week"). Null when empty.
    /// </summary>
    public static GoalMeasure? ReadMeasure(string? measure)
    {
        var m = measure?.Trim();
        if (string.IsNullOrEmpty(m)) return null;
        return m.ToLowerInvariant() is PlanCodes.Scale or "1-10" or "1–10" or "scale 1-10" or "scale of 1 to 10" or "1 to 10"
            ? new GoalMeasure(PlanCodes.Scale, null)
            : new GoalMeasure(PlanCodes.Number, m);
    }

    public static Dictionary<string, string> Check(PlanInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var goals = input.Goals ?? [];
        if (goals.Count == 0) errors["goals"] = "Add at least one goal";
        else if (goals.Count > MaxGoals) errors["goals"] = $"A plan has at most {MaxGoals} goals";
        for (var i = 0; i < goals.Count && i < MaxGoals; i++)
        {
            var g = goals[i];
            var at = $"goals[{i}]";
            if (g is null)
            {
                errors[at] = "Enter the goal";
                continue;
            }

            Required(errors, $"{at}.description", g.Description, "what will be different", MaxTextLength);
            Optional(errors, $"{at}.personsWords", g.PersonsWords, "The person's own words", MaxTextLength);
            Optional(errors, $"{at}.agreedBy", g.AgreedBy, "Who agreed it", MaxNameLength);
            var measure = ReadMeasure(g.Measure);
            if (measure is null) errors[$"{at}.measure"] = "Enter how the goal is measured: a scale from 1 to 10, or the unit of a number such as % attendance";
            else if (measure.Unit is { } unit) Optional(errors, $"{at}.measure", unit, "The unit", MaxUnitLength);
            CheckValue(errors, $"{at}.baseline", g.Baseline, measure, "Enter the baseline: where things are now");
            CheckValue(errors, $"{at}.target", g.Target, measure, "Enter the target: what the score or number will be");
            if (g.TargetDate is not { } targetDate) errors[$"{at}.targetDate"] = "Enter the date the goal should be met by";
            else if (targetDate < today) errors[$"{at}.targetDate"] = "The target date must be today or in the future";
            else if (targetDate > today.AddYears(5)) errors[$"{at}.targetDate"] = "The target date must be within 5 years";
        }

        var actions = input.Actions ?? [];
        if (actions.Count > MaxActions) errors["actions"] = $"A plan has at most {MaxActions} actions";
        for (var i = 0; i < actions.Count && i < MaxActions; i++)
        {
            var a = actions[i];
            var at = $"actions[{i}]";
            if (a is null)
            {
                errors[at] = "Enter the action";
                continue;
            }

            Required(errors, $"{at}.action", a.Action, "what will be done", MaxTextLength);
            Required(errors, $"{at}.owner", a.Owner, "who will do it", MaxNameLength);
            if (a.DueOn is not { } due) errors[$"{at}.dueOn"] = "Enter the date the action is due";
            else if (due < today) errors[$"{at}.dueOn"] = "The due date must be today or in the future";
            else if (due > today.AddYears(5)) errors[$"{at}.dueOn"] = "The due date must be within 5 years";
            if (a.GoalIndex is { } goal && goals.Count > 0 && (goal < 0 || goal >= goals.Count)) errors[$"{at}.goalIndex"] = "Choose a goal of this plan";
        }

        if (input.ReviewOn is not { } review) errors["reviewOn"] = "Enter the date the plan will be reviewed";
        else if (review < today) errors["reviewOn"] = "The review date must be today or in the future";
        else if (review > today.AddYears(2)) errors["reviewOn"] = "The review date must be within 2 years";
        return errors;
    }

    /// <summary>Progress on a goal of a plan agreed on <paramref name="agreedOn"/>, recorded today.</summary>
    public static Dictionary<string, string> CheckProgress(ProgressInput input, GoalMeasure measure, DateOnly agreedOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(measure);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.RecordedOn is not { } on) errors["recordedOn"] = "Enter the date of this progress";
        else if (on > today) errors["recordedOn"] = "The date of this progress must be today or in the past";
        else if (on < agreedOn) errors["recordedOn"] = $"The date of this progress must be on or after the day the plan was agreed, {Platform.Time.UkTime.Format(agreedOn)}";
        var status = input.Status?.Trim();
        if (string.IsNullOrEmpty(status)) errors["status"] = "Select where the goal stands";
        else if (PlanCodes.Statuses.All(s => s.Code != status)) errors["status"] = "Select on track, at risk, achieved, not achieved or abandoned";
        var abandoned = status == PlanCodes.Abandoned;
        if (input.Value is null && !abandoned) errors["value"] = measure.IsScale ? "Enter the score from 1 to 10" : $"Enter the number ({measure.Unit})";
        else if (input.Value is { } v) CheckValue(errors, "value", v, measure, "");
        Optional(errors, "personsView", input.PersonsView, "The person's view", MaxTextLength);
        Required(errors, "comment", input.Comment, "your comment", MaxTextLength);
        if (abandoned) Required(errors, "reason", input.Reason, "why the goal was abandoned", MaxTextLength);
        else Optional(errors, "reason", input.Reason, "The reason", MaxTextLength);
        return errors;
    }

    /// <summary>
    /// A goal's tracking facts from all its progress: the newest record's day (else the day its plan was agreed), how many records
    /// running, newest back, share the newest value, and the newest status. Records are in date order, then as recorded.
    /// </summary>
    public static (DateOnly LastActivityOn, int SameScoreRun, string? Status) Track(IEnumerable<GoalProgress> progress, DateOnly agreedOn)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var ordered = InDateOrder(progress).ToList();
        if (ordered.Count == 0) return (agreedOn, 0, null);
        var last = ordered[^1];
        var run = 0;
        for (var i = ordered.Count - 1; i >= 0 && ordered[i].Value is { } v && v == last.Value; i--) run++;
        return (last.RecordedOn, run, last.Status);
    }

    public static IEnumerable<GoalProgress> InDateOrder(IEnumerable<GoalProgress> progress) =>
        progress.OrderBy(p => p.RecordedOn).ThenBy(p => p.RecordedAt).ThenBy(p => p.Id);

    /// <summary>"4", "85.5": as few decimals as the value needs.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void CheckValue(Dictionary<string, string> errors, string field, decimal? value, GoalMeasure? measure, string missing)
    {
        if (value is not { } v)
        {
            errors[field] = missing;
            return;
        }

        if (measure is { IsScale: true } && (v < ScaleMin || v > ScaleMax || v != decimal.Truncate(v))) errors[field] = "Enter a whole number from 1 to 10";
        else if (Math.Abs(v) >= 1_000_000_000m) errors[field] = "Enter a number below 1,000,000,000";
    }

    private static void Required(Dictionary<string, string> errors, string field, string? value, string what, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = $"Enter {what}";
        else Optional(errors, field, value, char.ToUpperInvariant(what[0]) + what[1..], max);
    }

    private static void Optional(Dictionary<string, string> errors, string field, string? value, string label, int max)
    {
        if (value is null) return;
        if (value.Contains('\0', StringComparison.Ordinal)) errors[field] = $"{label} contains a character that cannot be stored: remove it";
        else if (value.Trim().Length > max) errors[field] = $"{label} must be {max} characters or fewer";
    }

    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
