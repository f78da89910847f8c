using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Service = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleasedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReleaseReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionDestructions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RecordClass = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    ReferredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DestroyedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorisedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PersonDestroyed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionDestructions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionExtensions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionExtensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionExtensions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionScheduleVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionScheduleVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionErasures",
                columns: table => new
                {
                    DestructionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionErasures", x => x.DestructionId);
                    table.ForeignKey(
                        name: "FK_RetentionErasures_RetentionDestructions_DestructionId",
                        column: x => x.DestructionId,
                        principalTable: "RetentionDestructions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_ReleasedAt_PlacedAt",
                table: "LegalHolds",
                columns: new[] { "ReleasedAt", "PlacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionDestructions_CaseId",
                table: "RetentionDestructions",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionDestructions_DestroyedAt",
                table: "RetentionDestructions",
                column: "DestroyedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionExtensions_CaseId_Id",
                table: "RetentionExtensions",
                columns: new[] { "CaseId", "Id" });

            // The append-only guards' one way through, for the destruction of a case (Features/DataProtection/Retention).
            foreach (var sql in Caseload.Features.DataProtection.Retention.RetentionErasureSql.Up(postgres: false)) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Caseload.Features.DataProtection.Retention.RetentionErasureSql.Down(postgres: false)) migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "RetentionErasures");

            migrationBuilder.DropTable(
                name: "RetentionExtensions");

            migrationBuilder.DropTable(
                name: "RetentionScheduleVersions");

            migrationBuilder.DropTable(
                name: "RetentionDestructions");
        }
    }
}
