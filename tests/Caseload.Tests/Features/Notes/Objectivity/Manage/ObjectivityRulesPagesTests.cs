using System.Net;
using Caseload.Features.Notes.Objectivity.Manage;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Notes.Objectivity.Manage;

/// <summary>The administrator's pages, without JavaScript: add, try, refuse, retire; and the note form uses a new rule at once.</summary>
public abstract class ObjectivityRulesPagesTests(CaseloadApp app)
{
    private static string Word() => "zq" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'x');

    private static Dictionary<string, string> RuleForm(string phrases, string reason = "Used of teenagers in referrals") => new()
    {
        ["Category"] = "judgement",
        ["Phrases"] = phrases,
        ["Message"] = "A local label of the young person.",
        ["Suggestion"] = "Record what they said or did, and when.",
        ["Reason"] = reason,
    };

    [Fact]
    public async Task A_rule_added_on_the_page_is_used_by_the_note_form_at_once()
    {
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var word = Word();
        var added = await admin.PostFormAsync("/Admin/ObjectivityRules/Edit", RuleForm(word));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await app.WithDbAsync(db => db.Set<ObjectivityRuleVersion>().Where(v => v.Phrases == word).Select(v => v.RuleId).SingleAsync());
        var index = await admin.GetStringAsync(new Uri("/Admin/ObjectivityRules", UriKind.Relative));
        Assert.Contains(id, index, StringComparison.Ordinal);
        Assert.Contains("Used of teenagers in referrals", index, StringComparison.Ordinal);

        var p = await app.CreateUserAsync(Roles.Practitioner);
        var caseId = await (await app.ClientForAsync(p)).CreateCaseIdAsync(p.UserName);
        var browser = await PageClient.SignInAsync(app, p);
        var note = await browser.PostFormAsync($"/Cases/{caseId}/Notes/New", new()
        {
            ["Form.Type"] = "home-visit",
            ["Form.Day"] = "23",
            ["Form.Month"] = "11",
            ["Form.Year"] = "2026",
            ["Form.Time"] = "09:00",
            ["Form.WhatHappened"] = $"Jordan was {word} when I arrived.",
        });
        var html = await note.Content.ReadAsStringAsync();
        Assert.Contains("Check the language in this note", html, StringComparison.Ordinal);
        Assert.Contains($"<mark>{word}</mark>", html, StringComparison.Ordinal);
        Assert.Contains("A local label of the young person.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_phrase_is_refused_with_a_govuk_error_and_nothing_is_saved()
    {
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var word = Word();
        var response = await admin.PostFormAsync("/Admin/ObjectivityRules/Edit", RuleForm($"{word}\n(a+)+b", reason: ""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Phrase 2 (\u201c(a+)+b\u201d) has the character", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Enter why you are adding the rule", html, StringComparison.Ordinal);
        Assert.Equal(0, await RuleVersions.WithPhraseAsync(app, word));
    }

    [Fact]
    public async Task The_administrator_tries_a_sentence_against_a_draft_rule_before_saving()
    {
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var word = Word();
        var fields = RuleForm(word);
        fields["Sentence"] = $"She was {word} and lazy.";
        var response = await admin.PostFormAsync("/Admin/ObjectivityRules/Edit?handler=Preview", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("2 findings", html, StringComparison.Ordinal);
        Assert.Contains($"\u201c{word}\u201d (rule {ObjectivityRuleService.DraftId})", html, StringComparison.Ordinal);
        Assert.Contains("\u201clazy\u201d (rule judgement-lazy)", html, StringComparison.Ordinal);
        Assert.Equal(0, await RuleVersions.WithPhraseAsync(app, word));
    }

    [Fact]
    public async Task A_rule_retired_on_the_page_stops_flagging_and_keeps_its_history()
    {
        var admin = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var word = Word();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/ObjectivityRules/Edit", RuleForm(word))).StatusCode);
        var id = await app.WithDbAsync(db => db.Set<ObjectivityRuleVersion>().Where(v => v.Phrases == word).Select(v => v.RuleId).SingleAsync());

        var noReason = await admin.PostFormAsync($"/Admin/ObjectivityRules/Retire/{id}", new() { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Enter why you are retiring the rule", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var retired = await admin.PostFormAsync($"/Admin/ObjectivityRules/Retire/{id}", new() { ["Reason"] = "Replaced by training" });
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        var check = await (await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner))).PostAsync(new Uri("/api/v1/notes/check", UriKind.Relative),
            new StringContent($$"""{"text":"He was {{word}}."}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("""{"findings":[]}""", await check.Content.ReadAsStringAsync());
        var history = await admin.GetStringAsync(new Uri($"/Admin/ObjectivityRules/Edit/{id}", UriKind.Relative));
        Assert.Contains("Replaced by training", history, StringComparison.Ordinal);
        Assert.Contains("This rule is retired", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_reach_the_pages()
    {
        foreach (var role in new[] { Roles.Practitioner, Roles.ServiceManager })
        {
            var browser = await PageClient.SignInAsync(app, await app.CreateUserAsync(role));
            var response = await browser.GetAsync(new Uri("/Admin/ObjectivityRules/Edit", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}

public sealed class ObjectivityRulesPagesTests_Sqlite(SqliteApp app) : ObjectivityRulesPagesTests(app);

public sealed class ObjectivityRulesPagesTests_Postgres(PostgresApp app) : ObjectivityRulesPagesTests(app);
