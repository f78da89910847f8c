using Caseload.Data;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Architecture;

/// <summary>Every model change adds a migration to both sets; this fails when either set is behind the model.</summary>
public abstract class MigrationTests(CaseloadApp app)
{
    [Fact]
    public void The_migrations_match_the_model()
    {
        var pending = app.WithDb(db => db.Database.HasPendingModelChanges());
        Assert.False(pending, $"The {app.Provider} migrations are behind the model: run scripts/add-migration NAME.");
    }

    [Fact]
    public async Task Every_migration_is_applied_at_start_up()
    {
        var pending = await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync());
        Assert.Empty(pending);
        var applied = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.NotEmpty(applied);
    }

    [Fact]
    public void The_database_is_the_configured_provider()
    {
        var provider = app.WithDb(db => db.Database.ProviderName);
        Assert.Equal(app.Provider == DatabaseProvider.Sqlite ? "Microsoft.EntityFrameworkCore.Sqlite" : "Npgsql.EntityFrameworkCore.PostgreSQL", provider);
    }
}

public sealed class MigrationTests_Sqlite(SqliteApp app) : MigrationTests(app);

public sealed class MigrationTests_Postgres(PostgresApp app) : MigrationTests(app);
