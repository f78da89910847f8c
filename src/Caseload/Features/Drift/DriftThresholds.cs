using System.Text.RegularExpressions;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;

namespace Caseload.Features.Drift;

/// <summary>
/// One number a service manager may change, with the range that keeps drift findable: a threshold so high that a stalled
/// case would never be found, or so low that every case drifts, is refused.
/// </summary>
public sealed record DriftThreshold(string Name, string Label, string Hint, int Min, int Max, Func<DriftThresholds, int> Get, Func<DriftThresholds, int, DriftThresholds> With);

/// <summary>
/// When each drift signal starts. The defaults are the practice standards the signals were written for; a service manager
/// changes them on the drift thresholds page, each change a new version with its reason (<see cref="DriftSettings"/>).
/// </summary>
public sealed partial record DriftThresholds
{
    public static DriftThresholds Default { get; } = new();

    /// <summary>No contact for this many expected contact periods (2: two visits in a row missed).</summary>
    public int NoContactExpectedPeriods { get; init; } = 2;

    /// <summary>No contact for this many working days, on a case with no expected contact frequency (20: four working weeks).</summary>
    public int NoContactWorkingDays { get; init; } = 20;

    /// <summary>Nothing recorded on the case for this many working days (20: four working weeks).</summary>
    public int NoRecordingWorkingDays { get; init; } = 20;

    /// <summary>The case review is past its date by more than this many working days (0: from the first working day after it).</summary>
    public int ReviewOverdueWorkingDays { get; init; }

    /// <summary>An open task is past its due date by more than this many working days (5: a working week's grace).</summary>
    public int TasksOverdueWorkingDays { get; init; } = 5;

    /// <summary>A deadline is past its due date by more than this many working days (0: a missed deadline is drift at once).</summary>
    public int DeadlineOverdueWorkingDays { get; init; }

    /// <summary>A referral waits for allocation longer than this, in working days, when its service names no standard below.</summary>
    public int ReferralWaitingWorkingDays { get; init; } = 10;

    /// <summary>A referral's follow-up is past its due date by more than this many working days (0: an overdue follow-up is drift at once).</summary>
    public int ReferralFollowUpOverdueWorkingDays { get; init; }

    /// <summary>A goal of the plan in force has had no progress recorded for this many weeks (6: half a school term).</summary>
    public int PlanStalledWeeks { get; init; } = 6;

    /// <summary>A goal of the plan in force has had the same score at this many progress records running (3).</summary>
    public int PlanSameScoreRecords { get; init; } = 3;

    /// <summary>A case with this many signals at once is one severity level higher (several things stalled together).</summary>
    public int RaiseSeverityFromSignals { get; init; } = 3;

