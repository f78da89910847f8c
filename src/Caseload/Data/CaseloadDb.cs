using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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
        if (Pending().Count > 0) throw new InvalidOperationException("Save asynchronously: derived columns are kept in step by asynchronous hooks.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        var pending = Pending();
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The changes and what the hooks derive from them commit together: the caller's transaction when there is one.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var (hook, state) in pending) await hook.AfterWriteAsync(this, state, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>The save hooks with something to do for the pending changes (none when the unit of work was made outside the app).</summary>
    private List<(ISaveHook Hook, object State)> Pending()
    {
        var services = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        if (services?.GetService(typeof(IEnumerable<ISaveHook>)) is not IEnumerable<ISaveHook> hooks) return [];
        return hooks.Select(h => (Hook: h, State: h.Collect(this))).Where(p => p.State is not null).Select(p => (p.Hook, p.State!)).ToList();
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
