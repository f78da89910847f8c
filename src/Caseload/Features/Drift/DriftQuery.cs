using Caseload.Data;
using Caseload.Features.Agencies.Referrals;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Notes;
using Caseload.Features.Plans;
using Caseload.Features.Tasks;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Drift;

/// <summary>One signal on a case as a list shows it: <see cref="Since"/> is the start the daily scan recorded, else the facts' own.</summary>
public sealed record DriftItemSignal(string Code, DriftSeverity Level, string Detail, DateOnly Since, DateTimeOffset? FoundAt);

/// <summary>A drifting case: who it is about, who holds it, how severe its drift is and each signal in words.</summary>
public sealed record DriftItem(
    Guid CaseId,
    Guid PersonId,
    string PersonName,
    string Service,
    Risk Risk,
    string? PractitionerUserName,
    string? Practitioner,
    DriftSeverity Severity,
    IReadOnlyList<DriftItemSignal> Signals)
{
    /// <summary>When the newest of its signals was first found by the scan; now for a signal the scan has not seen yet.</summary>
    public DateTimeOffset NewestFoundAt(DateTimeOffset now) => Signals.Max(s => s.FoundAt ?? now);
}

/// <summary>
/// Drift for a set of cases: the facts each signal needs are computed in SQL for the whole set in one statement (last
/// contact, newest note, overdue tasks, deadlines and referral follow-ups, allocation), then the pure rules run in memory. Callers pass the cases
/// already filtered by visibility (<see cref="Platform.Security.CaseAccess.VisibleCases"/>) and scope; closed cases are left out here.
/// </summary>
public static class DriftQuery
{
    /// <summary>The facts as the database gives them, before instants become UK dates.</summary>
    public sealed record Row(
        Guid Id, Guid PersonId, string GivenName, string FamilyName, string Service, CaseStatus Status, Risk Risk, DateOnly ReferredOn,
        DateOnly? OpenedOn, DateOnly? ReviewDueOn, int? ExpectedContactEveryWorkingDays, DateTimeOffset? LastContactAt,
        string? AllocatedToUserName, string? AllocatedToName, bool AllocatedToActive, DateTimeOffset? LastRecordedAt,
        int OverdueTasks, DateOnly? OldestOverdueTaskDueOn, int OverdueDeadlines, int OverdueStatutoryDeadlines, DateOnly? OldestOverdueDeadlineDueOn,
        int OverdueReferralFollowUps, int UrgentOverdueReferralFollowUps, DateOnly? OldestOverdueReferralFollowUpDueOn, string? OldestOverdueReferralFollowUpAgency,
        DateOnly? PlanQuietSince = null, int? PlanSameScoreRun = null)
    {
        public DriftSnapshot ToSnapshot() => new()
        {
            CaseId = Id, Status = Status, Risk = Risk, ReferredOn = ReferredOn, OpenedOn = OpenedOn, ReviewDueOn = ReviewDueOn,
            AllocatedTo = AllocatedToName, AllocatedToActive = AllocatedToActive, ExpectedContactEveryWorkingDays = ExpectedContactEveryWorkingDays,
            LastContactOn = LastContactAt is { } contact ? UkTime.DateOf(contact) : null,
            LastRecordedOn = LastRecordedAt is { } recorded ? UkTime.DateOf(recorded) : null,
            OverdueTasks = OverdueTasks, OldestOverdueTaskDueOn = OldestOverdueTaskDueOn,
            OverdueDeadlines = OverdueDeadlines, OverdueStatutoryDeadlines = OverdueStatutoryDeadlines, OldestOverdueDeadlineDueOn = OldestOverdueDeadlineDueOn,
            OverdueReferralFollowUps = OverdueReferralFollowUps, UrgentOverdueReferralFollowUps = UrgentOverdueReferralFollowUps,
            OldestOverdueReferralFollowUpDueOn = OldestOverdueReferralFollowUpDueOn, OldestOverdueReferralFollowUpAgency = OldestOverdueReferralFollowUpAgency,
            PlanQuietSince = PlanQuietSince, PlanSameScoreRun = PlanSameScoreRun ?? 0,
        };
    }

