using Caseload.Data;
using Caseload.Features.Chronology;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Supervision;

/// <summary>
/// Management oversight on the chronology: each session's decision about this case (its latest version), with the rationale
/// and how many actions, by who decided. Only the case discussion is read: the supervisee's wellbeing, workload and learning
/// never reach a case's record. A decision that a later amendment of the session withdrew stays, marked as withdrawn. The
/// link is the case page's management oversight, which everyone who sees the case reads (the session is the supervisee's).
/// </summary>
public sealed class SupervisionChronology(CaseloadDb db) : IChronologySource
{
    public const string Decision = "supervision-decision";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Decision, "Supervision decision")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var rows = await (from d in db.Set<SupervisionCaseDiscussion>().AsNoTracking()
                          join s in db.Set<SupervisionSession>() on d.SessionId equals s.Id
                          where d.CaseId == caseId
                          select new { d.SessionId, d.VersionNumber, Current = s.CurrentVersion, d.OccurredOn, d.DecidedByName, d.Decision, d.Rationale, Actions = d.Actions.Count })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.SessionId)
            .Select(g => g.OrderByDescending(r => r.VersionNumber).First())
            .Select(r => new ChronologyEntry(r.OccurredOn, null, Decision, r.SessionId.ToString(),
                $"{(r.VersionNumber == r.Current ? "" : "Withdrawn from the supervision record: ")}Decision in supervision: {ChronologyRules.FirstLine(r.Decision, 100)}. "
                + $"Rationale: {ChronologyRules.FirstLine(r.Rationale, 100)}{(r.Actions == 0 ? "" : $" ({r.Actions} {(r.Actions == 1 ? "action" : "actions")})")}",
                r.DecidedByName, $"/Cases/{caseId}#management-oversight"))
            .ToList();
    }
}
