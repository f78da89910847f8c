using Microsoft.EntityFrameworkCore.Migrations;

namespace Caseload.Features.People;

/// <summary>
/// The database's side of person search that EF's model does not describe, called by the PracticeDay migration. On PostgreSQL a
/// trigram GIN index on the folded search name answers "any part of the name" (LIKE '%word%') without reading every person
/// (pg_trgm ships with PostgreSQL; creating it needs the rights a migration runs with). SQLite has no such index for LIKE: it
/// scans the one narrow column, which the benchmark shows is within the budget at 100,000 people.
/// </summary>
public static class PersonSearchSql
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider != Postgres) return;
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        migrationBuilder.Sql("""CREATE INDEX "IX_People_SearchName_trgm" ON "People" USING gin ("SearchName" gin_trgm_ops);""");
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider != Postgres) return;
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_People_SearchName_trgm";""");
    }
}
