using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Reviews;

/// <summary>"In the past" is judged on the UK date of the app's clock: half past midnight in July in the UK is still 30 June in UTC.</summary>
public abstract class ReviewUkDateTests(CaseloadApp app)
{
    [Fact]
    public async Task Just_after_uk_midnight_in_summer_yesterday_is_refused_though_it_is_still_today_in_utc()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var caseId = await api.CreateCaseIdAsync(p.UserName);

        var yesterday = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", ReviewsApiTests.Review(nextReviewOn: "2026-06-30"));
        await yesterday.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The date of the next review must be today or in the future", (await yesterday.JsonAsync())["errors"]!["nextReviewOn"]![0]!.GetValue<string>());

        var today = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reviews", ReviewsApiTests.Review(nextReviewOn: "2026-07-01"));
        await today.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("2026-07-01", (await today.JsonAsync())["reviewedOn"]!.GetValue<string>());
    }
}

/// <summary>An app whose clock starts at 00:30 on 1 July 2026 in the UK (23:30 on 30 June in UTC). Started only by the classes that use it.</summary>
public sealed class UkMidnightSqliteApp : SqliteApp
{
    public static readonly DateTimeOffset HalfPastMidnight = new(2026, 6, 30, 23, 30, 0, TimeSpan.Zero);

    protected override DateTimeOffset StartsAt => HalfPastMidnight;
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class UkMidnightPostgresApp : PostgresApp
{
    protected override DateTimeOffset StartsAt => UkMidnightSqliteApp.HalfPastMidnight;
}

public sealed class ReviewUkDateTests_Sqlite(UkMidnightSqliteApp app) : ReviewUkDateTests(app), IClassFixture<UkMidnightSqliteApp>;

public sealed class ReviewUkDateTests_Postgres(UkMidnightPostgresApp app) : ReviewUkDateTests(app), IClassFixture<UkMidnightPostgresApp>;
