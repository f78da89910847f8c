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
/// Database:Provider=Postgres and ConnectionStrings:Caseload.
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
                builder.Services.AddDbContext<SqliteCaseloadDb>(o => o.UseSqlite(sqlite));
                builder.Services.AddScoped<CaseloadDb>(sp => sp.GetRequiredService<SqliteCaseloadDb>());
                break;
            case DatabaseProvider.Postgres:
                var postgres = config.GetConnectionString("Caseload")
                    ?? throw new InvalidOperationException("Set ConnectionStrings:Caseload (ConnectionStrings__Caseload) for PostgreSQL.");
                builder.Services.AddDbContext<PostgresCaseloadDb>(o => o.UseNpgsql(postgres));
                builder.Services.AddScoped<CaseloadDb>(sp => sp.GetRequiredService<PostgresCaseloadDb>());
                break;
            default:
                throw new InvalidOperationException("Unknown database provider.");
        }
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
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; it is a property of the file, so set it once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
