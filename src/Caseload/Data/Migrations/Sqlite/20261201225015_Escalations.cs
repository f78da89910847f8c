using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Escalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CapacityEscalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<string>(type: "TEXT", nullable: false),
                    PractitionerUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PractitionerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RaisedById = table.Column<string>(type: "TEXT", nullable: true),
                    RaisedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LoadPoints = table.Column<decimal>(type: "TEXT", precision: 8, scale: 1, nullable: false),
                    CapacityPoints = table.Column<decimal>(type: "TEXT", precision: 8, scale: 1, nullable: false),
                    Utilisation = table.Column<decimal>(type: "TEXT", precision: 8, scale: 3, nullable: true),
                    Band = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RecipientId = table.Column<string>(type: "TEXT", nullable: true),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RespondBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RespondedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AdjustmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityEscalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapacityEscalations_AspNetUsers_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CapacityEscalationActions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EscalationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Done = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityEscalationActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapacityEscalationActions_CapacityEscalations_EscalationId",
                        column: x => x.EscalationId,
                        principalTable: "CapacityEscalations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CapacityEscalationSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EscalationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ToId = table.Column<string>(type: "TEXT", nullable: true),
                    ToName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Why = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityEscalationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapacityEscalationSteps_CapacityEscalations_EscalationId",
                        column: x => x.EscalationId,
                        principalTable: "CapacityEscalations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalationActions_EscalationId",
                table: "CapacityEscalationActions",
                column: "EscalationId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalationActions_OwnerId",
                table: "CapacityEscalationActions",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalations_PractitionerId_Status",
                table: "CapacityEscalations",
                columns: new[] { "PractitionerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalations_RecipientId_Status",
                table: "CapacityEscalations",
                columns: new[] { "RecipientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalations_Status_RespondBy",
                table: "CapacityEscalations",
                columns: new[] { "Status", "RespondBy" });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalationSteps_EscalationId",
                table: "CapacityEscalationSteps",
                column: "EscalationId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityEscalationSteps_ToId",
                table: "CapacityEscalationSteps",
                column: "ToId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CapacityEscalationActions");

            migrationBuilder.DropTable(
                name: "CapacityEscalationSteps");

            migrationBuilder.DropTable(
                name: "CapacityEscalations");
        }
    }
}