    /// <summary>The facts of every case in <paramref name="cases"/> that is not closed, in one SQL statement.</summary>
    public static Task<List<Row>> RowsAsync(CaseloadDb db, IQueryable<Case> cases, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cases);
        var notes = db.Set<CaseNote>();
        var tasks = db.Set<CaseTask>();
        // Overdue as the deadline pages judge it (DeadlineRules.StatusOn): not met, past its due date, and not paused today.
        var overdueDeadlines = db.Set<CaseDeadline>().Where(d => d.MetOn == null && d.DueDate < today
            && !(d.PauseReason != null && d.PausedFrom != null && d.PausedFrom <= today && (d.PausedUntil == null || d.PausedUntil >= today)));
        // A referral's overdue follow-up task is its own signal, not counted again among the tasks.
        var overdueFollowUps = ReferralFollowUps.Overdue(db, today);
        var overdueTasks = tasks.Where(t => t.Status == CaseTaskStatus.Open && t.DueOn < today && !overdueFollowUps.Any(f => f.TaskId == t.Id));
        // The open goals of each case's plan in force (approved or needing no approval, and no later such version), for the
        // plan-stalled signal.
        var inForce = db.Set<Plan>().InForce();
        var openGoals = db.Set<PlanGoal>().Where(g => (g.Status == null || (g.Status != PlanCodes.Achieved && g.Status != PlanCodes.NotAchieved && g.Status != PlanCodes.Abandoned))
            && inForce.Any(p => p.Id == g.PlanId));
        return cases.Where(c => c.Status != CaseStatus.Closed).AsNoTracking()
            .Select(c => new Row(
                c.Id, c.PersonId, c.Person.GivenName, c.Person.FamilyName, c.Service, c.Status, c.Risk, c.ReferredOn,
                c.OpenedOn, c.ReviewDueOn, c.ExpectedContactEveryWorkingDays, c.LastContactAt,
                c.AllocatedTo != null ? c.AllocatedTo.UserName : null,
                c.AllocatedTo != null ? c.AllocatedTo.DisplayName : null,
                c.AllocatedTo == null || c.AllocatedTo.IsActive,
                notes.Where(n => n.CaseId == c.Id && n.StruckThroughAt == null).Max(n => (DateTimeOffset?)n.RecordedAt),
                overdueTasks.Count(t => t.CaseId == c.Id),
                overdueTasks.Where(t => t.CaseId == c.Id).Min(t => (DateOnly?)t.DueOn),
                overdueDeadlines.Count(d => d.CaseId == c.Id),
                overdueDeadlines.Count(d => d.CaseId == c.Id && d.IsStatutory),
                overdueDeadlines.Where(d => d.CaseId == c.Id).Min(d => (DateOnly?)d.DueDate),
                overdueFollowUps.Count(f => f.CaseId == c.Id),
                overdueFollowUps.Count(f => f.CaseId == c.Id && (f.Urgency == ReferralCodes.Urgent || f.Urgency == ReferralCodes.Emergency)),
                overdueFollowUps.Where(f => f.CaseId == c.Id).Min(f => (DateOnly?)f.DueOn),
                overdueFollowUps.Where(f => f.CaseId == c.Id).OrderBy(f => f.DueOn).Select(f => f.Agency).FirstOrDefault(),
                openGoals.Where(g => g.CaseId == c.Id).Min(g => (DateOnly?)g.LastActivityOn),
                openGoals.Where(g => g.CaseId == c.Id).Max(g => (int?)g.SameScoreRun)))
            .ToListAsync(ct);
    }

    /// <summary>The rules applied to each row; only the cases with a signal come back, with the facts' own start of each.</summary>
    public static List<(Row Row, DriftAssessment Assessment)> Assess(IEnumerable<Row> rows, DriftRules rules, Calendars calendars, TimescaleCatalogue catalogue, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(catalogue);
        var standards = new Dictionary<string, Timescale?>(StringComparer.Ordinal);
        var drifting = new List<(Row, DriftAssessment)>();
        foreach (var row in rows)
        {
            Timescale? standard = null;
            if (row.Status == CaseStatus.Referred && !standards.TryGetValue(row.Service, out standard))
            {
                standard = standards[row.Service] = ReferralStandard(rules.Thresholds, catalogue, calendars, row.Service);
            }

            var assessment = rules.Assess(row.ToSnapshot(), today, calendars.ForService(row.Service), standard);
            if (assessment.Drifting) drifting.Add((row, assessment));
        }

        return drifting;
    }

    /// <summary>
    /// The timescale a service's referrals are allocated within: the one the thresholds name for it, while it is in the catalogue,
    /// not retired and offered on that service in its nation; else null (the thresholds' working days apply).
    /// </summary>
    public static Timescale? ReferralStandard(DriftThresholds thresholds, TimescaleCatalogue catalogue, Calendars calendars, string service)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(calendars);
        if (!thresholds.ReferralStandards.TryGetValue(service, out var code) || catalogue.Find(code) is not { } timescale || catalogue.IsRetired(code)) return null;
        return timescale.OfferedFor(calendars.NationOf(service), service) ? timescale : null;
    }

    /// <summary>
    /// The drifting cases among <paramref name="cases"/>, most severe first, each signal with the start the daily scan recorded
    /// (or the facts' own start, or today, for a signal the scan has not seen yet).
    /// </summary>
    public static async Task<IReadOnlyList<DriftItem>> LoadAsync(CaseloadDb db, IQueryable<Case> cases, DriftRules rules, Calendars calendars,
        TimescaleCatalogue catalogue, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var drifting = Assess(await RowsAsync(db, cases, today, ct), rules, calendars, catalogue, today);
        if (drifting.Count == 0) return [];

        // Up to 2,000 cases a query: within every database's parameter limit, and one round for a practitioner or a team.
        var recorded = new Dictionary<(Guid, string), DriftSignalRecord>();
        foreach (var chunk in drifting.Select(d => d.Row.Id).Chunk(2000))
        {
            foreach (var r in await db.Set<DriftSignalRecord>().AsNoTracking().Where(r => chunk.Contains(r.CaseId) && r.ClearedAt == null).ToListAsync(ct))
            {
                recorded[(r.CaseId, r.Code)] = r;
            }
        }

        return drifting
            .Select(d => new DriftItem(d.Row.Id, d.Row.PersonId, $"{d.Row.GivenName} {d.Row.FamilyName}", d.Row.Service, d.Row.Risk,
                d.Row.AllocatedToUserName, d.Row.AllocatedToName, d.Assessment.Severity,
                d.Assessment.Findings.Select(f => recorded.TryGetValue((d.Row.Id, f.Code), out var r)
                    ? new DriftItemSignal(f.Code, f.Level, f.Detail, r.Since, r.FoundAt)
                    : new DriftItemSignal(f.Code, f.Level, f.Detail, f.Since ?? today, null)).ToList()))
            .OrderBy(i => i, MostSevereFirst)
            .ToList();
    }

    /// <summary>
    /// Most severe first; then more signals; then the longest stalled (earliest start); the case id only keeps equal cases in a
    /// stable order.
    /// </summary>
    public static IComparer<DriftItem> MostSevereFirst { get; } = Comparer<DriftItem>.Create((a, b) =>
    {
        var c = b.Severity.CompareTo(a.Severity);
        if (c != 0) return c;
        c = b.Signals.Count.CompareTo(a.Signals.Count);
        if (c != 0) return c;
        c = a.Signals.Min(s => s.Since).CompareTo(b.Signals.Min(s => s.Since));
        return c != 0 ? c : a.CaseId.CompareTo(b.CaseId);
    });
}
