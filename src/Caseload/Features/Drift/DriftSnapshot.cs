using Caseload.Features.Cases;

namespace Caseload.Features.Drift;

/// <summary>
/// The facts about one case that the drift signals read, gathered by the caller in SQL (<see cref="DriftQuery"/>). Instants
/// are already UK dates, so the rules need no clock or time zone. A new signal that needs a new fact (a plan's goals, say)
/// adds a property here and a class of its own; the other signals never read it.
/// </summary>
public sealed record DriftSnapshot
{
    public required Guid CaseId { get; init; }

    public required CaseStatus Status { get; init; }

    public Risk Risk { get; init; }

    public DateOnly ReferredOn { get; init; }

    public DateOnly? OpenedOn { get; init; }

    /// <summary>Display name of the allocated practitioner; null while the case waits for allocation.</summary>
    public string? AllocatedTo { get; init; }

    /// <summary>False when the allocated practitioner's account is deactivated (a leaver).</summary>
    public bool AllocatedToActive { get; init; } = true;

    /// <summary>The case's expected contact frequency in working days; null when none is set.</summary>
    public int? ExpectedContactEveryWorkingDays { get; init; }

    /// <summary>The day of the last contact (<see cref="Notes.LastContact"/>); null when there has been none.</summary>
    public DateOnly? LastContactOn { get; init; }

    /// <summary>The day the newest note still on the record was written; null when nothing has been recorded.</summary>
    public DateOnly? LastRecordedOn { get; init; }

    public DateOnly? ReviewDueOn { get; init; }

    /// <summary>Open tasks whose due date has passed, other than referral follow-ups (their own signal).</summary>
    public int OverdueTasks { get; init; }

    public DateOnly? OldestOverdueTaskDueOn { get; init; }

    /// <summary>Open deadlines past their due date and not paused today, as the deadline pages judge them.</summary>
    public int OverdueDeadlines { get; init; }

    public int OverdueStatutoryDeadlines { get; init; }

    public DateOnly? OldestOverdueDeadlineDueOn { get; init; }

    /// <summary>Referrals out whose follow-up task is open and past its due date, the referral not accessed, declined or closed.</summary>
    public int OverdueReferralFollowUps { get; init; }

    /// <summary>Of those, the referrals that were urgent or an emergency.</summary>
    public int UrgentOverdueReferralFollowUps { get; init; }

    public DateOnly? OldestOverdueReferralFollowUpDueOn { get; init; }

    /// <summary>The agency of the referral whose follow-up is the oldest overdue.</summary>
    public string? OldestOverdueReferralFollowUpAgency { get; init; }

    /// <summary>
    /// The plan in force's open goal (not achieved, not abandoned) with the longest time since its last progress: the day of that
    /// progress, or the day the plan was agreed. Null with no plan in force, or none of its goals open.
    /// </summary>
    public DateOnly? PlanQuietSince { get; init; }

    /// <summary>The most progress records running with the same score, on any open goal of the plan in force (0 with none).</summary>
    public int PlanSameScoreRun { get; init; }
}
