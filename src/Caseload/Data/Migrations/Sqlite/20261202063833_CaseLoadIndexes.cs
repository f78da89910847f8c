using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseLoadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_AllocatedToId_Service_Status",
                table: "Cases",
                columns: new[] { "AllocatedToId", "Service", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Load",
                table: "Cases",
                columns: new[] { "Status", "AllocatedToId", "Service", "Risk", "WeightStamp", "WeightTenths", "Id" });

            // Statistics for the new indexes now, so no query is planned without them until the next analysis.
            migrationBuilder.Sql("ANALYZE \"Cases\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AllocatedToId_Service_Status",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Load",
                table: "Cases");
        }
    }
}
