using System.Globalization;
using Caseload.Platform.Audit;

namespace Caseload.Features.Chronology;

/// <summary>Which entries a chronology shows: some kinds (null: every kind), a date range (inclusive) and perhaps only significant events.</summary>
public sealed record ChronologyFilter(IReadOnlySet<string>? Kinds, DateOnly? From, DateOnly? To, bool SignificantOnly)
{
    public static readonly ChronologyFilter Everything = new(null, null, null, false);

    public bool IsFiltered => Kinds is not null || From is not null || To is not null || SignificantOnly;

    public bool Admits(ChronologyEntry entry, bool significant)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Kinds is null || Kinds.Contains(entry.Kind)) && (From is null || entry.On >= From) && (To is null || entry.On <= To)
               && (!SignificantOnly || significant);
    }

    /// <summary>The filter as it is written in the audit trail.</summary>
    public string AuditText =>
        $"kinds={(Kinds is null ? "all" : string.Join(",", Kinds.Order(StringComparer.Ordinal)))}; from={ChronologyRules.IsoDay(From)}; to={ChronologyRules.IsoDay(To)}; significantOnly={(SignificantOnly ? "true" : "false")}";
}

/// <summary>The chronology's rules, without I/O: reading a filter, the order of entries, and the words of a summary.</summary>
public static class ChronologyRules
{
    public const int MaxKindLength = 50;
    public const int MaxSourceIdLength = 100;
    public const int MaxSummaryLength = 200;

    /// <summary>Dates as the API takes them.</summary>
    public static readonly string[] ApiDateFormats = ["yyyy-MM-dd"];

    /// <summary>Dates as people type them in the page's filter (as the case page's note filter takes them), or as the API.</summary>
    public static readonly string[] PageDateFormats = ["d/M/yyyy", "d M yyyy", "d-M-yyyy", "yyyy-MM-dd"];

