using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Agencies;

/// <summary>The agency directory, involvements on a case and a person's consents through the API. The shared app's today is 23 Nov 2026.</summary>
public abstract class AgenciesApiTests(CaseloadApp app)
{
    /// <summary>An agency added by a new administrator; its id.</summary>
    public static async Task<int> AddAgencyAsync(CaseloadApp app, string kind = "health")
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Administrator));
        var response = await admin.PostAsJsonAsync("/api/v1/agencies", new
        {
            name = $"Riverside Surgery {Guid.NewGuid().ToString("N")[..8]}", kind, phone = "0113 496 0000", secureEmail = "riverside.safeguarding@nhs.net",
        });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync())["id"]!.GetValue<int>();
    }

    public static object Consent(int agencyId, string givenBy = "parent-carer", string givenOn = "2026-11-20", string? reviewOn = null, string? competence = null) => new
    {
        purpose = "referral",
        agencyIds = new[] { agencyId },
        givenBy,
        givenByName = "Sarah Taylor",
        competence,
        method = "verbal",
        givenOn,
        reviewOn,
    };

    private async Task<(TestUser Practitioner, HttpClient Api, Guid CaseId, Guid PersonId)> CaseAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(p);
        var personId = await api.CreatePersonAsync(dateOfBirth: "2012-05-01");
        var caseId = (await api.CreateCaseAsync(personId, p.UserName))["id"]!.GetValue<Guid>();
        return (p, api, caseId, personId);
    }

    [Fact]
    public async Task Administrators_keep_the_directory_everyone_signed_in_reads_it_and_bad_fields_are_named()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync(Roles.Administrator));
        var name = $"Northfield Academy {Guid.NewGuid().ToString("N")[..6]}";
        var created = await admin.PostAsJsonAsync("/api/v1/agencies", new { name, kind = "education", email = "office@northfield.example.sch.uk", secureEmail = "dsl@northfield.example.sch.uk" });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var agency = await created.JsonAsync();
        Assert.Equal("education", agency["kind"]!.GetValue<string>());
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);

        var practitioner = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner));
        var list = (await (await practitioner.GetAsync(new Uri("/api/v1/agencies", UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        Assert.Contains(list, a => a!["name"]!.GetValue<string>() == name && a["secureEmail"]!.GetValue<string>() == "dsl@northfield.example.sch.uk");
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        await (await dpo.GetAsync(new Uri("/api/v1/agencies", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);

        await (await practitioner.PostAsJsonAsync("/api/v1/agencies", new { name = "Mine", kind = "health" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        var bad = await admin.PostAsJsonAsync("/api/v1/agencies", new { name = "", kind = "prison", secureEmail = "not-an-email" });
        await bad.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await bad.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["kind", "name", "secureEmail"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        var twice = await admin.PostAsJsonAsync("/api/v1/agencies", new { name = name.ToUpperInvariant(), kind = "education" });
        await twice.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await twice.JsonAsync())["errors"]!["name"]);

        var id = agency["id"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AgencyCreated && e.EntityId == id)));
    }

    [Fact]
    public async Task An_involvement_is_recorded_listed_and_ended_and_a_second_lead_takes_the_lead_over()
    {
        var (_, api, caseId, personId) = await CaseAsync();
        var agencyId = await AddAgencyAsync(app);

        var first = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { agencyId, role = "GP practice", from = "2026-09-01", lead = true });
        await first.ShouldBeAsync(HttpStatusCode.Created);
        var firstId = (await first.JsonAsync())["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/cases/{caseId}/involvements/{firstId}", first.Headers.Location!.OriginalString);

        var second = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new
        {
            professional = new { name = "Jo Bell", role = "Family support worker", contact = "07700 900123" }, role = "Lead for the family plan", from = "2026-11-20", lead = true,
        });
        await second.ShouldBeAsync(HttpStatusCode.Created);
        var secondBody = await second.JsonAsync();
        Assert.Equal(firstId, secondBody["replacedLeadId"]!.GetValue<Guid>());
        Assert.Equal("Jo Bell", secondBody["professional"]!["name"]!.GetValue<string>());

        var list = await (await api.GetAsync(new Uri($"/api/v1/cases/{caseId}/involvements", UriKind.Relative))).JsonAsync();
        var items = list["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.True(items[0]!["lead"]!.GetValue<bool>());
        Assert.Equal("Jo Bell", items[0]!["professional"]!["name"]!.GetValue<string>());
        var was = items.Single(i => i!["id"]!.GetValue<Guid>() == firstId)!;
        Assert.False(was["lead"]!.GetValue<bool>());
        Assert.Equal("2026-11-23", was["leadEndedOn"]!.GetValue<string>());
        Assert.StartsWith("Riverside Surgery", was["agency"]!.GetValue<string>(), StringComparison.Ordinal);

        var secondId = secondBody["id"]!.GetValue<Guid>();
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/involvements/{secondId}/end") { Content = JsonContent.Create(new { until = "2026-11-23" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await (await api.SendAsync(stale)).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var ended = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements/{secondId}/end", new { until = "2026-11-23", reason = "Family plan closed" });
        await ended.ShouldBeAsync(HttpStatusCode.OK);
        var endedBody = await ended.JsonAsync();
        Assert.False(endedBody["lead"]!.GetValue<bool>());
        Assert.Equal("2026-11-23", endedBody["until"]!.GetValue<string>());
        var again = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements/{secondId}/end", new { until = "2026-11-23" });
        await again.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        await (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements/{Guid.NewGuid()}/end", new { until = "2026-11-23" })).ShouldBeAsync(HttpStatusCode.NotFound);

        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.PersonId == personId).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, audited.Count(a => a == AuditActions.InvolvementRecorded));
        Assert.Contains(AuditActions.InvolvementEnded, audited);
        Assert.Contains(AuditActions.InvolvementListed, audited);
    }

    [Fact]
    public async Task An_involvement_needs_an_agency_or_a_professional_a_real_agency_and_an_open_case()
    {
        var (_, api, caseId, _) = await CaseAsync();
        var none = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { role = "School nurse", from = "2026-11-01" });
        await none.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await none.JsonAsync())["errors"]!["agencyId"]);
        var unknown = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { agencyId = int.MaxValue, role = "School nurse", from = "2026-11-01" });
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknown.JsonAsync())["errors"]!["agencyId"]);

        await (await api.PostJsonTextAsync($"/api/v1/cases/{caseId}/close", """{"reason":"Needs met"}""")).ShouldBeAsync(HttpStatusCode.OK);
        var closed = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { professional = new { name = "Jo Bell" }, role = "School nurse", from = "2026-11-01" });
        await closed.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await closed.JsonAsync())["errors"]!["status"]);
    }

    [Fact]
    public async Task Other_open_cases_of_the_person_show_service_and_worker_but_never_a_restricted_case_the_caller_is_not_named_on()
    {
        var (team, _) = await app.CreateTeamAsync();
        var (otherTeam, _) = await app.CreateTeamAsync();
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "early-help", "send", "youth-support", "careers-iag"));
        var ours = await app.CreateUserAsync(Roles.Practitioner, team);
        var theirs = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var hidden = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var personId = await manager.CreatePersonAsync();
        var ourCase = (await manager.CreateCaseAsync(personId, ours.UserName))["id"]!.GetValue<Guid>();
        var theirCase = (await manager.CreateCaseAsync(personId, theirs.UserName, service: "send"))["id"]!.GetValue<Guid>();
        var restricted = (await manager.CreateCaseAsync(personId, hidden.UserName, restricted: true, service: "youth-support"))["id"]!.GetValue<Guid>();
        var closed = (await manager.CreateCaseAsync(personId, theirs.UserName, service: "careers-iag"))["id"]!.GetValue<Guid>();
        await (await manager.PostJsonTextAsync($"/api/v1/cases/{closed}/close", """{"reason":"Moved on to college"}""")).ShouldBeAsync(HttpStatusCode.OK);

        var api = await app.ClientForAsync(ours);
        var others = (await (await api.GetAsync(new Uri($"/api/v1/cases/{ourCase}/involvements", UriKind.Relative))).JsonAsync())["otherServices"]!.AsArray();
        var other = Assert.Single(others)!;
        Assert.Equal("send", other["service"]!.GetValue<string>());
        Assert.StartsWith("Test Practitioner", other["worker"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(other["caseId"]); // they may not open it: its id is not given
        var text = others.ToJsonString();
        Assert.DoesNotContain(restricted.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("youth-support", text, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.OtherServiceListed && e.UserId == ours.Id
            && db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == theirCase))));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == ours.Id
            && (e.CaseId == restricted || db.AuditEventCases.Any(x => x.AuditEventId == e.Id && x.CaseId == restricted)))));

        // Someone named on the restricted case sees the others from it, and the manager (named as its opener) sees all three.
        var named = (await (await (await app.ClientForAsync(hidden)).GetAsync(new Uri($"/api/v1/cases/{restricted}/involvements", UriKind.Relative))).JsonAsync())["otherServices"]!.AsArray();
        Assert.Equal(["early-help", "send"], named.Select(o => o!["service"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var fromManager = (await (await manager.GetAsync(new Uri($"/api/v1/cases/{ourCase}/involvements", UriKind.Relative))).JsonAsync())["otherServices"]!.AsArray();
        Assert.Equal(["send", "youth-support"], fromManager.Select(o => o!["service"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(fromManager, o => Assert.NotNull(o!["caseId"]));
    }

    [Fact]
    public async Task Consent_is_recorded_listed_due_for_review_and_withdrawn_with_a_date_and_reason()
    {
        var (_, api, _, personId) = await CaseAsync();
        var agencyId = await AddAgencyAsync(app);
        var url = $"/api/v1/people/{personId}/consents";

        var created = await api.PostAsJsonAsync(url, Consent(agencyId, reviewOn: "2026-11-23"));
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var consent = await created.JsonAsync();
        var consentId = consent["id"]!.GetValue<Guid>();
        Assert.Equal($"{url}/{consentId}", created.Headers.Location!.OriginalString);
        Assert.Equal([agencyId], consent["agencyIds"]!.AsArray().Select(a => a!.GetValue<int>()));
        Assert.Equal("due-for-review", consent["status"]!.GetValue<string>());
        Assert.True(consent["dueForReview"]!.GetValue<bool>());

        // The person was 14: consent in their own name needs a note of their competence.
        var young = await api.PostAsJsonAsync(url, Consent(agencyId, givenBy: "person"));
        await young.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await young.JsonAsync())["errors"]!["competence"]);
        await (await api.PostAsJsonAsync(url, Consent(agencyId, givenBy: "person", competence: "Explained what the GP would be told; repeated it back"))).ShouldBeAsync(HttpStatusCode.Created);
        var unknown = await api.PostAsJsonAsync(url, Consent(int.MaxValue));
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknown.JsonAsync())["errors"]!["agencyIds"]);

        var withdrawal = await api.PostAsJsonAsync($"{url}/{consentId}/withdrawal", new { withdrawnOn = "2026-11-23", reason = "Mum rang to say she no longer agrees" });
        await withdrawal.ShouldBeAsync(HttpStatusCode.OK);
        var withdrawn = await withdrawal.JsonAsync();
        Assert.Equal("withdrawn", withdrawn["status"]!.GetValue<string>());
        Assert.Equal("Mum rang to say she no longer agrees", withdrawn["withdrawal"]!["reason"]!.GetValue<string>());
        var twice = await api.PostAsJsonAsync($"{url}/{consentId}/withdrawal", new { withdrawnOn = "2026-11-23", reason = "Again" });
        await twice.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        await (await api.PostAsJsonAsync($"{url}/{Guid.NewGuid()}/withdrawal", new { withdrawnOn = "2026-11-23", reason = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);

        var list = (await (await api.GetAsync(new Uri(url, UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        Assert.Equal(2, list.Count);
        Assert.Equal("withdrawn", list.Single(c => c!["id"]!.GetValue<Guid>() == consentId)!["status"]!.GetValue<string>());
        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.PersonId == personId).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, audited.Count(a => a == AuditActions.ConsentRecorded));
        Assert.Contains(AuditActions.ConsentWithdrawn, audited);
        Assert.Contains(AuditActions.ConsentListed, audited);
    }

    [Fact]
    public async Task A_restricted_case_and_its_person_leak_through_none_of_the_new_routes()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var owner = await app.CreateUserAsync(Roles.Practitioner, team);
        var api = await app.ClientForAsync(owner);
        var personId = await api.CreatePersonAsync();
        var caseId = (await api.CreateCaseAsync(personId, owner.UserName, restricted: true))["id"]!.GetValue<Guid>();
        var agencyId = await AddAgencyAsync(app);
        var involvement = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { agencyId, role = "Police liaison", from = "2026-11-01" });
        await involvement.ShouldBeAsync(HttpStatusCode.Created);
        var involvementId = (await involvement.JsonAsync())["id"]!.GetValue<Guid>();
        var consent = await api.PostAsJsonAsync($"/api/v1/people/{personId}/consents", Consent(agencyId));
        await consent.ShouldBeAsync(HttpStatusCode.Created);
        var consentId = (await consent.JsonAsync())["id"]!.GetValue<Guid>();

        // The team's supervisor is not named on it; nor is a colleague, nor a manager of its service.
        var outsiders = new[] { supervisor, await app.CreateUserAsync(Roles.Practitioner, team), await app.CreateUserAsync(Roles.ServiceManager, null, "early-help") };
        foreach (var outsider in outsiders)
        {
            var client = await app.ClientForAsync(outsider);
            var pages = await PageClient.SignInAsync(app, outsider);
            var answers = new List<HttpResponseMessage>
            {
                await client.GetAsync(new Uri($"/api/v1/cases/{caseId}/involvements", UriKind.Relative)),
                await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements", new { agencyId, role = "Police liaison", from = "2026-11-01" }),
                await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/involvements/{involvementId}/end", new { until = "2026-11-23" }),
                await client.GetAsync(new Uri($"/api/v1/people/{personId}/consents", UriKind.Relative)),
                await client.PostAsJsonAsync($"/api/v1/people/{personId}/consents", Consent(agencyId)),
                await client.PostAsJsonAsync($"/api/v1/people/{personId}/consents/{consentId}/withdrawal", new { withdrawnOn = "2026-11-23", reason = "x" }),
                await pages.GetAsync(new Uri($"/Cases/{caseId}/Involvements/New", UriKind.Relative)),
                await pages.GetAsync(new Uri($"/Cases/{caseId}/Involvements/{involvementId}/End", UriKind.Relative)),
                await pages.GetAsync(new Uri($"/People/{personId}/Consents/New", UriKind.Relative)),
                await pages.GetAsync(new Uri($"/People/{personId}/Consents/{consentId}/Withdraw", UriKind.Relative)),
            };
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
            Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == outsider.Id && (e.CaseId == caseId || e.PersonId == personId))));
        }

        var stored = await app.WithDbAsync(db => db.Set<Caseload.Features.Agencies.Involvement>().CountAsync(i => i.CaseId == caseId));
        Assert.Equal(1, stored);
        Assert.Null(await app.WithDbAsync(db => db.Set<Caseload.Features.Agencies.Consent>().Where(c => c.Id == consentId).Select(c => c.WithdrawnOn).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Caseload.Features.Agencies.Consent>().CountAsync(c => c.PersonId == personId)));
    }
}

public sealed class AgenciesApiTests_Sqlite(SqliteApp app) : AgenciesApiTests(app);

public sealed class AgenciesApiTests_Postgres(PostgresApp app) : AgenciesApiTests(app);
