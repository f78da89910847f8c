using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Agencies;
using Caseload.Features.Agencies.Referrals;
using Caseload.Features.Drift;
using Caseload.Features.Tasks;
using Caseload.Features.Worklist;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Agencies.Referrals;

/// <summary>
/// A referral's overdue follow-up on the worklist (a factor of its own, not another overdue task) and in drift, until the person
/// reaches the help. The shared app's clock never moves (today is 23 Nov 2026), so the follow-up task's due date is moved back.
/// </summary>
public abstract class ReferralFollowUpTests(CaseloadApp app)
{
    private static readonly object Basis = new { basis = "safeguarding", reason = "Asking would put Jordan at risk", decidedBy = "Ann Lee, team manager" };

    private async Task<(TestUser Practitioner, HttpClient Api, Guid CaseId, Guid ReferralId, string Agency)> OverdueAsync(DateOnly dueOn, string urgency = "routine")
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(practitioner);
        var personId = await api.CreatePersonAsync(dateOfBirth: "2012-05-01");
        var caseId = (await api.CreateCaseAsync(personId, practitioner.UserName))["id"]!.GetValue<Guid>();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app, "mental-health");
        var made = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", ReferralsApiTests.Referral(agencyId, lawfulBasis: Basis, urgency: urgency));
        await made.ShouldBeAsync(HttpStatusCode.Created);
        var referral = await made.JsonAsync();
        var taskId = referral["followUpTaskId"]!.GetValue<Guid>();
        await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueOn, dueOn)));
        var agency = await app.WithDbAsync(db => db.Set<Agency>().Where(a => a.Id == agencyId).Select(a => a.Name).SingleAsync());
        return (practitioner, api, caseId, referral["id"]!.GetValue<Guid>(), agency);
    }

    private static async Task<JsonNode?> WorklistItemAsync(HttpClient api, Guid caseId)
    {
        var response = await api.GetAsync(new Uri("/api/v1/worklist", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray().SingleOrDefault(i => i!["caseId"]!.GetValue<Guid>() == caseId);
    }

    private static async Task<JsonNode?> DriftItemAsync(HttpClient api, Guid caseId)
    {
        var response = await api.GetAsync(new Uri("/api/v1/drift", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray().SingleOrDefault(i => i!["caseId"]!.GetValue<Guid>() == caseId);
    }

    private static List<string> Factors(JsonNode item) => item["reasons"]!.AsArray().Select(r => r!["factor"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task An_overdue_follow_up_is_a_worklist_factor_and_a_drift_signal_until_the_help_is_reached()
    {
        // Due 9 Nov: ten working days overdue, past the five working days' grace of an overdue task.
        var (practitioner, api, caseId, referralId, agency) = await OverdueAsync(new DateOnly(2026, 11, 9));

        var item = await WorklistItemAsync(api, caseId);
        Assert.NotNull(item);
        Assert.Contains(PriorityFactors.ReferralFollowUpOverdue, Factors(item));
        Assert.DoesNotContain(PriorityFactors.OverdueTasks, Factors(item));
        var reason = item["reasons"]!.AsArray().Single(r => r!["factor"]!.GetValue<string>() == PriorityFactors.ReferralFollowUpOverdue)!;
        Assert.Equal($"Referral to {agency}: follow-up overdue by 10 working days", reason["detail"]!.GetValue<string>());
        Assert.Equal(PriorityWeights.Default.ReferralFollowUpOverdueCap, reason["weight"]!.GetValue<int>());

        using (var browser = await PageClient.SignInAsync(app, practitioner))
        {
            var why = await browser.GetStringAsync($"/Cases/{caseId}/Priority");
            Assert.Contains("Referral follow-up overdue", why, StringComparison.Ordinal);
            Assert.Contains($"Referral to {agency}: follow-up overdue by 10 working days", why, StringComparison.Ordinal);
        }

        var drift = await DriftItemAsync(api, caseId);
        Assert.NotNull(drift);
        var signals = drift["signals"]!.AsArray();
        // The follow-up task is the referral's signal, not also "tasks overdue".
        Assert.Equal([DriftCodes.ReferralFollowUpOverdue], signals.Select(s => s!["code"]!.GetValue<string>()));
        Assert.Equal("medium", drift["severity"]!.GetValue<string>());
        Assert.Equal($"The follow-up of the referral to {agency} was due on 9 Nov 2026: overdue by 10 working days, and the person has not yet reached the help",
            signals[0]!["detail"]!.GetValue<string>());
        Assert.Equal("2026-11-10", signals[0]!["since"]!.GetValue<string>());

        foreach (var status in new[] { "accepted", "appointment-offered", "accessed" })
        {
            var step = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{referralId}/status", new { status, on = "2026-11-23" });
            await step.ShouldBeAsync(HttpStatusCode.OK);
        }

        Assert.DoesNotContain(PriorityFactors.ReferralFollowUpOverdue, Factors((await WorklistItemAsync(api, caseId))!));
        Assert.Null(await DriftItemAsync(api, caseId));
    }

    [Fact]
    public async Task An_urgent_referrals_overdue_follow_up_is_high_drift_and_a_follow_up_still_due_is_neither()
    {
        var (_, api, caseId, _, _) = await OverdueAsync(new DateOnly(2026, 11, 20), "urgent");
        var drift = await DriftItemAsync(api, caseId);
        Assert.NotNull(drift);
        Assert.Equal("high", drift["severity"]!.GetValue<string>());
        var reason = (await WorklistItemAsync(api, caseId))!["reasons"]!.AsArray().Single(r => r!["factor"]!.GetValue<string>() == PriorityFactors.ReferralFollowUpOverdue)!;
        Assert.Equal(PriorityWeights.Default.ReferralFollowUpOverdue + 1, reason["weight"]!.GetValue<int>());

        var (_, onTime, dueToday, _, _) = await OverdueAsync(new DateOnly(2026, 11, 23));
        Assert.DoesNotContain(PriorityFactors.ReferralFollowUpOverdue, Factors((await WorklistItemAsync(onTime, dueToday))!));
        Assert.Null(await DriftItemAsync(onTime, dueToday));
    }

    [Fact]
    public async Task A_follow_up_task_closed_by_hand_is_no_longer_overdue()
    {
        var (_, api, caseId, referralId, _) = await OverdueAsync(new DateOnly(2026, 11, 16));
        Assert.Contains(PriorityFactors.ReferralFollowUpOverdue, Factors((await WorklistItemAsync(api, caseId))!));
        var taskId = await app.WithDbAsync(db => db.Set<Referral>().Where(r => r.Id == referralId).Select(r => r.FollowUpTaskId!.Value).SingleAsync());
        await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, CaseTaskStatus.Done)));

        Assert.DoesNotContain(PriorityFactors.ReferralFollowUpOverdue, Factors((await WorklistItemAsync(api, caseId))!));
        Assert.Null(await DriftItemAsync(api, caseId));
    }
}

public sealed class ReferralFollowUpTests_Sqlite(SqliteApp app) : ReferralFollowUpTests(app);

public sealed class ReferralFollowUpTests_Postgres(PostgresApp app) : ReferralFollowUpTests(app);
