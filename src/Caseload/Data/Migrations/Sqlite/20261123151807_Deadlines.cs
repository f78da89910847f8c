using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Deadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BankHolidayUpload",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankHolidayUpload", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseDeadline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimescaleCode = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsStatutory = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MetOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MissedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PauseReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PausedFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PausedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDeadline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseDeadline_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeadlineChange",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeadlineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadlineChange", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeadlineChange_CaseDeadline_DeadlineId",
                        column: x => x.DeadlineId,
                        principalTable: "CaseDeadline",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDeadline_CaseId_MetOn_DueDate",
                table: "CaseDeadline",
                columns: new[] { "CaseId", "MetOn", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineChange_DeadlineId",
                table: "DeadlineChange",
                column: "DeadlineId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankHolidayUpload");

            migrationBuilder.DropTable(
                name: "DeadlineChange");

            migrationBuilder.DropTable(
                name: "CaseDeadline");
        }
    }
}
