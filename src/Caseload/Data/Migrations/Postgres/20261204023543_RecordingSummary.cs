using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecordingSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The recording report's counts by day, filled from the notes already saved, and the triggers that keep them (RecordingSummarySql).
            foreach (var statement in Caseload.Features.Reports.RecordingSummarySql.Up(postgres: true)) migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Caseload.Features.Reports.RecordingSummarySql.Down(postgres: true)) migrationBuilder.Sql(statement);
        }
    }
}
