using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Caseload.Data;

public sealed class SqliteCaseloadDb(DbContextOptions<SqliteCaseloadDb> options) : CaseloadDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; instants are stored as UTC ticks so they sort and filter in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    /// <summary>The app's SQLite options, wherever a context is made (the app, its start-up migration, the benchmarks).</summary>
    public static TBuilder Configure<TBuilder>(TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connectionString).AddInterceptors(MemoryMapped.Instance);
        return options;
    }

    /// <summary>
    /// Reads the file through memory mapping on each connection as it opens. In WAL mode a connection drops its page cache
    /// whenever another has written (every audited read writes), and without mapping each page it needs again is a system
    /// call to copy; mapped, it is a memory read. The size is a ceiling on the address space, not memory taken.
    /// </summary>
    private sealed class MemoryMapped : DbConnectionInterceptor
    {
        public static readonly MemoryMapped Instance = new();
        private const string Pragma = "PRAGMA mmap_size=1073741824;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

public sealed class SqliteCaseloadDbDesignFactory : IDesignTimeDbContextFactory<SqliteCaseloadDb>
{
    public SqliteCaseloadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCaseloadDb>().UseSqlite("Data Source=design.db").Options);
}
