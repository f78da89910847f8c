
namespace Caseload.Features.Notes.Objectivity.Manage;

/// <summary>A sentence tried against the rules and what the check found in it.</summary>
public sealed record PreviewResult(string Text, IReadOnlyList<ObjectivityFinding> Findings);

public static class RuleTexts
{
    public static string State(StoredRuleState state) => state switch
    {
        StoredRuleState.InForce => "In force",
        StoredRuleState.Retired => "Retired",
        StoredRuleState.SwitchedOff => "Switched off",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown state."),
    };

    public static string StateTag(StoredRuleState state) => state switch
    {
        StoredRuleState.InForce => "govuk-tag govuk-tag--green",
        StoredRuleState.Retired => "govuk-tag govuk-tag--grey",
        StoredRuleState.SwitchedOff => "govuk-tag govuk-tag--yellow",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown state."),
    };

    public static string Category(ObjectivityCategory category) => category switch
    {
        ObjectivityCategory.Judgement => "Judgement",
        ObjectivityCategory.Certainty => "Certainty",
        ObjectivityCategory.Speculation => "Speculation",
        ObjectivityCategory.ValueLaden => "Value-laden",
        ObjectivityCategory.Generalisation => "Generalisation",
        ObjectivityCategory.Prediction => "Prediction",
        ObjectivityCategory.FavourableJudgement => "Favourable judgement",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown category."),
    };

    public static IReadOnlyList<(string Code, string Title, string Hint)> Categories { get; } =
    [
        (ObjectivityCategoryCodes.Judgement, "Judgement", "A label of character, such as \u201clazy\u201d or \u201cmanipulative\u201d"),
        (ObjectivityCategoryCodes.Certainty, "Certainty", "Certainty without evidence, such as \u201cclearly\u201d"),
        (ObjectivityCategoryCodes.Speculation, "Speculation", "A guess or impression, such as \u201cseems to be\u201d"),
        (ObjectivityCategoryCodes.ValueLaden, "Value-laden", "An emotive description, such as \u201cdisgusting\u201d"),
        (ObjectivityCategoryCodes.Generalisation, "Generalisation", "A sweeping claim, such as \u201ctypical of this family\u201d"),
        (ObjectivityCategoryCodes.Prediction, "Prediction", "A person\u2019s future stated as fact, such as \u201cwill end up in care\u201d"),
        (ObjectivityCategoryCodes.FavourableJudgement, "Favourable judgement", "Praise in place of a description, such as \u201ca delightful boy\u201d"),
    ];
}
