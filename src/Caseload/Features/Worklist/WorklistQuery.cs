using Caseload.Data;
using Caseload.Features.Agencies.Referrals;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.People;
using Caseload.Features.Tasks;
using Caseload.Platform.Time;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Worklist;

/// <summary>Whose cases a worklist holds: one practitioner's (allocated or co-worker), or a team's.</summary>
public sealed record WorklistScope(string? PractitionerId, IReadOnlyList<int>? TeamIds, Guid? CaseId = null, bool EveryVisible = false)
{
    /// <summary>Every open case the user may see (a service manager's preview of new weights).</summary>
    public static WorklistScope Visible() => new(null, null, null, true);

    public static WorklistScope Of(string practitionerId) => new(practitionerId, null);
    public static WorklistScope Teams(IReadOnlyList<int> teamIds) => new(null, teamIds);
    public static WorklistScope OfCase(Guid caseId) => new(null, null, caseId);
}

public sealed record WorklistFilter(string? Service = null, PriorityBand? Band = null, bool OverdueOnly = false);

/// <summary>
/// The case's most pressing open deadline. <see cref="WorkingDaysUntilDue"/> is negative when it is overdue by that many working
/// days, and 0 both on its due date and when it is overdue by none yet; <see cref="Overdue"/> tells them apart by
/// <see cref="DeadlineRules.StatusOn"/>, the rule the deadline pages use.
/// </summary>
public sealed record NextDeadline(Guid Id, string Title, DateOnly Due, bool Statutory, int WorkingDaysUntilDue, bool Overdue);

public sealed record WorklistItem(
    Guid CaseId,
    Guid PersonId,
    string PersonName,
    string Service,
    Risk Risk,
    string? AllocatedTo,
    int Rank,
    PriorityAssessment Assessment,
    PriorityOverrideRecord? Override,
    NextDeadline? NextDeadline,
    DateTimeOffset? LastContactAt,
    int OpenTasks,
    bool HasOverdueDeadline,
    int OverdueTasks = 0,
    DateOnly? ReviewDueOn = null);

/// <summary>
/// The worklist: open cases in the order they should be worked, each with its explanation. Priority is computed from the
/// current facts on every read (risk, safeguarding, vulnerability, deadlines, contact, tasks, referral follow-ups, overrides), so new
/// information re-prioritises at once and a passing deadline counts the day it passes. Visibility is filtered in SQL.
/// </summary>
public static class WorklistQuery
{
    public static async Task<IReadOnlyList<WorklistItem>> LoadAsync(CaseloadDb db, CurrentUser user, WorklistScope scope, WorklistFilter filter,
        PriorityRules rules, Calendars calendars, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendars);

