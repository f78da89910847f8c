using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Chronology;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reviews;

/// <summary>Case reviews on the chronology: the decision, the risk if the review re-rated it, and the next review date.</summary>
public sealed class ReviewsChronology(CaseloadDb db) : IChronologySource
{
    public const string Review = "review";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Review, "Case review")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var reviews = await db.Set<CaseReview>().AsNoTracking().Where(r => r.CaseId == caseId)
            .Select(r => new { r.Id, r.Number, r.ReviewedOn, r.RecordedAt, r.AuthorName, r.Decision, r.RiskRating, r.PreviousRiskRating, r.NextReviewOn })
            .ToListAsync(ct);
        return reviews.Select(r => new ChronologyEntry(r.ReviewedOn, r.RecordedAt, Review, r.Id.ToString(),
                $"Case review {r.Number}: decision {r.Decision.Title().ToLowerInvariant()}"
                + (r.PreviousRiskRating is { } from ? $"; risk re-rated from {from.ToCode()} to {r.RiskRating.ToCode()}" : "")
                + $"; next review {UkTime.Format(r.NextReviewOn)}",
                r.AuthorName, $"/Cases/{caseId}/Reviews#review-{r.Number}"))
            .ToList();
    }
}
