using System.Net;
using Caseload.Features.DataProtection.Audit;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Tests.Features.DataProtection.Audit;

/// <summary>
/// The audit trail sealed in chained batches, verified by the DPO, and a row altered behind the app's back (as a database
/// superuser would: the append-only triggers set aside) reported as the first broken batch. The test tampers with the trail,
/// so its class has an app of its own.
/// </summary>
public abstract class AuditSealTests(CaseloadApp app)
{
    private async Task<int> SealAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditSeals>().SealAsync();
    }

    /// <summary>Changes an audit event's details directly in the database, setting the append-only triggers aside for the change only.</summary>
    private Task<int> TamperAsync(long eventId, string details) => app.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.IsNpgsql())
            {
                // A superuser's session may skip triggers; the app's own role may not (AppRoleGrants).
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = replica");
                await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Details\" = {details} WHERE \"Id\" = {eventId}");
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = origin");
                return 0;
            }

            await using var tx = await db.Database.BeginTransactionAsync();
            var triggers = await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvents'").ToListAsync();
            var names = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvents'").ToListAsync();
            Assert.NotEmpty(names);
#pragma warning disable EF1002 // trigger names and definitions read from the database's own catalogue
            foreach (var name in names) await db.Database.ExecuteSqlRawAsync($"DROP TRIGGER \"{name}\"");
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEvents SET Details = {details} WHERE Id = {eventId}");
            foreach (var sql in triggers) await db.Database.ExecuteSqlRawAsync(sql);
#pragma warning restore EF1002
            await tx.CommitAsync();
            return 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    [Fact]
    public async Task Sealed_batches_verify_until_a_row_is_altered_in_the_database_and_then_the_first_broken_batch_is_reported()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        var api = await app.ClientForAsync(practitioner);
        var caseId = await api.CreateCaseIdAsync(practitioner.UserName);
        await (await api.GetAsync($"/api/v1/cases/{caseId}")).ShouldBeAsync(HttpStatusCode.OK);
        var dpoUser = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        var dpo = await app.ClientForAsync(dpoUser);
        await (await api.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.Forbidden);

        Assert.True(await SealAsync() >= 1);
        Assert.Equal(0, await SealAsync()); // nothing left to seal
        var seals = await app.WithDbAsync(db => db.Set<AuditSeal>().AsNoTracking().OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(Enumerable.Range(1, seals.Count).Select(i => (long)i), seals.Select(s => s.Id));
        Assert.All(seals.Skip(1).Zip(seals), p => Assert.Equal(p.Second.Hash, p.First.PreviousHash));

        var intact = await (await dpo.GetAsync("/api/v1/audit/verification")).JsonAsync();
        Assert.Equal(seals.Count, intact["verifiedBatches"]!.GetValue<int>());
        Assert.Null(intact["firstBrokenBatch"]);

        // The reads since are sealed in a batch of their own, after the one that holds the case's creation.
        await (await api.GetAsync($"/api/v1/cases/{caseId}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, await SealAsync());
        var created = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.Action == AuditActions.CaseCreated).Select(e => e.Id).SingleAsync());
        var batch = seals.Single(s => s.FirstEventId <= created && created <= s.LastEventId).Id;

        await TamperAsync(created, "Nothing to see here");

        var broken = await (await dpo.GetAsync("/api/v1/audit/verification")).JsonAsync();
        Assert.Equal(batch, broken["firstBrokenBatch"]!.GetValue<long>());
        Assert.Equal(batch - 1, broken["verifiedBatches"]!.GetValue<int>());
        Assert.Contains("changed since it was sealed", broken["problem"]!.GetValue<string>(), StringComparison.Ordinal);

        using var page = await PageClient.SignInAsync(app, dpoUser);
        var html = await page.GetStringAsync(new Uri("/Audit/Verification", UriKind.Relative));
        Assert.Contains("The audit trail has been altered", html, StringComparison.Ordinal);
        Assert.Contains($"Batch {batch} is the first that does not", html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AuditVerified && e.UserId == dpoUser.Id)));
    }

    [Fact]
    public async Task The_sealing_runs_as_a_leased_job_once_across_instances()
    {
        var runners = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Caseload.Platform.Hosting.LeasedJobRunner>();
        Assert.Contains(runners, r => r.Name == AuditSealJob.JobName);
        // A sealed batch is append-only in the database too. Something to seal first: run alone, the app has no events yet.
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        await (await app.ClientForAsync(practitioner)).CreateCaseIdAsync(practitioner.UserName);
        await SealAsync();
        var sealedBatch = await app.WithDbAsync(db => db.Set<AuditSeal>().OrderBy(s => s.Id).Select(s => (long?)s.Id).FirstOrDefaultAsync());
        Assert.NotNull(sealedBatch);
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Set<AuditSeal>().Where(s => s.Id == sealedBatch).ExecuteUpdateAsync(s => s.SetProperty(x => x.Hash, "0"))));
    }
}

public sealed class AuditSealTests_Sqlite(DataProtectionSqliteApp app) : AuditSealTests(app), IClassFixture<DataProtectionSqliteApp>;

public sealed class AuditSealTests_Postgres(DataProtectionPostgresApp app) : AuditSealTests(app), IClassFixture<DataProtectionPostgresApp>;
