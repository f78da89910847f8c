using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Caseload.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Supervision;

public sealed class SupervisionSessionConfiguration : IEntityTypeConfiguration<SupervisionSession>
{
    public void Configure(EntityTypeBuilder<SupervisionSession> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SupervisionSessions");
        builder.Property(x => x.PractitionerId).HasMaxLength(450);
        builder.Property(x => x.PractitionerUserName).HasMaxLength(256);
        builder.Property(x => x.PractitionerName).HasMaxLength(256);
        builder.Property(x => x.SupervisorId).HasMaxLength(450);
        builder.Property(x => x.SupervisorName).HasMaxLength(256);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.Current);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Responses).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PractitionerId, x.OccurredOn });
    }
}

public sealed class SupervisionSessionVersionConfiguration : IEntityTypeConfiguration<SupervisionSessionVersion>
{
    public void Configure(EntityTypeBuilder<SupervisionSessionVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SupervisionSessionVersions");
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.WellbeingNotes).HasMaxLength(SupervisionRules.MaxTextLength);
        builder.Property(x => x.Workload).HasMaxLength(SupervisionRules.MaxTextLength);
        builder.Property(x => x.Learning).HasMaxLength(SupervisionRules.MaxTextLength);
        builder.Property(x => x.AuthorId).HasMaxLength(450);
        builder.Property(x => x.AuthorName).HasMaxLength(256);
        builder.Property(x => x.AmendmentReason).HasMaxLength(SupervisionRules.MaxReasonLength);
        builder.HasIndex(x => new { x.SessionId, x.Number }).IsUnique();
        builder.HasMany(x => x.CaseDiscussions).WithOne().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SupervisionCaseDiscussionConfiguration : IEntityTypeConfiguration<SupervisionCaseDiscussion>
{
    public void Configure(EntityTypeBuilder<SupervisionCaseDiscussion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SupervisionCaseDiscussions");
        builder.Property(x => x.DecidedById).HasMaxLength(450);
        builder.Property(x => x.DecidedByName).HasMaxLength(256);
        builder.Property(x => x.Discussion).HasMaxLength(SupervisionRules.MaxTextLength);
        builder.Property(x => x.Decision).HasMaxLength(SupervisionRules.MaxDecisionLength);
        builder.Property(x => x.Rationale).HasMaxLength(SupervisionRules.MaxTextLength);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SupervisionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Actions).WithOne().HasForeignKey(x => x.DiscussionId).OnDelete(DeleteBehavior.Restrict);
        // Management oversight is listed per case, newest first.
        builder.HasIndex(x => new { x.CaseId, x.OccurredOn });
    }
}

public sealed class SupervisionActionConfiguration : IEntityTypeConfiguration<SupervisionAction>
{
    public void Configure(EntityTypeBuilder<SupervisionAction> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SupervisionActions");
        builder.Property(x => x.Action).HasMaxLength(TaskRules.MaxActionLength);
        builder.Property(x => x.OwnerId).HasMaxLength(450);
        builder.Property(x => x.OwnerUserName).HasMaxLength(256);
        builder.Property(x => x.OwnerName).HasMaxLength(256);
        builder.HasOne<CaseTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.TaskId);
    }
}

public sealed class SupervisionResponseConfiguration : IEntityTypeConfiguration<SupervisionResponse>
{
    public void Configure(EntityTypeBuilder<SupervisionResponse> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SupervisionResponses");
        builder.Property(x => x.Comment).HasMaxLength(SupervisionRules.MaxCommentLength);
        builder.Property(x => x.ById).HasMaxLength(450);
        builder.Property(x => x.ByName).HasMaxLength(256);
        // One response per version: a second one is a conflict, never a silent overwrite.
        builder.HasIndex(x => new { x.SessionId, x.VersionNumber }).IsUnique();
    }
}

public sealed class SupervisionFrequencyChangeConfiguration : IEntityTypeConfiguration<SupervisionFrequencyChange>
{
    public void Configure(EntityTypeBuilder<SupervisionFrequencyChange> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SupervisionFrequencyChanges");
        builder.Property(x => x.PractitionerId).HasMaxLength(450);
        builder.Property(x => x.Reason).HasMaxLength(SupervisionRules.MaxReasonLength);
        builder.Property(x => x.ChangedById).HasMaxLength(450);
        builder.Property(x => x.ChangedByName).HasMaxLength(256);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PractitionerId, x.Id });
    }
}
