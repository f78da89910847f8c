namespace Caseload.Features.Shared;

/// <summary>The GOV.UK date input's three fields (day, month, year) read as a date.</summary>
public static class GovDate
{
    public static bool IsEmpty(string? day, string? month, string? year) =>
        string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year);

    public static bool TryParse(string? day, string? month, string? year, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(day, out var d) || !int.TryParse(month, out var m) || !int.TryParse(year, out var y)) return false;
        if (y is < 1900 or > 2099 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }
}
