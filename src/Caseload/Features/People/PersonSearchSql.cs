using Microsoft.EntityFrameworkCore.Migrations;

namespace Caseload.Features.People;

/// <summary>
/// The database's side of person search that EF's model does not describe. On PostgreSQL (the PracticeDay migration) a trigram
/// GIN index on the folded search name answers "any part of the name" (LIKE '%word%') without reading every person (pg_trgm
/// ships with PostgreSQL; creating it needs the rights a migration runs with). SQLite has no index for LIKE on a column; its
/// counterpart (the PersonSearchTrigrams migration) is an FTS5 table with the trigram tokenizer holding each person's folded
/// name and id, kept by triggers on People, which answers LIKE '%word%' from its index for a word of three letters or more.
/// </summary>
public static class PersonSearchSql
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The shortest word the trigram index can find; a shorter one is matched by reading the names.</summary>
    public const int TrigramLength = 3;

    /// <summary>SQLite: the ids of the people whose folded name is LIKE the pattern ({0}), from the trigram table.</summary>
    public const string SqliteWordSql = """SELECT "PersonId" AS "Value" FROM "PeopleSearch" WHERE "SearchName" LIKE {0}""";

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
