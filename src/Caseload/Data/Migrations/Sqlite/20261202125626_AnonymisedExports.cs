using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnonymisedExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnonymisedExports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Include = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    K = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    KAchieved = table.Column<int>(type: "INTEGER", nullable: true),
                    CaseCount = table.Column<int>(type: "INTEGER", nullable: true),
                    NoteCount = table.Column<int>(type: "INTEGER", nullable: true),
                    OutcomeCount = table.Column<int>(type: "INTEGER", nullable: true),
                    GeneralisedRows = table.Column<int>(type: "INTEGER", nullable: true),
                    SuppressedRows = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovalRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovalComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnonymisedExports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnonymisedExports_RequestedById_RequestedAt",
                table: "AnonymisedExports",
                columns: new[] { "RequestedById", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AnonymisedExports_Status_RequestedAt",
                table: "AnonymisedExports",
                columns: new[] { "Status", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnonymisedExports");
        }
    }
}
