namespace Caseload.Features.People;

/// <summary>
/// Characteristics of a person that bear on vulnerability, as kebab-case codes used by the API and stored as such.
/// </summary>
public static class Characteristics
{
    public const string LookedAfter = "looked-after";
    public const string CareLeaver = "care-leaver";
    public const string ChildProtectionPlan = "child-protection-plan";
    public const string ChildInNeed = "child-in-need";
    public const string SendEhcPlan = "send-ehc-plan";
    public const string SendSupport = "send-support";
    public const string YoungCarer = "young-carer";
    public const string Disability = "disability";
    public const string TeenageParent = "teenage-parent";
    public const string Neet = "neet";
    public const string YouthJustice = "youth-justice";
    public const string EnglishAdditionalLanguage = "english-additional-language";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LookedAfter] = "Looked-after child",
        [CareLeaver] = "Care leaver",
        [ChildProtectionPlan] = "Child protection plan",
        [ChildInNeed] = "Child in need",
        [SendEhcPlan] = "EHC plan",
        [SendSupport] = "SEN support",
        [YoungCarer] = "Young carer",
        [Disability] = "Disability",
        [TeenageParent] = "Teenage parent",
        [Neet] = "Not in education, employment or training (NEET)",
        [YouthJustice] = "Youth justice involvement",
        [EnglishAdditionalLanguage] = "English as an additional language",
    };

    public static bool IsKnown(string code) => Titles.ContainsKey(code);

    /// <summary>The title of a code, or the code itself when it is not (or no longer) known.</summary>
    public static string Title(string code) => Titles.GetValueOrDefault(code, code);
}