        var cases = db.VisibleCases(user).Where(c => c.Status != CaseStatus.Closed);
        if (scope.PractitionerId is { } practitioner)
        {
            var theirs = db.CaseIdsHeldBy(practitioner);
            cases = cases.Where(c => theirs.Contains(c.Id));
        }
        else if (scope.TeamIds is { } teams)
        {
            cases = cases.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value));
        }
        else if (scope.CaseId is { } caseId)
        {
            cases = cases.Where(c => c.Id == caseId);
        }
        else if (!scope.EveryVisible)
        {
            throw new ArgumentException("A worklist is for a practitioner, teams or one case.", nameof(scope));
        }

        if (filter.Service is { } service) cases = cases.Where(c => c.Service == service);

        var rows = await cases.AsNoTracking()
            .Select(c => new
            {
                c.Id, c.PersonId, Name = c.Person.GivenName + " " + c.Person.FamilyName, c.Person.DateOfBirth, PersonRecordedAt = c.Person.CreatedAt, c.Service, c.Risk,
                c.ExpectedContactEveryWorkingDays, c.SafeguardingConcernSince, c.LastContactAt, c.ReviewDueOn, AllocatedTo = c.AllocatedTo != null ? c.AllocatedTo.DisplayName : null,
            })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        // Factors are loaded for up to 2,000 cases a query: within every database's parameter limit, and one round for a
        // practitioner's or a team's worklist.
        var characteristics = new List<(Guid PersonId, string Code)>();
        var statusAdded = new List<(Guid PersonId, string Code, DateTimeOffset At)>();
        var deadlineRows = new List<CaseDeadline>();
        var tasks = new Dictionary<Guid, (int Open, int Overdue)>();
        var overrideRows = new List<PriorityOverrideRecord>();
        var followUpRows = new List<OverdueFollowUp>();
        foreach (var chunk in rows.Chunk(2000))
        {
            var ids = chunk.Select(r => r.Id).ToList();
            var personIds = chunk.Select(r => r.PersonId).Distinct().ToList();
            characteristics.AddRange((await db.PersonCharacteristics.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).Select(p => new { p.PersonId, p.Code }).ToListAsync(ct))
                .Select(p => (p.PersonId, p.Code)));
            var statuses = PriorityWeights.AtLeastAmberStatuses.ToList();
            statusAdded.AddRange((await db.Set<PersonCharacteristicChange>().AsNoTracking()
                    .Where(x => personIds.Contains(x.PersonId) && x.Added && statuses.Contains(x.Code))
                    .GroupBy(x => new { x.PersonId, x.Code }).Select(g => new { g.Key.PersonId, g.Key.Code, At = g.Max(x => x.ChangedAt) }).ToListAsync(ct))
                .Select(x => (x.PersonId, x.Code, x.At)));
            deadlineRows.AddRange(await db.Set<CaseDeadline>().AsNoTracking().Where(d => ids.Contains(d.CaseId) && d.MetOn == null).ToListAsync(ct));
            foreach (var t in await db.Set<CaseTask>().Where(t => ids.Contains(t.CaseId) && t.Status == CaseTaskStatus.Open).GroupBy(t => t.CaseId)
                         .Select(g => new { CaseId = g.Key, Open = g.Count(), Overdue = g.Count(t => t.DueOn < today) }).ToListAsync(ct))
            {
                tasks[t.CaseId] = (t.Open, t.Overdue);
            }

            overrideRows.AddRange(await db.Set<PriorityOverrideRecord>().AsNoTracking().Where(o => ids.Contains(o.CaseId) && o.EndedAt == null).ToListAsync(ct));
            followUpRows.AddRange(await ReferralFollowUps.Overdue(db, today).Where(f => ids.Contains(f.CaseId)).ToListAsync(ct));
        }

        var characteristicsOf = characteristics.ToLookup(c => c.PersonId, c => c.Code);
        var statusAddedOn = statusAdded.ToDictionary(x => (x.PersonId, x.Code), x => UkTime.DateOf(x.At));
        var deadlines = deadlineRows.ToLookup(d => d.CaseId);
        var followUps = followUpRows.ToLookup(f => f.CaseId);
        var overrides = overrideRows.GroupBy(o => o.CaseId).ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.CreatedAt).First());

        var assessed = new List<(WorklistItem Item, PriorityAssessment Assessment)>(rows.Count);
        foreach (var r in rows)
        {
            var calendar = calendars.ForService(r.Service);
            // The deadline pages' own rule (DeadlineRules.StatusOn) says what is overdue. A paused deadline's clock is stopped
            // (its due date moves on when it restarts): it is no pressure while paused.
            var open = deadlines[r.Id]
                .Select(d => (Deadline: d, Standing: DeadlineRules.StatusOn(d.ToRule(), today, calendar)))
                .Where(d => d.Standing.Status != DeadlineStatus.Paused)
                .Select(d => (d.Deadline, Overdue: d.Standing.Status == DeadlineStatus.Overdue,
                    Left: d.Standing.Status == DeadlineStatus.Overdue ? -d.Standing.WorkingDaysLate : d.Standing.WorkingDaysLeft))
                .OrderBy(d => d.Left).ThenBy(d => d.Deadline.DueDate).ToList();
            overrides.TryGetValue(r.Id, out var ov);
            tasks.TryGetValue(r.Id, out var t);
            // An overdue follow-up task is weighed as the referral's follow-up, not again as a task.
            var overdueFollowUps = followUps[r.Id].Select(f => new PriorityFollowUp(f.Agency, calendar.CountWorkingDays(f.DueOn, today))).ToList();
            var input = new PriorityInput
            {
                Risk = r.Risk,
                SafeguardingConcern = r.SafeguardingConcernSince is not null,
                AgeInYears = PersonRules.AgeOn(r.DateOfBirth, today),
                Characteristics = characteristicsOf[r.PersonId].ToList(),
                // A status added later began the day it was added; one the person was recorded with, the day they were recorded.
                StatusSince = characteristicsOf[r.PersonId].Where(PriorityWeights.AtLeastAmberStatuses.Contains)
                    .ToDictionary(code => code, code => statusAddedOn.TryGetValue((r.PersonId, code), out var on) ? on : UkTime.DateOf(r.PersonRecordedAt), StringComparer.Ordinal),
                Deadlines = open.Select(d => new PriorityDeadline(d.Deadline.Title, d.Deadline.IsStatutory, d.Left) { IsOverdue = d.Overdue }).ToList(),
                WorkingDaysSinceLastContact = r.LastContactAt is { } at ? Math.Max(0, calendar.CountWorkingDays(UkTime.DateOf(at), today)) : null,
                ExpectedContactEveryWorkingDays = r.ExpectedContactEveryWorkingDays,
                OverdueTasks = Math.Max(0, t.Overdue - overdueFollowUps.Count),
                OverdueReferralFollowUps = overdueFollowUps,
                ReviewOverdueByWorkingDays = r.ReviewDueOn is { } reviewDue && reviewDue < today ? calendar.CountWorkingDays(reviewDue, today) : null,
                Override = ov is null ? null : new PriorityOverride(ov.Direction, ov.Rationale, ov.AuthorName, ov.ExpiresOn),
                Today = today,
            };
            var assessment = rules.Assess(input);
            var next = open.FirstOrDefault();
            var item = new WorklistItem(r.Id, r.PersonId, r.Name, r.Service, r.Risk, r.AllocatedTo, 0, assessment, ov,
                next.Deadline is null ? null : new NextDeadline(next.Deadline.Id, next.Deadline.Title, next.Deadline.DueDate, next.Deadline.IsStatutory, next.Left, next.Overdue),
                r.LastContactAt, t.Open, open.Any(d => d.Overdue), t.Overdue, r.ReviewDueOn);
            assessed.Add((item, assessment));
        }

        // Work-first order; the case id only keeps equal cases in a stable order (it is never a priority factor).
        var ordered = assessed.OrderBy(a => a.Assessment, PriorityOrder.WorkFirst).ThenBy(a => a.Item.CaseId).Select((a, i) => a.Item with { Rank = i + 1 });
        if (filter.Band is { } band) ordered = ordered.Where(i => i.Assessment.Band == band);
        if (filter.OverdueOnly) ordered = ordered.Where(i => i.HasOverdueDeadline);
        return ordered.ToList();
    }

}
