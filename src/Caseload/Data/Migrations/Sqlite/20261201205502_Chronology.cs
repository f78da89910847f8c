using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Chronology : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChronologyMarks",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Significant = table.Column<bool>(type: "INTEGER", nullable: false),
                    MarkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MarkedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MarkedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UnmarkedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnmarkedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UnmarkedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyMarks", x => new { x.CaseId, x.Kind, x.SourceId });
                    table.ForeignKey(
                        name: "FK_ChronologyMarks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChronologyMarks");
        }
    }
}
