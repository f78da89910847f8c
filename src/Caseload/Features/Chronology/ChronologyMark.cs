using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Chronology;

/// <summary>
/// An entry of a case's chronology marked as a significant event, or once marked and since unmarked: one row per case, kind
/// and source id, keeping who marked it and when (and who unmarked it). Every marking and unmarking is in the audit trail too.
/// </summary>
public sealed class ChronologyMark
{
    public Guid CaseId { get; set; }
    public required string Kind { get; set; }
    public required string SourceId { get; set; }
    public bool Significant { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
    public required string MarkedById { get; set; }
    public required string MarkedByName { get; set; }
    public DateTimeOffset? UnmarkedAt { get; set; }
    public string? UnmarkedById { get; set; }
    public string? UnmarkedByName { get; set; }
}

public sealed class ChronologyMarkConfiguration : IEntityTypeConfiguration<ChronologyMark>
{
    public void Configure(EntityTypeBuilder<ChronologyMark> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ChronologyMarks");
        builder.HasKey(m => new { m.CaseId, m.Kind, m.SourceId });
        builder.Property(m => m.Kind).HasMaxLength(ChronologyRules.MaxKindLength);
        builder.Property(m => m.SourceId).HasMaxLength(ChronologyRules.MaxSourceIdLength);
        builder.Property(m => m.MarkedById).HasMaxLength(450);
        builder.Property(m => m.MarkedByName).HasMaxLength(256);
        builder.Property(m => m.UnmarkedById).HasMaxLength(450);
        builder.Property(m => m.UnmarkedByName).HasMaxLength(256);
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
