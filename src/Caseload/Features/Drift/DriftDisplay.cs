using Caseload.Platform.Time;

namespace Caseload.Features.Drift;

/// <summary>A table of drifting cases: the cases, whether to name each one's practitioner, its caption and its test id.</summary>
public sealed record DriftTableView(IReadOnlyList<DriftItem> Items, bool ShowPractitioner, string Caption, string TestId);

/// <summary>How drift reads on a page: severity tags, and when a signal started or was found.</summary>
public static class DriftDisplay
{
    public static string SeverityTagClass(DriftSeverity severity) => severity switch
    {
        DriftSeverity.High => "govuk-tag govuk-tag--red",
        DriftSeverity.Medium => "govuk-tag govuk-tag--orange",
        _ => "govuk-tag govuk-tag--yellow",
    };

    public static string SeverityText(DriftSeverity severity) => severity.Title();

    /// <summary>
    /// New to a supervisor who looks once a day: found by the last daily scan (from when it began), or not yet seen by any scan.
    /// Before any scan has completed, found in the last day.
    /// </summary>
    public static bool IsNew(DriftItemSignal signal, DateTimeOffset now, DateTimeOffset? lastScan)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.FoundAt is not { } found) return true;
        return lastScan is { } scan ? found >= scan : now - found < TimeSpan.FromDays(1);
    }

    public static string Since(DriftItemSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return $"since {UkTime.Format(signal.Since)}";
    }

    /// <summary>A case's signals in one line, for a list with little room: "No contact since 3 Jul 2026; nothing recorded since 28 Oct 2026".</summary>
    public static string Brief(DriftItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = string.Join("; ", item.Signals.Select(s => $"{DriftCodes.Title(s.Code).ToLowerInvariant()} {Since(s)}"));
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
