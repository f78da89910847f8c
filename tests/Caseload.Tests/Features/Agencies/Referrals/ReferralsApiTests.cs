using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Agencies.Referrals;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Agencies.Referrals;

/// <summary>Referrals out and the information sharing log through the API. The shared app's today is 23 Nov 2026.</summary>
public abstract class ReferralsApiTests(CaseloadApp app)
{
    private async Task<(TestUser Practitioner, HttpClient Api, Guid CaseId, Guid PersonId)> CaseAsync(bool restricted = false)
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var personId = await api.CreatePersonAsync(dateOfBirth: "2012-05-01");
        var caseId = (await api.CreateCaseAsync(personId, p.UserName, restricted: restricted))["id"]!.GetValue<Guid>();
        return (p, api, caseId, personId);
    }

    private static async Task<Guid> ConsentAsync(HttpClient api, Guid personId, int agencyId, string purpose = "referral")
    {
        var consent = await api.PostAsJsonAsync($"/api/v1/people/{personId}/consents", new
        {
            purpose, agencyIds = new[] { agencyId }, givenBy = "parent-carer", givenByName = "Sarah Taylor", method = "written", givenOn = "2026-11-20",
        });
        await consent.ShouldBeAsync(HttpStatusCode.Created);
        return (await consent.JsonAsync())["id"]!.GetValue<Guid>();
    }

    public static object Referral(int agencyId, Guid? consentId = null, object? lawfulBasis = null, string urgency = "routine", int? followUpInWorkingDays = null) => new
    {
        agencyId,
        reason = "Low mood for several months; not sleeping",
        requested = "An assessment by the young people's mental health team",
        urgency,
        consentId,
        lawfulBasis,
        informationShared = "Name, date of birth, school, what Jordan told me on 20 November",
        followUpInWorkingDays,
    };

    private static async Task<System.Text.Json.Nodes.JsonNode> StepAsync(HttpClient api, Guid caseId, Guid referralId, string status, string? note = null)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{referralId}/status", new { status, on = "2026-11-23", note });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_referral_on_consent_is_followed_up_step_by_step_until_accessed()
    {
        var (practitioner, api, caseId, personId) = await CaseAsync();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app, "mental-health");
        var consentId = await ConsentAsync(api, personId, agencyId);

        var made = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", Referral(agencyId, consentId));
        await made.ShouldBeAsync(HttpStatusCode.Created);
        var referral = await made.JsonAsync();
        var referralId = referral["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/cases/{caseId}/referrals/{referralId}", made.Headers.Location!.OriginalString);
        Assert.Equal("sent", referral["status"]!.GetValue<string>());
        Assert.False(referral["consentWithdrawn"]!.GetValue<bool>());
        var firstTask = referral["followUpTaskId"]!.GetValue<Guid>();
        // Routine: five working days from 23 Nov is 30 Nov.
        Assert.Equal("2026-11-30", referral["followUpDueOn"]!.GetValue<string>());
        var task = await app.WithDbAsync(db => db.Set<CaseTask>().SingleAsync(t => t.Id == firstTask));
        Assert.Equal(practitioner.Id, task.OwnerId);
        Assert.Equal(new DateOnly(2026, 11, 30), task.DueOn);
        Assert.Equal(CaseTaskStatus.Open, task.Status);

        var acknowledged = await StepAsync(api, caseId, referralId, "acknowledged");
        var secondTask = acknowledged["followUpTaskId"]!.GetValue<Guid>();
        Assert.NotEqual(firstTask, secondTask);
        Assert.Equal(CaseTaskStatus.Done, await app.WithDbAsync(db => db.Set<CaseTask>().Where(t => t.Id == firstTask).Select(t => t.Status).SingleAsync()));

        // Out of order: an appointment cannot be offered before the referral is accepted.
        var early = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{referralId}/status", new { status = "accessed", on = "2026-11-23" });
        await early.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await early.JsonAsync())["errors"]!["status"]);

        await StepAsync(api, caseId, referralId, "accepted");
        await StepAsync(api, caseId, referralId, "appointment-offered", "First appointment 2 December");
        var accessed = await StepAsync(api, caseId, referralId, "accessed", "Jordan went with Mum");
        Assert.Null(accessed["followUpTaskId"]);
        Assert.Equal(["sent", "acknowledged", "accepted", "appointment-offered", "accessed"], accessed["steps"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()));
        Assert.All(accessed["steps"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty(s!["recordedBy"]!.GetValue<string>())));
        var open = await app.WithDbAsync(db => db.Set<CaseTask>().CountAsync(t => t.CaseId == caseId && t.Status == CaseTaskStatus.Open));
        Assert.Equal(0, open);
        var all = await app.WithDbAsync(db => db.Set<CaseTask>().CountAsync(t => t.CaseId == caseId));
        Assert.Equal(4, all); // sent, acknowledged, accepted, appointment-offered each had a follow-up

        var list = (await (await api.GetAsync(new Uri($"/api/v1/cases/{caseId}/referrals", UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        Assert.Equal("accessed", Assert.Single(list)!["status"]!.GetValue<string>());
        var shares = (await (await api.GetAsync(new Uri($"/api/v1/cases/{caseId}/information-sharing", UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        var share = Assert.Single(shares)!;
        Assert.Equal("referral", share["method"]!.GetValue<string>());
        Assert.Equal(referralId, share["referralId"]!.GetValue<Guid>());
        Assert.Equal(consentId, share["consentId"]!.GetValue<Guid>());

        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.PersonId == personId).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.ReferralMade, audited);
        Assert.Equal(4, audited.Count(a => a == AuditActions.ReferralStepRecorded));
        Assert.Contains(AuditActions.ReferralListed, audited);
        Assert.Contains(AuditActions.InformationShared, audited);
        Assert.Contains(AuditActions.InformationShareListed, audited);

        var chronology = (await (await api.GetAsync(new Uri($"/api/v1/cases/{caseId}/chronology", UriKind.Relative))).JsonAsync()).ToJsonString();
        Assert.Contains(ReferralsChronology.Referral, chronology, StringComparison.Ordinal);
        Assert.Contains("Referral to Riverside Surgery", chronology, StringComparison.Ordinal);
        Assert.Contains(": accessed (Jordan went with Mum)", chronology, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urgency_sets_the_follow_up_and_a_declined_referral_needs_a_reason_and_stops_it()
    {
        var (_, api, caseId, _) = await CaseAsync();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app);
        var basis = new { basis = "vital-interests", reason = "Jordan could not be asked: in hospital", decidedBy = "Ann Lee, team manager" };
        var emergency = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", Referral(agencyId, lawfulBasis: basis, urgency: "emergency"))).JsonAsync();
        Assert.Equal("2026-11-24", emergency["followUpDueOn"]!.GetValue<string>());
        Assert.Equal(1, emergency["followUpInWorkingDays"]!.GetValue<int>());
        Assert.Equal("vital-interests", emergency["lawfulBasis"]!["basis"]!.GetValue<string>());
        var urgent = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", Referral(agencyId, lawfulBasis: basis, urgency: "urgent"))).JsonAsync();
        Assert.Equal("2026-11-25", urgent["followUpDueOn"]!.GetValue<string>());
        var overridden = await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", Referral(agencyId, lawfulBasis: basis, followUpInWorkingDays: 10))).JsonAsync();
        Assert.Equal("2026-12-07", overridden["followUpDueOn"]!.GetValue<string>());

        var id = emergency["id"]!.GetValue<Guid>();
        var noReason = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{id}/status", new { status = "declined", on = "2026-11-23" });
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["note"]);
        var future = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{id}/status", new { status = "acknowledged", on = "2026-11-24" });
        await future.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await future.JsonAsync())["errors"]!["on"]);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/referrals/{id}/status") { Content = JsonContent.Create(new { status = "acknowledged", on = "2026-11-23" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
        await (await api.SendAsync(stale)).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var declined = await StepAsync(api, caseId, id, "declined", "Threshold not met; signposted to the school counsellor");
        Assert.Null(declined["followUpTaskId"]);
        var closed = await StepAsync(api, caseId, id, "closed");
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        var after = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{id}/status", new { status = "accepted", on = "2026-11-23" });
        await after.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{Guid.NewGuid()}/status", new { status = "accepted", on = "2026-11-23" })).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_referral_needs_consent_or_a_lawful_basis_and_a_consent_that_covers_the_agency()
    {
        var (_, api, caseId, personId) = await CaseAsync();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app);
        var otherAgency = await AgenciesApiTests.AddAgencyAsync(app, "education");
        var url = $"/api/v1/cases/{caseId}/referrals";

        var neither = await api.PostAsJsonAsync(url, Referral(agencyId));
        await neither.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await neither.JsonAsync())["errors"]!["consent"]);

        var otherConsent = await ConsentAsync(api, personId, otherAgency);
        var notCovering = await api.PostAsJsonAsync(url, Referral(agencyId, otherConsent));
        await notCovering.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("does not cover this agency", (await notCovering.JsonAsync())["errors"]!["consentId"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var sharingConsent = await ConsentAsync(api, personId, agencyId, "information-sharing");
        var otherPurpose = await api.PostAsJsonAsync(url, Referral(agencyId, sharingConsent));
        await otherPurpose.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await otherPurpose.JsonAsync())["errors"]!["consentId"]);

        var consentId = await ConsentAsync(api, personId, agencyId);
        var made = await api.PostAsJsonAsync(url, Referral(agencyId, consentId));
        await made.ShouldBeAsync(HttpStatusCode.Created);
        var referralId = (await made.JsonAsync())["id"]!.GetValue<Guid>();

        // Withdrawal flags the open referral that relied on it, and stops a new one on it.
        await (await api.PostAsJsonAsync($"/api/v1/people/{personId}/consents/{consentId}/withdrawal", new { withdrawnOn = "2026-11-23", reason = "Mum no longer agrees" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var list = (await (await api.GetAsync(new Uri(url, UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        Assert.True(list.Single(r => r!["id"]!.GetValue<Guid>() == referralId)!["consentWithdrawn"]!.GetValue<bool>());
        var withdrawn = await api.PostAsJsonAsync(url, Referral(agencyId, consentId));
        await withdrawn.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("withdrawn on", (await withdrawn.JsonAsync())["errors"]!["consentId"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var unknownConsent = await api.PostAsJsonAsync(url, Referral(agencyId, Guid.NewGuid()));
        await unknownConsent.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknownConsent.JsonAsync())["errors"]!["consentId"]);
        var badBasis = await api.PostAsJsonAsync(url, Referral(agencyId, lawfulBasis: new { basis = "convenience" }));
        await badBasis.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await badBasis.JsonAsync())["errors"]!.AsObject();
        Assert.NotNull(errors["lawfulBasis.basis"]);
        Assert.NotNull(errors["lawfulBasis.reason"]);
        var unknownAgency = await api.PostAsJsonAsync(url, Referral(int.MaxValue, lawfulBasis: new { basis = "safeguarding", reason = "r", decidedBy = "d" }));
        await unknownAgency.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknownAgency.JsonAsync())["errors"]!["agencyId"]);

        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Referral>().CountAsync(r => r.CaseId == caseId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<InformationShare>().CountAsync(r => r.CaseId == caseId)));
    }

    [Fact]
    public async Task A_share_is_logged_on_a_lawful_basis_or_a_consent_for_information_sharing()
    {
        var (_, api, caseId, personId) = await CaseAsync();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app, "education");
        var url = $"/api/v1/cases/{caseId}/information-sharing";
        var lawful = await api.PostAsJsonAsync(url, new
        {
            sharedWith = "Northfield Academy (designated safeguarding lead)", what = "Dates of the home visits and the concerns raised",
            purpose = "Report to the child protection conference", lawfulBasis = new { basis = "public-task", reason = "Statutory conference", decidedBy = "Ann Lee" },
            decidedBy = "Ann Lee, team manager", sharedOn = "2026-11-20", method = "secure-email",
        });
        await lawful.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("public-task", (await lawful.JsonAsync())["lawfulBasis"]!["basis"]!.GetValue<string>());

        var referralConsent = await ConsentAsync(api, personId, agencyId);
        var wrongPurpose = await api.PostAsJsonAsync(url, new
        {
            sharedWith = "Northfield Academy", agencyId, what = "Attendance", purpose = "Plan", consentId = referralConsent, decidedBy = "Me", sharedOn = "2026-11-23", method = "phone",
        });
        await wrongPurpose.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await wrongPurpose.JsonAsync())["errors"]!["consentId"]);
        var sharingConsent = await ConsentAsync(api, personId, agencyId, "information-sharing");
        var onConsent = await api.PostAsJsonAsync(url, new
        {
            sharedWith = "Northfield Academy", agencyId, what = "Attendance", purpose = "Plan", consentId = sharingConsent, decidedBy = "Me", sharedOn = "2026-11-23", method = "phone",
        });
        await onConsent.ShouldBeAsync(HttpStatusCode.Created);
        var neither = await api.PostAsJsonAsync(url, new { sharedWith = "School", what = "x", purpose = "y", decidedBy = "Me", sharedOn = "2026-11-23", method = "phone" });
        await neither.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await neither.JsonAsync())["errors"]!["consent"]);

        var items = (await (await api.GetAsync(new Uri(url, UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var chronology = (await (await api.GetAsync(new Uri($"/api/v1/cases/{caseId}/chronology", UriKind.Relative))).JsonAsync()).ToJsonString();
        Assert.Contains("Information shared with Northfield Academy (designated safeguarding lead)", chronology, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_case_s_referrals_and_shares_are_seen_only_by_those_named()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(owner);
        var personId = await api.CreatePersonAsync();
        var caseId = (await api.CreateCaseAsync(personId, owner.UserName, restricted: true))["id"]!.GetValue<Guid>();
        var agencyId = await AgenciesApiTests.AddAgencyAsync(app);
        var basis = new { basis = "safeguarding", reason = "Asking would increase the risk", decidedBy = "Ann Lee" };
        var made = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", Referral(agencyId, lawfulBasis: basis));
        await made.ShouldBeAsync(HttpStatusCode.Created);
        var referralId = (await made.JsonAsync())["id"]!.GetValue<Guid>();

        var outsiders = new[] { supervisor, await app.CreateUserAsync(Roles.Practitioner, team), await app.CreateUserAsync(Roles.ServiceManager, null, "early-help") };
        foreach (var outsider in outsiders)
        {
            var client = await app.ClientForAsync(outsider);
            var answers = new List<HttpResponseMessage>
            {
                await client.GetAsync(new Uri($"/api/v1/cases/{caseId}/referrals", UriKind.Relative)),
                await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", Referral(agencyId, lawfulBasis: basis)),
                await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{referralId}/status", new { status = "acknowledged", on = "2026-11-23" }),
                await client.GetAsync(new Uri($"/api/v1/cases/{caseId}/information-sharing", UriKind.Relative)),
                await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/information-sharing", new { sharedWith = "x", what = "x", purpose = "x", lawfulBasis = basis, decidedBy = "x", sharedOn = "2026-11-23", method = "phone" }),
            };
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
            Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == outsider.Id && e.CaseId == caseId)));
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Referral>().CountAsync(r => r.CaseId == caseId)));
        Assert.Equal("sent", await app.WithDbAsync(db => db.Set<Referral>().Where(r => r.Id == referralId).Select(r => r.Status).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<InformationShare>().CountAsync(r => r.CaseId == caseId)));
    }
}

public sealed class ReferralsApiTests_Sqlite(SqliteApp app) : ReferralsApiTests(app);

public sealed class ReferralsApiTests_Postgres(PostgresApp app) : ReferralsApiTests(app);
