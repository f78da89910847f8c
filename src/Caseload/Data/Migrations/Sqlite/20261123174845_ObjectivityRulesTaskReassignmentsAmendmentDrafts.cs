using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ObjectivityRulesTaskReassignmentsAmendmentDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseTaskReassignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromOwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FromOwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ToOwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ToOwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseTaskReassignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseTaskReassignments_CaseTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "CaseTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseTaskReassignments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoteAmendmentDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteAmendmentDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteAmendmentDrafts_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteAmendmentDrafts_CaseNotes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "CaseNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteAmendmentDrafts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ObjectivityRuleVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    BuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Phrases = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Exceptions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Suggestion = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectivityRuleVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseTaskReassignments_CaseId_At",
                table: "CaseTaskReassignments",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseTaskReassignments_TaskId",
                table: "CaseTaskReassignments",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteAmendmentDrafts_AuthorId_NoteId",
                table: "NoteAmendmentDrafts",
                columns: new[] { "AuthorId", "NoteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteAmendmentDrafts_CaseId",
                table: "NoteAmendmentDrafts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteAmendmentDrafts_NoteId",
                table: "NoteAmendmentDrafts",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectivityRuleVersions_IsCurrent",
                table: "ObjectivityRuleVersions",
                column: "IsCurrent");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectivityRuleVersions_RuleId_Number",
                table: "ObjectivityRuleVersions",
                columns: new[] { "RuleId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseTaskReassignments");

            migrationBuilder.DropTable(
                name: "NoteAmendmentDrafts");

            migrationBuilder.DropTable(
                name: "ObjectivityRuleVersions");
        }
    }
}
