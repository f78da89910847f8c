using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Caseload.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Drift : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DriftSignals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false),
                    FoundAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ClearedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftSignals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DriftSignals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DriftThresholdsVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Json = table.Column<string>(type: "text", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftThresholdsVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_CaseId_Status_DueOn",
                table: "CaseTasks",
                columns: new[] { "CaseId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_CaseId_StruckThroughAt_RecordedAt",
                table: "CaseNotes",
                columns: new[] { "CaseId", "StruckThroughAt", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DriftSignals_CaseId",
                table: "DriftSignals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_DriftSignals_CaseId_Code",
                table: "DriftSignals",
                columns: new[] { "CaseId", "Code" },
                unique: true,
                filter: "\"ClearedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DriftSignals");

            migrationBuilder.DropTable(
                name: "DriftThresholdsVersions");

            migrationBuilder.DropIndex(
                name: "IX_CaseTasks_CaseId_Status_DueOn",
                table: "CaseTasks");

            migrationBuilder.DropIndex(
                name: "IX_CaseNotes_CaseId_StruckThroughAt_RecordedAt",
                table: "CaseNotes");
        }
    }
}
