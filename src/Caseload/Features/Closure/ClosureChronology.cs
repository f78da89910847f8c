using Caseload.Data;
using Caseload.Features.Chronology;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Closure;

/// <summary>Closure requests on the chronology: each request (with its reason), and its approval or return (with the comment).</summary>
public sealed class ClosureChronology(CaseloadDb db) : IChronologySource
{
    public const string Requested = "closure-requested";
    public const string Approved = "closure-approved";
    public const string Returned = "closure-returned";

    public IReadOnlyList<ChronologyKind> Kinds { get; } =
        [new(Requested, "Closure requested"), new(Approved, "Closure approved"), new(Returned, "Closure returned")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var requests = await db.Set<ClosureRequest>().AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync(ct);
        var names = await ChronologyNames.DisplayNamesAsync(db, requests.Select(r => r.RequestedByName).Concat(requests.Select(r => r.DecidedByName)), ct);
        string Name(string? userName) => userName is null ? "" : names.GetValueOrDefault(userName, userName);
        var link = $"/Cases/{caseId}#closure";
        var entries = new List<ChronologyEntry>();
        foreach (var r in requests)
        {
            var id = r.Id.ToString();
            entries.Add(new ChronologyEntry(UkTime.DateOf(r.RequestedAt), r.RequestedAt, Requested, id,
                $"Closure requested: {ChronologyRules.FirstLine(r.Reason, 150)}", Name(r.RequestedByName), link));
            if (r.DecidedAt is { } at && r.Status != ClosureRequestStatus.Pending)
            {
                var approved = r.Status == ClosureRequestStatus.Approved;
                var comment = string.IsNullOrWhiteSpace(r.Comment) ? "" : $": {ChronologyRules.FirstLine(r.Comment, 150)}";
                entries.Add(new ChronologyEntry(UkTime.DateOf(at), at, approved ? Approved : Returned, id,
                    approved ? $"Closure approved{comment}" : $"Closure returned{comment}", Name(r.DecidedByName), link));
            }
        }

        return entries;
    }
}
