namespace Caseload.Features.Deadlines;

/// <summary>
/// Dates as GOV.UK writes them in running text ("Tue 29 Dec 2026"). The names are spelt out here rather than
/// taken from a culture: ICU's en-GB data changes between versions ("Sept"), and an explanation must not.
/// </summary>
internal static class UkDateText
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] FullMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"Tue 29 Dec 2026".</summary>
    public static string DayDate(DateOnly date) => $"{Days[(int)date.DayOfWeek]} {date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"Mon 21 Dec", with the year only when <paramref name="withYear"/>.</summary>
    public static string DayDate(DateOnly date, bool withYear) =>
        withYear ? DayDate(date) : $"{Days[(int)date.DayOfWeek]} {date.Day} {Months[date.Month - 1]}";

    /// <summary>"25 Dec", with the year only when <paramref name="withYear"/>.</summary>
    public static string Date(DateOnly date, bool withYear) =>
        withYear ? $"{date.Day} {Months[date.Month - 1]} {date.Year}" : $"{date.Day} {Months[date.Month - 1]}";

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
