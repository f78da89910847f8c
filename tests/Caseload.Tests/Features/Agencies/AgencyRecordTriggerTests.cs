using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Data;
using Caseload.Features.Agencies;
using Caseload.Features.Agencies.Referrals;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Agencies.Referrals;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Agencies;

/// <summary>
/// The database's own guard on consent and the information sharing log, whoever is connected (these apps connect as the tables'
/// owner): a consent never changes but for its withdrawal, recorded once; the agencies it covers and every share logged never change;
/// none is deleted (nor, on PostgreSQL, truncated).
/// </summary>
public abstract class AgencyRecordTriggerTests(CaseloadApp app)
{
    private async Task<(HttpClient Api, Guid PersonId, Guid ConsentId, Guid ShareId)> RecordsAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(practitioner);
        var personId = await api.CreatePersonAsync(dateOfBirth: "2012-05-01");
        var caseId = (await api.CreateCaseAsync(personId, practitioner.UserName))["id"]!.GetValue<Guid>();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app, "mental-health");
        var consent = await api.PostAsJsonAsync($"/api/v1/people/{personId}/consents", AgenciesApiTests.Consent(agencyId));
        await consent.ShouldBeAsync(HttpStatusCode.Created);
        var consentId = (await consent.JsonAsync())["id"]!.GetValue<Guid>();
        var referral = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", ReferralsApiTests.Referral(agencyId, consentId));
        await referral.ShouldBeAsync(HttpStatusCode.Created);
        var referralId = (await referral.JsonAsync())["id"]!.GetValue<Guid>();
        var shareId = await app.WithDbAsync(db => db.Set<InformationShare>().Where(s => s.ReferralId == referralId).Select(s => s.Id).SingleAsync());
        return (api, personId, consentId, shareId);
    }

    private Task<string> StoredAsync(Guid consentId, Guid shareId) => app.WithDbAsync(async db => JsonSerializer.Serialize(new
    {
        Consent = await db.Set<Consent>().AsNoTracking().SingleAsync(c => c.Id == consentId),
        Agencies = await db.Set<ConsentAgency>().AsNoTracking().Where(a => a.ConsentId == consentId).Select(a => a.AgencyId).ToListAsync(),
        Share = await db.Set<InformationShare>().AsNoTracking().SingleAsync(s => s.Id == shareId),
    }));

    private static void AssertRefused(Exception? refused, string what)
    {
        Assert.True(refused is not null, $"{what} was allowed");
        Assert.True(refused.ToString().Contains(AgencyRecordTriggers.Refusal, StringComparison.Ordinal), $"{what} failed for another reason: {refused}");
    }

    private static void Withdraw(Consent consent)
    {
        consent.WithdrawnOn = new DateOnly(2026, 11, 23);
        consent.WithdrawalReason = "Changed their mind";
        consent.WithdrawnByName = "Someone";
        consent.WithdrawnAt = DateTimeOffset.UtcNow;
        consent.Version++;
    }

    [Fact]
    public void The_sqlite_trigger_names_every_column_of_a_consent_but_the_withdrawals()
    {
        var columns = app.WithDb(db => db.Model.FindEntityType(typeof(Consent))!.GetProperties().Select(p => p.GetColumnName()).ToHashSet());
        Assert.Equal(columns.Order(StringComparer.Ordinal), AgencyRecordTriggers.ConsentColumns.Concat(AgencyRecordTriggers.WithdrawalColumns).Order(StringComparer.Ordinal));
    }

    /// <summary>Each column in turn, alone and with a withdrawal (which alone is let through).</summary>
    [Fact]
    public async Task Changing_a_consent_beyond_its_withdrawal_is_refused()
    {
        var (_, _, consentId, shareId) = await RecordsAsync();
        var before = await StoredAsync(consentId, shareId);
        var columns = app.WithDb(db => db.Model.FindEntityType(typeof(Consent))!.GetProperties()
            .Where(p => !p.IsPrimaryKey() && !AgencyRecordTriggers.WithdrawalColumns.Contains(p.GetColumnName())).Select(p => p.PropertyInfo!).ToList());
        Assert.True(columns.Count >= 10, "The consent's columns were not found");

        foreach (var column in columns)
        {
            foreach (var withdrawing in new[] { false, true })
            {
                var refused = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
                {
                    var consent = await db.Set<Consent>().SingleAsync(c => c.Id == consentId);
                    column.SetValue(consent, Changed(column.GetValue(consent), column.PropertyType));
                    if (withdrawing) Withdraw(consent);
                    return await db.SaveChangesAsync();
                }));
                AssertRefused(refused, $"Changing {column.Name}{(withdrawing ? " while withdrawing" : "")}");
            }
        }

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            var consent = await db.Set<Consent>().SingleAsync(c => c.Id == consentId);
            consent.WithdrawnOn = new DateOnly(2026, 11, 23);
            return await db.SaveChangesAsync();
        })), "A withdrawal without its reason, time and version");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""UPDATE "Consents" SET "Id" = {Guid.NewGuid()} WHERE "Id" = {consentId}"""))), "Changing Id");
        Assert.Equal(before, await StoredAsync(consentId, shareId));
    }

    [Fact]
    public async Task A_withdrawal_is_recorded_once_and_never_undone_or_rewritten()
    {
        var (api, personId, consentId, shareId) = await RecordsAsync();
        var withdrawn = await api.PostAsJsonAsync($"/api/v1/people/{personId}/consents/{consentId}/withdrawal", new { withdrawnOn = "2026-11-23", reason = "Mum asked us to stop" });
        await withdrawn.ShouldBeAsync(HttpStatusCode.OK);
        var stored = await app.WithDbAsync(db => db.Set<Consent>().AsNoTracking().SingleAsync(c => c.Id == consentId));
        Assert.Equal(new DateOnly(2026, 11, 23), stored.WithdrawnOn);
        Assert.Equal("Mum asked us to stop", stored.WithdrawalReason);
        var before = await StoredAsync(consentId, shareId);

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            var consent = await db.Set<Consent>().SingleAsync(c => c.Id == consentId);
            consent.WithdrawnOn = null;
            consent.WithdrawalReason = null;
            consent.WithdrawnAt = null;
            consent.WithdrawnByName = null;
            consent.Version++;
            return await db.SaveChangesAsync();
        })), "Undoing a withdrawal");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            var consent = await db.Set<Consent>().SingleAsync(c => c.Id == consentId);
            consent.WithdrawalReason = "Rewritten";
            consent.Version++;
            return await db.SaveChangesAsync();
        })), "Rewriting a withdrawal's reason");
        Assert.Equal(before, await StoredAsync(consentId, shareId));
    }

    [Fact]
    public async Task Deleting_a_consent_or_changing_the_agencies_it_covers_or_a_logged_share_is_refused()
    {
        var (_, _, consentId, shareId) = await RecordsAsync();
        var before = await StoredAsync(consentId, shareId);
        var otherAgency = await AgenciesApiTests.AddAgencyAsync(app);

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""DELETE FROM "Consents" WHERE "Id" = {consentId}"""))), "Deleting a consent");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Set<ConsentAgency>().Where(a => a.ConsentId == consentId).ExecuteDeleteAsync())), "Deleting an agency a consent covers");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Set<ConsentAgency>().Where(a => a.ConsentId == consentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.AgencyId, otherAgency)))), "Changing the agency a consent covers");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Set<InformationShare>().Where(s => s.Id == shareId).ExecuteUpdateAsync(s => s.SetProperty(x => x.What, "Nothing much")))), "Changing what was shared");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Set<InformationShare>().Where(s => s.Id == shareId).ExecuteDeleteAsync())), "Deleting a logged share");

        foreach (var table in AgencyRecordTriggers.Tables)
        {
            AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
            {
                // Rolled back whatever happens: a shared test database must not lose its rows if the guard fails.
                await using var transaction = await db.Database.BeginTransactionAsync();
                try
                {
                    return await db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Postgres ? $"""TRUNCATE "{table}" """ : $"""DELETE FROM "{table}" """);
                }
                finally
                {
                    await transaction.RollbackAsync();
                }
            })), app.Provider == DatabaseProvider.Postgres ? $"TRUNCATE {table}" : $"Emptying {table}");
        }

        Assert.Equal(before, await StoredAsync(consentId, shareId));
    }

    private static object? Changed(object? value, Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => (string?)value + "x",
        var t when t == typeof(Guid) => Guid.NewGuid(),
        var t when t == typeof(DateOnly) => value is DateOnly day ? day.AddDays(-1) : new DateOnly(2026, 11, 1),
        var t when t == typeof(DateTimeOffset) => ((DateTimeOffset)value!).AddMinutes(1),
        var t when t == typeof(int) => (int)value! + 1,
        _ => throw new NotSupportedException($"Say how to change a {type.Name} column here."),
    };
}

public sealed class AgencyRecordTriggerTests_Sqlite(SqliteApp app) : AgencyRecordTriggerTests(app);

public sealed class AgencyRecordTriggerTests_Postgres(PostgresApp app) : AgencyRecordTriggerTests(app);
