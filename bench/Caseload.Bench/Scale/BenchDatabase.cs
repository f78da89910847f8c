using System.Diagnostics;
using Caseload.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caseload.Bench.Scale;

/// <summary>Where a scale benchmark's data lives: a SQLite file under .tmp/bench, or a PostgreSQL database.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _clusterDir;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? clusterDir)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _clusterDir = clusterDir;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// For the generators' bulk loads only: a SQLite connection that is not pooled, so the settings a load sets on it (no fsync, a
    /// large page cache) end with it and never reach a timed call, which opens connections as the app does.
    /// </summary>
    public string GeneratorConnectionString => Provider == DatabaseProvider.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString()
        : ConnectionString;

    public static async Task<BenchDatabase> OpenAsync(DatabaseProvider provider, string name, string? serverConnection, string repoRoot)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var dir = Path.Combine(repoRoot, ".tmp", "bench", name);
            return new BenchDatabase(provider, DatabaseSetup.SqliteConnectionString(dir), null);
        }

        string? clusterDir = null;
        if (serverConnection is null)
        {
            // A throwaway cluster of our own, kept between runs so the generated data can be reused.
            clusterDir = Path.Combine(repoRoot, ".tmp", "bench", "postgres");
            // With durability on (fsync, synchronous commit, full-page writes): every audited read commits, and a figure that
            // includes a commit must pay for it as a server would. Tests run their clusters without it.
            serverConnection = Run(Path.Combine(repoRoot, "scripts", "postgres"), $"start {clusterDir} 55499 durable").Trim();
        }

        var database = name.Replace('-', '_');
        await using (var connection = new NpgsqlConnection(serverConnection))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
            exists.Parameters.AddWithValue("n", database);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        await using (var connection = new NpgsqlConnection(serverConnection))
        {
            // Say how durable the server is, since every figure that includes a commit depends on it.
            await connection.OpenAsync();
            await using var show = new NpgsqlCommand("SELECT current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', full_page_writes ' || current_setting('full_page_writes')", connection);
            Console.WriteLine($"PostgreSQL server: fsync {await show.ExecuteScalarAsync()}");
        }

        return new BenchDatabase(provider, new NpgsqlConnectionStringBuilder(serverConnection) { Database = database, MaxPoolSize = 50 }.ToString(), clusterDir);
    }

    /// <summary>Set CASELOAD_BENCH_SQL_LOG=1 to print every command with its duration: where a slow run spends its time.</summary>
    private static readonly bool LogSql = Environment.GetEnvironmentVariable("CASELOAD_BENCH_SQL_LOG") == "1";

    public CaseloadDb CreateDb() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteCaseloadDb(Logged(SqliteCaseloadDb.Configure(new DbContextOptionsBuilder<SqliteCaseloadDb>(), ConnectionString)).Options),
        DatabaseProvider.Postgres => new PostgresCaseloadDb(Logged(new DbContextOptionsBuilder<PostgresCaseloadDb>().UseNpgsql(ConnectionString)).Options),
        _ => throw new InvalidOperationException(),
    };

    private static DbContextOptionsBuilder<T> Logged<T>(DbContextOptionsBuilder<T> options)
        where T : DbContext =>
        LogSql ? (DbContextOptionsBuilder<T>)options.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]) : options;

    /// <summary>
    /// A copy of this database for a benchmark that writes through the app (notes, audit), so that what it writes never reaches
    /// the data the other benchmarks reuse: a copy of the SQLite file, or a PostgreSQL database made from this one as its
    /// template. Dropped with <see cref="DropCopyAsync"/>.
    /// </summary>
    public async Task<BenchDatabase> CopyAsync(string suffix)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            var dir = Path.GetDirectoryName(file)! + "-" + suffix;
            Directory.CreateDirectory(dir);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using (var source = new Microsoft.Data.Sqlite.SqliteConnection(GeneratorConnectionString))
            {
                await source.OpenAsync();
                await using var vacuum = source.CreateCommand();
                // A consistent copy of the file as it stands, write-ahead log included.
                var target = Path.Combine(dir, "caseload.db");
                if (File.Exists(target)) File.Delete(target);
                vacuum.CommandText = $"VACUUM INTO '{target.Replace("'", "''", StringComparison.Ordinal)}'";
                await vacuum.ExecuteNonQueryAsync();
            }

            return new BenchDatabase(Provider, DatabaseSetup.SqliteConnectionString(dir), null);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database + "_" + suffix;
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync();
            // A copy of millions of notes takes longer than a command's default 30 s: no time-out.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{builder.Database}\"", connection) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync();
        }

        return new BenchDatabase(Provider, new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString(), _clusterDir);
    }

    /// <summary>Removes a copy made by <see cref="CopyAsync"/>.</summary>
    public async Task DropCopyAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource)!, recursive: true);
            return;
        }

        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Empties the database's caches for a cold figure: its files out of the operating system's page cache (all of them at once
    /// when this process may write /proc/sys/vm/drop_caches, else each of its files), and for the benchmark's own PostgreSQL
    /// cluster a restart, which empties its shared buffers. Says what it could do; a server it does not own keeps its buffers.
    /// </summary>
    public string DropCaches(string repoRoot)
    {
        var done = new List<string>();
        if (Provider == DatabaseProvider.Postgres && _clusterDir is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Run(Path.Combine(repoRoot, "scripts", "postgres"), $"stop {_clusterDir}");
            done.Add("PostgreSQL restarted");
        }

        try
        {
            Run("sync", "");
            File.WriteAllText("/proc/sys/vm/drop_caches", "3");
            done.Add("the operating system's page cache dropped");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var dir = Provider == DatabaseProvider.Sqlite
                ? Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource)
                : _clusterDir;
            if (dir is not null)
            {
                foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)) Evict(file);
                done.Add("the database's files evicted from the page cache");
            }
        }

        if (Provider == DatabaseProvider.Postgres && _clusterDir is not null)
        {
            Run(Path.Combine(repoRoot, "scripts", "postgres"), $"start {_clusterDir} 55499 durable");
        }

        return done.Count == 0 ? "nothing dropped (a PostgreSQL server not started by the benchmark keeps its buffers)" : string.Join(", ", done);
    }

    private static void Evict(string file)
    {
        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _ = PosixFadvise((int)handle.DangerousGetHandle(), 0, 0, 4);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    // POSIX_FADV_DONTNEED (4): the kernel drops the file's clean pages from its cache.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);

    public ValueTask DisposeAsync()
    {
        // The cluster is left running for the next run of the benchmark (its data is reused); `scripts/postgres stop .tmp/bench/postgres`
        // from the repository's root stops it.
        _ = _clusterDir;
        return ValueTask.CompletedTask;
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed with {process.ExitCode}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
    }
}
