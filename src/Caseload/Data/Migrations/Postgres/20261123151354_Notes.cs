using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Caseload.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StruckThroughAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StruckThroughById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    StruckThroughByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    StruckThroughReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Content = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PresentAndSpokenTo = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WhatHappened = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    WhatWasDone = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    AgreedNextSteps = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    SafeguardingConcern = table.Column<bool>(type: "boolean", nullable: false),
                    ConfidentialityExplained = table.Column<bool>(type: "boolean", nullable: false),
                    IsLateEntry = table.Column<bool>(type: "boolean", nullable: false),
                    LateEntryReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AmendmentReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FindingsShown = table.Column<int>(type: "integer", nullable: false),
                    FindingsAtSave = table.Column<int>(type: "integer", nullable: false),
                    ObjectivityReview = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The full-text index of case notes, as created above.
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_CaseNoteVersions_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "CaseNoteVersions" DROP COLUMN IF EXISTS "SearchVector";""");

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
