using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.DataProtection.Audit;

/// <summary>
/// A sealed batch of audit events: the events with ids <see cref="FirstEventId"/> to <see cref="LastEventId"/>, and a SHA-256
/// hash over their canonical content chained to the previous batch's hash (<see cref="AuditSealRules"/>). Altering, adding or
/// removing an event in a sealed range, or a batch itself, breaks the chain from that batch on. Batches are numbered from 1 by
/// <see cref="Id"/> (not generated: two sealers at once cannot both write batch n).
/// </summary>
public sealed class AuditSeal
{
    public long Id { get; set; }
    public long FirstEventId { get; set; }
    public long LastEventId { get; set; }
    public int EventCount { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset SealedAt { get; set; }
}

public sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("AuditSeals");
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.PreviousHash).HasMaxLength(64);
        builder.Property(x => x.Hash).HasMaxLength(64);
    }
}
