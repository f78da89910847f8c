using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Features.Drift;

/// <summary>The stable codes of the drift signals, as the API names them.</summary>
public static class DriftCodes
{
    public const string NoContact = "no-contact";
    public const string NoRecording = "no-recording";
    public const string ReviewOverdue = "review-overdue";
    public const string TasksOverdue = "tasks-overdue";
    public const string DeadlineOverdue = "deadline-overdue";
    public const string ReferralWaiting = "referral-waiting";
    public const string AllocatedToInactiveUser = "allocated-to-inactive-user";
    public const string ReferralFollowUpOverdue = "referral-follow-up-overdue";
    public const string PlanStalled = "plan-stalled";

    public static string Title(string code) => code switch
    {
        NoContact => "No contact",
        NoRecording => "Nothing recorded",
        ReviewOverdue => "Review overdue",
        TasksOverdue => "Tasks overdue",
        DeadlineOverdue => "Deadline overdue",
        ReferralWaiting => "Referral waiting",
        AllocatedToInactiveUser => "Allocated to a leaver",
        ReferralFollowUpOverdue => "Referral follow-up overdue",
        PlanStalled => "Plan stalled",
        _ => code,
    };
}

/// <summary>How much one signal, or a case's drift as a whole, calls for attention.</summary>
public enum DriftSeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
}

public static class DriftSeverityCodes
{
    public static string ToCode(this DriftSeverity severity) => severity switch
    {
        DriftSeverity.Low => "low",
        DriftSeverity.Medium => "medium",
        DriftSeverity.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static string Title(this DriftSeverity severity) => severity switch
    {
        DriftSeverity.Low => "Low",
        DriftSeverity.Medium => "Medium",
        DriftSeverity.High => "High",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}

/// <summary>
/// What a signal found on a case: its code, how severe it is on its own, what it means in plain words, and the day it started
/// by the facts (null when the facts cannot tell, as for a leaver's cases: the daily scan then records the day it first saw it).
/// </summary>
public sealed record DriftFinding(string Code, DriftSeverity Level, string Detail, DateOnly? Since);

/// <summary>
/// Everything a signal may use besides the case's facts: today, the working days of the case's division, the thresholds in
/// force and the timescale the case's service allocates referrals within (null when it names none).
/// </summary>
public sealed record DriftContext(DateOnly Today, WorkingDayCalendar Calendar, DriftThresholds Thresholds, Timescale? ReferralStandard = null);

/// <summary>One drift signal: a small rule of its own, so a new one (a stalled plan) is added without touching the others.</summary>
public interface IDriftSignal
{
    string Code { get; }

    /// <summary>The finding on this case today, or null when the signal is absent.</summary>
    DriftFinding? Find(DriftSnapshot snapshot, DriftContext context);
}

/// <summary>A case's drift: the signals found, most severe first, and the case's severity from them.</summary>
public sealed record DriftAssessment(DriftSeverity Severity, IReadOnlyList<DriftFinding> Findings)
{
    public bool Drifting => Findings.Count > 0;
}

/// <summary>
/// Finds the cases that have stalled: each signal in <see cref="Signals"/> looks at the case's facts and says in plain words
/// what has stalled and since when. Pure: today, the calendar and the thresholds are passed in.
/// A case's severity is the highest of its signals' own levels, raised one level (high at most) when the case is red risk or
/// when it has <see cref="DriftThresholds.RaiseSeverityFromSignals"/> signals or more at once.
/// </summary>
public sealed class DriftRules(DriftThresholds thresholds, IReadOnlyList<IDriftSignal>? signals = null)
{
    /// <summary>The signals every case is checked for, in the order they are listed on a case at equal severity.</summary>
    public static IReadOnlyList<IDriftSignal> StandardSignals { get; } =
    [
        new NoContactSignal(), new NoRecordingSignal(), new ReviewOverdueSignal(), new TasksOverdueSignal(), new DeadlineOverdueSignal(),
        new ReferralWaitingSignal(), new AllocatedToInactiveUserSignal(), new ReferralFollowUpOverdueSignal(), new Plans.PlanStalledSignal(),
    ];

    public static DriftRules Default { get; } = new(DriftThresholds.Default);

    public DriftThresholds Thresholds { get; } = thresholds ?? throw new ArgumentNullException(nameof(thresholds));

    public IReadOnlyList<IDriftSignal> Signals { get; } = signals ?? StandardSignals;

    /// <summary>
    /// The case's drift today. <paramref name="referralStandard"/> is the timescale its service allocates referrals within; null to
    /// use the threshold in working days.
    /// </summary>
    public DriftAssessment Assess(DriftSnapshot snapshot, DateOnly today, WorkingDayCalendar calendar, Timescale? referralStandard = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(calendar);
        if (snapshot.Status == CaseStatus.Closed) return new DriftAssessment(DriftSeverity.Low, []);
        var context = new DriftContext(today, calendar, Thresholds, referralStandard);
        var findings = new List<DriftFinding>(2);
        foreach (var signal in Signals)
        {
            if (signal.Find(snapshot, context) is { } finding) findings.Add(finding);
        }

        if (findings.Count == 0) return new DriftAssessment(DriftSeverity.Low, []);
        // Most severe first; at equal levels, in the order of the signals (a stable sort).
        var ordered = findings.OrderByDescending(f => f.Level).ToList();
        return new DriftAssessment(SeverityOf(ordered, snapshot.Risk), ordered);
    }

    /// <summary>The highest level among the findings, one level higher for a red-risk case or for many signals at once.</summary>
    public DriftSeverity SeverityOf(IReadOnlyList<DriftFinding> findings, Risk risk)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0) return DriftSeverity.Low;
        var highest = findings.Max(f => f.Level);
        var raise = risk == Risk.Red || findings.Count >= Thresholds.RaiseSeverityFromSignals;
        return raise && highest < DriftSeverity.High ? highest + 1 : highest;
    }

