using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonDetailsAndDataProtectionRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "SubjectAccessRedactions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "SubjectAccessRedactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnByName",
                table: "SubjectAccessRedactions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ethnicity",
                table: "People",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Postcode",
                table: "People",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sex",
                table: "People",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ExpiredAt",
                table: "AnonymisedExports",
                type: "INTEGER",
                nullable: true);

            // Evidence written once: the bundle as sent, and a note version's finding counts (deleted only by a destruction).
            migrationBuilder.Sql(Caseload.Features.DataProtection.EvidenceTriggers.Sqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Caseload.Features.DataProtection.EvidenceTriggers.SqliteDown);

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "SubjectAccessRedactions");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "SubjectAccessRedactions");

            migrationBuilder.DropColumn(
                name: "WithdrawnByName",
                table: "SubjectAccessRedactions");

            migrationBuilder.DropColumn(
                name: "Ethnicity",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Postcode",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Sex",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ExpiredAt",
                table: "AnonymisedExports");
        }
    }
}
