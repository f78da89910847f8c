using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Features.Deadlines;

/// <summary>The nations' codes as configuration and the API write them, and their names.</summary>
public static class NationCodes
{
    public const string England = "england";
    public const string Wales = "wales";
    public const string Scotland = "scotland";
    public const string NorthernIreland = "northern-ireland";

    public static IReadOnlyList<Nations> All { get; } = [Nations.England, Nations.Wales, Nations.Scotland, Nations.NorthernIreland];

    public static string ToCode(this Nations nation) => nation switch
    {
        Nations.England => England,
        Nations.Wales => Wales,
        Nations.Scotland => Scotland,
        Nations.NorthernIreland => NorthernIreland,
        _ => throw new ArgumentOutOfRangeException(nameof(nation), nation, "Not a single nation."),
    };

    public static string Title(this Nations nation) => nation switch
    {
        Nations.England => "England",
        Nations.Wales => "Wales",
        Nations.Scotland => "Scotland",
        Nations.NorthernIreland => "Northern Ireland",
        Nations.UnitedKingdom => "the United Kingdom",
        _ => string.Join(", ", All.Where(n => (nation & n) != 0).Select(Title)),
    };

    /// <summary>Reads one nation's code; surrounding spaces and letter case are forgiven.</summary>
    public static bool TryParse(string? code, out Nations nation)
    {
        nation = code?.Trim().ToLowerInvariant() switch
        {
            England => Nations.England,
            Wales => Nations.Wales,
            Scotland => Nations.Scotland,
            NorthernIreland => Nations.NorthernIreland,
            _ => Nations.None,
        };
        return nation != Nations.None;
    }

    /// <summary>The nations a bank holiday division covers.</summary>
    public static Nations NationsOf(Division division) => division switch
    {
        Division.EnglandAndWales => Nations.England | Nations.Wales,
        Division.Scotland => Nations.Scotland,
        Division.NorthernIreland => Nations.NorthernIreland,
        _ => Nations.None,
    };

    /// <summary>The nation a division's cases are in unless configured otherwise.</summary>
    public static Nations MainNationOf(Division division) => division switch
    {
        Division.EnglandAndWales => Nations.England,
        Division.Scotland => Nations.Scotland,
        Division.NorthernIreland => Nations.NorthernIreland,
        _ => throw new ArgumentOutOfRangeException(nameof(division), division, "Not a bank holiday division."),
    };
}
