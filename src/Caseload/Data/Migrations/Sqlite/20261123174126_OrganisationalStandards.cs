using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Caseload.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartEvent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Services = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PauseAllowedBy = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Repeats = table.Column<bool>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceStandard", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceStandardVersion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StandardId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    { 1, 639028224000000000L, "Caseload defaults", "early-help-first-contact", 5, null, false, null, "early-help", "Organisational service standard (set locally; not statutory)", "the early help referral was received", "First contact with an early help referral", "WorkingDays", 1 },
                    { 2, 639028224000000000L, "Caseload defaults", "child-protection-visit", 10, null, true, null, "childrens-social-care", "Organisational service standard (set locally; not statutory)", "the previous child protection visit", "Child protection visit", "WorkingDays", 1 },
                    { 3, 639028224000000000L, "Caseload defaults", "careers-guidance-interview", 10, "Local standard: the clock stops while the young person has asked to put the interview off", false, null, "careers-iag", "Organisational service standard (set locally; not statutory)", "the young person was referred for careers guidance", "Careers guidance interview offered", "WorkingDays", 1 }
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
