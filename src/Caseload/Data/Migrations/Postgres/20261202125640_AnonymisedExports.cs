using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Service = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Include = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    K = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    KAchieved = table.Column<int>(type: "integer", nullable: true),
                    CaseCount = table.Column<int>(type: "integer", nullable: true),
                    NoteCount = table.Column<int>(type: "integer", nullable: true),
                    OutcomeCount = table.Column<int>(type: "integer", nullable: true),
                    GeneralisedRows = table.Column<int>(type: "integer", nullable: true),
                    SuppressedRows = table.Column<int>(type: "integer", nullable: true),
                    ApprovalRequired = table.Column<bool>(type: "boolean", nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovalComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true)
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
