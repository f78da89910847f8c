using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Notes.Objectivity.Manage;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Caseload.Platform.Audit;

namespace Caseload.Tests.Features.Notes.Objectivity.Manage;

/// <summary>
/// Administrators' rules through the API, applied to the check at once. The rules are global to the shared test host, so
/// each test adds rules for invented words of its own; only one test switches a built-in rule, whose phrases no other
/// integration test writes, and switches it back on.
/// </summary>
public abstract class ObjectivityRulesApiTests(CaseloadApp app)
{
    private const string Rules = "/api/v1/admin/objectivity-rules";

    private static string Word() => "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'x');

    private static object Rule(string phrase, string reason = "Heard in supervision: a label used of young people here") => new
    {
        category = "judgement",
        phrases = new[] { phrase },
        message = "A local label of the person.",
        suggestion = "Record what the young person said or did.",
        reason,
    };

    private async Task<HttpClient> AdministratorAsync() => await app.ClientForAsync(await app.CreateUserAsync(Roles.Administrator));

    // The check is for case work: administrators change the rules, practitioners see their effect.
    private async Task<HttpClient> PractitionerAsync() => await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner));

    private static async Task<IReadOnlyList<JsonNode>> FindingsAsync(HttpClient client, string text)
    {
        var response = await client.PostAsJsonAsync("/api/v1/notes/check", new { text });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return [.. (await response.JsonAsync())["findings"]!.AsArray().Select(f => f!)];
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string url, object body, string etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task An_added_rule_flags_at_once_through_the_check_and_is_recorded_with_who_when_and_why()
    {
        var admin = await AdministratorAsync();
        var practitioner = await PractitionerAsync();
        var word = Word();
        Assert.Empty(await FindingsAsync(practitioner, $"He was {word} during the visit."));

        var added = await admin.PostAsJsonAsync(Rules, Rule(word));
        await added.ShouldBeAsync(HttpStatusCode.Created);
        var rule = await added.JsonAsync();
        var id = rule["id"]!.GetValue<string>();
        Assert.StartsWith("local-", id, StringComparison.Ordinal);
        Assert.Equal("\"1\"", added.Headers.ETag!.Tag);
        Assert.Equal("in-force", rule["state"]!.GetValue<string>());

        var finding = Assert.Single(await FindingsAsync(practitioner, $"He was {word} during the visit."));
        Assert.Equal("judgement", finding["category"]!.GetValue<string>());
        Assert.Equal("A local label of the person.", finding["message"]!.GetValue<string>());
        Assert.Equal(7, finding["start"]!.GetValue<int>());

        var stored = await app.WithDbAsync(db => db.Set<ObjectivityRuleVersion>().SingleAsync(v => v.RuleId == id));
        Assert.Equal(CaseloadApp.Start, stored.ChangedAt);
        Assert.Equal("Heard in supervision: a label used of young people here", stored.Reason);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ObjectivityRuleAdded && e.EntityId == id && e.UserName == stored.ChangedByName)));
    }

    [Fact]
    public async Task A_retired_rule_no_longer_flags_and_its_versions_stay_readable()
    {
        var admin = await AdministratorAsync();
        var checker = await PractitionerAsync();
        var word = Word();
        var added = await admin.PostAsJsonAsync(Rules, Rule(word));
        await added.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await added.JsonAsync())["id"]!.GetValue<string>();
        Assert.Single(await FindingsAsync(checker, $"She is {word}."));

        var missingReason = await admin.SendAsync(WithIfMatch(HttpMethod.Post, $"{Rules}/{id}/retire", new { reason = " " }, "\"1\""));
        await missingReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Single(await FindingsAsync(checker, $"She is {word}."));

        var retired = await admin.SendAsync(WithIfMatch(HttpMethod.Post, $"{Rules}/{id}/retire", new { reason = "Nobody uses the word any more" }, "\"1\""));
        await retired.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("retired", (await retired.JsonAsync())["state"]!.GetValue<string>());
        Assert.Empty(await FindingsAsync(checker, $"She is {word}."));

        var detail = await admin.GetAsync($"{Rules}/{id}");
        await detail.ShouldBeAsync(HttpStatusCode.OK);
        var history = (await detail.JsonAsync())["history"]!.AsArray();
        Assert.Equal(["retired", "in-force"], history.Select(h => h!["state"]!.GetValue<string>()));
        Assert.Equal("Nobody uses the word any more", history[0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_changed_rule_flags_its_new_phrase_and_a_stale_change_is_refused()
    {
        var admin = await AdministratorAsync();
        var checker = await PractitionerAsync();
        var (first, second) = (Word(), Word());
        var added = await admin.PostAsJsonAsync(Rules, Rule(first));
        var id = (await added.JsonAsync())["id"]!.GetValue<string>();

        var changed = await admin.SendAsync(WithIfMatch(HttpMethod.Put, $"{Rules}/{id}", Rule(second, "Spelling used locally"), "\"1\""));
        await changed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", changed.Headers.ETag!.Tag);
        Assert.Empty(await FindingsAsync(checker, $"He is {first}."));
        Assert.Single(await FindingsAsync(checker, $"He is {second}."));

        var stale = await admin.SendAsync(WithIfMatch(HttpMethod.Put, $"{Rules}/{id}", Rule(first, "From an old copy"), "\"1\""));
        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("stale-etag", (await stale.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.Single(await FindingsAsync(checker, $"He is {second}."));

        var noIfMatch = await admin.PutAsJsonAsync($"{Rules}/{id}", Rule(first));
        await noIfMatch.ShouldBeAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task A_bad_rule_is_refused_with_problem_details_and_changes_nothing()
    {
        var admin = await AdministratorAsync();
        var checker = await PractitionerAsync();
        var word = Word();

        var regex = await admin.PostAsJsonAsync(Rules, Rule($"({word}|x+)+$"));
        await regex.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await regex.JsonAsync();
        Assert.Equal("validation-failed", problem["errorCode"]!.GetValue<string>());
        Assert.Contains("has the character", problem["errors"]!["phrases"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var empty = await admin.PostAsJsonAsync(Rules, new { category = "rude", phrases = Array.Empty<string>(), reason = "" });
        await empty.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await empty.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["category", "message", "phrases", "reason", "suggestion"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));

        var unknownField = await admin.PostJsonTextAsync(Rules, $$"""{"category":"judgement","phrases":["{{word}}"],"pattern":"x","message":"m","suggestion":"s","reason":"r"}""");
        await unknownField.ShouldBeAsync(HttpStatusCode.BadRequest);

        Assert.Equal(0, await RuleVersions.WithPhraseAsync(app, word));
        Assert.Empty(await FindingsAsync(checker, $"He is {word}."));
    }

    [Fact]
    public async Task A_built_in_rule_switched_off_stops_flagging_until_switched_back_on()
    {
        const string id = "generalisation-everyone";
        const string sentence = "It is common knowledge that the family moves often.";
        var admin = await AdministratorAsync();
        var checker = await PractitionerAsync();
        Assert.Single(await FindingsAsync(checker, sentence));
        var etag = (await admin.GetAsync($"{Rules}/{id}")).Headers.ETag!.Tag;

        var off = await admin.SendAsync(WithIfMatch(HttpMethod.Post, $"{Rules}/{id}/switch-off", new { reason = "False alarms on quoted local sayings" }, etag));
        await off.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("switched-off", (await off.JsonAsync())["state"]!.GetValue<string>());
        Assert.Empty(await FindingsAsync(checker, sentence));

        var on = await admin.SendAsync(WithIfMatch(HttpMethod.Post, $"{Rules}/{id}/switch-on", new { reason = "Back on after the trial" }, off.Headers.ETag!.Tag));
        await on.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Single(await FindingsAsync(checker, sentence));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ObjectivityRuleSwitchedOff && e.EntityId == id)));

        var retireBuiltIn = await admin.SendAsync(WithIfMatch(HttpMethod.Post, $"{Rules}/{id}/retire", new { reason = "Trying" }, on.Headers.ETag!.Tag));
        await retireBuiltIn.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Preview_tries_a_sentence_with_a_draft_rule_and_stores_nothing()
    {
        var admin = await AdministratorAsync();
        var checker = await PractitionerAsync();
        var word = Word();
        var response = await admin.PostAsJsonAsync($"{Rules}/preview", new
        {
            text = $"He was {word} and lazy.",
            rule = new { category = "judgement", phrases = new[] { word }, message = "A label.", suggestion = "Record facts." },
        });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var findings = (await response.JsonAsync())["findings"]!.AsArray();
        Assert.Equal([ObjectivityRuleService.DraftId, "judgement-lazy"], findings.Select(f => f!["ruleId"]!.GetValue<string>()));
        Assert.Equal(0, await RuleVersions.WithPhraseAsync(app, word));
        Assert.Empty(await FindingsAsync(checker, $"He was {word}."));
    }

    [Fact]
    public async Task Only_administrators_read_or_change_the_rules()
    {
        foreach (var role in new[] { Roles.Practitioner, Roles.Supervisor, Roles.ServiceManager, Roles.DataProtectionOfficer })
        {
            var client = await app.ClientForAsync(await app.CreateUserAsync(role));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Rules)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Rules, Rule(Word()))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(Rules)).StatusCode);
    }

    [Fact]
    public async Task The_list_holds_the_built_in_rules_and_the_added_ones()
    {
        var admin = await AdministratorAsync();
        var checker = await PractitionerAsync();
        var word = Word();
        await (await admin.PostAsJsonAsync(Rules, Rule(word))).ShouldBeAsync(HttpStatusCode.Created);
        var list = (await (await admin.GetAsync(Rules)).JsonAsync()).AsArray();
        Assert.Contains(list, r => r!["id"]!.GetValue<string>() == "judgement-lazy" && r["builtIn"]!.GetValue<bool>());
        Assert.Contains(list, r => !r!["builtIn"]!.GetValue<bool>() && r["phrases"]![0]!.GetValue<string>() == word);
    }
}

public sealed class ObjectivityRulesApiTests_Sqlite(SqliteApp app) : ObjectivityRulesApiTests(app);

public sealed class ObjectivityRulesApiTests_Postgres(PostgresApp app) : ObjectivityRulesApiTests(app);
