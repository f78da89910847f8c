using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Cases;

public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.Service).HasMaxLength(50);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        // Stored as its ordinal so that SQL orders red above amber above green.
        builder.Property(x => x.Risk);
        builder.Property(x => x.Complexity).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.ClosureReason).HasMaxLength(CaseRules.MaxReasonLength);
        builder.Property(x => x.ClosureReasonCode).HasMaxLength(20);
        builder.Property(x => x.ReferralSource).HasMaxLength(4);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Property(x => x.WeightStamp).HasMaxLength(16);
        builder.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(x => x.AllocatedTo).WithMany().HasForeignKey(x => x.AllocatedToId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.CoWorkers).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.RestrictedTo).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.RiskHistory).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.ComplexityHistory).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        // "My cases" and the team view filter by these.
        builder.HasIndex(x => new { x.AllocatedToId, x.Status });
        // Whether someone holds a case that is not closed in given services (who is in a service manager's view): a seek per person.
        builder.HasIndex(x => new { x.AllocatedToId, x.Service, x.Status });
        // Open cases' load by holder, read from the index alone (points, risk, service, and the id to join deadlines and drift
        // signals): the team capacity view, the snapshots and the workload report sum tens of thousands of cases with it.
        builder.HasIndex(x => new { x.Status, x.AllocatedToId, x.Service, x.Risk, x.WeightStamp, x.WeightTenths, x.Id }).HasDatabaseName("IX_Cases_Load");
        builder.HasIndex(x => new { x.TeamId, x.Status });
        builder.HasIndex(x => new { x.Service, x.Status });
        builder.HasIndex(x => x.PersonId);
    }
}

public sealed class CaseCoWorkerConfiguration : IEntityTypeConfiguration<CaseCoWorker>
{
    public void Configure(EntityTypeBuilder<CaseCoWorker> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => new { x.CaseId, x.UserId });
        builder.HasIndex(x => x.UserId);
        builder.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
    }
}

public sealed class CaseRestrictedAccessConfiguration : IEntityTypeConfiguration<CaseRestrictedAccess>
{
    public void Configure(EntityTypeBuilder<CaseRestrictedAccess> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(x => new { x.CaseId, x.UserId });
        builder.HasIndex(x => x.UserId);
        builder.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
    }
}

public sealed class RiskChangeConfiguration : IEntityTypeConfiguration<RiskChange>
{
    public void Configure(EntityTypeBuilder<RiskChange> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(x => x.From).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.To).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.ChangedByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(CaseRules.MaxReasonLength);
    }
}

public sealed class ComplexityChangeConfiguration : IEntityTypeConfiguration<ComplexityChange>
{
    public void Configure(EntityTypeBuilder<ComplexityChange> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ComplexityChanges");
        builder.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.ChangedByName).HasMaxLength(256);
        builder.Property(x => x.Reason).HasMaxLength(CaseRules.MaxReasonLength);
        builder.HasIndex(x => x.CaseId);
    }
}
