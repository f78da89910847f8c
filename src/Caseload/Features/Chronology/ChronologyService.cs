using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Chronology;

/// <summary>An entry as a viewer reads it: with its mark, when it has been marked significant (or was, and unmarked since).</summary>
public sealed record ChronologyItem(ChronologyEntry Entry, ChronologyMark? Mark)
{
    public bool Significant => Mark?.Significant == true;
}

/// <summary>A case's chronology as filtered, oldest first, with every kind its sources give and whether the viewer may mark entries.</summary>
public sealed record CaseChronology(IReadOnlyList<ChronologyItem> Items, IReadOnlyList<ChronologyKind> Kinds, bool CanMark);

/// <summary>
/// Gathers a case's chronology from every registered <see cref="IChronologySource"/> and keeps the marks of significant
/// events. Reading is one audit event against the case (chronology.viewed, with the filter); each marking and unmarking is
/// one too, in the same transaction as the mark.
/// </summary>
public sealed class ChronologyService(CaseloadDb db, AuditTrail audit, IEnumerable<IChronologySource> sources, TimeProvider clock)
{
    private readonly IReadOnlyList<IChronologySource> _sources = sources.ToList();

    /// <summary>Every kind of entry, in the order the features registered their sources.</summary>
    public IReadOnlyList<ChronologyKind> Kinds => _sources.SelectMany(s => s.Kinds).ToList();

    public IReadOnlyList<string> KindCodes => Kinds.Select(k => k.Code).ToList();

    public async Task<CaseChronology> ReadAsync(CaseContext scoped, ChronologyFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(filter);
        var request = new ChronologyRequest(scoped, UkTime.Today(clock));
        var entries = new List<ChronologyEntry>();
        foreach (var source in _sources.Where(s => filter.Kinds is null || s.Kinds.Any(k => filter.Kinds.Contains(k.Code))))
        {
            entries.AddRange(await source.EntriesAsync(request, ct));
        }

        var marks = await db.Set<ChronologyMark>().AsNoTracking().Where(m => m.CaseId == scoped.CaseId).ToListAsync(ct);
        var byKey = marks.ToDictionary(m => (m.Kind, m.SourceId));
        var items = entries.Select(e => new ChronologyItem(e, byKey.GetValueOrDefault((e.Kind, e.SourceId))))
            .Where(i => filter.Admits(i.Entry, i.Significant));
        var ordered = ChronologyRules.InOrder(items, i => i.Entry, KindCodes);
        var canMark = await CanMarkAsync(scoped, ct);
        await audit.RecordReadAsync(scoped.User, AuditActions.ChronologyViewed, "case", scoped.CaseId.ToString(), scoped.CaseId, scoped.PersonId,
            $"{filter.AuditText}; entries={ordered.Count}", ct);
        return new CaseChronology(ordered, Kinds, canMark);
    }

    /// <summary>Marks an entry of the case's chronology as significant, or removes the mark; only those who may change the case do.</summary>
    public async Task<Outcome<ChronologyItem>> MarkAsync(CaseContext scoped, string? kind, string? sourceId, bool? significant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        if (!await CanMarkAsync(scoped, ct)) return Outcome<ChronologyItem>.Forbidden("Only the allocated practitioner, their supervisors and service managers mark significant events.");
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = string.IsNullOrWhiteSpace(kind) ? null : _sources.FirstOrDefault(s => s.Kinds.Any(k => k.Code == kind.Trim()));
        if (string.IsNullOrWhiteSpace(kind)) errors["kind"] = "Enter the kind of the entry";
        else if (source is null) errors["kind"] = $"Kind must be one of {string.Join(", ", KindCodes)}";
        if (string.IsNullOrWhiteSpace(sourceId)) errors["sourceId"] = "Enter the source id of the entry";
        else if (sourceId.Length > ChronologyRules.MaxSourceIdLength) errors["sourceId"] = $"Source id must be {ChronologyRules.MaxSourceIdLength} characters or fewer";
        if (significant is null) errors["significant"] = "Say whether the entry is significant: true or false";
        if (errors.Count > 0) return Outcome<ChronologyItem>.Invalid(errors);

        var code = kind!.Trim();
        var id = sourceId!.Trim();
        var entries = await source!.EntriesAsync(new ChronologyRequest(scoped, UkTime.Today(clock)), ct);
        var entry = entries.FirstOrDefault(e => e.Kind == code && e.SourceId == id);
        if (entry is null) return Outcome<ChronologyItem>.Invalid("sourceId", "No entry of this kind with this source id is on the case's chronology");

        return await SaveMarkAsync(scoped, entry, significant!.Value, retried: false, ct);
    }

    private async Task<Outcome<ChronologyItem>> SaveMarkAsync(CaseContext scoped, ChronologyEntry entry, bool significant, bool retried, CancellationToken ct)
    {
        var user = scoped.User;
        var now = clock.GetUtcNow();
        var mark = await db.Set<ChronologyMark>().SingleOrDefaultAsync(m => m.CaseId == scoped.CaseId && m.Kind == entry.Kind && m.SourceId == entry.SourceId, ct);
        if ((mark?.Significant ?? false) == significant) return Outcome<ChronologyItem>.Ok(new ChronologyItem(entry, mark));
        if (significant)
        {
            if (mark is null)
            {
                mark = new ChronologyMark { CaseId = scoped.CaseId, Kind = entry.Kind, SourceId = entry.SourceId, MarkedById = user.Id, MarkedByName = user.DisplayName };
                db.Set<ChronologyMark>().Add(mark);
            }

            mark.Significant = true;
            mark.MarkedAt = now;
            mark.MarkedById = user.Id;
            mark.MarkedByName = user.DisplayName;
            mark.UnmarkedAt = null;
            mark.UnmarkedById = null;
            mark.UnmarkedByName = null;
        }
        else
        {
            mark!.Significant = false;
            mark.UnmarkedAt = now;
            mark.UnmarkedById = user.Id;
            mark.UnmarkedByName = user.DisplayName;
        }

        audit.Add(user, significant ? AuditActions.ChronologyMarked : AuditActions.ChronologyUnmarked, "chronology-entry", $"{entry.Kind}/{entry.SourceId}",
            scoped.CaseId, scoped.PersonId, $"kind={entry.Kind}; sourceId={entry.SourceId}; on={ChronologyRules.IsoDay(entry.On)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!retried)
        {
            // Someone marked the same entry a moment ago: read theirs and apply ours to it, once.
            db.ChangeTracker.Clear();
            return await SaveMarkAsync(scoped, entry, significant, retried: true, ct);
        }

        return Outcome<ChronologyItem>.Ok(new ChronologyItem(entry, mark));
    }

    private async Task<bool> CanMarkAsync(CaseContext scoped, CancellationToken ct)
    {
        var @case = await db.VisibleCases(scoped.User).AsNoTracking().Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == scoped.CaseId, ct);
        return @case is not null && CasePermissions.CanEdit(scoped.User, @case);
    }
}
