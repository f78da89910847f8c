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
    public const string Outcomes = "goal-outcomes";

    public IReadOnlyList<ChronologyKind> Kinds { get; } =
        [new(Requested, "Closure requested"), new(Approved, "Closure approved"), new(Returned, "Closure returned"), new(Outcomes, "Goal outcomes at closure")];

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

        // The goals' outcomes, one entry for each closing, dated when the case closed.
        var outcomes = await (from o in db.Set<GoalOutcome>().AsNoTracking()
                              join g in db.Set<Plans.PlanGoal>() on o.GoalId equals g.Id
                              where o.CaseId == caseId
                              select new { o.RecordedAt, o.RecordedByName, o.Outcome, g.Number }).ToListAsync(ct);
        var outcomeNames = await ChronologyNames.DisplayNamesAsync(db, outcomes.Select(o => o.RecordedByName), ct);
        foreach (var closing in outcomes.GroupBy(o => o.RecordedAt))
        {
            var first = closing.First();
            entries.Add(new ChronologyEntry(UkTime.DateOf(closing.Key), closing.Key, Outcomes, $"outcomes-{closing.Key.UtcTicks}",
                "Goal outcomes at closure: " + string.Join("; ", closing.OrderBy(o => o.Number).Select(o => $"goal {o.Number + 1} {GoalOutcomeCodes.Title(o.Outcome).ToLowerInvariant()}")),
                outcomeNames.GetValueOrDefault(first.RecordedByName, first.RecordedByName), $"/Cases/{caseId}"));
        }

        return entries;
    }
}
