using System.Net;
using System.Net.Http.Json;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.People;

/// <summary>A person's sex, ethnicity and postcode through the API: optional when recorded, changed with If-Match, refused by field.</summary>
public abstract class PersonDetailsTests(CaseloadApp app)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Sex_ethnicity_and_postcode_round_trip_and_change_with_the_ETag()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);

        var created = await api.PostAsJsonAsync("/api/v1/people",
            new { givenName = "Niamh", familyName = "Doherty", dateOfBirth = "2012-02-02", sex = "female", ethnicity = "WIRI", postcode = "ls6 2ab" });

        await created.ShouldBeAsync(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal(("female", "WIRI", "LS6 2AB"), (body["sex"]!.GetValue<string>(), body["ethnicity"]!.GetValue<string>(), body["postcode"]!.GetValue<string>()));
        var read = await api.GetAsync(Url($"/api/v1/people/{id}"));
        await read.ShouldBeAsync(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal("LS6 2AB", (await read.JsonAsync())["postcode"]!.GetValue<string>());

        await (await api.PatchJsonAsync($"/api/v1/people/{id}", new { postcode = "M1 1AE" }, null)).ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        var changed = await api.PatchJsonAsync($"/api/v1/people/{id}", new { postcode = "m11ae", ethnicity = "" }, etag);
        await changed.ShouldBeAsync(HttpStatusCode.OK);
        var after = await changed.JsonAsync();
        Assert.Equal("M1 1AE", after["postcode"]!.GetValue<string>());
        Assert.Null(after["ethnicity"]);
        Assert.Equal("female", after["sex"]!.GetValue<string>());
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);

        var stale = await api.PatchJsonAsync($"/api/v1/people/{id}", new { sex = "male" }, etag);
        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("stale-etag", (await stale.JsonAsync())["errorCode"]!.GetValue<string>());
        var stored = await app.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(("female", null, "M1 1AE"), (stored.Sex, stored.Ethnicity, stored.Postcode));
        var events = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.PersonId == id && e.Action == AuditActions.PersonUpdated).ToListAsync());
        var change = Assert.Single(events);
        Assert.Equal("changed ethnicity, postcode", change.Details);
        Assert.DoesNotContain("M1", change.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_recorded_without_them_has_none()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var id = await api.CreatePersonAsync("Rory", "Quill", "2011-01-01");

        var person = await (await api.GetAsync(Url($"/api/v1/people/{id}"))).JsonAsync();

        Assert.Null(person["sex"]);
        Assert.Null(person["ethnicity"]);
        Assert.Null(person["postcode"]);
    }

    [Fact]
    public async Task Unknown_codes_and_postcodes_are_422_naming_the_field_and_store_nothing()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);

        var refused = await api.PostAsJsonAsync("/api/v1/people",
            new { givenName = "Ottilie", familyName = "Marchbanks", dateOfBirth = "2012-02-02", sex = "f", ethnicity = "XXXX", postcode = "LS6" });

        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["ethnicity", "postcode", "sex"], (await refused.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => p.FamilyName == "Marchbanks")));

        var id = await api.CreatePersonAsync("Ottilie", "Marchbanks", "2012-02-02");
        var etag = (await api.GetAsync(Url($"/api/v1/people/{id}"))).Headers.ETag!.Tag;
        var patch = await api.PatchJsonAsync($"/api/v1/people/{id}", new { ethnicity = "ZZZZ" }, etag);
        await patch.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await patch.JsonAsync())["errors"]!["ethnicity"]);
    }

    [Fact]
    public async Task Only_those_who_work_the_persons_cases_change_them()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var id = await api.CreatePersonAsync("Tamsin", "Pengelly", "2012-02-02");
        await api.CreateCaseAsync(id, practitioner.UserName);
        var stranger = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId));

        await (await stranger.PatchJsonAsync($"/api/v1/people/{id}", new { sex = "female" }, "\"1\"")).ShouldBeAsync(HttpStatusCode.NotFound);
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var denied = await dpo.PatchJsonAsync($"/api/v1/people/{id}", new { sex = "female" }, "\"1\"");
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, denied.StatusCode.ToString());
    }
}

public sealed class PersonDetailsTests_Sqlite(SqliteApp app) : PersonDetailsTests(app);

public sealed class PersonDetailsTests_Postgres(PostgresApp app) : PersonDetailsTests(app);
