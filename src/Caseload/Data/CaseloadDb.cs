using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Data;

/// <summary>The unit of work. One model; <see cref="SqliteCaseloadDb"/> and <see cref="PostgresCaseloadDb"/> carry each provider's migrations.</summary>
public abstract class CaseloadDb(DbContextOptions options) : IdentityDbContext<CaseloadUser>(options), IDataProtectionKeyContext
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

    /// <summary>The cases each list view showed (the view itself is one <see cref="AuditEvent"/>).</summary>
    public DbSet<AuditEventCase> AuditEventCases => Set<AuditEventCase>();

    /// <summary>The Data Protection key ring every instance shares (cookies, antiforgery tokens, TempData).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        // Each entity's configuration lives with the feature that owns it (IEntityTypeConfiguration<T>). Identity's base
        // configuration comes first so that CaseloadUserConfiguration adds to it. Provider differences are conventions
        // (SqliteCaseloadDb.ConfigureConventions), not entity configuration.
        builder.ApplyConfigurationsFromAssembly(typeof(CaseloadDb).Assembly);
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
        if (ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || ChangeTracker.Entries<AuditEventCase>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }
}
