using Caseload.Data;
using Caseload.Features.Tasks;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>
/// A referral whose follow-up is overdue: the agency, how urgent the referral was and the day its follow-up task was due.
/// An object initialiser, not a constructor, so that a query may go on to filter by its members.
/// </summary>
public sealed record OverdueFollowUp
{
    public Guid CaseId { get; init; }
    public Guid ReferralId { get; init; }
    public Guid TaskId { get; init; }
    public string Agency { get; init; } = "";
    public string Urgency { get; init; } = "";
    public DateOnly DueOn { get; init; }
}

/// <summary>
/// One definition of an overdue referral follow-up, for the worklist and for drift: the referral still needs following up (not
/// accessed, declined or closed), and its follow-up task is open and past its due date. The task's own due date counts, so a task
/// the practitioner moved is judged by its new date, and a follow-up task closed by hand is no longer overdue.
/// </summary>
public static class ReferralFollowUps
{
    /// <summary>Every overdue follow-up, as a query to narrow by case (set-based: one statement for any number of cases).</summary>
    public static IQueryable<OverdueFollowUp> Overdue(CaseloadDb db, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from r in db.Set<Referral>()
               join t in db.Set<CaseTask>() on r.FollowUpTaskId equals t.Id
               where r.Status != ReferralCodes.Accessed && r.Status != ReferralCodes.Declined && r.Status != ReferralCodes.Closed
                     && t.Status == CaseTaskStatus.Open && t.DueOn < today
               select new OverdueFollowUp { CaseId = r.CaseId, ReferralId = r.Id, TaskId = t.Id, Agency = r.Agency!.Name, Urgency = r.Urgency, DueOn = t.DueOn };
    }

    /// <summary>Urgent and emergency referrals are followed up sooner; an overdue one weighs more in drift.</summary>
    public static bool IsUrgent(string urgency) => urgency is ReferralCodes.Urgent or ReferralCodes.Emergency;
}
