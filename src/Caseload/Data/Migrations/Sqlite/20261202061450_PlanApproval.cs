using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Approval",
                table: "Plans",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DecidedAt",
                table: "Plans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedById",
                table: "Plans",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedByName",
                table: "Plans",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionComment",
                table: "Plans",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_Approval",
                table: "Plans",
                column: "Approval");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_Approval",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Approval",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "DecidedById",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "DecidedByName",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "DecisionComment",
                table: "Plans");
        }
    }
}
