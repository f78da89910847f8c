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

    /// <summary>Found by the scan in the last day, or not yet seen by it: new to a supervisor who looks once a day.</summary>
    public static bool IsNew(DriftItemSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return signal.FoundAt is not { } found || now - found < TimeSpan.FromDays(1);
    }

    public static string Since(DriftItemSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return $"since {UkTime.Format(signal.Since)}";
    }
}
