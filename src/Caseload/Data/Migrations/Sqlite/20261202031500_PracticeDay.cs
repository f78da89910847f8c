using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PracticeDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "People",
                type: "TEXT",
                maxLength: 201,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_People_DateOfBirth",
                table: "People",
                column: "DateOfBirth");

            Caseload.Features.People.PersonSearchSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Caseload.Features.People.PersonSearchSql.Down(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_People_DateOfBirth",
                table: "People");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "People");
        }
    }
}
