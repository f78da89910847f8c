using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Caseload.Features.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Tasks;

public sealed class CaseTaskConfiguration : IEntityTypeConfiguration<CaseTask>
{
    public void Configure(EntityTypeBuilder<CaseTask> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CaseTasks");
        builder.Property(x => x.Action).HasMaxLength(TaskRules.MaxActionLength);
        builder.Property(x => x.OwnerId).HasMaxLength(450);
        builder.Property(x => x.OwnerName).HasMaxLength(256);
        builder.Property(x => x.ExternalOwner).HasMaxLength(TaskRules.MaxExternalOwnerLength);
        builder.Property(x => x.CreatedById).HasMaxLength(450);
        builder.Property(x => x.CreatedByName).HasMaxLength(256);
        builder.Property(x => x.ClosedById).HasMaxLength(450);
        builder.Property(x => x.ClosedByName).HasMaxLength(256);
        builder.Property(x => x.Outcome).HasMaxLength(TaskRules.MaxOutcomeLength);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseNote>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // "My tasks" lists an owner's open tasks by due date; the case page lists a case's tasks.
        builder.HasIndex(x => new { x.OwnerId, x.Status, x.DueOn });
        builder.HasIndex(x => x.CaseId);
        builder.HasIndex(x => x.NoteId);
        // Drift counts each case's overdue open tasks and finds the oldest.
        builder.HasIndex(x => new { x.CaseId, x.Status, x.DueOn });
    }
}

public sealed class CaseTaskReassignmentConfiguration : IEntityTypeConfiguration<CaseTaskReassignment>
{
    public void Configure(EntityTypeBuilder<CaseTaskReassignment> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CaseTaskReassignments");
        builder.Property(x => x.FromOwnerId).HasMaxLength(450);
        builder.Property(x => x.FromOwnerName).HasMaxLength(256);
        builder.Property(x => x.ToOwnerId).HasMaxLength(450);
        builder.Property(x => x.ToOwnerName).HasMaxLength(256);
        builder.Property(x => x.ById).HasMaxLength(450);
        builder.Property(x => x.ByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(TaskRules.MaxReasonLength);
        builder.HasOne<CaseTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        // The case page shows each task's handovers.
        builder.HasIndex(x => new { x.CaseId, x.At });
        builder.HasIndex(x => x.TaskId);
    }
}
