using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastContactAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewDueOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            // Existing notes give existing cases their last contact.
            migrationBuilder.Sql(Caseload.Features.Notes.LastContact.RefreshAllSql(sqlite: true));
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
