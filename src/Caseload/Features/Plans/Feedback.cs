using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Plans;

/// <summary>
/// Feedback from the person, a parent or carer about the help they had: when, from whom, how it came (a conversation, a paper
/// form, a text, or the family's own online form through a <see cref="FeedbackLink"/>), a 1–5 rating, what helped, what could
/// be better and their view of progress on the plan's goals. Never changed once recorded.
/// </summary>
public sealed class CaseFeedback
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PersonId { get; set; }
    public required string From { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>A code of <see cref="FeedbackCodes.Methods"/>.</summary>
    public required string Method { get; set; }
    public int Rating { get; set; }
    public string? Helped { get; set; }
    public string? CouldBeBetter { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The practitioner who recorded it; null when the family sent it through a link.</summary>
    public string? RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    /// <summary>The link it came through, when the family sent it themselves.</summary>
    public Guid? LinkId { get; set; }
    public List<FeedbackGoalView> GoalViews { get; set; } = [];
}

/// <summary>The person's view of progress on one goal of the plan, given with their feedback.</summary>
public sealed class FeedbackGoalView
{
    public long Id { get; set; }
    public Guid FeedbackId { get; set; }
    public Guid GoalId { get; set; }
    public required string View { get; set; }
}

/// <summary>
/// A single-use link a family completes without an account. Only a hash of its token is kept, so the link cannot be read back
/// from the database; it expires, and is marked used (with the feedback it brought) when the family sends the form.
/// </summary>
public sealed class FeedbackLink
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>SHA-256 of the token, as lower-case hex.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public Guid? FeedbackId { get; set; }
}

public sealed class CaseFeedbackConfiguration : IEntityTypeConfiguration<CaseFeedback>
{
    public void Configure(EntityTypeBuilder<CaseFeedback> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CaseFeedback");
        builder.Property(f => f.From).HasMaxLength(PlanRules.MaxNameLength);
        builder.Property(f => f.Method).HasMaxLength(20);
        builder.Property(f => f.Helped).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(f => f.CouldBeBetter).HasMaxLength(PlanRules.MaxTextLength);
        builder.Property(f => f.RecordedById).HasMaxLength(450);
        builder.Property(f => f.RecordedByName).HasMaxLength(256);
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.GoalViews).WithOne().HasForeignKey(v => v.FeedbackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.CaseId);
    }
}

public sealed class FeedbackGoalViewConfiguration : IEntityTypeConfiguration<FeedbackGoalView>
{
    public void Configure(EntityTypeBuilder<FeedbackGoalView> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("FeedbackGoalViews");
        builder.Property(v => v.View).HasMaxLength(PlanRules.MaxTextLength);
        builder.HasOne<PlanGoal>().WithMany().HasForeignKey(v => v.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => v.FeedbackId);
    }
}

public sealed class FeedbackLinkConfiguration : IEntityTypeConfiguration<FeedbackLink>
{
    public void Configure(EntityTypeBuilder<FeedbackLink> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("FeedbackLinks");
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.CreatedById).HasMaxLength(450);
        builder.Property(l => l.CreatedByName).HasMaxLength(256);
        builder.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.CaseId);
    }
}
