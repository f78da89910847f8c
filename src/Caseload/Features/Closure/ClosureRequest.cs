using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Closure;

public enum ClosureRequestStatus
{
    Pending,
    Approved,
    Returned,
}

/// <summary>
/// A practitioner's request to close a case in a service where closure needs a supervisor's approval: the reason and the
/// closing summary, then the decision (approved, which closes the case, or returned with a comment). Kept once decided.
/// </summary>
public sealed class ClosureRequest
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public ClosureRequestStatus Status { get; set; }
    public required string Reason { get; set; }
    public required string Summary { get; set; }
    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Comment { get; set; }
    /// <summary>The code of the reason from the service's list, when one was chosen.</summary>
    public string? ReasonCode { get; set; }
    /// <summary>The outcome proposed for each goal of the plan in force; recorded on the case when the request is approved.</summary>
    public List<GoalOutcome> GoalOutcomes { get; set; } = [];
}

public sealed class ClosureRequestConfiguration : IEntityTypeConfiguration<ClosureRequest>
{
    public void Configure(EntityTypeBuilder<ClosureRequest> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ClosureRequests");
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Reason).HasMaxLength(CaseRules.MaxReasonLength);
        builder.Property(x => x.Summary).HasMaxLength(ClosureRules.SummaryLength);
        builder.Property(x => x.Comment).HasMaxLength(ClosureRules.CommentLength);
        builder.Property(x => x.ReasonCode).HasMaxLength(20);
        builder.Property(x => x.RequestedById).HasMaxLength(450);
        builder.Property(x => x.RequestedByName).HasMaxLength(256);
        builder.Property(x => x.DecidedByName).HasMaxLength(256);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        // One pending request per case, however many are made at once.
        builder.HasIndex(x => x.CaseId).IsUnique().HasFilter("\"Status\" = 'Pending'");
        builder.HasIndex(x => x.Status);
    }
}
