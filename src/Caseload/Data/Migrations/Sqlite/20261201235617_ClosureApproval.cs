using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClosureApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CapacityEscalationActions_OwnerId",
                table: "CapacityEscalationActions");

            migrationBuilder.RenameColumn(
                name: "Done",
                table: "CapacityEscalationActions",
                newName: "Version");

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "CapacityEscalationActions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedByName",
                table: "CapacityEscalationActions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "CapacityEscalationActions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "CapacityEscalationActions",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "TaskId",
                table: "CapacityEscalationActions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Actions agreed before this migration become open tasks with their own ids, before the unique index on TaskId.
            Caseload.Features.Capacity.Escalations.EscalationActionTasks.BackfillExisting(migrationBuilder);

            migrationBuilder.CreateTable(
                name: "ClosureRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosureRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClosureRequests_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalationActions_OwnerId_Status_DueOn",
                table: "CapacityEscalationActions",
                columns: new[] { "OwnerId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalationActions_TaskId",
                table: "CapacityEscalationActions",
                column: "TaskId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClosureRequests_CaseId",
                table: "ClosureRequests",
                column: "CaseId",
                unique: true,
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_ClosureRequests_Status",
                table: "ClosureRequests",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClosureRequests");

            migrationBuilder.DropIndex(
                name: "IX_CapacityEscalationActions_OwnerId_Status_DueOn",
                table: "CapacityEscalationActions");

            migrationBuilder.DropIndex(
                name: "IX_CapacityEscalationActions_TaskId",
                table: "CapacityEscalationActions");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "CapacityEscalationActions");

            migrationBuilder.DropColumn(
                name: "ClosedByName",
                table: "CapacityEscalationActions");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "CapacityEscalationActions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "CapacityEscalationActions");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "CapacityEscalationActions");

            migrationBuilder.RenameColumn(
                name: "Version",
                table: "CapacityEscalationActions",
                newName: "Done");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalationActions_OwnerId",
                table: "CapacityEscalationActions",
                column: "OwnerId");
        }
    }
}
