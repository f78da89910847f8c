using Caseload.Data;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Features.Worklist;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Supervision;

/// <summary>An open case of the supervisee's caseload, with why it should be discussed (none: it may still be chosen).</summary>
public sealed record AgendaCase(Guid CaseId, Guid PersonId, string PersonName, PriorityBand Band, int Rank, IReadOnlyList<string> Reasons, DateOnly? LastDiscussedOn);

/// <summary>The caseload a session may discuss, and the cases offered for its agenda first.</summary>
public sealed record SupervisionCaseload(IReadOnlyList<AgendaCase> Cases)
{
    public IReadOnlyList<AgendaCase> Agenda => Cases.Where(c => c.Reasons.Count > 0).ToList();
}

/// <summary>
/// The agenda offered from the supervisee's caseload: red cases and overdue deadlines as the worklist computes them (its
/// priority and deadline rules, not a copy), cases not discussed in supervision for a long time, and drifting cases (each signal in words). Only the
/// cases the supervisor may see; the list is audited against each case shown.
/// </summary>
public sealed class SupervisionAgenda(CaseloadDb db, AuditTrail audit, PrioritySettings settings, Calendars calendars, DriftService drift, TimeProvider clock)
{
    public async Task<SupervisionCaseload> ForAsync(CurrentUser user, Supervisee practitioner, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(practitioner);
        var today = UkTime.Today(clock);
        var items = await WorklistQuery.LoadAsync(db, user, WorklistScope.Of(practitioner.Id), new WorklistFilter(), settings.Rules, calendars, today, ct);
        if (items.Count == 0) return new SupervisionCaseload([]);

        var ids = items.Select(i => i.CaseId).ToList();
        var lastDiscussed = new Dictionary<Guid, DateOnly>();
        var began = new Dictionary<Guid, DateOnly>();
        foreach (var chunk in ids.Chunk(2000))
        {
            foreach (var d in await db.Set<SupervisionCaseDiscussion>().Where(d => chunk.Contains(d.CaseId)).GroupBy(d => d.CaseId)
                         .Select(g => new { CaseId = g.Key, Last = g.Max(d => d.OccurredOn) }).ToListAsync(ct))
            {
                lastDiscussed[d.CaseId] = d.Last;
            }

            foreach (var c in await db.Cases.Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, Began = c.OpenedOn ?? c.ReferredOn }).ToListAsync(ct))
            {
                began[c.Id] = c.Began;
            }
        }

        var cases = items.Select(i =>
        {
            var overdue = i.HasOverdueDeadline ? i.NextDeadline?.Title ?? "a deadline" : null;
            var last = lastDiscussed.TryGetValue(i.CaseId, out var on) ? on : (DateOnly?)null;
            var reasons = SupervisionRules.Agenda(i.Assessment.Band, overdue, last, began.GetValueOrDefault(i.CaseId, today), today);
            return new AgendaCase(i.CaseId, i.PersonId, i.PersonName, i.Assessment.Band, i.Rank, reasons.Reasons, last);
        }).ToList();
        cases = AddDriftingCases(cases, await drift.OfCasesAsync(user, ids, ct));

        // The agenda first, in the worklist's order; then the rest of the caseload, to choose from.
        var ordered = cases.OrderBy(c => c.Reasons.Count > 0 ? 0 : 1).ThenBy(c => c.Rank).ToList();
        await audit.RecordListAsync(user, AuditActions.SupervisionAgendaListed, ordered.Select(c => c.CaseId), ct);
        return new SupervisionCaseload(ordered);
    }

    /// <summary>
    /// Drifting cases join the agenda: each case of the caseload with a drift signal (Features/Drift, its rules and thresholds)
    /// gets a reason per signal, in the signal's own words, after the reasons it already has.
    /// </summary>
    public static List<AgendaCase> AddDriftingCases(List<AgendaCase> cases, IReadOnlyDictionary<Guid, DriftItem> drift)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(drift);
        return cases.Select(c => drift.TryGetValue(c.CaseId, out var item) && item.Signals.Count > 0
            ? c with { Reasons = [.. c.Reasons, .. DriftReasons(item)] }
            : c).ToList();
    }

    /// <summary>"Drifting (high): No contact for 25 working days, since 2 Oct 2026; expected every 10 working days".</summary>
    public static IEnumerable<string> DriftReasons(DriftItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Signals.Select(s => $"Drifting ({s.Level.Title().ToLowerInvariant()}): {s.Detail}");
    }
}
