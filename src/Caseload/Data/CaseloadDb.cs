using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Data;

/// <summary>The unit of work. One model; <see cref="SqliteCaseloadDb"/> and <see cref="PostgresCaseloadDb"/> carry each provider's migrations.</summary>
public abstract class CaseloadDb(DbContextOptions options) : IdentityDbContext<CaseloadUser>(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonCharacteristic> PersonCharacteristics => Set<PersonCharacteristic>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseCoWorker> CaseCoWorkers => Set<CaseCoWorker>();
    public DbSet<CaseRestrictedAccess> CaseRestrictedAccess => Set<CaseRestrictedAccess>();
    public DbSet<RiskChange> RiskChanges => Set<RiskChange>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<ManagedService> ManagedServices => Set<ManagedService>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<CaseloadUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
            u.HasMany(x => x.ManagedServices).WithOne().HasForeignKey(x => x.UserId);
        });
        builder.Entity<ManagedService>(m =>
        {
            m.HasKey(x => new { x.UserId, x.Service });
            m.Property(x => x.Service).HasMaxLength(50);
        });
        builder.Entity<Team>(t =>
        {
            t.Property(x => x.Name).HasMaxLength(100);
            t.HasIndex(x => x.Name).IsUnique();
            t.HasOne(x => x.Supervisor).WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.SetNull);
            t.HasOne(x => x.ParentTeam).WithMany().HasForeignKey(x => x.ParentTeamId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Person>(p =>
        {
            p.Property(x => x.GivenName).HasMaxLength(PersonRules.MaxNameLength);
            p.Property(x => x.FamilyName).HasMaxLength(PersonRules.MaxNameLength);
            p.Property(x => x.CreatedById).HasMaxLength(450);
            p.HasMany(x => x.Characteristics).WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            p.HasIndex(x => new { x.FamilyName, x.GivenName });
            p.Ignore(x => x.FullName);
        });
        builder.Entity<PersonCharacteristic>(c =>
        {
            c.HasKey(x => new { x.PersonId, x.Code });
            c.Property(x => x.Code).HasMaxLength(50);
        });
        builder.Entity<Case>(c =>
        {
            c.Property(x => x.Service).HasMaxLength(50);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            // Stored as its ordinal so that SQL orders red above amber above green.
            c.Property(x => x.Risk);
            c.Property(x => x.ClosureReason).HasMaxLength(CaseRules.MaxReasonLength);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.AllocatedTo).WithMany().HasForeignKey(x => x.AllocatedToId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
            c.HasMany(x => x.CoWorkers).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.RestrictedTo).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.RiskHistory).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            // "My cases" and the team view filter by these.
            c.HasIndex(x => new { x.AllocatedToId, x.Status });
            c.HasIndex(x => new { x.TeamId, x.Status });
            c.HasIndex(x => new { x.Service, x.Status });
            c.HasIndex(x => x.PersonId);
        });
        builder.Entity<CaseCoWorker>(w =>
        {
            w.HasKey(x => new { x.CaseId, x.UserId });
            w.HasIndex(x => x.UserId);
            w.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
        });
        builder.Entity<CaseRestrictedAccess>(r =>
        {
            r.HasKey(x => new { x.CaseId, x.UserId });
            r.HasIndex(x => x.UserId);
            r.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
        });
        builder.Entity<RiskChange>(r =>
        {
            r.Property(x => x.From).HasConversion<string>().HasMaxLength(10);
            r.Property(x => x.To).HasConversion<string>().HasMaxLength(10);
            r.Property(x => x.ChangedByName).HasMaxLength(256);
            r.Property(x => x.Reason).HasMaxLength(CaseRules.MaxReasonLength);
        });
        // Later slices keep their entity configuration in their own folder (IEntityTypeConfiguration<T>).
        builder.ApplyConfigurationsFromAssembly(typeof(CaseloadDb).Assembly);

        builder.Entity<AuditEvent>(a =>
        {
            a.Property(x => x.UserName).HasMaxLength(256);
            a.Property(x => x.Action).HasMaxLength(100);
            a.Property(x => x.EntityType).HasMaxLength(50);
            a.Property(x => x.EntityId).HasMaxLength(100);
            a.Property(x => x.Route).HasMaxLength(300);
            a.Property(x => x.IpAddress).HasMaxLength(64);
            a.Property(x => x.Details).HasMaxLength(4000);
            a.HasIndex(x => x.At);
            a.HasIndex(x => new { x.CaseId, x.At });
            a.HasIndex(x => new { x.PersonId, x.At });
            a.HasIndex(x => new { x.UserName, x.At });
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The audit log is append-only: a change or deletion is a defect, never a feature.
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }
}