    /// <summary>"Tue 3 Nov 2026" style dates are long in a list; signals say "3 Nov 2026".</summary>
    internal static string Day(DateOnly date) => UkDateText.Date(date, withYear: true);

    internal static string WorkingDays(int n) => UkDateText.Count(n, "working day", "working days");
}

/// <summary>
/// No contact with the person or family for <see cref="DriftThresholds.NoContactExpectedPeriods"/> times the case's expected
/// contact frequency, or <see cref="DriftThresholds.NoContactWorkingDays"/> when none is set; counted from the last contact,
/// or from the day the case opened when there has been none. Open cases only: a referral waiting is its own signal.
/// High: the child is not being seen.
/// </summary>
public sealed class NoContactSignal : IDriftSignal
{
    public string Code => DriftCodes.NoContact;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.Status != CaseStatus.Open) return null;
        var t = context.Thresholds;
        int? expected = snapshot.ExpectedContactEveryWorkingDays is { } e && e > 0 ? e : null;
        var limit = expected is { } every ? every * t.NoContactExpectedPeriods : t.NoContactWorkingDays;
        var from = snapshot.LastContactOn ?? snapshot.OpenedOn ?? snapshot.ReferredOn;
        var days = context.Calendar.CountWorkingDays(from, context.Today);
        if (days < limit) return null;
        var expectation = expected is { } x ? $"expected every {DriftRules.WorkingDays(x)}" : $"no contact frequency is set, so {DriftRules.WorkingDays(limit)} is the limit";
        var detail = snapshot.LastContactOn is { } last
            ? $"No contact for {DriftRules.WorkingDays(days)}, since {DriftRules.Day(last)}; {expectation}"
            : $"No contact recorded in the {DriftRules.WorkingDays(days)} since the case opened on {DriftRules.Day(from)}; {expectation}";
        return new DriftFinding(Code, DriftSeverity.High, detail, context.Calendar.AddWorkingDays(from, limit));
    }
}

