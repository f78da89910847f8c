using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Caseload.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationalStandards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServiceStandard",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartEvent = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Length = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Services = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PauseAllowedBy = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Repeats = table.Column<bool>(type: "boolean", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceStandard", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceStandardVersion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StandardId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceStandardVersion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceStandardVersion_ServiceStandard_StandardId",
                        column: x => x.StandardId,
                        principalTable: "ServiceStandard",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "ServiceStandard",
                columns: new[] { "Id", "ChangedAt", "ChangedByName", "Code", "Length", "PauseAllowedBy", "Repeats", "RetiredAt", "Services", "Source", "StartEvent", "Title", "Unit", "Version" },
                values: new object[,]
                {
                    { 1, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Caseload defaults", "early-help-first-contact", 5, null, false, null, "early-help", "Organisational service standard (set locally; not statutory)", "the early help referral was received", "First contact with an early help referral", "WorkingDays", 1 },
                    { 2, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Caseload defaults", "child-protection-visit", 10, null, true, null, "childrens-social-care", "Organisational service standard (set locally; not statutory)", "the previous child protection visit", "Child protection visit", "WorkingDays", 1 },
                    { 3, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Caseload defaults", "careers-guidance-interview", 10, "Local standard: the clock stops while the young person has asked to put the interview off", false, null, "careers-iag", "Organisational service standard (set locally; not statutory)", "the young person was referred for careers guidance", "Careers guidance interview offered", "WorkingDays", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceStandard_Code",
                table: "ServiceStandard",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceStandardVersion_StandardId_Version",
                table: "ServiceStandardVersion",
                columns: new[] { "StandardId", "Version" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServiceStandardVersion");

            migrationBuilder.DropTable(
                name: "ServiceStandard");
        }
    }
}
