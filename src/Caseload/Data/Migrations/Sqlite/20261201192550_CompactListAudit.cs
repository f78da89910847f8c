using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CompactListAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEventCases",
                columns: table => new
                {
                    AuditEventId = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEventCases", x => new { x.AuditEventId, x.CaseId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEventCases_CaseId",
                table: "AuditEventCases",
                column: "CaseId");

            Caseload.Platform.Audit.CompactListAuditSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Caseload.Platform.Audit.CompactListAuditSql.Down(migrationBuilder);
            migrationBuilder.DropTable(
                name: "AuditEventCases");
        }
    }
}
