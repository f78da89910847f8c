using System.Net;
using System.Text.Json.Nodes;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Features.Notes;

public abstract class NoteSearchTests(CaseloadApp app)
{
    /// <summary>A made-up word no other test writes, so results are this test's only.</summary>
    private static string Word() => "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'x');

    private static async Task<JsonNode> SearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync($"/api/v1/search/notes?q={Uri.EscapeDataString(q)}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_practitioner_finds_their_note_with_the_matched_words_highlighted()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(p);
        var caseId = await client.CreateCaseIdAsync(p.UserName);
        var word = Word();
        var noteId = (await client.CreateNoteAsync(caseId, NoteApi.Note($"Home visit. Jordan showed me the {word} he built at school from card and tape.")))["id"]!.GetValue<Guid>();
        await client.CreateNoteAsync(caseId, NoteApi.Note("Phone call with the school about attendance."));

        var result = await SearchAsync(client, word.ToUpperInvariant());
        var hit = Assert.Single(result["items"]!.AsArray())!;
        Assert.Equal(noteId, hit["noteId"]!.GetValue<Guid>());
        Assert.Equal(caseId, hit["caseId"]!.GetValue<Guid>());
        Assert.Equal("Alex Taylor", hit["personName"]!.GetValue<string>());
        var snippet = hit["snippet"]!.GetValue<string>();
        var highlight = Assert.Single(hit["highlights"]!.AsArray())!;
        Assert.Equal(word, snippet.Substring(highlight["start"]!.GetValue<int>(), highlight["length"]!.GetValue<int>()), ignoreCase: true);
        Assert.False(result["limited"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Results_are_ranked_by_relevance_and_every_word_must_match()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(p);
        var caseId = await client.CreateCaseIdAsync(p.UserName);
        var (a, b) = (Word(), Word());
        var once = (await client.CreateNoteAsync(caseId, NoteApi.Note($"Visit. Talked about {a} and {b}. Then a long conversation about housing, benefits, the landlord and repairs that were promised in October.")))["id"]!.GetValue<Guid>();
        var often = (await client.CreateNoteAsync(caseId, NoteApi.Note($"{a} {b}. {a} again; {b} again.")))["id"]!.GetValue<Guid>();
        await client.CreateNoteAsync(caseId, NoteApi.Note($"Only {a} here."));

        var items = (await SearchAsync(client, $"{a} {b}"))["items"]!.AsArray();
        Assert.Equal([often, once], items.Select(i => i!["noteId"]!.GetValue<Guid>()));

        var phrase = (await SearchAsync(client, $"\"{b} {a}\""))["items"]!.AsArray();
        Assert.Equal(often, Assert.Single(phrase)!["noteId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Search_never_returns_a_note_from_a_case_the_user_cannot_see()
    {
        var (team, supervisor) = await app.CreateTeamAsync();
        var author = await app.CreateUserAsync(Roles.Practitioner, team);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, team);
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, Services.EarlyHelp);
        var otherServiceManager = await app.CreateUserAsync(Roles.ServiceManager, null, Services.Send);
        var authorClient = await app.ClientForAsync(author);
        var word = Word();
        var restrictedCase = await authorClient.CreateCaseIdAsync(author.UserName, restricted: true);
        var openCase = await authorClient.CreateCaseIdAsync(author.UserName);
        await authorClient.CreateNoteAsync(restrictedCase, NoteApi.Note($"Restricted: {word} disclosed by a member of staff's child."));
        await authorClient.CreateNoteAsync(openCase, NoteApi.Note($"Open case: {word} at the school gate."));

        static IEnumerable<Guid> Cases(JsonNode r) => r["items"]!.AsArray().Select(i => i!["caseId"]!.GetValue<Guid>());
        Assert.Equal([restrictedCase, openCase], Cases(await SearchAsync(authorClient, word)).Order());
        Assert.Empty(Cases(await SearchAsync(await app.ClientForAsync(colleague), word)));
        Assert.Equal([openCase], Cases(await SearchAsync(await app.ClientForAsync(supervisor), word)));
        Assert.Equal([openCase], Cases(await SearchAsync(await app.ClientForAsync(manager), word)));
        Assert.Empty(Cases(await SearchAsync(await app.ClientForAsync(otherServiceManager), word)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == restrictedCase && e.UserName != author.UserName)));
    }

    [Fact]
    public async Task Only_the_current_words_of_notes_that_are_not_struck_through_are_found()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(p);
        var caseId = await client.CreateCaseIdAsync(p.UserName);
        var (before, after, struck) = (Word(), Word(), Word());
        var noteId = (await client.CreateNoteAsync(caseId, NoteApi.Note($"Visit about the {before}.")))["id"]!.GetValue<Guid>();
        (await client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments", NoteApi.Note($"Visit about the {after}.").With("reason", "Wrong word"), "\"1\"")).EnsureSuccessStatusCode();
        var wrongCase = (await client.CreateNoteAsync(caseId, NoteApi.Note($"Note about {struck}.")))["id"]!.GetValue<Guid>();
        (await client.PostJsonTextAsync($"/api/v1/cases/{caseId}/notes/{wrongCase}/strike-through", """{"reason":"Wrong case"}""")).EnsureSuccessStatusCode();

        Assert.Empty((await SearchAsync(client, before))["items"]!.AsArray());
        var hit = Assert.Single((await SearchAsync(client, after))["items"]!.AsArray())!;
        Assert.True(hit["amended"]!.GetValue<bool>());
        Assert.Empty((await SearchAsync(client, struck))["items"]!.AsArray());
    }

