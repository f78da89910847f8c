using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Caseload.Data;
using Caseload.Features.DataProtection.SubjectAccess;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.DataProtection.SubjectAccess;

/// <summary>
/// Subject access requests through the API (the test clock's today is Monday 23 November 2026): logging with the ICO due date,
/// the clock's stops, the extension rule, the bundle (every version of a note, who viewed the records, third-party marks,
/// redactions), completion keeping the bytes sent, the DPO alone, every read and write audited without names.
/// </summary>
public abstract class SubjectAccessRequestTests(CaseloadApp app)
{
    private const string Base = "/api/v1/subject-access-requests";

    private sealed record Arranged(TestUser Practitioner, HttpClient Api, Guid PersonId, Guid CaseId, Guid NoteId, string Word);

    /// <summary>A person with a case and a note amended once (two versions), whose case the practitioner has viewed.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var word = "quillwort" + Guid.NewGuid().ToString("N")[..6];
        var personId = await api.CreatePersonAsync("Marnie", "Ashdown" + Guid.NewGuid().ToString("N")[..6], "2012-05-04");
        var caseId = (await api.CreateCaseAsync(personId, practitioner.UserName))["id"]!.GetValue<Guid>();
        var noteId = (await api.CreateNoteAsync(caseId, NoteApi.Note($"Home visit. Marnie spoke about {word} first.")))["id"]!.GetValue<Guid>();
        await (await api.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note($"Home visit. Marnie spoke about {word} second.").With("reason", "Corrected the order"), "\"1\"")).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.GetAsync(new Uri($"/api/v1/cases/{caseId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        return new Arranged(practitioner, api, personId, caseId, noteId, word);
    }

    private async Task<HttpClient> DpoAsync() => await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));

    private static async Task<JsonNode> LogAsync(HttpClient dpo, Guid personId, string received = "2026-10-31", string? identity = "2026-10-31")
    {
        var response = await dpo.PostAsJsonAsync(Base, new { personId, requesterName = "Ruth Ashdown", relationship = "parent-with-parental-responsibility", receivedOn = received, identityVerifiedOn = identity });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    private static async Task<(JsonNode Json, string Html, byte[] Bytes)> BundleAsync(HttpClient dpo, Guid id)
    {
        var response = await dpo.GetAsync(new Uri($"{Base}/{id}/bundle", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        string Read(string ext)
        {
            using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(ext, StringComparison.Ordinal)).Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return (JsonNode.Parse(Read(".json"))!, Read(".html"), bytes);
    }

    private static IEnumerable<JsonNode> Items(JsonNode bundle, string table) =>
        bundle["sections"]!.AsArray().Where(s => s!["table"]!.GetValue<string>() == table).SelectMany(s => s!["items"]!.AsArray()).Select(i => i!);

    [Fact]
    public async Task Logging_a_request_answers_201_with_the_due_date_by_the_ICO_rule()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();

        var response = await dpo.PostAsJsonAsync(Base, new { personId = a.PersonId, requesterName = "Marnie Ashdown", relationship = "the-person", receivedOn = "2026-10-31", identityVerifiedOn = "2026-10-31" });

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        Assert.Equal("2026-11-30", body["dueOn"]!.GetValue<string>());
        Assert.Equal("open", body["status"]!.GetValue<string>());
        Assert.Equal("england-and-wales", body["division"]!.GetValue<string>());
        Assert.Equal($"{Base}/{body["id"]}", response.Headers.Location!.OriginalString);
        Assert.NotNull(response.Headers.ETag);

        var list = (await (await dpo.GetAsync(new Uri(Base, UriKind.Relative))).JsonAsync())["items"]!.AsArray();
        Assert.Contains(list, i => i!["id"]!.GetValue<Guid>() == body["id"]!.GetValue<Guid>());
        var one = await dpo.GetAsync(new Uri($"{Base}/{body["id"]}", UriKind.Relative));
        await one.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", one.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Logging_refuses_an_unknown_relationship_and_a_person_it_cannot_find_naming_the_field()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();

        var unknown = await dpo.PostAsJsonAsync(Base, new { personId = a.PersonId, requesterName = "X", relationship = "neighbour", receivedOn = "2026-11-02" });
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknown.JsonAsync())["errors"]!["relationship"]);

        var nobody = await dpo.PostAsJsonAsync(Base, new { personId = Guid.NewGuid(), requesterName = "X", relationship = "the-person", receivedOn = "2026-11-02" });
        await nobody.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await nobody.JsonAsync())["errors"]!["personId"]);

        var future = await dpo.PostAsJsonAsync(Base, new { personId = a.PersonId, requesterName = "X", relationship = "the-person", receivedOn = "2026-12-24" });
        await future.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await future.JsonAsync())["errors"]!["receivedOn"]);
        Assert.False(await app.WithDbAsync(db => db.Set<SubjectAccessRequest>().AnyAsync(r => r.PersonId == a.PersonId)));
    }

    [Fact]
    public async Task Pausing_and_resuming_moves_the_due_date_on_by_the_days_paused()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId, "2026-09-03", "2026-09-03"))["id"]!.GetValue<Guid>();

        var paused = await dpo.PostAsJsonAsync($"{Base}/{id}/pause", new { reason = "Asked which years the request covers", from = "2026-09-10" });
        await paused.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("clarification", (await paused.JsonAsync())["awaiting"]!.GetValue<string>());
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/pause", new { reason = "Again", from = "2026-09-11" })).ShouldBeAsync(HttpStatusCode.Conflict);

        var resumed = await dpo.PostAsJsonAsync($"{Base}/{id}/resume", new { on = "2026-09-14" });

        await resumed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await resumed.JsonAsync();
        Assert.Equal("2026-10-07", body["dueOn"]!.GetValue<string>()); // 3 October (a Saturday) + 4 days paused
        Assert.Equal(4, body["daysPaused"]!.GetValue<int>());
        Assert.True(body["overdue"]!.GetValue<bool>());
        Assert.Equal("\"3\"", resumed.Headers.ETag!.Tag);
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/resume", new { on = "2026-09-15" })).ShouldBeAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Identity_awaited_at_logging_starts_the_clock_on_the_day_it_is_confirmed()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var logged = await LogAsync(dpo, a.PersonId, "2026-11-02", identity: null);
        Assert.Equal("identity", logged["awaiting"]!.GetValue<string>());
        Assert.Equal("2026-12-23", logged["dueOn"]!.GetValue<string>()); // provisional: as if confirmed today, 23 November

        var resumed = await dpo.PostAsJsonAsync($"{Base}/{logged["id"]}/resume", new { on = "2026-11-06" });

        await resumed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await resumed.JsonAsync();
        Assert.Equal("2026-11-06", body["identityVerifiedOn"]!.GetValue<string>());
        Assert.Equal("2026-12-07", body["dueOn"]!.GetValue<string>()); // 6 December is a Sunday
        Assert.Null(body["awaiting"]);
    }

    [Fact]
    public async Task An_extension_told_after_the_first_month_is_422_and_a_second_one_409()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var late = (await LogAsync(dpo, a.PersonId, "2026-10-01", "2026-10-01"))["id"]!.GetValue<Guid>();

        var refused = await dpo.PostAsJsonAsync($"{Base}/{late}/extension", new { reason = "Records across four services", toldRequesterOn = "2026-11-10" });

        await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.JsonAsync();
        Assert.Equal("extension-too-late", problem["errorCode"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["toldRequesterOn"]);

        var id = (await LogAsync(dpo, a.PersonId, "2026-11-02", "2026-11-02"))["id"]!.GetValue<Guid>();
        var extended = await dpo.PostAsJsonAsync($"{Base}/{id}/extension", new { reason = "Records across four services", toldRequesterOn = "2026-11-20" });
        await extended.ShouldBeAsync(HttpStatusCode.OK);
        var body = await extended.JsonAsync();
        Assert.True(body["extended"]!.GetValue<bool>());
        Assert.Equal("2027-02-02", body["dueOn"]!.GetValue<string>());

        var again = await dpo.PostAsJsonAsync($"{Base}/{id}/extension", new { reason = "More", toldRequesterOn = "2026-11-21" });
        await again.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-extended", (await again.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_changes_nothing()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId))["id"]!.GetValue<Guid>();

        var stale = await dpo.PostJsonAsync($"{Base}/{id}/pause", new { reason = "Clarification", from = "2026-11-02" }, "\"7\"");

        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var current = await dpo.PostJsonAsync($"{Base}/{id}/pause", new { reason = "Clarification", from = "2026-11-02" }, "\"1\"");
        await current.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Single((await current.JsonAsync())["pauses"]!.AsArray());
    }

    [Fact]
    public async Task The_bundle_holds_every_version_of_a_note_and_who_viewed_the_records_with_third_party_information_marked()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId))["id"]!.GetValue<Guid>();

        var (json, html, _) = await BundleAsync(dpo, id);

        var versions = Items(json, "CaseNoteVersions").Where(v => v["fields"]!["noteId"]!.GetValue<string>() == a.NoteId.ToString()).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Contains(versions, v => v["fields"]!["whatHappened"]!.GetValue<string>().Contains($"{a.Word} first", StringComparison.Ordinal));
        Assert.Contains(versions, v => v["fields"]!["whatHappened"]!.GetValue<string>().Contains($"{a.Word} second", StringComparison.Ordinal));
        Assert.Contains($"{a.Word} first", html, StringComparison.Ordinal);
        Assert.Contains($"{a.Word} second", html, StringComparison.Ordinal);
        Assert.Single(Items(json, "People"));
        Assert.Single(Items(json, "Cases"));
        // Who viewed: the practitioner's read of the case, from the audit trail.
        Assert.Contains(json["viewers"]!.AsArray(), v => v!["userName"]?.GetValue<string>() == a.Practitioner.UserName && v["action"]!.GetValue<string>() == AuditActions.CaseViewed);
        Assert.Contains(a.Practitioner.UserName, html, StringComparison.Ordinal);
        // Who was present at the visit names other people: marked for the DPO's review.
        var version = versions[0];
        Assert.True(version["thirdParty"]!.GetValue<bool>());
        Assert.Contains(version["thirdPartyMarks"]!.AsArray(), m => m!.GetValue<string>().StartsWith("presentAndSpokenTo", StringComparison.Ordinal));
        Assert.Contains("Third-party information", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(Items(json, "People").Single()["thirdParty"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_redaction_shows_its_reason_in_the_bundle_never_the_text()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId))["id"]!.GetValue<Guid>();
        var (before, _, _) = await BundleAsync(dpo, id);
        var first = Items(before, "CaseNoteVersions").Single(v => v["fields"]!["whatHappened"]!.GetValue<string>().Contains($"{a.Word} first", StringComparison.Ordinal));
        var second = Items(before, "CaseNoteVersions").Single(v => v["fields"]!["whatHappened"]!.GetValue<string>().Contains($"{a.Word} second", StringComparison.Ordinal));

        var redacted = await dpo.PostAsJsonAsync($"{Base}/{id}/redactions", new { item = first["item"]!.GetValue<string>(), field = "WhatHappened", action = "redact", reason = "third-party information (DPA 2018 Sch 2 para 16)" });
        await redacted.ShouldBeAsync(HttpStatusCode.Created);
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/redactions", new { item = second["item"]!.GetValue<string>(), action = "withhold", reason = "serious harm (Sch 3)" })).ShouldBeAsync(HttpStatusCode.Created);
        var unknown = await dpo.PostAsJsonAsync($"{Base}/{id}/redactions", new { item = "CaseNoteVersions/999999999", action = "redact", reason = "x" });
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await unknown.JsonAsync())["errors"]!["item"]);

        var (json, html, _) = await BundleAsync(dpo, id);

        Assert.DoesNotContain(a.Word, html, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Word, json.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("[redacted: third-party information (DPA 2018 Sch 2 para 16)]", html, StringComparison.Ordinal);
        Assert.Contains("[withheld: serious harm (Sch 3)]", html, StringComparison.Ordinal);
        var item = Items(json, "CaseNoteVersions").Single(v => v["item"]!.GetValue<string>() == first["item"]!.GetValue<string>());
        Assert.Equal("[redacted: third-party information (DPA 2018 Sch 2 para 16)]", item["fields"]!["whatHappened"]!.GetValue<string>());
        Assert.Equal(2, (await (await dpo.GetAsync(new Uri($"{Base}/{id}", UriKind.Relative))).JsonAsync())["redactions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Completion_keeps_the_bundle_as_sent_and_refuses_later_changes()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId))["id"]!.GetValue<Guid>();

        var completed = await dpo.PostAsJsonAsync($"{Base}/{id}/completion", new { sentOn = "2026-11-20" });

        await completed.ShouldBeAsync(HttpStatusCode.OK);
        var body = await completed.JsonAsync();
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.False(body["overdue"]!.GetValue<bool>());
        var kept = await app.WithDbAsync(db => db.Set<SubjectAccessRelease>().SingleAsync(r => r.RequestId == id));
        // Something recorded after sending is not in what was sent: the download is the kept copy, byte for byte.
        await a.Api.CreateNoteAsync(a.CaseId, NoteApi.Note("Home visit after the response was sent."));
        var (json, _, bytes) = await BundleAsync(dpo, id);
        Assert.Equal(kept.Content, bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), kept.Sha256);
        Assert.Equal("2026-11-20", json["sentOn"]!.GetValue<string>());
        Assert.DoesNotContain("after the response was sent", json.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(bytes, (await BundleAsync(dpo, id)).Bytes);

        foreach (var (route, change) in new (string, object)[]
                 {
                     ("pause", new { reason = "Clarification", from = "2026-11-21" }), ("resume", new { on = "2026-11-21" }),
                     ("extension", new { reason = "Complex", toldRequesterOn = "2026-11-21" }), ("completion", new { sentOn = "2026-11-21" }),
                     ("redactions", new { item = "People/" + a.PersonId, action = "withhold", reason = "x" }),
                 })
        {
            var refused = await dpo.PostAsJsonAsync($"{Base}/{id}/{route}", change);
            await refused.ShouldBeAsync(HttpStatusCode.Conflict);
            Assert.Equal("request-completed", (await refused.JsonAsync())["errorCode"]!.GetValue<string>());
        }

        Assert.DoesNotContain((await (await dpo.GetAsync(new Uri(Base, UriKind.Relative))).JsonAsync())["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task The_bundle_as_sent_can_be_neither_changed_nor_deleted_in_the_database()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId))["id"]!.GetValue<Guid>();
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/completion", new { sentOn = "2026-11-20" })).ShouldBeAsync(HttpStatusCode.OK);
        var kept = await app.WithDbAsync(db => db.Set<SubjectAccessRelease>().AsNoTracking().SingleAsync(r => r.RequestId == id));

        static void AssertRefused(Exception? refused, string what)
        {
            Assert.True(refused is not null, $"{what} was allowed");
            Assert.True(refused.ToString().Contains("append-only", StringComparison.Ordinal), $"{what} failed for another reason: {refused}");
        }

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db => db.Set<SubjectAccessRelease>().Where(r => r.RequestId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Content, new byte[] { 1, 2, 3 })))), "Changing the bytes sent");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db => db.Set<SubjectAccessRelease>().Where(r => r.RequestId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SentOn, new DateOnly(2026, 11, 1))))), "Changing the day sent");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db => db.Set<SubjectAccessRelease>().Where(r => r.RequestId == id).ExecuteDeleteAsync())),
            "Deleting the bundle sent");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db => db.Set<SubjectAccessRequest>().Where(r => r.Id == id).ExecuteDeleteAsync())),
            "Deleting the request (and with it the bundle sent)");
        if (app.Provider == DatabaseProvider.Postgres)
        {
            AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                try
                {
                    return await db.Database.ExecuteSqlRawAsync("""TRUNCATE "SubjectAccessReleases" """);
                }
                finally
                {
                    await transaction.RollbackAsync();
                }
            })), "TRUNCATE");
        }

        var after = await app.WithDbAsync(db => db.Set<SubjectAccessRelease>().AsNoTracking().SingleAsync(r => r.RequestId == id));
        Assert.Equal(kept.Content, after.Content);
        Assert.Equal(kept.SentOn, after.SentOn);
    }

    [Fact]
    public async Task The_bundle_holds_the_persons_sex_ethnicity_and_postcode()
    {
        var a = await ArrangeAsync();
        var etag = (await a.Api.GetAsync(new Uri($"/api/v1/people/{a.PersonId}", UriKind.Relative))).Headers.ETag!.Tag;
        await (await a.Api.PatchJsonAsync($"/api/v1/people/{a.PersonId}", new { sex = "female", ethnicity = "MWBA", postcode = "ls7 3qt" }, etag)).ShouldBeAsync(HttpStatusCode.OK);
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId))["id"]!.GetValue<Guid>();

        var (json, html, _) = await BundleAsync(dpo, id);

        var person = Items(json, "People").Single()["fields"]!;
        Assert.Equal(("female", "MWBA", "LS7 3QT"), (person["sex"]!.GetValue<string>(), person["ethnicity"]!.GetValue<string>(), person["postcode"]!.GetValue<string>()));
        Assert.Contains("LS7 3QT", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redaction_withdrawn_before_completion_is_kept_as_a_record_and_no_longer_applied()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId))["id"]!.GetValue<Guid>();
        var (before, _, _) = await BundleAsync(dpo, id);
        var first = Items(before, "CaseNoteVersions").Single(v => v["fields"]!["whatHappened"]!.GetValue<string>().Contains($"{a.Word} first", StringComparison.Ordinal));
        var redaction = await (await dpo.PostAsJsonAsync($"{Base}/{id}/redactions",
            new { item = first["item"]!.GetValue<string>(), field = "WhatHappened", action = "redact", reason = "third-party information" })).JsonAsync();
        var redactionId = redaction["id"]!.GetValue<long>();

        var noReason = await dpo.PostAsJsonAsync($"{Base}/{id}/redaction-withdrawals", new { redactionId, reason = " " });
        await noReason.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["reason"]);
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/redaction-withdrawals", new { redactionId = 999999999, reason = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
        var withdrawn = await dpo.PostAsJsonAsync($"{Base}/{id}/redaction-withdrawals", new { redactionId, reason = "The mother agreed to her words being shared" });
        await withdrawn.ShouldBeAsync(HttpStatusCode.OK);
        var again = await dpo.PostAsJsonAsync($"{Base}/{id}/redaction-withdrawals", new { redactionId, reason = "twice" });
        await again.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-withdrawn", (await again.JsonAsync())["errorCode"]!.GetValue<string>());

        var (json, html, _) = await BundleAsync(dpo, id);
        Assert.Contains($"{a.Word} first", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[redacted: third-party information]", html, StringComparison.Ordinal);
        Assert.Contains($"{a.Word} first", json.ToJsonString(), StringComparison.Ordinal);
        var kept = Assert.Single((await (await dpo.GetAsync(new Uri($"{Base}/{id}", UriKind.Relative))).JsonAsync())["redactions"]!.AsArray());
        Assert.Equal("The mother agreed to her words being shared", kept!["withdrawal"]!["reason"]!.GetValue<string>());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.SubjectAccessRedactionWithdrawn && e.PersonId == a.PersonId)));

        await (await dpo.PostAsJsonAsync($"{Base}/{id}/completion", new { sentOn = "2026-11-20" })).ShouldBeAsync(HttpStatusCode.OK);
        var second = await app.WithDbAsync(db => db.Set<SubjectAccessRedaction>().CountAsync(r => r.RequestId == id));
        Assert.Equal(1, second);
        var late = await dpo.PostAsJsonAsync($"{Base}/{id}/redaction-withdrawals", new { redactionId, reason = "after sending" });
        await late.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("request-completed", (await late.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Roles.Practitioner)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.Administrator)]
    public async Task Everyone_but_the_DPO_is_refused_on_every_route(string role)
    {
        var a = await ArrangeAsync();
        var id = (await LogAsync(await DpoAsync(), a.PersonId))["id"]!.GetValue<Guid>();
        var other = await app.ClientForAsync(await app.CreateUserAsync(role));
        var before = await app.WithDbAsync(db => db.Set<SubjectAccessRequest>().Include(r => r.Pauses).SingleAsync(r => r.Id == id));

        foreach (var url in new[] { Base, $"{Base}/{id}", $"{Base}/{id}/bundle" })
        {
            await (await other.GetAsync(new Uri(url, UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
        }

        foreach (var (url, body) in new (string, object)[]
                 {
                     (Base, new { personId = a.PersonId, requesterName = "X", relationship = "the-person", receivedOn = "2026-11-02" }),
                     ($"{Base}/{id}/pause", new { reason = "x", from = "2026-11-02" }), ($"{Base}/{id}/resume", new { on = "2026-11-03" }),
                     ($"{Base}/{id}/extension", new { reason = "x", toldRequesterOn = "2026-11-03" }), ($"{Base}/{id}/completion", new { sentOn = "2026-11-03" }),
                     ($"{Base}/{id}/redactions", new { item = "People/" + a.PersonId, action = "withhold", reason = "x" }),
                 })
        {
            await (await other.PostAsJsonAsync(url, body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        }

        var after = await app.WithDbAsync(db => db.Set<SubjectAccessRequest>().Include(r => r.Pauses).SingleAsync(r => r.Id == id));
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.Pauses);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SubjectAccessRequest>().CountAsync(r => r.PersonId == a.PersonId)));
    }

    [Fact]
    public async Task Every_read_and_write_is_audited_against_the_person_by_id_never_by_name()
    {
        var a = await ArrangeAsync();
        var dpo = await DpoAsync();
        var id = (await LogAsync(dpo, a.PersonId, "2026-11-02", "2026-11-02"))["id"]!.GetValue<Guid>();
        await (await dpo.GetAsync(new Uri(Base, UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        await (await dpo.GetAsync(new Uri($"{Base}/{id}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/pause", new { reason = "Clarification of Ruth's request", from = "2026-11-03" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/resume", new { on = "2026-11-05" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/extension", new { reason = "Complex", toldRequesterOn = "2026-11-06" })).ShouldBeAsync(HttpStatusCode.OK);
        var (bundle, _, _) = await BundleAsync(dpo, id);
        var item = Items(bundle, "People").Single()["item"]!.GetValue<string>();
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/redactions", new { item, field = "FamilyName", action = "redact", reason = "Ruth asked" })).ShouldBeAsync(HttpStatusCode.Created);
        await (await dpo.PostAsJsonAsync($"{Base}/{id}/completion", new { sentOn = "2026-11-20" })).ShouldBeAsync(HttpStatusCode.OK);

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityType == "subject-access-request").ToListAsync());
        var mine = events.Where(e => e.EntityId == id.ToString()).ToList();
        foreach (var action in new[]
                 {
                     AuditActions.SubjectAccessLogged, AuditActions.SubjectAccessViewed, AuditActions.SubjectAccessPaused, AuditActions.SubjectAccessResumed,
                     AuditActions.SubjectAccessExtended, AuditActions.SubjectAccessBundleDownloaded, AuditActions.SubjectAccessRedactionRecorded, AuditActions.SubjectAccessCompleted,
                 })
        {
            Assert.Contains(mine, e => e.Action == action && e.PersonId == a.PersonId);
        }

        Assert.Contains(events, e => e.Action == AuditActions.SubjectAccessListed);
        Assert.All(events, e => Assert.DoesNotContain("Ruth", e.Details ?? "", StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain("Marnie", e.Details ?? "", StringComparison.Ordinal));
    }
}

public sealed class SubjectAccessRequestTests_Sqlite(DataProtectionSqliteApp app) : SubjectAccessRequestTests(app), IClassFixture<DataProtectionSqliteApp>;

public sealed class SubjectAccessRequestTests_Postgres(DataProtectionPostgresApp app) : SubjectAccessRequestTests(app), IClassFixture<DataProtectionPostgresApp>;
