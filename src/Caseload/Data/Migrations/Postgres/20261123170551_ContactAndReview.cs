using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContactAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastContactAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewDueOn",
                table: "Cases",
                type: "date",
                nullable: true);

            // Existing notes give existing cases their last contact (the rule as it stood when this migration was written:
            // current, not struck through, a contact type).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "LastContactAt" = (
                  SELECT MAX(v."OccurredAt") FROM "CaseNoteVersions" v JOIN "CaseNotes" n ON n."Id" = v."NoteId"
                  WHERE v."CaseId" = "Cases"."Id" AND v."IsCurrent" = TRUE AND n."StruckThroughAt" IS NULL
                    AND v."Type" IN ('home-visit', 'meeting', 'observation', 'office-school-visit', 'phone-call', 'video-call'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastContactAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ReviewDueOn",
                table: "Cases");
        }
    }
}
