using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>
/// The stages of an export: asked for, being built by background work, ready (its zip stored), failed, or expired (its zip
/// cleared once kept for <see cref="ExportExpiry.KeepDays"/>; the row stays, as the record of what was exported and why).
/// </summary>
public static class ExportStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Expired = "expired";
}

/// <summary>What an export may hold.</summary>
public static class ExportParts
{
    public const string Cases = "cases";
    public const string Notes = "notes";
    public const string Outcomes = "outcomes";

    public static readonly IReadOnlyList<string> All = [Cases, Notes, Outcomes];
}

/// <summary>
/// An anonymised export of cases, notes and outcomes for research, service evaluation or training: who asked, for what purpose
/// and over which cases; its state (the row every instance reads, whichever built it); what k-anonymity achieved; the DPO's
/// approval when a service manager asked; and the zip once built. No key is kept: each build makes its own and drops it.
/// </summary>
public sealed class AnonymisedExport
{
    public const int MaxPurposeLength = 1000;
    public const int MaxCommentLength = 1000;

    public Guid Id { get; set; }
    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? Service { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// <summary>The parts asked for, comma separated codes of <see cref="ExportParts"/>.</summary>
    public required string Include { get; set; }

    public int K { get; set; }
    public required string Purpose { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Failure { get; set; }
    public int? KAchieved { get; set; }
    public int? CaseCount { get; set; }
    public int? NoteCount { get; set; }
    public int? OutcomeCount { get; set; }
    public int? GeneralisedRows { get; set; }
    public int? SuppressedRows { get; set; }

    /// <summary>A service manager's export waits for the DPO's approval before it can be downloaded; the DPO's own does not.</summary>
    public bool ApprovalRequired { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedByName { get; set; }
    public string? ApprovalComment { get; set; }

    /// <summary>The zip (CSV and JSON) once built; cleared when the export expires.</summary>
    public byte[]? Content { get; set; }

    /// <summary>When background work cleared the zip (<see cref="ExportExpiry"/>).</summary>
    public DateTimeOffset? ExpiredAt { get; set; }

    public IReadOnlyList<string> Parts => Include.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool IsApproved => !ApprovalRequired || ApprovedAt is not null;
}

public sealed class AnonymisedExportConfiguration : IEntityTypeConfiguration<AnonymisedExport>
{
    public void Configure(EntityTypeBuilder<AnonymisedExport> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("AnonymisedExports");
        builder.Property(x => x.RequestedById).HasMaxLength(450);
        builder.Property(x => x.RequestedByName).HasMaxLength(256);
        builder.Property(x => x.Service).HasMaxLength(50);
        builder.Property(x => x.Include).HasMaxLength(100);
        builder.Property(x => x.Purpose).HasMaxLength(AnonymisedExport.MaxPurposeLength);
        builder.Property(x => x.Status).HasMaxLength(20);
        builder.Property(x => x.Failure).HasMaxLength(500);
        builder.Property(x => x.ApprovedByName).HasMaxLength(256);
        builder.Property(x => x.ApprovalComment).HasMaxLength(AnonymisedExport.MaxCommentLength);
        builder.Ignore(x => x.Parts);
        builder.Ignore(x => x.IsApproved);
        // The background work looks for what is waiting; the list is newest first.
        builder.HasIndex(x => new { x.Status, x.RequestedAt });
        builder.HasIndex(x => new { x.RequestedById, x.RequestedAt });
    }
}
