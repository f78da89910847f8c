using System.Text.RegularExpressions;
using Caseload.Features.People;

namespace Caseload.Features.Worklist;

/// <summary>
/// The priority weights in plain English for the weights page: each setting's name and unit, and problems reworded to name
/// the settings as the page does. Keys are the settings' names as stored and configured (camelCase in JSON, "vulnerability.code"
/// for a characteristic's weight).
/// </summary>
public static partial class PriorityWeightNames
{
    private static readonly Dictionary<string, (string Label, string Unit)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["amberBandFrom"] = ("Score at which a case becomes amber priority", "points"),
        ["redBandFrom"] = ("Score at which a case becomes red priority", "points"),
        ["riskAmber"] = ("Risk rated amber", "points"),
        ["riskRed"] = ("Risk rated red", "points"),
        ["safeguardingConcern"] = ("Open safeguarding concern", "points"),
        ["deadlineHorizonWorkingDays"] = ("How far ahead a deadline starts to count", "working days"),
        ["statutoryDueMax"] = ("Statutory deadline due today", "points"),
        ["organisationalDueMax"] = ("Service standard due today", "points"),
        ["statutoryOverdue"] = ("Statutory deadline overdue", "points"),
        ["statutoryOverduePerWorkingDay"] = ("Statutory deadline overdue, for each working day late", "points"),
        ["organisationalOverdue"] = ("Service standard overdue", "points"),
        ["organisationalOverduePerWorkingDay"] = ("Service standard overdue, for each working day late", "points"),
        ["overdueGrowthCapWorkingDays"] = ("Overdue deadlines and follow-ups stop growing after", "working days"),
        ["contactDriftPerExpectedPeriod"] = ("Contact late, for each expected contact missed", "points"),
        ["contactDriftCap"] = ("Contact late, most points", "points"),
        ["neverContacted"] = ("No contact recorded yet", "points"),
        ["contactDriftAmberFromPercent"] = ("No contact for this share of the expected interval makes a case at least amber (200 is twice; at most 200)", "per cent"),
        ["contactDriftRedFromPercent"] = ("No contact for this share of the expected interval makes a case red (300 is three times; at most 300)", "per cent"),
        ["underFiveAge"] = ("Young children: under this age", "years"),
        ["underFive"] = ("Young child (under the age above)", "points"),
        ["vulnerabilityCap"] = ("Vulnerability, most points", "points"),
        ["overdueTask"] = ("Each overdue task", "points"),
        ["overdueTasksCap"] = ("Overdue tasks, most points", "points"),
        ["reviewOverdue"] = ("Case review overdue", "points"),
        ["reviewOverduePerWorkingDay"] = ("Case review overdue, for each working day late", "points"),
        ["reviewOverdueCap"] = ("Case review overdue, most points", "points"),
        ["referralFollowUpOverdue"] = ("Referral follow-up overdue", "points"),
        ["referralFollowUpOverduePerWorkingDay"] = ("Referral follow-up overdue, for each working day late", "points"),
        ["referralFollowUpOverdueCap"] = ("Referral follow-ups overdue, most points", "points"),
        ["overrideShift"] = ("A priority override raises or lowers by", "points"),
        ["vulnerability"] = ("Vulnerability weights", "points"),
    };

    /// <summary>A setting in plain English; a characteristic's weight is "Vulnerability: Child protection plan".</summary>
    public static string Label(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith("vulnerability.", StringComparison.OrdinalIgnoreCase))
        {
            return $"Vulnerability: {Characteristics.Title(name["vulnerability.".Length..])}";
        }

        return Names.TryGetValue(name, out var n) ? n.Label : name;
    }

    public static string Unit(string name) =>
        name is not null && Names.TryGetValue(name, out var n) ? n.Unit : "points";

    /// <summary>The page's field key for a setting, e.g. "riskRed" from the property name "RiskRed".</summary>
    public static string Key(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        var dot = propertyName.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? propertyName : propertyName[..dot];
        var camel = char.ToLowerInvariant(head[0]) + head[1..];
        return dot < 0 ? camel : camel + propertyName[dot..];
    }

    /// <summary>A problem from <see cref="PriorityWeights.Problems"/> with every setting named in plain English, in quotes.</summary>
    public static string Plain(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var plain = SettingName().Replace(message, m => Names.ContainsKey(m.Value) ? $"‘{Label(m.Value)}’" : m.Value);
        return plain.Replace("must not be negative", "must be 0 or more", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\bVulnerability\b", RegexOptions.CultureInvariant)]
    private static partial Regex SettingName();
}
