using System.Net;
using System.Text.Json.Nodes;
using Caseload.Features.People;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.People;

/// <summary>Search for a person by name, date of birth or id, among the people the user may see; audited as a list view.</summary>
public abstract class PersonSearchTests(CaseloadApp app)
{
    private async Task<(TestUser User, HttpClient Client)> PractitionerAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        return (user, await app.ClientForAsync(user));
    }

    private static async Task<JsonArray> SearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(q)}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray();
    }

    private static IEnumerable<Guid> Ids(JsonArray items) => items.Select(i => i!["id"]!.GetValue<Guid>());

    [Fact]
    public async Task Finds_a_person_by_part_of_the_name_whatever_the_case_and_accents()
    {
        var (user, client) = await PractitionerAsync();
        var family = $"Ó Súilleabháin{Guid.NewGuid():N}"[..22];
        var person = await client.CreatePersonAsync("Zoë", family, "2013-05-06");
        var caseId = (await client.CreateCaseAsync(person, user.UserName))["id"]!.GetValue<Guid>();
        var tail = PersonSearch.Fold(family)[^6..];

        foreach (var q in new[] { $"zoe {tail}", $"ZOË {tail.ToUpperInvariant()}", $"suilleabh {tail}", $"Súill {tail}" })
        {
            var items = await SearchAsync(client, q);
            Assert.Equal([person], Ids(items));
            Assert.Equal(caseId, items[0]!["openCases"]![0]!["caseId"]!.GetValue<Guid>());
        }

        Assert.Empty(await SearchAsync(client, $"zoey {tail}"));
    }

    [Fact]
    public async Task Finds_by_date_of_birth_or_id_and_only_among_the_people_the_user_may_see()
    {
        var (user, client) = await PractitionerAsync();
        var (other, otherClient) = await PractitionerAsync();
        var mine = await client.CreatePersonAsync("Dated", "Person", "2011-02-13");
        await client.CreateCaseAsync(mine, user.UserName);
        var theirs = await otherClient.CreatePersonAsync("Dated", "Person", "2011-02-13");
        await otherClient.CreateCaseAsync(theirs, other.UserName);

        Assert.Equal([mine], Ids(await SearchAsync(client, "13/2/2011")));
        Assert.Equal([mine], Ids(await SearchAsync(client, "dated 2011-02-13")));
        Assert.Equal([mine], Ids(await SearchAsync(client, mine.ToString())));
        Assert.Empty(await SearchAsync(client, theirs.ToString()));
        Assert.Equal([theirs], Ids(await SearchAsync(otherClient, "13/2/2011")));
    }

    [Fact]
    public async Task A_supervisor_finds_the_teams_people_a_restricted_case_only_whom_it_names_and_a_recorder_their_people_without_a_case()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var (otherTeam, _) = await app.CreateTeamAsync();
        var holder = await app.CreateUserAsync(Roles.Practitioner, team);
        var named = await app.CreateUserAsync(Roles.Practitioner, team);
        var outsider = await app.CreateUserAsync(Roles.Practitioner, otherTeam);
        var holderApi = await app.ClientForAsync(holder);
        var boss = await app.ClientForAsync(supervisor);
        var name = $"Narrow{Guid.NewGuid():N}"[..16];
        var teamPerson = await holderApi.CreatePersonAsync("Open", name, "2012-04-05");
        await holderApi.CreateCaseAsync(teamPerson, holder.UserName);
        var restrictedPerson = await holderApi.CreatePersonAsync("Hidden", name, "2012-04-06");
        var restrictedCase = (await holderApi.CreateCaseAsync(restrictedPerson, holder.UserName))["id"]!.GetValue<Guid>();
        var etag = (await boss.GetAsync(new Uri($"/api/v1/cases/{restrictedCase}", UriKind.Relative))).Headers.ETag!.Tag;
        await (await boss.PatchJsonAsync($"/api/v1/cases/{restrictedCase}", new { allocatedTo = named.UserName, restricted = true, restrictedTo = new[] { named.UserName } }, etag))
            .ShouldBeAsync(HttpStatusCode.OK);
        var noCase = await holderApi.CreatePersonAsync("Waiting", name, "2012-04-07");

        // The supervisor sees the team's case and the one they restricted (whoever restricts a case is named on it); the named
        // practitioner sees only the restricted one.
        Assert.Equal(new[] { restrictedPerson, teamPerson }.Order(), Ids(await SearchAsync(boss, name)).Order());
        Assert.Equal([restrictedPerson], Ids(await SearchAsync(await app.ClientForAsync(named), name)));
        // Whoever recorded a person with no case yet finds them; the restricted person is gone from the recorder's search.
        Assert.Equal(new[] { noCase, teamPerson }.Order(), Ids(await SearchAsync(holderApi, name)).Order());
        Assert.Empty(await SearchAsync(await app.ClientForAsync(outsider), name));
    }

    [Fact]
    public async Task A_search_is_audited_as_a_list_view_of_the_open_cases_shown()
    {
        var (user, client) = await PractitionerAsync();
        var name = $"Audited{Guid.NewGuid():N}"[..16];
        var person = await client.CreatePersonAsync("Ada", name, "2012-01-01");
        var caseId = (await client.CreateCaseAsync(person, user.UserName))["id"]!.GetValue<Guid>();
        await SearchAsync(client, name);

        var audited = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == user.UserName && e.Action == "person.searched")
            .Select(e => new { e.Id, e.Details, e.Route }).ToListAsync());
        var search = Assert.Single(audited);
        // The person found is kept by id, never the name typed: the trail is append-only and would outlive their records.
        Assert.Contains(person.ToString(), search.Details, StringComparison.Ordinal);
        Assert.Contains("by=name (1 word)", search.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(name, search.Details + search.Route, StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.WithDbAsync(db => db.Set<Caseload.Platform.Audit.AuditEventCase>().AnyAsync(c => c.AuditEventId == search.Id && c.CaseId == caseId)));
    }

    [Fact]
    public async Task The_search_page_answers_from_the_header_and_refuses_an_empty_search()
    {
        var (user, client) = await PractitionerAsync();
        var name = $"Paged{Guid.NewGuid():N}"[..14];
        var person = await client.CreatePersonAsync("Bea", name, "2012-01-01");
        var caseId = (await client.CreateCaseAsync(person, user.UserName))["id"]!.GetValue<Guid>();
        using var browser = await PageClient.SignInAsync(app, user);

        var worklist = await browser.GetStringAsync(new Uri("/Worklist", UriKind.Relative));
        Assert.Contains("action=\"/People/Search\"", worklist, StringComparison.Ordinal);

        var found = await browser.GetStringAsync(new Uri($"/People/Search?q={name.ToLowerInvariant()}", UriKind.Relative));
        Assert.Contains($"/People/{person}", found, StringComparison.Ordinal);
        Assert.Contains($"/Cases/{caseId}", found, StringComparison.Ordinal);
        Assert.Contains("1 person found", found, StringComparison.Ordinal);

        var empty = await browser.GetAsync(new Uri("/People/Search?q=%20", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter a name, date of birth or id", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await client.GetAsync(new Uri("/api/v1/people?q=", UriKind.Relative));
        await api.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_person_recorded_before_search_existed_is_found_once_the_names_are_filled()
    {
        var (user, client) = await PractitionerAsync();
        var name = $"Older{Guid.NewGuid():N}"[..14];
        var person = await client.CreatePersonAsync("Cy", name, "2012-01-01");
        await client.CreateCaseAsync(person, user.UserName);
        await app.WithDbAsync(db => db.People.Where(p => p.Id == person).ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchName, "")));
        Assert.Empty(await SearchAsync(client, name));
        await app.WithDbAsync(async db => { await PersonSearch.BackfillAsync(db); return 0; });
        Assert.Equal([person], Ids(await SearchAsync(client, name)));
    }

    [Fact]
    public async Task The_name_index_follows_a_changed_name_and_a_person_removed()
    {
        // A service manager searches a whole service's people, through the name index on either database; the practitioner
        // searches their own people.
        var (user, client) = await PractitionerAsync();
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "send"));
        var name = $"Renamed{Guid.NewGuid():N}"[..16];
        var person = await client.CreatePersonAsync("Ida", name, "2012-03-04");
        var caseId = (await client.CreateCaseAsync(person, user.UserName, service: "send"))["id"]!.GetValue<Guid>();
        foreach (var searcher in new[] { client, manager })
        {
            Assert.Equal([person], Ids(await SearchAsync(searcher, name)));
            Assert.Equal([person], Ids(await SearchAsync(searcher, $"ida {name[^5..]}")));
        }

        var changed = $"Changed{Guid.NewGuid():N}"[..16];
        await app.WithDbAsync(db => db.People.Where(p => p.Id == person)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.FamilyName, changed).SetProperty(p => p.SearchName, PersonSearch.Fold($"Ida {changed}"))));
        foreach (var searcher in new[] { client, manager })
        {
            Assert.Empty(await SearchAsync(searcher, name));
            Assert.Equal([person], Ids(await SearchAsync(searcher, changed.ToUpperInvariant())));
        }

        // As retention removes a person once their cases are gone: gone from the index too (on SQLite its own table).
        await app.WithDbAsync(async db =>
        {
            await db.Set<Caseload.Features.Cases.Case>().Where(c => c.Id == caseId).ExecuteDeleteAsync();
            return 0;
        });
        var indexed = () => app.WithDbAsync(db => db.Database.IsSqlite()
            ? db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM \"PeopleSearch\" WHERE \"PersonId\" = {person.ToString().ToUpperInvariant()}").SingleAsync()
            : db.People.CountAsync(p => p.Id == person));
        Assert.Equal(1, await indexed());
        await app.WithDbAsync(db => db.People.Where(p => p.Id == person).ExecuteDeleteAsync());
        Assert.Equal(0, await indexed());
        Assert.Empty(await SearchAsync(client, changed));
        Assert.Empty(await SearchAsync(manager, changed));
    }
}

