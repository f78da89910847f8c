using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
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
}

public sealed class SqliteCaseloadDbDesignFactory : IDesignTimeDbContextFactory<SqliteCaseloadDb>
{
    public SqliteCaseloadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCaseloadDb>().UseSqlite("Data Source=design.db").Options);
}
