using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Reviews;

/// <summary>
/// A case review: what came of the last plan, what stands in the way, the risks now, what changes in the plan, the decision
/// and when the case is next reviewed. Evidence, like a note: never edited in place and never deleted; a review recorded
/// wrongly is followed by another, which becomes the case's last review.
/// </summary>
public sealed class CaseReview
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>1 for the case's first review, then 2, 3…: the order of reviews, and "the last review" is the highest.</summary>
    public int Number { get; set; }
    /// <summary>The UK day the review was recorded.</summary>
    public DateOnly ReviewedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public required string Progress { get; set; }
    public required string Barriers { get; set; }
    public required string Risks { get; set; }
    /// <summary>The risk rating as the review left it.</summary>
    public Risk RiskRating { get; set; }
    /// <summary>The rating before the review when the review changed it (the change is in the case's risk history); null when it stayed.</summary>
    public Risk? PreviousRiskRating { get; set; }
    public required string Adjustments { get; set; }
    public ReviewDecision Decision { get; set; }
    /// <summary>When the case is next to be reviewed: it became the case's review date.</summary>
    public DateOnly NextReviewOn { get; set; }
    /// <summary>The review date the case had when this review was recorded (null when none was set), so a late review shows as late.</summary>
    public DateOnly? WasDueOn { get; set; }
}

public sealed class CaseReviewConfiguration : IEntityTypeConfiguration<CaseReview>
{
    public void Configure(EntityTypeBuilder<CaseReview> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CaseReviews");
        builder.Property(r => r.AuthorId).HasMaxLength(450);
        builder.Property(r => r.AuthorName).HasMaxLength(256);
        builder.Property(r => r.Progress).HasMaxLength(ReviewRules.MaxTextLength);
        builder.Property(r => r.Barriers).HasMaxLength(ReviewRules.MaxTextLength);
        builder.Property(r => r.Risks).HasMaxLength(ReviewRules.MaxTextLength);
        builder.Property(r => r.Adjustments).HasMaxLength(ReviewRules.MaxTextLength);
        builder.Property(r => r.RiskRating).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.PreviousRiskRating).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Decision).HasConversion(d => d.ToCode(), code => ReviewDecisions.Parse(code)).HasMaxLength(20);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        // One number per case: two reviews saved at once cannot both be "the last review".
        builder.HasIndex(r => new { r.CaseId, r.Number }).IsUnique();
    }
}