    /// <summary>
    /// Per service, the code of the timescale (statutory or a service standard in the catalogue) a referral must be allocated
    /// within. A service not named here, or whose timescale is not offered in its nation, uses <see cref="ReferralWaitingWorkingDays"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReferralStandards { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Services.ChildrensSocialCare] = Timescales.ReferralDecision, // Working Together 2023: decision on a referral within one working day
        [Services.EarlyHelp] = Timescales.EarlyHelpFirstContact,
        [Services.CareersIag] = Timescales.CareersGuidanceInterview,
    };

    /// <summary>The numbers a service manager may change, with their safe ranges, in the order the page shows them.</summary>
    public static IReadOnlyList<DriftThreshold> Numbers { get; } =
    [
        new(nameof(NoContactExpectedPeriods), "Expected contact periods without contact",
            "No contact: a case with an expected contact frequency drifts after this many periods without contact. From 1 to 4.",
            1, 4, t => t.NoContactExpectedPeriods, (t, v) => t with { NoContactExpectedPeriods = v }),
        new(nameof(NoContactWorkingDays), "Working days without contact, when no frequency is set",
            "No contact: a case with no expected contact frequency drifts after this many working days without contact. From 5 to 60.",
            5, 60, t => t.NoContactWorkingDays, (t, v) => t with { NoContactWorkingDays = v }),
        new(nameof(NoRecordingWorkingDays), "Working days with nothing recorded",
            "No recording: a case drifts after this many working days with no case note written. From 5 to 60.",
            5, 60, t => t.NoRecordingWorkingDays, (t, v) => t with { NoRecordingWorkingDays = v }),
        new(nameof(ReviewOverdueWorkingDays), "Working days a review may be late",
            "Review overdue: a case drifts when its review is late by more than this many working days. From 0 to 20.",
            0, 20, t => t.ReviewOverdueWorkingDays, (t, v) => t with { ReviewOverdueWorkingDays = v }),
        new(nameof(TasksOverdueWorkingDays), "Working days a task may be late",
            "Tasks overdue: a case drifts when an open task is late by more than this many working days. From 0 to 20.",
            0, 20, t => t.TasksOverdueWorkingDays, (t, v) => t with { TasksOverdueWorkingDays = v }),
        new(nameof(DeadlineOverdueWorkingDays), "Working days a deadline may be late",
            "Deadline overdue: a case drifts when a deadline is late by more than this many working days. From 0 to 10.",
            0, 10, t => t.DeadlineOverdueWorkingDays, (t, v) => t with { DeadlineOverdueWorkingDays = v }),
        new(nameof(ReferralWaitingWorkingDays), "Working days a referral may wait, when its service has no standard",
            "Referral waiting: a referral drifts when it waits for allocation longer than this. From 1 to 20.",
            1, 20, t => t.ReferralWaitingWorkingDays, (t, v) => t with { ReferralWaitingWorkingDays = v }),
        new(nameof(ReferralFollowUpOverdueWorkingDays), "Working days a referral's follow-up may be late",
            "Referral follow-up overdue: a case drifts when the follow-up of a referral out is late by more than this many working days. From 0 to 10.",
            0, 10, t => t.ReferralFollowUpOverdueWorkingDays, (t, v) => t with { ReferralFollowUpOverdueWorkingDays = v }),
        new(nameof(PlanStalledWeeks), "Weeks without progress on a plan's goal",
            "Plan stalled: a case drifts when a goal of its plan has had no progress recorded for this many weeks. From 2 to 26.",
            2, 26, t => t.PlanStalledWeeks, (t, v) => t with { PlanStalledWeeks = v }),
        new(nameof(PlanSameScoreRecords), "Progress records running at the same score",
            "Plan stalled: a case drifts when a goal of its plan has had the same score at this many progress records running. From 2 to 6.",
            2, 6, t => t.PlanSameScoreRecords, (t, v) => t with { PlanSameScoreRecords = v }),
        new(nameof(RaiseSeverityFromSignals), "Signals that raise the severity",
            "A case with this many signals at once is one level more severe. From 2 to 5.",
            2, 5, t => t.RaiseSeverityFromSignals, (t, v) => t with { RaiseSeverityFromSignals = v }),
    ];

    /// <summary>Problems with these thresholds in plain English; empty when they are safe to use. The catalogue is checked by the caller.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var n in Numbers)
        {
            var value = n.Get(this);
            if (value < n.Min || value > n.Max) problems.Add($"{n.Label} must be from {n.Min} to {n.Max}");
        }

        if (ReferralStandards is null)
        {
            problems.Add("Referral standards must be set");
            return problems;
        }

        foreach (var (service, code) in ReferralStandards)
        {
            if (!Services.IsKnown(service)) problems.Add($"{service} is not a service");
            else if (string.IsNullOrWhiteSpace(code) || code.Length > 80 || !Kebab().IsMatch(code)) problems.Add($"The referral standard for {Services.Title(service)} must be a timescale code");
        }

        return problems;
    }

    public bool Equals(DriftThresholds? other) =>
        other is not null && Numbers.All(n => n.Get(this) == n.Get(other))
        && ReferralStandards.Count == other.ReferralStandards.Count
        && ReferralStandards.All(s => other.ReferralStandards.TryGetValue(s.Key, out var code) && code == s.Value);

    public override int GetHashCode() => HashCode.Combine(NoContactExpectedPeriods, NoContactWorkingDays, NoRecordingWorkingDays, TasksOverdueWorkingDays, ReferralStandards.Count);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Kebab();
}
