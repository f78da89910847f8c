using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonSearchTrigrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite's counterpart of PostgreSQL's trigram index on the folded search name (see PersonSearchSql), as it stood when
            // this migration was written. The table keeps its own copy of the name with the person's id: People's rowid is not
            // an alias of its key, so a VACUUM could renumber it under an external-content table.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PeopleSearch" USING fts5("SearchName", "PersonId" UNINDEXED, tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                INSERT INTO "PeopleSearch"("SearchName", "PersonId") SELECT "SearchName", "Id" FROM "People";
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "People_search_insert" AFTER INSERT ON "People" BEGIN
                    INSERT INTO "PeopleSearch"("SearchName", "PersonId") VALUES (new."SearchName", new."Id");
                END;
                """);
            // The old row is found by its name through the index (a folded name holds letters, digits and spaces only, nothing
            // LIKE treats specially), then by id.
            migrationBuilder.Sql("""
                CREATE TRIGGER "People_search_delete" AFTER DELETE ON "People" BEGIN
                    DELETE FROM "PeopleSearch" WHERE "SearchName" LIKE old."SearchName" AND "PersonId" = old."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "People_search_update" AFTER UPDATE OF "SearchName", "Id" ON "People" BEGIN
                    DELETE FROM "PeopleSearch" WHERE "SearchName" LIKE old."SearchName" AND "PersonId" = old."Id";
                    INSERT INTO "PeopleSearch"("SearchName", "PersonId") VALUES (new."SearchName", new."Id");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "People_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "People_search_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "People_search_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "PeopleSearch";""");
        }
    }
}
