using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.DataProtection.BreakGlass;

/// <summary>
/// Emergency access to a case a user may not otherwise see: for a few hours, with the reason they gave, reviewed afterwards
/// by the data protection officer (appropriate or not, with a comment). Never granted on a restricted case.
/// </summary>
public sealed class BreakGlassGrant
{
    public const int MaxReasonLength = 1000;
    public const int MaxCommentLength = 2000;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string UserDisplayName { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedByName { get; set; }
    public bool? Appropriate { get; set; }
    public string? ReviewComment { get; set; }
}

public sealed class BreakGlassGrantConfiguration : IEntityTypeConfiguration<BreakGlassGrant>
{
    public void Configure(EntityTypeBuilder<BreakGlassGrant> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("BreakGlassGrants");
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.UserName).HasMaxLength(256);
        builder.Property(x => x.UserDisplayName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(BreakGlassGrant.MaxReasonLength);
        builder.Property(x => x.ReviewedByName).HasMaxLength(256);
        builder.Property(x => x.ReviewComment).HasMaxLength(BreakGlassGrant.MaxCommentLength);
        builder.HasOne<Caseload.Features.Cases.Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        // A user's live grants are read on every request; a case's grants on its page; the DPO's queue by review.
        builder.HasIndex(x => new { x.UserId, x.ExpiresAt });
        builder.HasIndex(x => new { x.CaseId, x.GrantedAt });
        builder.HasIndex(x => new { x.ReviewedAt, x.GrantedAt });
    }
}
