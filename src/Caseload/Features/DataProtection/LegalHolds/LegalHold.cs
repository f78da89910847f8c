using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.DataProtection.LegalHolds;

/// <summary>
/// A legal hold (a public inquiry, litigation, a police investigation): while it stands, nothing it covers is destroyed. It
/// covers one person (all their cases), one case or a whole service. Released, it stays as a record of when and why.
/// </summary>
public sealed class LegalHold
{
    public const int MaxReasonLength = 1000;
    public const int MaxReferenceLength = 200;

    public Guid Id { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? CaseId { get; set; }
    public string? Service { get; set; }
    public required string Reason { get; set; }
    public required string Reference { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public required string PlacedByName { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public string? ReleasedByName { get; set; }
    public string? ReleaseReason { get; set; }

    public bool Covers(Guid caseId, Guid personId, string service) =>
        ReleasedAt is null && (CaseId == caseId || PersonId == personId || Service == service);
}

public sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("LegalHolds");
        builder.Property(x => x.Service).HasMaxLength(50);
        builder.Property(x => x.Reason).HasMaxLength(LegalHold.MaxReasonLength);
        builder.Property(x => x.Reference).HasMaxLength(LegalHold.MaxReferenceLength);
        builder.Property(x => x.PlacedByName).HasMaxLength(256);
        builder.Property(x => x.ReleasedByName).HasMaxLength(256);
        builder.Property(x => x.ReleaseReason).HasMaxLength(LegalHold.MaxReasonLength);
        // No foreign keys: a released hold outlives what it covered.
        builder.HasIndex(x => new { x.ReleasedAt, x.PlacedAt });
    }
}
