using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Deadlines;

/// <summary>A deadline on a case: from a catalogue timescale and a start date, or a one-off due date with a reason.</summary>
public sealed class CaseDeadline
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The catalogue timescale, or null for a one-off deadline.</summary>
    public string? TimescaleCode { get; set; }
    public required string Title { get; set; }
    public bool IsStatutory { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly DueDate { get; set; }
    /// <summary>Why a one-off deadline was set.</summary>
    public string? Reason { get; set; }
    public DateOnly? MetOn { get; set; }
    /// <summary>Why it was met late (Working Together expects the reason when an assessment runs past its timescale).</summary>
    public string? MissedReason { get; set; }
    public string? PauseReason { get; set; }
    public DateOnly? PausedFrom { get; set; }
    public DateOnly? PausedUntil { get; set; }
    /// <summary>
    /// How far pauses have moved the due date on, in the timescale's unit (working days or calendar days), over every pause:
    /// kept so a corrected start date keeps the time paused and a later change of the timescale is not mistaken for it.
    /// </summary>
    public int PausedLength { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByName { get; set; }
    public int Version { get; set; }
    public List<DeadlineChange> History { get; set; } = [];

    public Deadline ToRule() => new(DueDate, MetOn, MissedReason,
        PauseReason is null || PausedFrom is null ? null : new DeadlinePause(PauseReason, PausedFrom.Value, PausedUntil));
}

/// <summary>What changed on a deadline, by whom and why: a changed start date keeps the old due date here.</summary>
public sealed class DeadlineChange
{
    public long Id { get; set; }
    public Guid DeadlineId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ByName { get; set; }
    public required string What { get; set; }
    public string? Reason { get; set; }
}

public sealed class CaseDeadlineConfiguration : IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDeadline> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(d => d.TimescaleCode).HasMaxLength(80);
        builder.Property(d => d.Title).HasMaxLength(DeadlineLimits.TitleLength);
        builder.Property(d => d.Reason).HasMaxLength(DeadlineLimits.ReasonLength);
        builder.Property(d => d.MissedReason).HasMaxLength(DeadlineLimits.ReasonLength);
        builder.Property(d => d.PauseReason).HasMaxLength(DeadlineLimits.ReasonLength);
        builder.Property(d => d.CreatedByName).HasMaxLength(256);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.History).WithOne().HasForeignKey(h => h.DeadlineId).OnDelete(DeleteBehavior.Cascade);
        // The deadlines page and the worklist read open deadlines by case and due date.
        builder.HasIndex(d => new { d.CaseId, d.MetOn, d.DueDate });
    }
}

public sealed class DeadlineChangeConfiguration : IEntityTypeConfiguration<DeadlineChange>
{
    public void Configure(EntityTypeBuilder<DeadlineChange> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(h => h.ByName).HasMaxLength(256);
        builder.Property(h => h.What).HasMaxLength(1000);
        builder.Property(h => h.Reason).HasMaxLength(DeadlineLimits.ReasonLength);
    }
}

/// <summary>A bank holidays file an administrator loaded; the newest valid one is used, the shipped list before any.</summary>
public sealed class BankHolidayUpload
{
    public int Id { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedByName { get; set; }
    public required string Json { get; set; }
}

public sealed class BankHolidayUploadConfiguration : IEntityTypeConfiguration<BankHolidayUpload>
{
    public void Configure(EntityTypeBuilder<BankHolidayUpload> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(u => u.UploadedByName).HasMaxLength(256);
    }
}

public static class DeadlineLimits
{
    public const int TitleLength = 200;
    public const int ReasonLength = 1000;
}
