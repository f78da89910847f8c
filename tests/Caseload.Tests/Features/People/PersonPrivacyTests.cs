using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.People;

/// <summary>
/// README "Who sees what": a person with no case is seen by whoever recorded them; once they have a case, their cases decide.
/// A characteristic's reason recorded from a restricted case is not shown on the person's other cases.
/// </summary>
public abstract class PersonPrivacyTests(CaseloadApp app)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task ChangeCharacteristicsAsync(HttpClient client, Guid personId, string add, string reason) =>
        await (await client.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics", new { add = new[] { add }, reason })).ShouldBeAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Whoever_recorded_a_person_stops_seeing_them_once_their_only_case_is_restricted_to_others()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var recorder = await app.CreateUserAsync(Roles.Practitioner, team);
        var named = await app.CreateUserAsync(Roles.Practitioner, team);
        var recorderApi = await app.ClientForAsync(recorder);
        var personId = await recorderApi.CreatePersonAsync("Kai", "Brennan", "2012-03-04");
        var caseId = (await recorderApi.CreateCaseAsync(personId, recorder.UserName))["id"]!.GetValue<Guid>();

        // The supervisor moves the case to a colleague and restricts it to them.
        var boss = await app.ClientForAsync(supervisor);
        var etag = (await boss.GetAsync(Url($"/api/v1/cases/{caseId}"))).Headers.ETag!.Tag;
        await (await boss.PatchJsonAsync($"/api/v1/cases/{caseId}", new { allocatedTo = named.UserName, restricted = true, restrictedTo = new[] { named.UserName } }, etag))
            .ShouldBeAsync(HttpStatusCode.OK);
        var namedApi = await app.ClientForAsync(named);
        await ChangeCharacteristicsAsync(namedApi, personId, "young-carer", "Said at the restricted interview that she cares for her father");

        await (await recorderApi.GetAsync(Url($"/api/v1/people/{personId}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await recorderApi.PostAsJsonAsync($"/api/v1/people/{personId}/characteristics", new { add = new[] { "disability" }, reason = "Letter" }))
            .ShouldBeAsync(HttpStatusCode.NotFound);
        await (await recorderApi.PostAsJsonAsync("/api/v1/cases", new { personId, service = "send", allocatedTo = recorder.UserName, risk = "amber", expectedContactEveryWorkingDays = 10 }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        using var browser = await PageClient.SignInAsync(app, recorder);
        var page = await browser.GetAsync(Url($"/People/{personId}"));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("restricted interview", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Those named on the case still see the person.
        await (await namedApi.GetAsync(Url($"/api/v1/people/{personId}"))).ShouldBeAsync(HttpStatusCode.OK);
        await (await boss.GetAsync(Url($"/api/v1/people/{personId}"))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_person_with_no_case_is_seen_by_whoever_recorded_them_and_nobody_else()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var recorder = await app.CreateUserAsync(Roles.Practitioner, team);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, team);
        var recorderApi = await app.ClientForAsync(recorder);
        var personId = await recorderApi.CreatePersonAsync("Noor", "Hassan", "2015-09-10");

        await (await recorderApi.GetAsync(Url($"/api/v1/people/{personId}"))).ShouldBeAsync(HttpStatusCode.OK);
        await ChangeCharacteristicsAsync(recorderApi, personId, "english-additional-language", "Family speaks Arabic at home");
        await (await (await app.ClientForAsync(colleague)).GetAsync(Url($"/api/v1/people/{personId}"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await (await app.ClientForAsync(supervisor)).GetAsync(Url($"/api/v1/people/{personId}"))).ShouldBeAsync(HttpStatusCode.NotFound);

        // Opening a case for them keeps them visible to the recorder, now through the case.
        await recorderApi.CreateCaseAsync(personId, recorder.UserName);
        await (await recorderApi.GetAsync(Url($"/api/v1/people/{personId}"))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_characteristic_reason_recorded_from_a_restricted_case_is_withheld_from_the_persons_other_case()
    {
        const string Secret = "Disclosed at the restricted interview on 20 Nov";
        const string Open = "Cares for mum after school";
        var (team, supervisor) = await app.CreateTeamAsync();
        var open = await app.CreateUserAsync(Roles.Practitioner, team);
        var restricted = await app.CreateUserAsync(Roles.Practitioner, team);
        var openApi = await app.ClientForAsync(open);
        var personId = await openApi.CreatePersonAsync("Lena", "Novak", "2011-01-20");
        var openCase = (await openApi.CreateCaseAsync(personId, open.UserName))["id"]!.GetValue<Guid>();
        var boss = await app.ClientForAsync(supervisor);
        var restrictedCase = (await boss.CreateCaseAsync(personId, restricted.UserName, restricted: true, service: "send", restrictedTo: [restricted.UserName]))["id"]!.GetValue<Guid>();
        var restrictedApi = await app.ClientForAsync(restricted);
        await ChangeCharacteristicsAsync(restrictedApi, personId, "disability", Secret);
        await ChangeCharacteristicsAsync(openApi, personId, "young-carer", Open);

        // The open case's worker sees that the characteristic changed (the case moved), but not why.
        var history = await (await openApi.GetAsync(Url($"/api/v1/cases/{openCase}/priority-history"))).JsonAsync();
        var details = history["events"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "vulnerability").Select(e => e!["detail"]!.GetValue<string>()).ToList();
        Assert.Contains("Disability added: recorded on a restricted case", details);
        Assert.Contains($"Young carer added: {Open}", details);
        Assert.DoesNotContain(details, d => d.Contains(Secret, StringComparison.Ordinal));
        using (var browser = await PageClient.SignInAsync(app, open))
        {
            var personPage = await browser.GetStringAsync(Url($"/People/{personId}"));
            Assert.Contains("recorded on a restricted case", personPage, StringComparison.Ordinal);
            Assert.Contains(Open, personPage, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, personPage, StringComparison.Ordinal);
            var priorityPage = await browser.GetStringAsync(Url($"/Cases/{openCase}/Priority"));
            Assert.DoesNotContain(Secret, priorityPage, StringComparison.Ordinal);
        }

        // Those named on the restricted case see every reason.
        var restrictedHistory = (await (await restrictedApi.GetAsync(Url($"/api/v1/cases/{restrictedCase}/priority-history"))).JsonAsync()).ToJsonString();
        Assert.Contains(Secret, restrictedHistory, StringComparison.Ordinal);
        Assert.Contains(Open, restrictedHistory, StringComparison.Ordinal);
        using (var browser = await PageClient.SignInAsync(app, supervisor))
        {
            var personPage = await browser.GetStringAsync(Url($"/People/{personId}"));
            Assert.Contains(Secret, personPage, StringComparison.Ordinal);
            Assert.Contains(Open, personPage, StringComparison.Ordinal);
        }
    }
}

public sealed class PersonPrivacyTests_Sqlite(SqliteApp app) : PersonPrivacyTests(app);

public sealed class PersonPrivacyTests_Postgres(PostgresApp app) : PersonPrivacyTests(app);
