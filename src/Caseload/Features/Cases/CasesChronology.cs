using System.Globalization;
using Caseload.Data;
using Caseload.Features.Chronology;
using Caseload.Platform.Audit;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Cases;

/// <summary>
/// The case's own events on the chronology: each change in its risk history; its allocations; and its status (referred,
/// opened, closed). Allocation and status changes have no history table: they come from the case's audit events
/// (case.created, case.allocated, case.updated naming a new allocation, case.closed), each entry keyed by its event. A case
/// with no such events (loaded as demo data) still shows when it was referred, opened and closed, from the case's own dates,
/// and whom it is allocated to, dated when it was opened, with nobody named as having done it.
/// </summary>
public sealed class CasesChronology(CaseloadDb db) : IChronologySource
{
    public const string RiskChange = "risk-change";
    public const string Allocation = "allocation";
    public const string Status = "status";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Status, "Status change"), new(Allocation, "Allocation"), new(RiskChange, "Risk change")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var @case = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.Service, c.ReferredOn, c.OpenedOn, c.ClosedOn, c.ClosureReason, c.CreatedAt, AllocatedTo = c.AllocatedTo!.UserName })
            .SingleAsync(ct);
        var risks = await db.RiskChanges.AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync(ct);
        string[] actions = [AuditActions.CaseCreated, AuditActions.CaseAllocated, AuditActions.CaseUpdated, AuditActions.CaseClosed];
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == caseId && actions.Contains(e.Action) && (e.Action != AuditActions.CaseUpdated || e.Details!.Contains("allocatedTo→")))
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.At, e.Action, e.UserName, e.Details })
            .ToListAsync(ct);
        var allocations = events.Select(e => (Event: e, Allocation: ChronologyRules.AllocationIn(e.Action, e.Details))).ToList();
        var names = await ChronologyNames.DisplayNamesAsync(db,
            risks.Select(r => r.ChangedByName).Concat(events.Select(e => e.UserName))
                .Concat(allocations.SelectMany(a => a.Allocation is { } x ? new[] { x.From, x.To } : [])).Append(@case.AllocatedTo), ct);
        string Name(string? userName) => userName is null ? "" : names.GetValueOrDefault(userName, userName);
        var link = $"/Cases/{caseId}";
        var entries = new List<ChronologyEntry>();

        foreach (var r in risks)
        {
            var reason = string.IsNullOrWhiteSpace(r.Reason) ? "" : $": {ChronologyRules.FirstLine(r.Reason, 150)}";
            var summary = r.From is { } from ? $"Risk changed from {from.ToCode()} to {r.To.ToCode()}{reason}" : $"Risk rated {r.To.ToCode()}{reason}";
            entries.Add(new ChronologyEntry(UkTime.DateOf(r.ChangedAt), r.ChangedAt, RiskChange, r.Id.ToString(CultureInfo.InvariantCulture), summary, Name(r.ChangedByName),
                $"{link}#risk-history"));
        }

        var service = Services.Title(@case.Service);
        string? allocated = null;
        var referred = false;
        var opened = false;
        var closed = false;
        foreach (var (e, allocation) in allocations)
        {
            var id = e.Id.ToString(CultureInfo.InvariantCulture);
            var on = UkTime.DateOf(e.At);
            if (e.Action == AuditActions.CaseCreated)
            {
                referred = true;
                var open = ChronologyRules.StatusIn(e.Details) == "open";
                opened |= open;
                entries.Add(new ChronologyEntry(on, e.At, Status, id, open ? $"Referred to {service} and opened" : $"Referred to {service}", Name(e.UserName), link));
            }
            else if (e.Action == AuditActions.CaseClosed)
            {
                closed = true;
                var reason = e.Details is { } d && d.StartsWith("reason=", StringComparison.Ordinal) ? d["reason=".Length..] : @case.ClosureReason;
                entries.Add(new ChronologyEntry(on, e.At, Status, id, $"Case closed: {ChronologyRules.FirstLine(reason, 150)}", Name(e.UserName), link));
            }

            if (allocation is { } a)
            {
                var before = a.From ?? allocated;
                var summary = before is null || e.Action == AuditActions.CaseCreated ? $"Allocated to {Name(a.To)}" : $"Reallocated from {Name(before)} to {Name(a.To)}";
                if (ChronologyRules.OverCapacityRationaleIn(e.Details) is { } rationale)
                {
                    summary += $" over capacity, with the rationale: {ChronologyRules.FirstLine(rationale, 300)}";
                }

                entries.Add(new ChronologyEntry(on, e.At, Allocation, id, summary, Name(e.UserName), link));
                allocated = a.To;
                if (referred && !opened && e.Action != AuditActions.CaseCreated)
                {
                    // Allocating a referral opens it (CaseService.Allocate).
                    opened = true;
                    entries.Add(new ChronologyEntry(on, e.At, Status, id, $"Case opened: allocated to {Name(a.To)}", Name(e.UserName), link));
                }
            }
        }

        // Cases loaded without their events: what the case itself records.
        if (!referred)
        {
            entries.Add(new ChronologyEntry(@case.ReferredOn, UkTime.DateOf(@case.CreatedAt) == @case.ReferredOn ? @case.CreatedAt : null, Status, "referred",
                $"Referred to {service}", null, link));
        }

        if (!opened && @case.OpenedOn is { } openedOn)
        {
            entries.Add(new ChronologyEntry(openedOn, null, Status, "opened", "Case opened", null, link));
        }

        if (!closed && @case.ClosedOn is { } closedOn)
        {
            entries.Add(new ChronologyEntry(closedOn, null, Status, "closed", $"Case closed: {ChronologyRules.FirstLine(@case.ClosureReason, 150)}", null, link));
        }

        if (allocated is null && @case.AllocatedTo is { } holder)
        {
            entries.Add(new ChronologyEntry(@case.OpenedOn ?? @case.ReferredOn, null, Allocation, "allocated", $"Allocated to {Name(holder)}", null, link));
        }

        return entries;
    }
}
