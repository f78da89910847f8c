using Caseload.Data;
using Caseload.Features.Chronology;
using Caseload.Platform.Audit;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Deadlines;

/// <summary>
/// Deadlines on the chronology: when each was set (and when due), when it was met (who: the deadline.met audit event), and
/// when it was missed, the day after its due date when it was met late or is still not met (see
/// <see cref="ChronologyRules.DeadlineMissedOn"/>). The link is the deadline on the case page.
/// </summary>
public sealed class DeadlinesChronology(CaseloadDb db) : IChronologySource
{
    public const string Set = "deadline-set";
    public const string Met = "deadline-met";
    public const string Missed = "deadline-missed";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Set, "Deadline set"), new(Met, "Deadline met"), new(Missed, "Deadline missed")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var deadlines = await db.Set<CaseDeadline>().AsNoTracking().Where(d => d.CaseId == caseId).ToListAsync(ct);
        var metBy = (await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == caseId && e.Action == AuditActions.DeadlineMet)
                .Select(e => new { e.EntityId, e.UserName }).ToListAsync(ct))
            .Where(e => e.EntityId is not null).GroupBy(e => e.EntityId!).ToDictionary(g => g.Key, g => g.Last().UserName, StringComparer.Ordinal);
        var names = await ChronologyNames.DisplayNamesAsync(db, deadlines.Select(d => d.CreatedByName).Concat(metBy.Values), ct);
        string Name(string userName) => names.GetValueOrDefault(userName, userName);
        var entries = new List<ChronologyEntry>();
        foreach (var d in deadlines)
        {
            var id = d.Id.ToString();
            var link = $"/Cases/{caseId}#deadline-{d.Id}";
            var title = d.IsStatutory ? $"{d.Title} (statutory)" : d.Title;
            entries.Add(new ChronologyEntry(UkTime.DateOf(d.CreatedAt), d.CreatedAt, Set, id,
                $"Deadline set: {title}, due {UkTime.Format(d.DueDate)}{(d.Reason is null ? "" : $": {ChronologyRules.FirstLine(d.Reason, 100)}")}", Name(d.CreatedByName), link));
            if (d.MetOn is { } met)
            {
                var late = met > d.DueDate;
                entries.Add(new ChronologyEntry(met, null, Met, id,
                    late ? $"Deadline met late: {title}, due {UkTime.Format(d.DueDate)}{(d.MissedReason is null ? "" : $": {ChronologyRules.FirstLine(d.MissedReason, 100)}")}"
                         : $"Deadline met: {title}, due {UkTime.Format(d.DueDate)}",
                    metBy.TryGetValue(id, out var by) ? Name(by) : null, link));
            }

            if (ChronologyRules.DeadlineMissedOn(d.DueDate, d.MetOn, DeadlineService.IsPaused(d, request.Today), request.Today) is { } missed)
            {
                entries.Add(new ChronologyEntry(missed, null, Missed, id,
                    $"Deadline missed: {title} was due {UkTime.Format(d.DueDate)}{(d.MetOn is { } m ? $"; met {UkTime.Format(m)}" : "; not met yet")}", null, link));
            }
        }

        return entries;
    }
}
