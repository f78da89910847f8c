using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Capacity;

/// <summary>
/// A practitioner's capacity settings, kept by their supervisor chain or a service manager: FTE, their full-time points when
/// not the scheme's, and whether newly qualified. No row means full time, the scheme's points, not newly qualified.
/// </summary>
public sealed class PractitionerCapacity
{
    public required string UserId { get; set; }
    public decimal Fte { get; set; } = 1m;
    public int? FullTimePoints { get; set; }
    public bool NewlyQualified { get; set; }
    /// <summary>Optimistic concurrency: the API's ETag; 0 while nobody has saved settings.</summary>
    public int Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedByName { get; set; }
    public required string Reason { get; set; }

    public CapacityBasis ToBasis() => new(Fte, FullTimePoints, NewlyQualified);
}

/// <summary>
/// A negotiated change to a practitioner's capacity: a reduction, an extra responsibility or leave, in points or a percent,
/// with its reason, its dates and who agreed it. A record, never edited: a new agreement is a new adjustment.
/// </summary>
public sealed class CapacityAdjustment
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public AdjustmentKind Kind { get; set; }
    public decimal? Points { get; set; }
    public int? Percent { get; set; }
    public required string Reason { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
    public required string AgreedById { get; set; }
    public required string AgreedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByName { get; set; }

    public AdjustmentFacts ToFacts() => new(Kind, Points, Percent, From, Until, Reason);
}

public static class CapacityLimits
{
    public const int ReasonLength = 1000;
    public const decimal MinFte = 0.1m;
    public const decimal MaxFte = 1m;
    public const int MaxAdjustmentPoints = 300;
}

public sealed class PractitionerCapacityConfiguration : IEntityTypeConfiguration<PractitionerCapacity>
{
    public void Configure(EntityTypeBuilder<PractitionerCapacity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("PractitionerCapacities");
        builder.HasKey(x => x.UserId);
        builder.Property(x => x.Fte).HasPrecision(4, 2);
        builder.Property(x => x.ChangedByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(CapacityLimits.ReasonLength);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Administration.CaseloadUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CapacityAdjustmentConfiguration : IEntityTypeConfiguration<CapacityAdjustment>
{
    public void Configure(EntityTypeBuilder<CapacityAdjustment> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CapacityAdjustments");
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Points).HasPrecision(6, 1);
        builder.Property(x => x.Reason).HasMaxLength(CapacityLimits.ReasonLength);
        builder.Property(x => x.AgreedByName).HasMaxLength(256);
        builder.Property(x => x.RecordedByName).HasMaxLength(256);
        builder.HasIndex(x => x.UserId);
        builder.HasOne<Administration.CaseloadUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Administration.CaseloadUser>().WithMany().HasForeignKey(x => x.AgreedById).OnDelete(DeleteBehavior.Restrict);
    }
}
