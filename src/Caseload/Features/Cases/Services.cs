namespace Caseload.Features.Cases;

/// <summary>The services a case can belong to, as kebab-case codes.</summary>
public static class Services
{
    public const string EarlyHelp = "early-help";
    public const string ChildrensSocialCare = "childrens-social-care";
    public const string Send = "send";
    public const string CareersIag = "careers-iag";
    public const string YouthSupport = "youth-support";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [EarlyHelp] = "Early help",
        [ChildrensSocialCare] = "Children's social care",
        [Send] = "SEND",
        [CareersIag] = "Careers and IAG",
        [YouthSupport] = "Youth support",
    };

    public static bool IsKnown(string? code) => code is not null && Titles.ContainsKey(code);

    public static string Title(string code) => Titles.TryGetValue(code, out var title) ? title : code;
}
