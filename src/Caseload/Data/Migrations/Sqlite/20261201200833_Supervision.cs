using System;
using Caseload.Features.Supervision;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Reflections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Shared = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reflections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reflections_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reflections_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionFrequencyChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PractitionerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EveryWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionFrequencyChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionFrequencyChanges_AspNetUsers_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PractitionerUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PractitionerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SupervisorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SupervisorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NextSessionOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_AspNetUsers_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_AspNetUsers_SupervisorId",
                        column: x => x.SupervisorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReflectionComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReflectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReflectionComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReflectionComments_Reflections_ReflectionId",
                        column: x => x.ReflectionId,
                        principalTable: "Reflections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReflectionSections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReflectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReflectionSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReflectionSections_Reflections_ReflectionId",
                        column: x => x.ReflectionId,
                        principalTable: "Reflections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionResponses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Agreed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionResponses_SupervisionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "SupervisionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionSessionVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WellbeingRating = table.Column<int>(type: "INTEGER", nullable: true),
                    WellbeingNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Workload = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Learning = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NextSessionOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AmendmentReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionSessionVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionSessionVersions_SupervisionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "SupervisionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionCaseDiscussions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Discussion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionCaseDiscussions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionCaseDiscussions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionCaseDiscussions_SupervisionSessionVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "SupervisionSessionVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionCaseDiscussions_SupervisionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "SupervisionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionActions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DiscussionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OwnerUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionActions_CaseTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "CaseTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionActions_SupervisionCaseDiscussions_DiscussionId",
                        column: x => x.DiscussionId,
                        principalTable: "SupervisionCaseDiscussions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReflectionComments_ReflectionId",
                table: "ReflectionComments",
                column: "ReflectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_AuthorId_CreatedAt",
                table: "Reflections",
                columns: new[] { "AuthorId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_CaseId",
                table: "Reflections",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_PersonId",
                table: "Reflections",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReflectionSections_ReflectionId_Section",
                table: "ReflectionSections",
                columns: new[] { "ReflectionId", "Section" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_DiscussionId",
                table: "SupervisionActions",
                column: "DiscussionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_TaskId",
                table: "SupervisionActions",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionCaseDiscussions_CaseId_OccurredOn",
                table: "SupervisionCaseDiscussions",
                columns: new[] { "CaseId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionCaseDiscussions_SessionId",
                table: "SupervisionCaseDiscussions",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionCaseDiscussions_VersionId",
                table: "SupervisionCaseDiscussions",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionFrequencyChanges_PractitionerId_Id",
                table: "SupervisionFrequencyChanges",
                columns: new[] { "PractitionerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionResponses_SessionId_VersionNumber",
                table: "SupervisionResponses",
                columns: new[] { "SessionId", "VersionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_PractitionerId_OccurredOn",
                table: "SupervisionSessions",
                columns: new[] { "PractitionerId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_SupervisorId",
                table: "SupervisionSessions",
                column: "SupervisorId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessionVersions_SessionId_Number",
                table: "SupervisionSessionVersions",
                columns: new[] { "SessionId", "Number" },
                unique: true);

            migrationBuilder.Sql(SupervisionRecordTriggers.Sqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SupervisionRecordTriggers.SqliteDown);

            migrationBuilder.DropTable(
                name: "ReflectionComments");

            migrationBuilder.DropTable(
                name: "ReflectionSections");

            migrationBuilder.DropTable(
                name: "SupervisionActions");

            migrationBuilder.DropTable(
                name: "SupervisionFrequencyChanges");

            migrationBuilder.DropTable(
                name: "SupervisionResponses");

            migrationBuilder.DropTable(
                name: "Reflections");

            migrationBuilder.DropTable(
                name: "SupervisionCaseDiscussions");

            migrationBuilder.DropTable(
                name: "SupervisionSessionVersions");

            migrationBuilder.DropTable(
                name: "SupervisionSessions");
        }
    }
}
