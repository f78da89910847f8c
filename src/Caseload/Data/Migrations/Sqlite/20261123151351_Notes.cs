using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StruckThroughAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StruckThroughById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    StruckThroughByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    StruckThroughReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseNotes_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseNotes_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoteDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteDrafts_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteDrafts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseNoteVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PresentAndSpokenTo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    WhatWasDone = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    AgreedNextSteps = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    SafeguardingConcern = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfidentialityExplained = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsLateEntry = table.Column<bool>(type: "INTEGER", nullable: false),
                    LateEntryReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AmendmentReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FindingsShown = table.Column<int>(type: "INTEGER", nullable: false),
                    FindingsAtSave = table.Column<int>(type: "INTEGER", nullable: false),
                    ObjectivityReview = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNoteVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseNoteVersions_CaseNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "CaseNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseNoteVersions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseTasks_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseTasks_CaseNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "CaseNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseTasks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_AuthorId",
                table: "CaseNotes",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_CaseId",
                table: "CaseNotes",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseNoteVersions_AuthorId_RecordedAt",
                table: "CaseNoteVersions",
                columns: new[] { "AuthorId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNoteVersions_CaseId_IsCurrent_OccurredAt",
                table: "CaseNoteVersions",
                columns: new[] { "CaseId", "IsCurrent", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNoteVersions_NoteId_Number",
                table: "CaseNoteVersions",
                columns: new[] { "NoteId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_CaseId",
                table: "CaseTasks",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_NoteId",
                table: "CaseTasks",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_OwnerId_Status_DueOn",
                table: "CaseTasks",
                columns: new[] { "OwnerId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteDrafts_AuthorId_CaseId",
                table: "NoteDrafts",
                columns: new[] { "AuthorId", "CaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteDrafts_CaseId",
                table: "NoteDrafts",
                column: "CaseId");

            // The full-text index of case notes as it stood when this migration was written, frozen here so that a later change
            // to the search code cannot change what this migration does.
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The full-text index of case notes, as created above.
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseNoteVersions_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseNoteVersions_search_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseNoteVersions_search_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "CaseNoteSearch";""");
            migrationBuilder.Sql("""DROP VIEW IF EXISTS "CaseNoteSearchSource";""");

            migrationBuilder.DropTable(
                name: "CaseNoteVersions");

            migrationBuilder.DropTable(
                name: "CaseTasks");

            migrationBuilder.DropTable(
                name: "NoteDrafts");

            migrationBuilder.DropTable(
                name: "CaseNotes");
        }
    }
}
