using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Supervision.Reflections;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Supervision.Reflections;

/// <summary>The reflective log: private to its author, shared with their supervisors who comment, never on the child's record.</summary>
public abstract partial class ReflectionsTests(CaseloadApp app)
{
    /// <summary>Posts to one of the page's forms (its action), with the page's antiforgery token, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostToAsync(HttpClient browser, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(new Uri(pageUrl, UriKind.Relative));
        var token = WebUtility.HtmlDecode(TokenInput().Match(page).Groups[1].Value);
        return await browser.PostAsync(new Uri(postUrl, UriKind.Relative), new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex TokenInput();

    private const string Feelings = "Anxious walking in; relieved when Jordan came down to talk";

    private static JsonObject Gibbs(Guid? caseId, bool shared) => new()
    {
        ["model"] = "gibbs",
        ["caseId"] = caseId?.ToString(),
        ["sections"] = new JsonObject
        {
            ["description"] = "A home visit where dad raised his voice about the school",
            ["feelings"] = Feelings,
            ["evaluation"] = "I stayed calm and kept the focus on Jordan",
            ["analysis"] = "I had not planned for conflict",
            ["conclusion"] = "A joint visit would have been safer",
            ["actionPlan"] = "Plan the next visit with a colleague",
        },
        ["shared"] = shared,
    };

    private static async Task<JsonNode> WriteAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/reflections", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_practitioner_keeps_a_reflection_about_a_case_with_the_link_recorded_for_subject_access_and_never_on_the_case()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var response = await t.PractitionerApi.PostAsJsonAsync("/api/v1/reflections", Gibbs(t.CaseId, shared: false));
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/reflections/{id}", response.Headers.Location!.ToString());
        Assert.Equal(("gibbs", t.CaseId, "Jordan Ellis", false, t.Practitioner.UserName),
            (body["model"]!.GetValue<string>(), body["caseId"]!.GetValue<Guid>(), body["personName"]!.GetValue<string>(), body["shared"]!.GetValue<bool>(), body["author"]!.GetValue<string>()));
        Assert.Equal(["description", "feelings", "evaluation", "analysis", "conclusion", "actionPlan"], body["sections"]!.AsObject().Select(s => s.Key));
        Assert.Equal(Feelings, body["sections"]!["feelings"]!.GetValue<string>());

        var stored = await app.WithDbAsync(db => db.Set<Reflection>().SingleAsync(r => r.Id == id));
        Assert.Equal((t.CaseId, t.PersonId), (stored.CaseId!.Value, stored.PersonId!.Value));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ReflectionRecorded && e.EntityId == id.ToString() && e.PersonId == t.PersonId)));

        using var browser = await PageClient.SignInAsync(app, t.Practitioner);
        var casePage = await browser.GetStringAsync(new Uri($"/Cases/{t.CaseId}", UriKind.Relative));
        Assert.DoesNotContain("walking in", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Reflections/{id}", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kolb_reflection_about_practice_in_general_has_the_kolb_sections()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var body = await WriteAsync(t.PractitionerApi, new JsonObject
        {
            ["model"] = "kolb",
            ["sections"] = new JsonObject { ["experience"] = "My first court hearing", ["reflection"] = "I spoke too fast", ["conceptualisation"] = "Nerves shorten breath", ["experimentation"] = "Practise with my supervisor" },
        });
        Assert.Equal(("kolb", false), (body["model"]!.GetValue<string>(), body["shared"]!.GetValue<bool>()));
        Assert.Null(body["caseId"]);
        Assert.Equal(["experience", "reflection", "conceptualisation", "experimentation"], body["sections"]!.AsObject().Select(s => s.Key));
    }

    [Theory]
    [InlineData("""{"model":"schon","sections":{}}""", "model")]
    [InlineData("""{"model":"gibbs"}""", "sections")]
    [InlineData("""{"model":"kolb","sections":{"experience":"a","reflection":"b","conceptualisation":"c"}}""", "sections.experimentation")]
    [InlineData("""{"model":"kolb","sections":{"experience":"a","reflection":"b","conceptualisation":"c","experimentation":"d","feelings":"e"}}""", "sections.feelings")]
    [InlineData("""{"model":"kolb","sections":{"experience":" ","reflection":"b","conceptualisation":"c","experimentation":"d"}}""", "sections.experience")]
    public async Task A_reflection_without_a_known_model_or_its_sections_is_refused_naming_the_field(string json, string field)
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var response = await t.PractitionerApi.PostJsonTextAsync("/api/v1/reflections", json);
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([field], (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.False(await app.WithDbAsync(db => db.Set<Reflection>().AnyAsync(r => r.AuthorId == t.Practitioner.Id)));
    }

    [Fact]
    public async Task A_reflection_about_a_case_its_writer_may_not_see_is_refused()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var other = await SupervisedTeam.CreateAsync(app);
        var response = await t.PractitionerApi.PostAsJsonAsync("/api/v1/reflections", Gibbs(other.CaseId, shared: true));
        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("No case with this id that you may see", (await response.JsonAsync())["errors"]!["caseId"]![0]!.GetValue<string>());
        Assert.False(await app.WithDbAsync(db => db.Set<Reflection>().AnyAsync(r => r.AuthorId == t.Practitioner.Id)));
    }

    [Fact]
    public async Task Private_reflections_are_the_authors_alone_and_shared_ones_reach_the_supervisor_chain_only()
    {
        var (parent, head) = await app.CreateTeamAsync();
        var t = await SupervisedTeam.CreateAsync(app, parent);
        var colleague = await app.CreateUserAsync(Roles.Practitioner, t.TeamId);
        var other = await SupervisedTeam.CreateAsync(app);
        var manager = await app.CreateUserAsync(Roles.ServiceManager, null, "early-help");
        var kept = (await WriteAsync(t.PractitionerApi, Gibbs(t.CaseId, shared: false)))["id"]!.GetValue<Guid>();
        var shared = (await WriteAsync(t.PractitionerApi, Gibbs(null, shared: true)))["id"]!.GetValue<Guid>();

        async Task<List<Guid>> ListAsync(TestUser user) =>
            (await (await (await app.ClientForAsync(user)).GetAsync(new Uri("/api/v1/reflections", UriKind.Relative))).JsonAsync())["items"]!.AsArray()
                .Select(i => i!["id"]!.GetValue<Guid>()).ToList();

        Assert.Equal(new[] { kept, shared }.Order(), (await ListAsync(t.Practitioner)).Order());
        Assert.Equal([shared], await ListAsync(t.Supervisor));
        Assert.Equal([shared], await ListAsync(head));
        foreach (var outsider in new[] { colleague, other.Supervisor, manager }) Assert.Empty(await ListAsync(outsider));

        using var supervisor = await PageClient.SignInAsync(app, t.Supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(new Uri($"/Reflections/{kept}", UriKind.Relative))).StatusCode);
        var page = await supervisor.GetStringAsync(new Uri($"/Reflections/{shared}", UriKind.Relative));
        Assert.Contains("Anxious walking in", page, StringComparison.Ordinal);
        using var outsiderPages = await PageClient.SignInAsync(app, other.Supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderPages.GetAsync(new Uri($"/Reflections/{shared}", UriKind.Relative))).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ReflectionViewed && e.EntityId == shared.ToString() && e.UserName == t.Supervisor.UserName)));
    }

    [Fact]
    public async Task The_supervisor_comments_on_a_shared_reflection_and_nobody_comments_on_a_private_one()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        var kept = (await WriteAsync(t.PractitionerApi, Gibbs(t.CaseId, shared: false)))["id"]!.GetValue<Guid>();
        var shared = (await WriteAsync(t.PractitionerApi, Gibbs(t.CaseId, shared: true)))["id"]!.GetValue<Guid>();

        var comment = await t.SupervisorApi.PostAsJsonAsync($"/api/v1/reflections/{shared}/comments", new { text = "Let's plan joint visits for this family" });
        await comment.ShouldBeAsync(HttpStatusCode.Created);
        var body = await comment.JsonAsync();
        var added = Assert.Single(body["comments"]!.AsArray())!;
        Assert.Equal("Let's plan joint visits for this family", added["text"]!.GetValue<string>());
        var reply = await t.PractitionerApi.PostAsJsonAsync($"/api/v1/reflections/{shared}/comments", new { text = "Thank you" });
        await reply.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(2, (await reply.JsonAsync())["comments"]!.AsArray().Count);

        await (await t.SupervisorApi.PostAsJsonAsync($"/api/v1/reflections/{kept}/comments", new { text = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
        var own = await t.PractitionerApi.PostAsJsonAsync($"/api/v1/reflections/{kept}/comments", new { text = "Note to self" });
        await own.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True((await own.JsonAsync())["errors"]!.AsObject().ContainsKey("shared"));
        var colleague = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, t.TeamId));
        await (await colleague.PostAsJsonAsync($"/api/v1/reflections/{shared}/comments", new { text = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
        var empty = await t.SupervisorApi.PostAsJsonAsync($"/api/v1/reflections/{shared}/comments", new { text = " " });
        await empty.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Enter your comment", (await empty.JsonAsync())["errors"]!["text"]![0]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ReflectionCommented && e.EntityId == shared.ToString() && e.CaseId == t.CaseId)));
    }

    [Fact]
    public async Task The_pages_write_a_reflection_in_two_steps_share_it_later_and_take_a_comment_without_javascript()
    {
        var t = await SupervisedTeam.CreateAsync(app);
        using var browser = await PageClient.SignInAsync(app, t.Practitioner);
        var choose = await browser.GetStringAsync(new Uri("/Reflections/New", UriKind.Relative));
        Assert.Contains("Which model will you reflect in?", choose, StringComparison.Ordinal);
        var form = await browser.GetStringAsync(new Uri("/Reflections/New?model=kolb", UriKind.Relative));
        Assert.Contains("name=\"Sections[experimentation]\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Sections[feelings]\"", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"{t.CaseId}\"", form, StringComparison.Ordinal);

        var missing = await browser.PostFormAsync("/Reflections/New?model=kolb", new() { ["Sections[experience]"] = "My first court hearing" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Section-reflection\">", html, StringComparison.Ordinal);
        Assert.Contains("My first court hearing", html, StringComparison.Ordinal);

        var saved = await browser.PostFormAsync("/Reflections/New?model=kolb", new()
        {
            ["CaseId"] = t.CaseId.ToString(),
            ["Sections[experience]"] = "My first court hearing", ["Sections[reflection]"] = "I spoke too fast",
            ["Sections[conceptualisation]"] = "Nerves shorten breath", ["Sections[experimentation]"] = "Practise with my supervisor",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await app.WithDbAsync(db => db.Set<Reflection>().Where(r => r.AuthorId == t.Practitioner.Id).Select(r => r.Id).SingleAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<Reflection>().Where(r => r.Id == id).Select(r => r.Shared).SingleAsync()));
        using var supervisor = await PageClient.SignInAsync(app, t.Supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(new Uri($"/Reflections/{id}", UriKind.Relative))).StatusCode);

        var share = await PostToAsync(browser, $"/Reflections/{id}", $"/Reflections/{id}?handler=Share", []);
        Assert.Equal(HttpStatusCode.Redirect, share.StatusCode);
        var log = await supervisor.GetStringAsync(new Uri("/Reflections", UriKind.Relative));
        Assert.Contains($"href=\"/Reflections/{id}\"", log, StringComparison.Ordinal);
        var commented = await PostToAsync(supervisor, $"/Reflections/{id}", $"/Reflections/{id}?handler=Comment", new() { ["Comment"] = "Let's rehearse before the next hearing" });
        Assert.Equal(HttpStatusCode.Redirect, commented.StatusCode);
        Assert.Contains("Let&#x27;s rehearse before the next hearing", await browser.GetStringAsync(new Uri($"/Reflections/{id}", UriKind.Relative)), StringComparison.Ordinal);
    }
}

public sealed class ReflectionsTests_Sqlite(SqliteApp app) : ReflectionsTests(app);

public sealed class ReflectionsTests_Postgres(PostgresApp app) : ReflectionsTests(app);
