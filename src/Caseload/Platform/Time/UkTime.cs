using System.Globalization;

namespace Caseload.Platform.Time;

/// <summary>Instants are stored in UTC and shown in UK local time.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The UK calendar day an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToUk(instant).DateTime);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The one date style people see: "2 Dec 2026" (with the time, "2 Dec 2026, 09:15"). The month names are spelt out here
    /// rather than taken from a culture: ICU's en-GB data changes between versions ("Sept"), and a date must not.
    /// </summary>
    public static string Format(DateTimeOffset instant)
    {
        var uk = ToUk(instant);
        return string.Create(CultureInfo.InvariantCulture, $"{Format(DateOnly.FromDateTime(uk.DateTime))}, {uk:HH:mm}");
    }

    /// <summary>"2 Dec 2026".</summary>
    public static string Format(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Day} {Months[day.Month - 1]} {day.Year}");

    /// <summary>"2 Dec", for a date whose year goes without saying.</summary>
    public static string FormatWithoutYear(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Day} {Months[day.Month - 1]}");

    /// <summary>"Dec 2026", a month.</summary>
    public static string FormatMonth(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{Months[day.Month - 1]} {day.Year}");

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// An instant as a machine-readable value for <c>&lt;time datetime&gt;</c>: UTC to the second, e.g. <c>2026-12-02T09:15:00Z</c>
    /// (the round-trip format's seven fractional digits are not a valid HTML datetime).
    /// </summary>
    public static string Machine(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A day as a machine-readable value for <c>&lt;time datetime&gt;</c>, e.g. <c>2026-12-02</c>.</summary>
    public static string Machine(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
