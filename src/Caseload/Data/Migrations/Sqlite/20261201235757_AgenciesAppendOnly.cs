using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgenciesAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FollowUpTaskId",
                table: "Referrals",
                column: "FollowUpTaskId");

            migrationBuilder.Sql(Caseload.Features.Agencies.AgencyRecordTriggers.Sqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Caseload.Features.Agencies.AgencyRecordTriggers.SqliteDown);

            migrationBuilder.DropIndex(
                name: "IX_Referrals_FollowUpTaskId",
                table: "Referrals");
        }
    }
}
