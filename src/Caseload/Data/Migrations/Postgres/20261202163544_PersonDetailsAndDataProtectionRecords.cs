using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Postgres
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
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "SubjectAccessRedactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnByName",
                table: "SubjectAccessRedactions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ethnicity",
                table: "People",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Postcode",
                table: "People",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sex",
                table: "People",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "People",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiredAt",
                table: "AnonymisedExports",
                type: "timestamp with time zone",
                nullable: true);

            // Evidence written once: the bundle as sent, and a note version's finding counts (deleted only by a destruction,
            // through the erasing function, which now lists the counts' table too).
            migrationBuilder.Sql(Caseload.Features.DataProtection.EvidenceTriggers.Postgres);
            migrationBuilder.Sql(Caseload.Features.DataProtection.Retention.RetentionErasureSql.EraseRowsFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Caseload.Features.DataProtection.EvidenceTriggers.PostgresDown);

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
