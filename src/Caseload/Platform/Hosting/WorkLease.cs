using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Platform.Hosting;

/// <summary>
/// One row per named background job: which instance holds it and until when, and when the job is next due. The row is the
/// schedule as well as the lock, so a job runs once a period across all instances, not once per instance.
/// </summary>
public sealed class WorkLease
{
    public required string Name { get; set; }

    /// <summary>The instance running the job (<see cref="WorkInstance.Id"/>); null when nobody is.</summary>
    public string? Holder { get; set; }

    public DateTimeOffset? AcquiredAt { get; set; }

    /// <summary>Another instance may take the job over from this moment unless the holder renews first.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The next run may start from this moment; only a run that completes moves it on.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? LastCompletedAt { get; set; }
}

public sealed class WorkLeaseConfiguration : IEntityTypeConfiguration<WorkLease>
{
    public const int MaxNameLength = 100;
    public const int MaxHolderLength = 200;

    public void Configure(EntityTypeBuilder<WorkLease> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("WorkLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(MaxNameLength);
        builder.Property(l => l.Holder).HasMaxLength(MaxHolderLength);
    }
}
