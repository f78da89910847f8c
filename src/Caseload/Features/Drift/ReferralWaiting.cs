using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Features.Drift;

/// <summary>
/// How long a referral has waited for allocation, in working days of its service's division, and whether it has passed its
/// service's standard: the timescale <see cref="DriftThresholds.ReferralStandards"/> names for the service, or
/// <see cref="DriftThresholds.ReferralWaitingWorkingDays"/> when it names none. <see cref="Standard"/> says the standard in words.
/// </summary>
public sealed record ReferralWait(int WorkingDaysWaited, DateOnly AllocateBy, bool Breached, string Standard);

/// <summary>The one rule of a referral's wait, which the team's waiting list and the drift signal both follow.</summary>
public static class ReferralWaitingRules
{
    public static ReferralWait On(DateOnly referredOn, DateOnly today, WorkingDayCalendar calendar, Timescale? standard, int fallbackWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var due = standard is null ? calendar.AddWorkingDays(referredOn, fallbackWorkingDays) : DeadlineRules.DueDate(standard, referredOn, calendar);
        var rule = standard is null
            ? $"referrals are allocated within {DriftRules.WorkingDays(fallbackWorkingDays)}"
            : $"the standard is {standard.Title.ToLowerInvariant()} within {standard.LengthText}";
        return new ReferralWait(Math.Max(0, calendar.CountWorkingDays(referredOn, today)), due, today > due, rule);
    }
}
