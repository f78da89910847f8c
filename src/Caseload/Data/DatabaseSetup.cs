using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// SQLite (a file under the data folder, WAL mode) is the embedded default; PostgreSQL is chosen with
/// Database:Provider=Postgres and ConnectionStrings:Caseload. An authority may keep the tables' owner away from the app:
/// ConnectionStrings:Migrations connects as the owner to migrate, and Database:AppRole names the app's role, which the
/// owner grants what it may do (<see cref="AppRoleGrants"/>).
/// </summary>
public static class DatabaseSetup
{
    public static string DataDirectory(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dir = config["CASELOAD_DATA_DIR"] ?? config["Database:DataDirectory"] ?? "data";
        return Path.GetFullPath(dir);
    }

    public static DatabaseProvider Provider(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config["Database:Provider"] ?? "Sqlite";
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var p)
            ? p
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");
    }

    public static void AddCaseloadDatabase(this WebApplicationBuilder builder, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        switch (Provider(config))
        {
            case DatabaseProvider.Sqlite:
                var sqlite = config.GetConnectionString("Caseload") ?? SqliteConnectionString(dataDirectory);
                builder.Services.AddDbContext<SqliteCaseloadDb>(o => SqliteCaseloadDb.Configure(o, sqlite));
                builder.Services.AddScoped<CaseloadDb>(sp => sp.GetRequiredService<SqliteCaseloadDb>());
                break;
            case DatabaseProvider.Postgres:
                var postgres = config.GetConnectionString("Caseload")
                    ?? throw new InvalidOperationException("Set ConnectionStrings:Caseload (ConnectionStrings__Caseload) for PostgreSQL.");
                builder.Services.AddDbContext<PostgresCaseloadDb>(o => o.UseNpgsql(WithoutJit(postgres)));
                builder.Services.AddScoped<CaseloadDb>(sp => sp.GetRequiredService<PostgresCaseloadDb>());
                break;
            default:
                throw new InvalidOperationException("Unknown database provider.");
        }
    }

    /// <summary>
    /// The PostgreSQL connection string with the server's JIT compilation off for the app's sessions (unless the string sets
    /// <c>jit</c> itself). A report's statement over every case of an authority is costed high enough to be compiled, and compiling
    /// it took three times as long as running it (1.6 s of 2.1 s measured on 150,000 cases); the app's statements are short and
    /// many, which JIT does not pay for.
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) == true) return connectionString;
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        return builder.ConnectionString;
    }

    public static string SqliteConnectionString(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "caseload.db"),
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The owner's connection for the migrations, when the app's own connection is not the owner's.</summary>
    public static string? MigrationsConnectionString(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config.GetConnectionString("Migrations");
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>
    /// The start-up migration. With ConnectionStrings:Migrations it connects as the owner, migrates and grants
    /// Database:AppRole its privileges. Without it, it migrates with the app's own connection as before, but only when a
    /// migration is pending: an instance connected as the app role starts on a database the owner has migrated.
    /// </summary>
    public static async Task MigrateAtStartUpAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var config = services.GetRequiredService<IConfiguration>();
        if (MigrationsConnectionString(config) is { } owner)
        {
            await using var ownerDb = Create(Provider(config), owner);
            await MigrateAsync(ownerDb, ct);
            if (config["Database:AppRole"] is { Length: > 0 } appRole) await AppRoleGrants.ApplyAsync(ownerDb, appRole, ct);
            return;
        }

        var db = services.GetRequiredService<CaseloadDb>();
        try
        {
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any()) await MigrateAsync(db, ct);
            else await UseWriteAheadLogAsync(db, ct);
        }
        catch (DbException ex) when (ex.SqlState == "42501")
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Caseload may not apply the database's migrations (it is not the tables' owner), or may not yet read "
                + "which are applied. Run them as the owner, which then grants Database:AppRole its privileges: set "
                + "ConnectionStrings:Migrations and Database:AppRole for a deploy step with --Hosting:MigrateOnly=true.", ex);
        }
    }

    private static CaseloadDb Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteCaseloadDb(SqliteCaseloadDb.Configure(new DbContextOptionsBuilder<SqliteCaseloadDb>(), connectionString).Options),
        DatabaseProvider.Postgres => new PostgresCaseloadDb(new DbContextOptionsBuilder<PostgresCaseloadDb>().UseNpgsql(WithoutJit(connectionString)).Options),
        _ => throw new InvalidOperationException("Unknown database provider."),
    };

    /// <summary>Applies the provider's migrations (EF takes a lock, so several instances may start at once).</summary>
    public static async Task MigrateAsync(CaseloadDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A migration may fill a new column from millions of rows (for example last contact from every note): give it
        // time rather than fail half-way through an upgrade on a large authority's database.
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(ct);
        db.Database.SetCommandTimeout(timeout);
        await UseWriteAheadLogAsync(db, ct);
        await RefreshStatisticsAsync(db, ct);
    }

    private static async Task RefreshStatisticsAsync(CaseloadDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // SQLite plans joins from statistics it gathers only when asked; without them it may pick an index that makes a
            // join thousands of times slower (a new index on a large table, say). Gathers them where missing or out of date;
            // quick when nothing changed. PostgreSQL's autovacuum keeps its own.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        }
    }

    private static async Task UseWriteAheadLogAsync(CaseloadDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; it is a property of the file, so set it once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
