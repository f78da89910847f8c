using System.Globalization;

namespace Caseload.Features.Reports;

/// <summary>How a column's values read: words, a count, points, a share (0–1, shown as a percent), a number of days or another number.</summary>
public enum ColumnKind
{
    Text = 0,
    Count = 1,
    Points = 2,
    Share = 3,
    Days = 4,
    /// <summary>Any other figure, such as an average rating.</summary>
    Number = 5,
}

public sealed record ReportColumn(string Key, string Title, ColumnKind Kind);

/// <summary>How a chart draws: lines of shares or of counts over time, or bars of counts or shares.</summary>
public enum ChartKind
{
    ShareLines = 0,
    CountBars = 1,
    ShareBars = 2,
    CountLines = 3,
}

/// <summary>One series of a chart: a value per label of its chart (null where there is none).</summary>
public sealed record ReportSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>An event marked on a chart of lines: at the point (index of its label) it falls in, a short label (E1) and its words.</summary>
public sealed record ReportMarker(int Point, string Label, string Text);

/// <summary>A chart of a report, with the words that describe it; the page draws it and shows its data as a table beside it.</summary>
public sealed record ReportChart(string Id, string Title, string Description, ChartKind Kind, string LabelTitle, IReadOnlyList<string> Labels,
    IReadOnlyList<ReportSeries> Series, IReadOnlyList<ReportMarker>? Markers = null);

/// <summary>
/// A report as every channel gives it: the page, the JSON, the CSV and the XLSX all read this, so they carry the same figures.
/// Rows hold plain values (string, int, decimal, null) in the order of <see cref="Columns"/>.
/// </summary>
public sealed record ReportData(string Name, string Title, string Summary, ReportFilter Filter, IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<ReportChart> Charts);

/// <summary>The reports there are: each has a page at /Reports/{name} and an endpoint at /api/v1/reports/{name}.</summary>
public static class ReportNames
{
    public const string Workload = "workload";
    public const string Deadlines = "deadlines";
    public const string Outcomes = "outcomes";
    public const string Demand = "demand";
    public const string Supervision = "supervision";
    public const string Recording = "recording";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Workload] = "Workload",
        [Deadlines] = "Deadlines",
        [Outcomes] = "Outcomes",
        [Demand] = "Demand",
        [Supervision] = "Supervision",
        [Recording] = "Recording",
    };

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Workload] = "Cases and weighted points per practitioner and team against capacity, how utilisation is spread, red and drifting cases, and utilisation week by week.",
        [Deadlines] = "Deadlines due in the period by timescale and team: met on time, met late, missed, still open and overdue; the reasons given for lateness; working days taken against the timescale.",
        [Outcomes] = "Cases closed in the period by team and service: the outcome of their plan goals, why they closed and how long they were open; re-referrals within 12 months of a closing; feedback ratings.",
        [Demand] = "Referrals week by week or month by month, by service and by source; cases opened and closed; the complexity of the cases referred; each month against the same month in earlier years; and the events recorded that may have changed demand.",
        [Supervision] = "Supervisions held against each practitioner's required frequency, by practitioner and team; capacity escalations raised, responded to and how fast in working days; and the capacity adjustments agreed.",
        [Recording] = "Notes written late, as a share, with the reasons given grouped; notes saved with objectivity findings, counted by the kind of finding (never their words); and the time from an event to its note.",
    };

    public static bool IsKnown(string? name) => name is not null && Titles.ContainsKey(name);
}

/// <summary>How report values are written as text, the same on the page and in the CSV.</summary>
public static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A value as the page and the CSV show it: counts and points as numbers, shares as whole percents, blanks as empty.</summary>
    public static string Format(object? value, ColumnKind kind) => value switch
    {
        null => "",
        decimal d when kind == ColumnKind.Share => Percent(d),
        decimal d => d.ToString("0.##", Invariant),
        int i => i.ToString(Invariant),
        DateOnly day => day.ToString("yyyy-MM-dd", Invariant),
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? "",
    };

    public static string Percent(decimal share) => Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero).ToString(Invariant) + "%";

    /// <summary>A share rounded as the reports give it (three places: 0.857), so the page, JSON and files agree.</summary>
    public static decimal? Share(decimal part, decimal whole) => whole <= 0 ? null : Math.Round(part / whole, 3, MidpointRounding.AwayFromZero);

    public static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n.ToString(Invariant)} {many}";
}