/// <summary>
/// Nothing written on the case (no note still on the record) for <see cref="DriftThresholds.NoRecordingWorkingDays"/>, counted
/// from the newest note or from the day the case opened. Open cases only. Medium: the work may be happening but is not evidenced.
/// </summary>
public sealed class NoRecordingSignal : IDriftSignal
{
    public string Code => DriftCodes.NoRecording;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.Status != CaseStatus.Open) return null;
        var limit = context.Thresholds.NoRecordingWorkingDays;
        var from = snapshot.LastRecordedOn ?? snapshot.OpenedOn ?? snapshot.ReferredOn;
        var days = context.Calendar.CountWorkingDays(from, context.Today);
        if (days < limit) return null;
        var detail = snapshot.LastRecordedOn is { } last
            ? $"Nothing recorded for {DriftRules.WorkingDays(days)}: the last note was written on {DriftRules.Day(last)}"
            : $"Nothing recorded in the {DriftRules.WorkingDays(days)} since the case opened on {DriftRules.Day(from)}";
        return new DriftFinding(Code, DriftSeverity.Medium, detail, context.Calendar.AddWorkingDays(from, limit));
    }
}

/// <summary>
/// Something past its date by more than a grace in working days: the day it starts is the first day late by more than the
/// grace (a grace of 0 starts the day after the date, as a deadline is overdue from then).
/// </summary>
internal static class Lateness
{
    public static int WorkingDaysLate(DateOnly due, DriftContext context) => due < context.Today ? context.Calendar.CountWorkingDays(due, context.Today) : 0;

    public static bool IsLate(DateOnly due, int grace, DriftContext context) => due < context.Today && (grace == 0 || WorkingDaysLate(due, context) > grace);

    public static DateOnly Since(DateOnly due, int grace, DriftContext context) => grace == 0 ? due.AddDays(1) : context.Calendar.AddWorkingDays(due, grace + 1);

    public static string By(DateOnly due, DriftContext context) =>
        WorkingDaysLate(due, context) is var late and > 0 ? $"by {DriftRules.WorkingDays(late)}" : "by less than a working day";
}

/// <summary>The case review is past its date by more than <see cref="DriftThresholds.ReviewOverdueWorkingDays"/>. Medium: the plan is not being checked.</summary>
public sealed class ReviewOverdueSignal : IDriftSignal
{
    public string Code => DriftCodes.ReviewOverdue;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.ReviewDueOn is not { } due) return null;
        var grace = context.Thresholds.ReviewOverdueWorkingDays;
        if (!Lateness.IsLate(due, grace, context)) return null;
        return new DriftFinding(Code, DriftSeverity.Medium, $"Case review was due on {DriftRules.Day(due)}: overdue {Lateness.By(due, context)}", Lateness.Since(due, grace, context));
    }
}

/// <summary>
/// An open task past its due date by more than <see cref="DriftThresholds.TasksOverdueWorkingDays"/> (the oldest decides).
/// Low: agreed actions are slipping, which a supervisor should see before it becomes harm.
/// </summary>
public sealed class TasksOverdueSignal : IDriftSignal
{
    public string Code => DriftCodes.TasksOverdue;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.OverdueTasks == 0 || snapshot.OldestOverdueTaskDueOn is not { } oldest) return null;
        var grace = context.Thresholds.TasksOverdueWorkingDays;
        if (!Lateness.IsLate(oldest, grace, context)) return null;
        var detail = snapshot.OverdueTasks == 1
            ? $"An open task was due on {DriftRules.Day(oldest)}: overdue {Lateness.By(oldest, context)}"
            : $"{snapshot.OverdueTasks} open tasks are past their due dates; the oldest was due on {DriftRules.Day(oldest)}, overdue {Lateness.By(oldest, context)}";
        return new DriftFinding(Code, DriftSeverity.Low, detail, Lateness.Since(oldest, grace, context));
    }
}

