using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Worklist;

/// <summary>A practitioner's or supervisor's raise or lower of a case's priority, with its rationale; never deleted.</summary>
public sealed class PriorityOverrideRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public OverrideDirection Direction { get; set; }
    public required string Rationale { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    /// <summary>Set when a later override or an explicit withdrawal replaces it; it stays in the history.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedByName { get; set; }
}

/// <summary>A version of the priority weights a service manager saved, with the reason. The newest is in force.</summary>
public sealed class PriorityWeightsVersion
{
    public int Id { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedByName { get; set; }
    public required string Reason { get; set; }
}

public sealed class PriorityOverrideConfiguration : IEntityTypeConfiguration<PriorityOverrideRecord>
{
    public void Configure(EntityTypeBuilder<PriorityOverrideRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("PriorityOverrides");
        builder.Property(o => o.Direction).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.Rationale).HasMaxLength(WorklistLimits.RationaleLength);
        builder.Property(o => o.AuthorId).HasMaxLength(450);
        builder.Property(o => o.AuthorName).HasMaxLength(256);
        builder.Property(o => o.EndedByName).HasMaxLength(256);
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.CaseId, o.EndedAt });
    }
}

public sealed class PriorityWeightsVersionConfiguration : IEntityTypeConfiguration<PriorityWeightsVersion>
{
    public void Configure(EntityTypeBuilder<PriorityWeightsVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(v => v.ChangedByName).HasMaxLength(256);
        builder.Property(v => v.Reason).HasMaxLength(WorklistLimits.RationaleLength);
    }
}

public static class WorklistLimits
{
    public const int RationaleLength = 1000;
}
