using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Cases;

/// <summary>Bad input gets a clear problem naming the field, and nothing is half-stored.</summary>
public abstract class BadInputTests(CaseloadApp app)
{
    private async Task<(TestUser User, HttpClient Client)> ArrangeAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        return (user, await app.ClientForAsync(user));
    }

    private Task<int> PeopleCreatedByAsync(TestUser user) => app.WithDbAsync(db => db.People.CountAsync(p => p.CreatedById == user.Id));

    [Theory]
    [InlineData("{\"givenName\":\"Sam\",\"familyName\":\"Lee\",\"dateOfBirth\":\"12/05/2014\"}", 400, "dateOfBirth")]
    [InlineData("{\"givenName\":\"Sam\",\"familyName\":\"Lee\",\"dateOfBirth\":\"2014-02-30\"}", 400, "dateOfBirth")]
    [InlineData("{\"givenName\":42,\"familyName\":\"Lee\",\"dateOfBirth\":\"2014-05-12\"}", 400, "givenName")]
    [InlineData("{\"givenName\":\"Sam\",\"familyName\":\"Lee\",\"dateOfBirth\":\"2014-05-12\",\"characteristics\":\"neet\"}", 400, "characteristics")]
    [InlineData("{\"givenName\":\"Sam\",\"familyName\":\"Lee\",\"dateOfBirth\":\"2014-05-12\",\"nickname\":\"S\"}", 400, "nickname")]
    [InlineData("{\"familyName\":\"Lee\",\"dateOfBirth\":\"2014-05-12\"}", 422, "givenName")]
    [InlineData("{\"givenName\":\"Sam\",\"familyName\":\"Lee\"}", 422, "dateOfBirth")]
    [InlineData("{\"givenName\":\"Sam\",\"familyName\":\"Lee\",\"dateOfBirth\":\"2099-01-01\"}", 422, "dateOfBirth")]
    [InlineData("{\"givenName\":\"Sam\",\"familyName\":\"Lee\",\"dateOfBirth\":\"2014-05-12\",\"characteristics\":[\"looked-after\",\"rich\"]}", 422, "characteristics")]
    public async Task A_bad_person_is_refused_naming_the_field_and_nothing_is_stored(string json, int status, string field)
    {
        var (user, client) = await ArrangeAsync();
        var response = await client.PostJsonTextAsync("/api/v1/people", json);
        await response.ShouldBeAsync((HttpStatusCode)status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.NotNull(problem["errorCode"]);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0, await PeopleCreatedByAsync(user));
    }

    [Fact]
    public async Task Over_long_names_are_refused()
    {
        var (user, client) = await ArrangeAsync();
        var response = await client.PostAsJsonAsync("/api/v1/people", new { givenName = new string('a', 101), familyName = "Lee", dateOfBirth = "2014-05-12" });
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("100 characters", (await response.JsonAsync())["errors"]!["givenName"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await PeopleCreatedByAsync(user));
    }

    [Fact]
    public async Task Malformed_json_and_the_wrong_content_type_are_refused()
    {
        var (_, client) = await ArrangeAsync();
        var malformed = await client.PostJsonTextAsync("/api/v1/people", "{\"givenName\": \"Sam\",");
        await malformed.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid-json", (await malformed.JsonAsync())["errorCode"]!.GetValue<string>());
        var text = await client.PostAsync("/api/v1/people", new StringContent("givenName=Sam"));
        await text.ShouldBeAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_case_for_an_unknown_person_or_service_is_refused_and_nothing_is_stored()
    {
        var (user, client) = await ArrangeAsync();
        var response = await client.PostAsJsonAsync("/api/v1/cases", new { personId = Guid.NewGuid(), service = "astrology", allocatedTo = user.UserName, risk = "purple" });
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var unknownPerson = await client.PostAsJsonAsync("/api/v1/cases", new { personId = Guid.NewGuid(), service = "send", allocatedTo = user.UserName, expectedContactEveryWorkingDays = 0 });
        await unknownPerson.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await unknownPerson.JsonAsync())["errors"]!;
        Assert.NotNull(errors["personId"]);
        Assert.NotNull(errors["expectedContactEveryWorkingDays"]);
        Assert.NotNull(errors["risk"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.CountAsync(c => c.AllocatedToId == user.Id)));
    }

    [Fact]
    public async Task Unknown_ids_and_malformed_ids_answer_404_problems()
    {
        var (_, client) = await ArrangeAsync();
        var unknown = await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}");
        await unknown.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", (await unknown.JsonAsync())["errorCode"]!.GetValue<string>());
        var malformed = await client.GetAsync("/api/v1/cases/not-a-case");
        await malformed.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_bad_patch_changes_nothing()
    {
        var (user, client) = await ArrangeAsync();
        var id = await client.CreateCaseIdAsync(user.UserName);
        var wrongType = await client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red", expectedContactEveryWorkingDays = "weekly" }, "\"1\"");
        await wrongType.ShouldBeAsync(HttpStatusCode.BadRequest);
        var invalid = await client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red", expectedContactEveryWorkingDays = 999 }, "\"1\"");
        await invalid.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var badEtag = await client.PatchJsonAsync($"/api/v1/cases/{id}", new { risk = "red" }, "banana");
        await badEtag.ShouldBeAsync(HttpStatusCode.BadRequest);
        var stored = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => new { c.Risk, c.Version, c.ExpectedContactEveryWorkingDays }).SingleAsync());
        Assert.Equal(Caseload.Features.Cases.Risk.Amber, stored.Risk);
        Assert.Equal(1, stored.Version);
        Assert.Equal(10, stored.ExpectedContactEveryWorkingDays);
    }
}

public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app);

public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app);
