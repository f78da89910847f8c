using System.Globalization;

namespace Caseload.Platform.Time;

/// <summary>Instants are stored in UTC and shown in UK local time.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

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

    public static string Format(DateTimeOffset instant) => ToUk(instant).ToString("d MMM yyyy, HH:mm", EnGb);

    public static string Format(DateOnly day) => day.ToString("d MMM yyyy", EnGb);

    /// <summary>
    /// An instant as a machine-readable value for <c>&lt;time datetime&gt;</c>: UTC to the second, e.g. <c>2026-12-02T09:15:00Z</c>
    /// (the round-trip format's seven fractional digits are not a valid HTML datetime).
    /// </summary>
    public static string Machine(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A day as a machine-readable value for <c>&lt;time datetime&gt;</c>, e.g. <c>2026-12-02</c>.</summary>
    public static string Machine(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
