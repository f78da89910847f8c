using Caseload.Features.Cases;

namespace Caseload.Features.Worklist;

/// <summary>
/// Everything the priority rules need to know about one case, gathered by the caller.
/// Working-day figures are precomputed with the person's regional calendar so the rules need no clock or calendar.
/// There is deliberately no case id, opened date or referral date: order of receipt is never a priority factor.
/// </summary>
public sealed record PriorityInput
{
    public required Risk Risk { get; init; }

    /// <summary>An open safeguarding concern is flagged on the case (for example from a case note).</summary>
    public bool SafeguardingConcern { get; init; }

    /// <summary>Age in whole years from the date of birth; null when the date of birth is unknown.</summary>
    public int? AgeInYears { get; init; }

    /// <summary>Kebab-case codes from <see cref="People.Characteristics"/>; unknown codes carry no weight.</summary>
    public IReadOnlyCollection<string> Characteristics { get; init; } = [];

    /// <summary>
    /// The day each status in <see cref="PriorityWeights.AtLeastAmberStatuses"/> began, where known (the day it was added, or the
    /// person was recorded with it), for the words of an inconsistent rating.
    /// </summary>
    public IReadOnlyDictionary<string, DateOnly> StatusSince { get; init; } = new Dictionary<string, DateOnly>();

    /// <summary>Open deadlines only (met deadlines are not pressure).</summary>
    public IReadOnlyList<PriorityDeadline> Deadlines { get; init; } = [];

    /// <summary>Working days since the last contact; null when the person has never been contacted.</summary>
    public int? WorkingDaysSinceLastContact { get; init; }

    /// <summary>The case's expected contact frequency in working days; null when none is set.</summary>
    public int? ExpectedContactEveryWorkingDays { get; init; }

    /// <summary>Overdue tasks other than referral follow-ups, which count under <see cref="OverdueReferralFollowUps"/>.</summary>
    public int OverdueTasks { get; init; }

    /// <summary>Referrals out whose follow-up is overdue while the person has not yet reached the help (not accessed, declined or closed).</summary>
    public IReadOnlyList<PriorityFollowUp> OverdueReferralFollowUps { get; init; } = [];

    /// <summary>Working days the case review is overdue by; null, zero or negative when the review is not overdue.</summary>
    public int? ReviewOverdueByWorkingDays { get; init; }

    public PriorityOverride? Override { get; init; }

    /// <summary>Today's date, used only to ignore expired overrides.</summary>
    public required DateOnly Today { get; init; }
}

/// <param name="Title">Lower-case phrase as it should read in a sentence, e.g. "initial child protection conference".</param>
/// <param name="IsStatutory">Set in law or statutory guidance rather than by a local service standard.</param>
/// <param name="WorkingDaysUntilDue">0 when due today; negative when overdue by that many working days.</param>
public sealed record PriorityDeadline(string Title, bool IsStatutory, int WorkingDaysUntilDue)
{
    /// <summary>
    /// Past its due date, as the deadline rules judge it (Deadlines.DeadlineRules.StatusOn). Set apart from the working days
    /// because a deadline can be overdue by none: due on a Saturday, it is overdue on the Sunday.
    /// </summary>
    public bool IsOverdue { get; init; } = WorkingDaysUntilDue < 0;
}

/// <param name="Agency">The agency the referral went to, as the directory names it.</param>
/// <param name="WorkingDaysOverdue">Working days since the follow-up was due; 0 when it is overdue by none yet (due on a Saturday, seen on the Sunday).</param>
public sealed record PriorityFollowUp(string Agency, int WorkingDaysOverdue);

public enum OverrideDirection
{
    Raise = 0,
    Lower = 1,
}

/// <summary>A supervisor's manual adjustment of a computed priority. It needs a rationale; it may expire.</summary>
/// <param name="Direction">Raise or lower by <see cref="PriorityWeights.OverrideShift"/> points.</param>
/// <param name="Rationale">Why; an override without one is refused.</param>
/// <param name="Author">User name of whoever made it, usually a supervisor; required for the audit trail.</param>
/// <param name="ExpiresOn">Last day the override applies; null when it applies until removed.</param>
public sealed record PriorityOverride(OverrideDirection Direction, string Rationale, string Author, DateOnly? ExpiresOn);
