using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanFeedbackOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReasonCode",
                table: "ClosureRequests",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureReasonCode",
                table: "Cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Helped = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CouldBeBetter = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseFeedback_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FeedbackId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackLinks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoalOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosureRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoalOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoalOutcomes_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GoalOutcomes_ClosureRequests_ClosureRequestId",
                        column: x => x.ClosureRequestId,
                        principalTable: "ClosureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GoalOutcomes_PlanGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "PlanGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackGoalViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedbackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    View = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackGoalViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackGoalViews_CaseFeedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "CaseFeedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackGoalViews_PlanGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "PlanGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFeedback_CaseId",
                table: "CaseFeedback",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackGoalViews_FeedbackId",
                table: "FeedbackGoalViews",
                column: "FeedbackId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackGoalViews_GoalId",
                table: "FeedbackGoalViews",
                column: "GoalId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackLinks_CaseId",
                table: "FeedbackLinks",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackLinks_TokenHash",
                table: "FeedbackLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GoalOutcomes_CaseId",
                table: "GoalOutcomes",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_GoalOutcomes_ClosureRequestId",
                table: "GoalOutcomes",
                column: "ClosureRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_GoalOutcomes_GoalId",
                table: "GoalOutcomes",
                column: "GoalId");

            migrationBuilder.Sql(Caseload.Features.Plans.FeedbackTriggers.Sqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Caseload.Features.Plans.FeedbackTriggers.SqliteDown);

            migrationBuilder.DropTable(
                name: "FeedbackGoalViews");

            migrationBuilder.DropTable(
                name: "FeedbackLinks");

            migrationBuilder.DropTable(
                name: "GoalOutcomes");

            migrationBuilder.DropTable(
                name: "CaseFeedback");

            migrationBuilder.DropColumn(
                name: "ReasonCode",
                table: "ClosureRequests");

            migrationBuilder.DropColumn(
                name: "ClosureReasonCode",
                table: "Cases");
        }
    }
}
