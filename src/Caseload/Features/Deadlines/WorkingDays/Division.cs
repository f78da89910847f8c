namespace Caseload.Features.Deadlines.WorkingDays;

/// <summary>
/// The three bank holiday divisions of the UK, as GOV.UK publishes them. A person's division decides which
/// bank holidays their working-day deadlines skip (Wales shares England's).
/// </summary>
public enum Division
{
    EnglandAndWales = 0,
    Scotland = 1,
    NorthernIreland = 2,
}

/// <summary>The divisions' codes: the keys of GOV.UK's bank-holidays.json, used by the API and stored as such.</summary>
public static class DivisionCodes
{
    public const string EnglandAndWales = "england-and-wales";
    public const string Scotland = "scotland";
    public const string NorthernIreland = "northern-ireland";

    public static IReadOnlyList<Division> All { get; } = [Division.EnglandAndWales, Division.Scotland, Division.NorthernIreland];

    public static string ToCode(this Division division) => division switch
    {
        Division.EnglandAndWales => EnglandAndWales,
        Division.Scotland => Scotland,
        Division.NorthernIreland => NorthernIreland,
        _ => throw new ArgumentOutOfRangeException(nameof(division), division, "Not a bank holiday division."),
    };

    public static string Title(this Division division) => division switch
    {
        Division.EnglandAndWales => "England and Wales",
        Division.Scotland => "Scotland",
        Division.NorthernIreland => "Northern Ireland",
        _ => throw new ArgumentOutOfRangeException(nameof(division), division, "Not a bank holiday division."),
    };

    /// <summary>Reads a division code; surrounding spaces and letter case are forgiven, nothing else is.</summary>
    public static bool TryParse(string? code, out Division division)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case EnglandAndWales: division = Division.EnglandAndWales; return true;
            case Scotland: division = Division.Scotland; return true;
            case NorthernIreland: division = Division.NorthernIreland; return true;
            default: division = Division.EnglandAndWales; return false;
        }
    }

    public static Division Parse(string code) =>
        TryParse(code, out var division)
            ? division
            : throw new FormatException($"“{code}” is not a bank holiday division; expected {EnglandAndWales}, {Scotland} or {NorthernIreland}.");
}
