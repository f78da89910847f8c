using Microsoft.EntityFrameworkCore.Migrations;

namespace Caseload.Features.Notes.Search;

/// <summary>
/// The full-text index of case notes, which EF's model does not describe: an FTS5 table kept by triggers on SQLite, a
/// generated tsvector column with a GIN index on PostgreSQL. The Notes migration of each provider calls
/// <see cref="Up"/> and <see cref="Down"/> in one line, so it can be regenerated and the line added back.
/// Only the text of current versions is searched; the index holds every version and the query filters.
/// </summary>
public static class NoteSearchSql
{
    public const string FtsTable = "CaseNoteSearch";

    /// <summary>The FTS5 columns that hold words of the note (the case key is not one of them).</summary>
    public const string TextColumns = "PresentAndSpokenTo WhatHappened WhatWasDone AgreedNextSteps Outcome";

    public static void Up(MigrationBuilder migrationBuilder, bool isSqlite)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (isSqlite)
        {
            // External content: the words stay in CaseNoteVersions; the index adds the case as one token ("k" + the id's
            // hex digits) so a search within a practitioner's few cases is an intersection inside the index.
            migrationBuilder.Sql("""
                CREATE VIEW "CaseNoteSearchSource" AS
                SELECT "Id", "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome",
                       'k' || lower(replace("CaseId", '-', '')) AS "CaseKey"
                FROM "CaseNoteVersions";
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CaseNoteSearch" USING fts5(
                    "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome", "CaseKey",
                    content='CaseNoteSearchSource', content_rowid='Id',
                    tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseNoteVersions_search_insert" AFTER INSERT ON "CaseNoteVersions" BEGIN
                    INSERT INTO "CaseNoteSearch"(rowid, "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome", "CaseKey")
                    VALUES (new."Id", new."PresentAndSpokenTo", new."WhatHappened", new."WhatWasDone", new."AgreedNextSteps", new."Outcome",
                            'k' || lower(replace(new."CaseId", '-', '')));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseNoteVersions_search_delete" AFTER DELETE ON "CaseNoteVersions" BEGIN
                    INSERT INTO "CaseNoteSearch"("CaseNoteSearch", rowid, "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome", "CaseKey")
                    VALUES ('delete', old."Id", old."PresentAndSpokenTo", old."WhatHappened", old."WhatWasDone", old."AgreedNextSteps", old."Outcome",
                            'k' || lower(replace(old."CaseId", '-', '')));
                END;
                """);
            // Versions are never rewritten; if one ever were, the index follows.
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseNoteVersions_search_update"
                AFTER UPDATE OF "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome", "CaseId" ON "CaseNoteVersions" BEGIN
                    INSERT INTO "CaseNoteSearch"("CaseNoteSearch", rowid, "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome", "CaseKey")
                    VALUES ('delete', old."Id", old."PresentAndSpokenTo", old."WhatHappened", old."WhatWasDone", old."AgreedNextSteps", old."Outcome",
                            'k' || lower(replace(old."CaseId", '-', '')));
                    INSERT INTO "CaseNoteSearch"(rowid, "PresentAndSpokenTo", "WhatHappened", "WhatWasDone", "AgreedNextSteps", "Outcome", "CaseKey")
                    VALUES (new."Id", new."PresentAndSpokenTo", new."WhatHappened", new."WhatWasDone", new."AgreedNextSteps", new."Outcome",
                            'k' || lower(replace(new."CaseId", '-', '')));
                END;
                """);
        }
        else
        {
            // Weights: what happened (A), what was done and the outcome (B), who was there and the next steps (C).
            // Columns used here cannot change type while the generated column depends on them.
            migrationBuilder.Sql("""
                ALTER TABLE "CaseNoteVersions" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, coalesce("WhatHappened", '')), 'A') ||
                    setweight(to_tsvector('english'::regconfig, coalesce("WhatWasDone", '') || ' ' || coalesce("Outcome", '')), 'B') ||
                    setweight(to_tsvector('english'::regconfig, coalesce("PresentAndSpokenTo", '') || ' ' || coalesce("AgreedNextSteps", '')), 'C')
                ) STORED;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_CaseNoteVersions_SearchVector" ON "CaseNoteVersions" USING GIN ("SearchVector") WHERE "IsCurrent";
                """);
        }
    }

    public static void Down(MigrationBuilder migrationBuilder, bool isSqlite)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (isSqlite)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseNoteVersions_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseNoteVersions_search_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseNoteVersions_search_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "CaseNoteSearch";""");
            migrationBuilder.Sql("""DROP VIEW IF EXISTS "CaseNoteSearchSource";""");
        }
        else
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_CaseNoteVersions_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "CaseNoteVersions" DROP COLUMN IF EXISTS "SearchVector";""");
        }
    }
}