public sealed class PersonSearchTests_Sqlite(SqliteApp app) : PersonSearchTests(app);

public sealed class PersonSearchTests_Postgres(PostgresApp app) : PersonSearchTests(app);

public class PersonSearchRulesTests
{
    [Theory]
    [InlineData("Zoë Ó Súilleabháin", "zoe o suilleabhain")]
    [InlineData("  Anne-Marie  O'Brien ", "anne marie o brien")]
    [InlineData("Łukasz Straße", "lukasz strasse")]
    [InlineData("ØYSTEIN", "oystein")]
    public void Names_fold_to_lower_case_without_accents_or_punctuation(string name, string folded) =>
        Assert.Equal(folded, PersonSearch.Fold(name));

    [Fact]
    public void A_search_reads_a_date_an_id_and_name_words()
    {
        var id = Guid.NewGuid();
        var terms = PersonSearch.Parse($"Zoë 3/4/2015 {id}");
        Assert.Equal(["zoe"], terms.Words);
        Assert.Equal(new DateOnly(2015, 4, 3), terms.DateOfBirth);
        Assert.Equal(id, terms.Id);
        Assert.Equal(new DateOnly(2015, 4, 3), PersonSearch.Parse("3 4 2015").DateOfBirth);
        Assert.True(PersonSearch.Parse(" ' - ").IsEmpty);
    }
}
