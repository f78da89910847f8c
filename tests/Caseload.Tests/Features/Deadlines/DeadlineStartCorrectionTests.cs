using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Deadlines;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>A corrected start date is checked as a new one is: a year like 0001 or 9999 is refused, naming the field, and nothing is stored.</summary>
public abstract class DeadlineStartCorrectionTests(CaseloadApp app)
{
    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2020-01-01")]
    [InlineData("2028-01-01")]
    public async Task A_start_date_out_of_range_is_refused_naming_the_field_and_nothing_is_stored(string startDate)
    {
        var p = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(p);
        var caseId = await api.CreateCaseIdAsync(p.UserName, service: "childrens-social-care");
        var created = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadlines", new { timescale = "child-and-family-assessment", startDate = "2026-11-16" });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await created.JsonAsync())["id"]!.GetValue<Guid>();
        var before = await app.WithDbAsync(db => db.Set<CaseDeadline>().AsNoTracking().Where(d => d.Id == id).Select(d => new { d.StartDate, d.DueDate, d.Version }).SingleAsync());

        var response = await api.PatchJsonAsync($"/api/v1/cases/{caseId}/deadlines/{id}", new { startDate, reason = "Referral date was wrong" }, "\"1\"");

        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Contains("startDate", errors.Select(e => e.Key));
        var after = await app.WithDbAsync(db => db.Set<CaseDeadline>().AsNoTracking().Where(d => d.Id == id).Select(d => new { d.StartDate, d.DueDate, d.Version }).SingleAsync());
        Assert.Equal(before, after);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<DeadlineChange>().CountAsync(c => c.DeadlineId == id)));
    }
}

public sealed class DeadlineStartCorrectionTests_Sqlite(SqliteApp app) : DeadlineStartCorrectionTests(app);

public sealed class DeadlineStartCorrectionTests_Postgres(PostgresApp app) : DeadlineStartCorrectionTests(app);