/// <summary>
/// A deadline past its due date by more than <see cref="DriftThresholds.DeadlineOverdueWorkingDays"/> (the oldest decides).
/// High when a statutory deadline is overdue (the law is being missed), medium for service standards only.
/// </summary>
public sealed class DeadlineOverdueSignal : IDriftSignal
{
    public string Code => DriftCodes.DeadlineOverdue;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.OverdueDeadlines == 0 || snapshot.OldestOverdueDeadlineDueOn is not { } oldest) return null;
        var grace = context.Thresholds.DeadlineOverdueWorkingDays;
        if (!Lateness.IsLate(oldest, grace, context)) return null;
        var statutory = snapshot.OverdueStatutoryDeadlines > 0;
        var kind = statutory ? (snapshot.OverdueStatutoryDeadlines == snapshot.OverdueDeadlines ? "statutory " : "") : "service standard ";
        var detail = snapshot.OverdueDeadlines == 1
            ? $"A {kind}deadline was due on {DriftRules.Day(oldest)}: overdue {Lateness.By(oldest, context)}"
            : $"{snapshot.OverdueDeadlines} {kind}deadlines are overdue{(statutory && kind.Length == 0 ? $", {snapshot.OverdueStatutoryDeadlines} of them statutory" : "")}; the oldest was due on {DriftRules.Day(oldest)}, overdue {Lateness.By(oldest, context)}";
        return new DriftFinding(Code, statutory ? DriftSeverity.High : DriftSeverity.Medium, detail, Lateness.Since(oldest, grace, context));
    }
}

/// <summary>
/// A referral not yet allocated after its service's standard (the timescale the thresholds name for the service, from the
/// catalogue in use), or after <see cref="DriftThresholds.ReferralWaitingWorkingDays"/> when it names none. High: nobody holds
/// the child's case yet.
/// </summary>
public sealed class ReferralWaitingSignal : IDriftSignal
{
    public string Code => DriftCodes.ReferralWaiting;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.Status != CaseStatus.Referred || snapshot.AllocatedTo is not null) return null;
        var referred = snapshot.ReferredOn;
        var wait = ReferralWaitingRules.On(referred, context.Today, context.Calendar, context.ReferralStandard, context.Thresholds.ReferralWaitingWorkingDays);
        if (!wait.Breached) return null;
        return new DriftFinding(Code, DriftSeverity.High,
            $"Referred on {DriftRules.Day(referred)} and not allocated after {DriftRules.WorkingDays(wait.WorkingDaysWaited)}; {wait.Standard}, by {DriftRules.Day(wait.AllocateBy)}",
            wait.AllocateBy.AddDays(1));
    }
}

/// <summary>The case is allocated to someone whose account is deactivated: a leaver's case that nobody is holding. High.</summary>
public sealed class AllocatedToInactiveUserSignal : IDriftSignal
{
    public string Code => DriftCodes.AllocatedToInactiveUser;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.AllocatedTo is null || snapshot.AllocatedToActive) return null;
        return new DriftFinding(Code, DriftSeverity.High, $"Allocated to {snapshot.AllocatedTo}, whose account is no longer active: reallocate the case", null);
    }
}

/// <summary>
/// A referral out whose follow-up task is past its due date by more than <see cref="DriftThresholds.ReferralFollowUpOverdueWorkingDays"/>
/// while the person has not reached the help (the referral is not accessed, declined or closed); the oldest decides. Medium: nobody
/// has checked whether the child got the help they were referred for. High when an urgent or emergency referral's is overdue.
/// </summary>
public sealed class ReferralFollowUpOverdueSignal : IDriftSignal
{
    public string Code => DriftCodes.ReferralFollowUpOverdue;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.OverdueReferralFollowUps == 0 || snapshot.OldestOverdueReferralFollowUpDueOn is not { } oldest) return null;
        var grace = context.Thresholds.ReferralFollowUpOverdueWorkingDays;
        if (!Lateness.IsLate(oldest, grace, context)) return null;
        var agency = snapshot.OldestOverdueReferralFollowUpAgency is { } name ? $" to {name}" : "";
        var detail = snapshot.OverdueReferralFollowUps == 1
            ? $"The follow-up of the referral{agency} was due on {DriftRules.Day(oldest)}: overdue {Lateness.By(oldest, context)}, and the person has not yet reached the help"
            : $"{snapshot.OverdueReferralFollowUps} referral follow-ups are overdue; the oldest, of the referral{agency}, was due on {DriftRules.Day(oldest)}, overdue {Lateness.By(oldest, context)}";
        var level = snapshot.UrgentOverdueReferralFollowUps > 0 ? DriftSeverity.High : DriftSeverity.Medium;
        return new DriftFinding(Code, level, detail, Lateness.Since(oldest, grace, context));
    }
}
