using Caseload.Data;
using Caseload.Features.Chronology;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Plans;

/// <summary>Feedback on the chronology: each piece, when it was given, from whom, how and its rating.</summary>
public sealed class FeedbackChronology(CaseloadDb db) : IChronologySource
{
    public const string Kind = "feedback";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Kind, "Feedback")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var feedback = await db.Set<CaseFeedback>().AsNoTracking().Where(f => f.CaseId == caseId)
            .Select(f => new { f.Id, f.From, f.ReceivedOn, f.Method, f.Rating, f.RecordedAt, f.RecordedByName })
            .ToListAsync(ct);
        return feedback.Select(f => new ChronologyEntry(f.ReceivedOn, f.RecordedAt, Kind, f.Id.ToString(),
            $"Feedback from {ChronologyRules.FirstLine(f.From)} ({FeedbackCodes.MethodTitle(f.Method).ToLowerInvariant()}): rated the help {f.Rating} out of 5, "
            + FeedbackCodes.RatingTitle(f.Rating).ToLowerInvariant(),
            f.RecordedByName, $"/Cases/{caseId}/Feedback#feedback-{f.Id}")).ToList();
    }
}
