using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Worklist;

/// <summary>
/// A priority a practitioner can trust, end to end: a child protection plan is never green and a green rating beside it is
/// flagged; months without contact are red; the explanation page gives the case's real place on the worklist; the weights page
/// names weights in plain English, puts an error on the weight at fault and previews the band changes. Today is 23 Nov 2026.
/// </summary>
public abstract class PriorityTrustTests(CaseloadApp app)
{
    private async Task<(TestUser User, HttpClient Client)> PractitionerAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var user = await app.CreateUserAsync(Roles.Practitioner, team);
        return (user, await app.ClientForAsync(user));
    }

    private static async Task<Guid> CaseAsync(HttpClient client, TestUser user, string risk, string given, params string[] characteristics)
    {
        var person = await client.CreatePersonAsync(given, "Trust", "2012-03-04", characteristics);
        return (await client.CreateCaseAsync(person, user.UserName, risk: risk))["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonNode> ItemAsync(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync("/api/v1/worklist");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray().Single(i => i!["caseId"]!.GetValue<Guid>() == caseId)!;
    }

    [Fact]
    public async Task A_green_rated_child_on_a_protection_plan_is_amber_and_flagged_on_the_worklist_the_explanation_and_the_api()
    {
        var (user, client) = await PractitionerAsync();
        var caseId = await CaseAsync(client, user, "green", "Planned", "child-protection-plan");
        var item = await ItemAsync(client, caseId);
        Assert.Equal("amber", item["rag"]!.GetValue<string>());
        // The day the person was recorded with the plan (the shared clock may have moved on a day or two in other tests).
        Assert.Matches("^Rated green; child protection plan since [0-9]{1,2} [A-Z][a-z]{2} 2026: review the risk rating$", item["ratingInconsistency"]!.GetValue<string>());
        Assert.Equal("Vulnerability", item["reasons"]![0]!["title"]!.GetValue<string>());

        using var browser = await PageClient.SignInAsync(app, user);
        var worklist = await browser.GetStringAsync(new Uri("/Worklist", UriKind.Relative));
        Assert.Contains(item["ratingInconsistency"]!.GetValue<string>(), worklist, StringComparison.Ordinal);
        var why = await browser.GetStringAsync(new Uri($"/Cases/{caseId}/Priority", UriKind.Relative));
        Assert.Contains("data-testid=\"rating-inconsistency\"", why, StringComparison.Ordinal);
        Assert.Contains("review the risk rating", why, StringComparison.Ordinal);
        Assert.DoesNotContain(">vulnerability<", why, StringComparison.Ordinal);

        // Re-rated amber, the flag goes; the band stays amber.
        var amber = await CaseAsync(client, user, "amber", "Rerated", "looked-after");
        Assert.Null((await ItemAsync(client, amber))["ratingInconsistency"]);
    }

    [Fact]
    public async Task A_child_not_seen_for_three_months_is_red_whatever_the_green_rating()
    {
        var (user, client) = await PractitionerAsync();
        var caseId = await CaseAsync(client, user, "green", "Unseen");
        (await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", new
        {
            type = "home-visit",
            occurredAt = "2026-08-20T10:00:00Z",
            presentAndSpokenTo = "Mum and the child",
            whatHappened = "Visited the home at the agreed time. The child showed me their bedroom.",
            lateEntryReason = "Recorded from notes taken at the visit",
        })).EnsureSuccessStatusCode();
        var item = await ItemAsync(client, caseId);
        Assert.Equal("red", item["rag"]!.GetValue<string>());
        var contact = item["reasons"]!.AsArray().Single(r => r!["factor"]!.GetValue<string>() == "contact-drift")!;
        Assert.Contains("so at least red priority", contact["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Contact", contact["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_explanation_gives_the_real_rank_on_the_practitioners_worklist()
    {
        var (user, client) = await PractitionerAsync();
        var first = await CaseAsync(client, user, "red", "First");
        var second = await CaseAsync(client, user, "green", "Second");
        var history = await (await client.GetAsync($"/api/v1/cases/{second}/priority-history")).JsonAsync();
        Assert.Equal(2, history["rank"]!["position"]!.GetValue<int>());
        Assert.Equal(2, history["rank"]!["of"]!.GetValue<int>());
        Assert.Equal(2, history["current"]!["rank"]!.GetValue<int>());

        using var browser = await PageClient.SignInAsync(app, user);
        Assert.Contains("Number 2 of 2 open cases on your worklist", await browser.GetStringAsync(new Uri($"/Cases/{second}/Priority", UriKind.Relative)), StringComparison.Ordinal);
        var why = await browser.GetStringAsync(new Uri($"/Cases/{first}/Priority", UriKind.Relative));
        Assert.Contains("Number 1 of 2 open cases on your worklist", why, StringComparison.Ordinal);
        // The page leads back to the case it explains, and still to the worklist.
        Assert.Contains($"<a href=\"/Cases/{first}\" class=\"govuk-back-link\">Back to the case</a>", why, StringComparison.Ordinal);
        Assert.Contains("<a class=\"govuk-link\" href=\"/Worklist\">go back to your worklist</a>", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_weights_page_speaks_plain_english_puts_the_error_on_the_weight_and_previews_band_changes()
    {
        var (user, client) = await PractitionerAsync();
        var caseId = await CaseAsync(client, user, "green", "Previewed", "child-in-need", "young-carer");
        Assert.Equal("green", (await ItemAsync(client, caseId))["rag"]!.GetValue<string>());
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, "early-help");
        using var browser = await PageClient.SignInAsync(app, manager);

        var page = await browser.GetStringAsync(new Uri("/Worklist/Weights", UriKind.Relative));
        Assert.Contains("Risk rated red", page, StringComparison.Ordinal);
        Assert.Contains("Vulnerability: Child protection plan", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">riskRed<", page, StringComparison.Ordinal);

        var unsafeWeights = await browser.PostFormAsync("/Worklist/Weights", new() { ["Values[riskRed]"] = "10", ["Reason"] = "Trying a lower red" });
        Assert.Equal(HttpStatusCode.BadRequest, unsafeWeights.StatusCode);
        var refused = WebUtility.HtmlDecode(await unsafeWeights.Content.ReadAsStringAsync());
        Assert.Contains("id=\"w-riskRed-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("href=\"#w-riskRed\"", refused, StringComparison.Ordinal);
        Assert.Contains("‘Risk rated red’ must be at least", refused, StringComparison.Ordinal);

        var later = await browser.PostFormAsync("/Worklist/Weights", new() { ["Values[contactDriftRedFromPercent]"] = "400", ["Reason"] = "Fewer red cases" });
        Assert.Equal(HttpStatusCode.BadRequest, later.StatusCode);
        Assert.Contains("id=\"w-contactDriftRedFromPercent-error\"", await later.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var before = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<Caseload.Features.Worklist.PriorityWeightsVersion>()));
        var preview = await browser.PostFormAsync("/Worklist/Weights?handler=Preview", new() { ["Values[amberBandFrom]"] = "20" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var shown = await preview.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"weights-preview\"", shown, StringComparison.Ordinal);
        Assert.Contains($"/Cases/{caseId}/Priority", shown, StringComparison.Ordinal);
        Assert.Contains("Previewed Trust", shown, StringComparison.Ordinal);
        // A preview saves nothing, and is in the audit trail as a list of the cases it showed.
        Assert.Equal(before, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<Caseload.Features.Worklist.PriorityWeightsVersion>())));
        Assert.True(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.AuditEvents, e => e.UserName == manager.UserName && e.Action == "priority.weights-previewed")));
    }
}

public sealed class PriorityTrustTests_Sqlite(SqliteApp app) : PriorityTrustTests(app);

public sealed class PriorityTrustTests_Postgres(PostgresApp app) : PriorityTrustTests(app);
