using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Caseload.Data;

public sealed class PostgresCaseloadDb(DbContextOptions<PostgresCaseloadDb> options) : CaseloadDb(options);

public sealed class PostgresCaseloadDbDesignFactory : IDesignTimeDbContextFactory<PostgresCaseloadDb>
{
    public PostgresCaseloadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCaseloadDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
