using System.Net;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.Capacity;

/// <summary>
/// Each open case's points stored on it: kept in step by every save that changes what the scheme weighs, never shown stale
/// when weighed under another scheme (weighed live instead), and re-weighed by the background job.
/// </summary>
public abstract class CaseWeightsTests(CaseloadApp app)
{
    private string Stamp => app.Services.GetRequiredService<WeightingSettings>().Rules.Stamp;

    private async Task<(int? Tenths, string? Stamp)> StoredAsync(Guid caseId)
    {
        var stored = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => new { c.WeightTenths, c.WeightStamp }).SingleAsync());
        return (stored.WeightTenths, stored.WeightStamp);
    }

    [Fact]
    public async Task A_cases_stored_points_follow_its_complexity_the_persons_characteristics_and_its_co_workers()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        Assert.Equal((40, Stamp), await StoredAsync(team.CaseId));

        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).Select(c => c.Version).SingleAsync());
        var changed = await team.PractitionerApi.PatchJsonAsync($"/api/v1/cases/{team.CaseId}", new { complexity = "high", complexityReason = "Police now involved" }, $"\"{version}\"");
        await changed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal((60, Stamp), await StoredAsync(team.CaseId));

        var personId = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).Select(c => c.PersonId).SingleAsync());
        await app.WithDbAsync(db =>
        {
            db.PersonCharacteristics.Add(new PersonCharacteristic { PersonId = personId, Code = Characteristics.ChildProtectionPlan });
            return db.SaveChangesAsync();
        });
        Assert.Equal((80, Stamp), await StoredAsync(team.CaseId));

        var other = await app.CreateUserAsync(Roles.Practitioner, team.TeamId);
        await app.WithDbAsync(db =>
        {
            db.CaseCoWorkers.Add(new CaseCoWorker { CaseId = team.CaseId, UserId = other.Id });
            return db.SaveChangesAsync();
        });
        // Co-worked by two: each carries half.
        Assert.Equal((40, Stamp), await StoredAsync(team.CaseId));
    }

    [Fact]
    public async Task Points_weighed_under_another_scheme_are_weighed_live_until_the_job_stores_them_again()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        // As if weighed under an older scheme: a figure no current rule gives.
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WeightTenths, 999).SetProperty(c => c.WeightStamp, "older-scheme")));

        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal(4m, (await scope.ServiceProvider.GetRequiredService<CapacityService>().FiguresAsync(team.Practitioner.Id)).Load);
        }

        var row = (await (await team.SupervisorApi.GetAsync(new Uri("/api/v1/capacity", UriKind.Relative))).JsonAsync())["items"]!.AsArray()
            .Single(r => r!["userName"]!.GetValue<string>() == team.Practitioner.UserName)!;
        Assert.Equal(4m, row["loadPoints"]!.GetValue<decimal>());

        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await ActivatorUtilities.CreateInstance<CaseWeightJob>(scope.ServiceProvider).ReweighStaleAsync() >= 1);
        }

        Assert.Equal((40, Stamp), await StoredAsync(team.CaseId));
    }
}

public sealed class CaseWeightsTests_Sqlite(SqliteApp app) : CaseWeightsTests(app);

public sealed class CaseWeightsTests_Postgres(PostgresApp app) : CaseWeightsTests(app);
