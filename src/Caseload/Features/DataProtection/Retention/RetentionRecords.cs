using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>The DPO kept a closed case past its review date: until when and why. The newest extension of a case is in force.</summary>
public sealed class RetentionExtension
{
    public const int MaxReasonLength = 1000;

    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public DateOnly Until { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public required string DecidedByName { get; set; }
}

/// <summary>
/// What is left of a destroyed case: its class, its dates, the rule that applied, who authorised the destruction and why. No
/// name, no content; the case id only ties it to the audit events, which keep ids too.
/// </summary>
public sealed class RetentionDestruction
{
    public const int MaxReasonLength = 1000;

    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string Service { get; set; }
    public required string RecordClass { get; set; }
    public required string Rule { get; set; }
    public DateOnly ReferredOn { get; set; }
    public DateOnly ClosedOn { get; set; }
    public DateOnly ReviewOn { get; set; }
    public DateTimeOffset DestroyedAt { get; set; }
    public required string AuthorisedByName { get; set; }
    public required string Reason { get; set; }

    /// <summary>The person's record went too: no other case held them.</summary>
    public bool PersonDestroyed { get; set; }
}

/// <summary>
/// The mark a destruction leaves while it runs, and only then: the append-only triggers let a row be deleted while a mark
/// exists, and the destruction removes its mark before it commits, so no other transaction ever sees one (see
/// <see cref="RetentionErasureSql"/>). Each mark names its destruction record, so no deletion happens without one.
/// </summary>
public sealed class RetentionErasure
{
    public Guid DestructionId { get; set; }
}

public sealed class RetentionRecordsConfiguration :
    IEntityTypeConfiguration<RetentionExtension>, IEntityTypeConfiguration<RetentionDestruction>, IEntityTypeConfiguration<RetentionErasure>
{
    public void Configure(EntityTypeBuilder<RetentionExtension> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("RetentionExtensions");
        builder.Property(x => x.Reason).HasMaxLength(RetentionExtension.MaxReasonLength);
        builder.Property(x => x.DecidedByName).HasMaxLength(256);
        // Part of the case: destroyed with it.
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.CaseId, x.Id });
    }

    public void Configure(EntityTypeBuilder<RetentionDestruction> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("RetentionDestructions");
        builder.Property(x => x.Service).HasMaxLength(50);
        builder.Property(x => x.RecordClass).HasMaxLength(50);
        builder.Property(x => x.Rule).HasMaxLength(RetentionSchedule.MaxSourceLength + 100);
        builder.Property(x => x.AuthorisedByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(RetentionDestruction.MaxReasonLength);
        // No foreign key: the record outlives the case.
        builder.HasIndex(x => x.CaseId).IsUnique();
        builder.HasIndex(x => x.DestroyedAt);
    }

    public void Configure(EntityTypeBuilder<RetentionErasure> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("RetentionErasures");
        builder.HasKey(x => x.DestructionId);
        builder.HasOne<RetentionDestruction>().WithMany().HasForeignKey(x => x.DestructionId).OnDelete(DeleteBehavior.Restrict);
    }
}
