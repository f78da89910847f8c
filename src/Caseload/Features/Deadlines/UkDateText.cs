using Caseload.Platform.Time;

namespace Caseload.Features.Deadlines;

/// <summary>
/// Dates and counts in running text, in the one date style people see everywhere (<see cref="UkTime.Format(DateOnly)"/>:
/// "29 Dec 2026").
/// </summary>
internal static class UkDateText
{
    private static readonly string[] FullMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"29 Dec 2026".</summary>
    public static string Date(DateOnly date) => UkTime.Format(date);

    /// <summary>"25 Dec", with the year only when <paramref name="withYear"/>.</summary>
    public static string Date(DateOnly date, bool withYear) => withYear ? UkTime.Format(date) : UkTime.FormatWithoutYear(date);

    public static string MonthName(int month) => FullMonths[month - 1];

    /// <summary>"a", "a and b", "a, b and c" (no serial comma, as GOV.UK writes lists in text).</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    public static string Count(int n, string singular, string plural) => n == 1 ? $"1 {singular}" : $"{n} {plural}";
}
