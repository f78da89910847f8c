using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContactAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastContactAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewDueOn",
                table: "Cases",
                type: "date",
                nullable: true);

            // Existing notes give existing cases their last contact.
            migrationBuilder.Sql(Caseload.Features.Notes.LastContact.RefreshAllSql(sqlite: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastContactAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ReviewDueOn",
                table: "Cases");
        }
    }
}