    /// <summary>
    /// Reads a filter. <paramref name="kinds"/> are codes, each value possibly several separated by commas; blank values are
    /// ignored. Each error is keyed by the parameter at fault.
    /// </summary>
    public static (ChronologyFilter? Filter, IReadOnlyDictionary<string, string> Errors) ReadFilter(IEnumerable<string?>? kinds, string? from, string? to,
        string? significantOnly, IReadOnlyCollection<string> knownKinds, IReadOnlyList<string> dateFormats)
    {
        ArgumentNullException.ThrowIfNull(knownKinds);
        ArgumentNullException.ThrowIfNull(dateFormats);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var codes = (kinds ?? []).SelectMany(k => (k ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        var unknown = codes.Where(c => !knownKinds.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            errors["kinds"] = $"Unknown kind {string.Join(", ", unknown.Take(5).Select(u => $"'{Shorten(u, 50)}'"))}: kinds must be among {string.Join(", ", knownKinds)}";
        }

        var fromDay = Day(from, "from", dateFormats, errors);
        var toDay = Day(to, "to", dateFormats, errors);
        if (fromDay is { } f && toDay is { } t && t < f) errors["to"] = "The to date must be the same as or after the from date";
        var significant = false;
        switch (significantOnly?.Trim().ToLowerInvariant())
        {
            case null or "" or "false": break;
            case "true": significant = true; break;
            default: errors["significantOnly"] = "significantOnly must be true or false"; break;
        }

        if (errors.Count > 0) return (null, errors);
        return (new ChronologyFilter(codes.Count == 0 ? null : codes.ToHashSet(StringComparer.Ordinal), fromDay, toDay, significant), errors);
    }

    private static DateOnly? Day(string? text, string field, IReadOnlyList<string> formats, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), formats.ToArray(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A year like 0001 or 9999 is a placeholder, not a day in a child's story.
            if (day.Year is >= 1900 and <= 2099) return day;
            errors[field] = $"The {field} date must be between 1900 and 2099";
            return null;
        }

        errors[field] = formats.Count == 1 ? $"The {field} date must be a date as YYYY-MM-DD" : $"The {field} date must be a real date, like 20/11/2026";
        return null;
    }

    /// <summary>
    /// Date order, oldest first: by day; on one day, entries known only by their day come before those with a time, then by
    /// time; then by the order of the kinds as registered, and the source id, so the order is the same on every read.
    /// </summary>
    public static IReadOnlyList<T> InOrder<T>(IEnumerable<T> items, Func<T, ChronologyEntry> entry, IReadOnlyList<string> kindOrder)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(kindOrder);
        return items.OrderBy(i => entry(i).On)
            .ThenBy(i => entry(i).At is null ? 0 : 1).ThenBy(i => entry(i).At)
            .ThenBy(i => kindOrder.IndexOf(entry(i).Kind) is var k and >= 0 ? k : int.MaxValue)
            .ThenBy(i => entry(i).SourceId, StringComparer.Ordinal)
            .ToList();
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    /// <summary>The first line of some text that has words, cut at a word to at most <paramref name="max"/> characters with an ellipsis.</summary>
    public static string FirstLine(string? text, int max = 120)
    {
        var line = (text ?? "").ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return Shorten(line, max);
    }

    /// <summary>Text cut at a word to at most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var cut = text[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        if (space > max / 2) cut = cut[..space];
        return cut.TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    /// <summary>
    /// The day a deadline counts as missed: the day after its due date, when it was met after that day or is still not met
    /// (and its clock is not paused); null while it may still be met in time, and when it was met in time.
    /// </summary>
    public static DateOnly? DeadlineMissedOn(DateOnly due, DateOnly? metOn, bool pausedNow, DateOnly today)
    {
        var missedOn = due.AddDays(1);
        if (metOn is { } met) return met > due ? missedOn : null;
        return !pausedNow && today > due ? missedOn : null;
    }

    /// <summary>
    /// An allocation as the audit trail wrote it in a case's events (Features/Cases/CaseService): the user name allocated to
    /// and, when the event says, the one before. Null when the event allocated nobody.
    /// </summary>
    public static (string? From, string To)? AllocationIn(string action, string? details)
    {
        ArgumentNullException.ThrowIfNull(action);
        var parts = (details ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? Value(string name) => parts.Where(p => p.StartsWith(name + "=", StringComparison.Ordinal)).Select(p => p[(name.Length + 1)..]).FirstOrDefault();
        static string? Someone(string? userName) => string.IsNullOrWhiteSpace(userName) || userName == "-" ? null : userName;
        switch (action)
        {
            case AuditActions.CaseCreated:
                return Someone(Value("allocatedTo")) is { } created ? (null, created) : null;
            case AuditActions.CaseAllocated:
                return Someone(Value("to")) is { } to ? (Someone(Value("from")), to) : null;
            case AuditActions.CaseUpdated:
                var change = parts.FirstOrDefault(p => p.StartsWith("allocatedTo→", StringComparison.Ordinal));
                return Someone(change?["allocatedTo→".Length..]) is { } updated ? (null, updated) : null;
            default:
                return null;
        }
    }

    /// <summary>Where an allocation's audit details hold the rationale for allocating over capacity: last, to the end (it may hold any text).</summary>
    public const string OverCapacityRationaleKey = "overCapacityRationale=";

    /// <summary>The rationale an allocation over capacity was made with, as its audit event recorded it; null when it needed none.</summary>
    public static string? OverCapacityRationaleIn(string? details)
    {
        if (details is null) return null;
        var at = details.IndexOf("; " + OverCapacityRationaleKey, StringComparison.Ordinal);
        if (at < 0) return null;
        var rationale = details[(at + 2 + OverCapacityRationaleKey.Length)..].Trim();
        return rationale.Length == 0 ? null : rationale;
    }

    /// <summary>The status a case was opened with, as the audit trail wrote it when the case was created (referred or open).</summary>
    public static string? StatusIn(string? createdDetails) =>
        (createdDetails ?? "").Split(';', StringSplitOptions.TrimEntries).Where(p => p.StartsWith("status=", StringComparison.Ordinal))
            .Select(p => p["status=".Length..].ToLowerInvariant()).FirstOrDefault();

    public static string IsoDay(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