    [Fact]
    public async Task Each_case_shown_in_results_is_audited_as_read_and_an_empty_search_is_recorded_too()
    {
        var (team, _) = await app.CreateTeamAsync();
        var p = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(p);
        var caseId = await client.CreateCaseIdAsync(p.UserName);
        var word = Word();
        await client.CreateNoteAsync(caseId, NoteApi.Note($"{word} one."));
        await client.CreateNoteAsync(caseId, NoteApi.Note($"{word} two."));

        await SearchAsync(client, word);
        await SearchAsync(client, Word());

        // One event per search, the cases its results showed beside it (a case with two matching notes once).
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == p.UserName && e.Action == AuditActions.NoteSearched).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(AuditTrail.ListEntityType, e.EntityType));
        // The words searched are not kept (a name typed would outlive the person's records); the notes shown are, by id.
        Assert.All(events, e => Assert.DoesNotContain(word, (e.Details ?? "") + e.Route, StringComparison.OrdinalIgnoreCase));
        var found = Assert.Single(events, e => !e.Details!.Contains("results=0", StringComparison.Ordinal));
        var empty = Assert.Single(events, e => e.Details!.Contains("results=0", StringComparison.Ordinal));
        Assert.Equal([caseId], await app.WithDbAsync(db => db.AuditEventCases.Where(x => x.AuditEventId == found.Id).Select(x => x.CaseId).ToListAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEventCases.AnyAsync(x => x.AuditEventId == empty.Id)));
    }

    [Fact]
    public async Task Search_syntax_typed_by_a_person_is_read_as_words_never_as_query_operators()
    {
        var p = await app.CreateUserAsync(Roles.Practitioner);
        var client = await app.ClientForAsync(p);
        foreach (var q in new[] { "NEAR(mum dad", "mum* OR -dad", "\"unclosed phrase", "a:b {c} (d) ^e", "'; DROP TABLE \"CaseNotes\"; --", "or and not" })
        {
            var response = await client.GetAsync($"/api/v1/search/notes?q={Uri.EscapeDataString(q)}");
            await response.ShouldBeAsync(HttpStatusCode.OK);
        }

        var empty = await client.GetAsync("/api/v1/search/notes?q=%20%22%22");
        await empty.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Enter words to search for", (await empty.JsonAsync())["errors"]!["q"]![0]!.GetValue<string>());
    }
}

public sealed class NoteSearchTests_Sqlite(SqliteApp app) : NoteSearchTests(app);

public sealed class NoteSearchTests_Postgres(PostgresApp app) : NoteSearchTests(app);
