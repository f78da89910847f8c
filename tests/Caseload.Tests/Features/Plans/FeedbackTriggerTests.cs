using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Closure;
using Caseload.Features.Plans;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Plans;

/// <summary>The database's own guard (FeedbackTriggers) on each database: feedback and closing outcomes never change, a link only once, when used.</summary>
public abstract class FeedbackTriggerTests(CaseloadApp app)
{
    private static void AssertRefused(Exception? refused, string refusal, string what)
    {
        Assert.True(refused is not null, $"{what} was allowed");
        Assert.True(refused.ToString().Contains(refusal, StringComparison.Ordinal), $"{what} failed for another reason: {refused}");
    }

    [Fact]
    public void The_sqlite_trigger_names_every_column_of_a_link_but_its_use()
    {
        var columns = app.WithDb(db => db.Model.FindEntityType(typeof(FeedbackLink))!.GetProperties().Select(p => p.GetColumnName()).ToHashSet());
        Assert.Equal(columns.Order(StringComparer.Ordinal), FeedbackTriggers.LinkColumns.Append("UsedAt").Append("FeedbackId").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Feedback_outcomes_and_links_cannot_be_rewritten_or_deleted()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var caseId = await api.CreateCaseIdAsync(p.UserName);
        var plan = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plans", PlansApiTests.Plan("Mum"))).JsonAsync();
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/feedback", FeedbackTests.Feedback())).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PostAsync(new Uri($"/api/v1/cases/{caseId}/feedback-links", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/close",
            new { reason = "Moved away", goalOutcomes = new[] { new { goalId = plan["goals"]![0]!["id"]!.GetValue<Guid>(), outcome = "partly-achieved" } } })).ShouldBeAsync(HttpStatusCode.OK);

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""UPDATE "CaseFeedback" SET "Rating" = 1 WHERE "CaseId" = {caseId}"""))), FeedbackTriggers.Refusal, "Changing a rating");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""DELETE FROM "CaseFeedback" WHERE "CaseId" = {caseId}"""))), FeedbackTriggers.Refusal, "Deleting feedback");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""UPDATE "GoalOutcomes" SET "Outcome" = 'achieved' WHERE "CaseId" = {caseId}"""))), FeedbackTriggers.Refusal, "Changing an outcome");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""UPDATE "FeedbackLinks" SET "ExpiresAt" = "ExpiresAt" WHERE "CaseId" = {caseId}"""))), FeedbackTriggers.LinkRefusal, "Touching an unused link without using it");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""DELETE FROM "FeedbackLinks" WHERE "CaseId" = {caseId}"""))), FeedbackTriggers.LinkRefusal, "Deleting a link");
        Assert.Equal((4, "partly-achieved"), await app.WithDbAsync(async db => (
            await db.Set<CaseFeedback>().Where(f => f.CaseId == caseId).Select(f => f.Rating).SingleAsync(),
            await db.Set<GoalOutcome>().Where(o => o.CaseId == caseId).Select(o => o.Outcome).SingleAsync())));
    }
}

public sealed class FeedbackTriggerTests_Sqlite(SqliteApp app) : FeedbackTriggerTests(app);

public sealed class FeedbackTriggerTests_Postgres(PostgresApp app) : FeedbackTriggerTests(app);
