using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Caseload.Features.DataProtection.Exports;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Features.DataProtection.Exports;

/// <summary>
/// Anonymised exports through the API: a service manager asks, background work builds, the DPO approves, the service manager
/// downloads a zip in which nothing identifies the people exported. The class has an app of its own: an export covers every
/// case of its service and period, so other classes' cases must not come into it.
/// </summary>
public abstract class AnonymisedExportTests(CaseloadApp app)
{
    private sealed record Arranged(HttpClient Practitioner, List<(Guid PersonId, Guid CaseId, Guid NoteId, string Given, string Family)> People);

    private static readonly string[] Given = ["Zoë", "Siobhán", "Hope", "Liam", "Anne-Marie", "Józef"];

    /// <summary>Six people of the same age in the service, each with a note that names them and gives their phone, email, postcode, date of birth and ids.</summary>
    private async Task<Arranged> ArrangeAsync(string service, Func<int, (string? Sex, string? Ethnicity, string? Postcode)>? details = null)
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var people = new List<(Guid, Guid, Guid, string, string)>();
        for (var i = 0; i < Given.Length; i++)
        {
            // Letters only, as a name is: a unique suffix of hex digits would end the name at its first digit.
            var family = "O'Quennell-Ashby" + new string(Guid.NewGuid().ToString("N")[..5].Select(c => (char)('a' + (c % 26))).ToArray());
            var (sex, ethnicity, postcode) = details?.Invoke(i) ?? ("female", "WBRI", $"LS6 {i + 1}AB");
            var created = await api.PostAsJsonAsync("/api/v1/people", new { givenName = Given[i], familyName = family, dateOfBirth = "2013-04-0" + (i + 1), sex, ethnicity, postcode });
            await created.ShouldBeAsync(HttpStatusCode.Created);
            var personId = (await created.JsonAsync())["id"]!.GetValue<Guid>();
            var caseId = (await api.CreateCaseAsync(personId, practitioner.UserName, service: service))["id"]!.GetValue<Guid>();
            var text = $"Home visit. {Given[i]} {family} and {Given[i]}'s mother Jane {family} were present. {Given[i]} gave her number 07700 900{i}23 "
                       + $"and email {Given[i].ToLowerInvariant()}.q@example.org; she lives at LS6 2A{(char)('A' + i)}, born 0{i + 1}/04/2013. Record {caseId} for {personId}.";
            var note = NoteApi.Note(text).With("presentAndSpokenTo", $"{Given[i]} and Mother (Jane {family})");
            var noteId = (await api.CreateNoteAsync(caseId, note))["id"]!.GetValue<Guid>();
            people.Add((personId, caseId, noteId, Given[i], family));
        }

        return new Arranged(api, people);
    }

    private static object Body(string? service = "send", string purpose = "Service evaluation of SEND support 2026") =>
        new { service, from = "2026-01-01", to = "2026-12-31", include = new[] { "cases", "notes", "outcomes" }, purpose };

    private async Task BuildAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ExportBuilder>().BuildWaitingAsync();
    }

    [Fact]
    public async Task A_service_managers_export_is_built_approved_by_the_DPO_and_identifies_nobody()
    {
        var a = await ArrangeAsync("send");
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "send"));
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));

        var requested = await manager.PostAsJsonAsync("/api/v1/exports/anonymised", Body());

        await requested.ShouldBeAsync(HttpStatusCode.Accepted);
        var id = (await requested.JsonAsync())["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/exports/{id}", requested.Headers.Location!.OriginalString);
        Assert.Equal("queued", (await (await manager.GetAsync(new Uri($"/api/v1/exports/{id}", UriKind.Relative))).JsonAsync())["status"]!.GetValue<string>());
        var early = await manager.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative));
        await early.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("export-not-ready", (await early.JsonAsync())["errorCode"]!.GetValue<string>());

        await BuildAsync();

        var status = await (await manager.GetAsync(new Uri($"/api/v1/exports/{id}", UriKind.Relative))).JsonAsync();
        Assert.Equal("ready", status["status"]!.GetValue<string>());
        Assert.True(status["kAchieved"]!.GetValue<int>() >= 5);
        Assert.True(status["counts"]!["cases"]!.GetValue<int>() >= 6);
        Assert.True(status["counts"]!["notes"]!.GetValue<int>() >= 6);
        Assert.True(status["approval"]!["required"]!.GetValue<bool>());
        Assert.False(status["downloadable"]!.GetValue<bool>());
        var unapproved = await manager.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative));
        await unapproved.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("approval-required", (await unapproved.JsonAsync())["errorCode"]!.GetValue<string>());
        await (await manager.PostAsJsonAsync($"/api/v1/exports/{id}/approval", new { comment = "mine" })).ShouldBeAsync(HttpStatusCode.Forbidden);

        await (await dpo.PostAsJsonAsync($"/api/v1/exports/{id}/approval", new { comment = "Purpose and k checked" })).ShouldBeAsync(HttpStatusCode.OK);
        var again = await dpo.PostAsJsonAsync($"/api/v1/exports/{id}/approval", new { comment = "twice" });
        await again.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-approved", (await again.JsonAsync())["errorCode"]!.GetValue<string>());

        var download = await manager.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative));
        await download.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        var files = Unzip(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(["cases.csv", "export.json", "notes.csv", "outcomes.csv"], files.Keys.Order(StringComparer.Ordinal));
        var all = string.Join("\n", files.Values);
        Assert.Contains("the young person", files["notes.csv"], StringComparison.Ordinal);
        Assert.Contains("Mother", files["notes.csv"], StringComparison.Ordinal);
        Assert.Contains("[phone]", files["notes.csv"], StringComparison.Ordinal);
        Assert.StartsWith("caseRef,person,service,ageBandAtReferral", files["cases.csv"].TrimStart('\uFEFF'), StringComparison.Ordinal);
        foreach (var (personId, caseId, noteId, given, family) in a.People)
        {
            foreach (var (name, text) in files)
            {
                Assert.DoesNotContain(given, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(TextScrubber.Fold(given), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(family, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(family.Split('-')[1], text, StringComparison.OrdinalIgnoreCase);
            }

            foreach (var id2 in new[] { personId, caseId, noteId })
            {
                Assert.DoesNotContain(id2.ToString(), all, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(id2.ToString("N"), all, StringComparison.OrdinalIgnoreCase);
            }
        }

        var cases = files["cases.csv"];
        Assert.Contains(",female,WBRI,LS6,", cases, StringComparison.Ordinal);
        foreach (var i in Enumerable.Range(1, Given.Length)) Assert.DoesNotContain($"LS6 {i}AB", all, StringComparison.Ordinal);
        foreach (var needle in new[] { "2013-04-0", "/04/2013", "07700", "example.org", "LS6 2A", "LS6 1", "LS6 2", "O'Quennell", "Quennell" })
        {
            Assert.DoesNotContain(needle, all, StringComparison.OrdinalIgnoreCase);
        }

        var events = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditActions.ExportRequested, AuditActions.ExportApproved, AuditActions.ExportDownloaded], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Contains("purpose=Service evaluation of SEND support 2026", e.Details, StringComparison.Ordinal));
        Assert.All(events, e => Assert.Contains("service=send", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sex_ethnicity_and_district_are_k_anonymous_and_no_postcode_leaves()
    {
        // Three White Irish in LS7 and three White British in LS8: generalised together as White in LS; the one "other" stands
        // out in any group and is suppressed.
        var a = await ArrangeAsync("childrens-social-care", i => i < 3 ? ("male", "WIRI", $"LS7 {i + 3}QT") : ("male", "WBRI", $"LS8 {i + 3}QT"));
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var lone = (await (await api.PostAsJsonAsync("/api/v1/people",
            new { givenName = "Perpetua", familyName = "Quillfeather", dateOfBirth = "2013-04-08", sex = "other", ethnicity = "WBRI", postcode = "LS8 9QT" })).JsonAsync())["id"]!.GetValue<Guid>();
        await api.CreateCaseAsync(lone, practitioner.UserName, service: "childrens-social-care");
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var id = (await (await dpo.PostAsJsonAsync("/api/v1/exports/anonymised", Body("childrens-social-care", "Evaluation of social care"))).JsonAsync())["id"]!.GetValue<Guid>();

        await BuildAsync();

        var status = await (await dpo.GetAsync(new Uri($"/api/v1/exports/{id}", UriKind.Relative))).JsonAsync();
        Assert.Equal(6, status["kAchieved"]!.GetValue<int>());
        Assert.Equal(1, status["counts"]!["suppressed"]!.GetValue<int>());
        var files = Unzip(await (await dpo.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative))).Content.ReadAsByteArrayAsync());
        var rows = files["cases.csv"].TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(("male", "White", "LS", "true"), (r[4], r[5], r[6], r[7])));
        var all = string.Join("\n", files.Values);
        foreach (var needle in new[] { "WIRI", "WBRI", "LS7", "LS8", "QT", "Quillfeather" })
        {
            Assert.DoesNotContain(needle, all, StringComparison.Ordinal);
        }

        Assert.Equal(6, a.People.Count);
    }

    [Fact]
    public async Task The_DPOs_own_export_needs_no_approval()
    {
        await ArrangeAsync("careers-iag");
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var requested = await dpo.PostAsJsonAsync("/api/v1/exports/anonymised", Body("careers-iag", "Training material for new advisers"));
        await requested.ShouldBeAsync(HttpStatusCode.Accepted);
        var id = (await requested.JsonAsync())["id"]!.GetValue<Guid>();
        await BuildAsync();

        await (await dpo.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        var approval = await dpo.PostAsync(new Uri($"/api/v1/exports/{id}/approval", UriKind.Relative), null);
        await approval.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("approval-not-needed", (await approval.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_built_exports_zip_is_cleared_after_its_keeping_days_and_its_download_answers_410()
    {
        await ArrangeAsync("youth-support");
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var id = (await (await dpo.PostAsJsonAsync("/api/v1/exports/anonymised", Body("youth-support", "Evaluation of youth work"))).JsonAsync())["id"]!.GetValue<Guid>();
        await BuildAsync();
        // The expiry's own clock moves (the app's stays: moving it would end sessions and make every later note a late entry).
        var clock = new FakeTimeProvider(app.Clock.GetUtcNow());
        async Task<int> ExpireAsync()
        {
            using var scope = app.Services.CreateScope();
            return await ActivatorUtilities.CreateInstance<ExportExpiry>(scope.ServiceProvider, clock).ExpireAsync();
        }

        clock.Advance(TimeSpan.FromDays(29));
        await ExpireAsync();
        await (await dpo.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.True(await ExpireAsync() >= 1);
        Assert.Equal(0, await ExpireAsync());

        var gone = await dpo.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative));
        await gone.ShouldBeAsync(HttpStatusCode.Gone);
        Assert.Equal("export-expired", (await gone.JsonAsync())["errorCode"]!.GetValue<string>());
        var status = await (await dpo.GetAsync(new Uri($"/api/v1/exports/{id}", UriKind.Relative))).JsonAsync();
        Assert.Equal("expired", status["status"]!.GetValue<string>());
        Assert.False(status["downloadable"]!.GetValue<bool>());
        Assert.NotNull(status["expiredAt"]);
        var stored = await app.WithDbAsync(db => db.Set<AnonymisedExport>().AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Null(stored.Content);
        Assert.Equal(ExportStatuses.Expired, stored.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ExportExpired && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Small_groups_are_suppressed_and_reported()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var lone = await api.CreatePersonAsync("Ottoline", "Vandersteen", "1999-01-01");
        await api.CreateCaseAsync(lone, practitioner.UserName, service: "youth-support");
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var id = (await (await dpo.PostAsJsonAsync("/api/v1/exports/anonymised", Body("youth-support", "Evaluation"))).JsonAsync())["id"]!.GetValue<Guid>();
        await BuildAsync();

        var status = await (await dpo.GetAsync(new Uri($"/api/v1/exports/{id}", UriKind.Relative))).JsonAsync();
        Assert.True(status["counts"]!["suppressed"]!.GetValue<int>() >= 1);
        var files = Unzip(await (await dpo.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative))).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("Vandersteen", string.Join("\n", files.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_DPO_and_service_managers_for_their_services_may_export()
    {
        var (teamId, supervisor) = await app.CreateTeamAsync();
        var practitioner = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, teamId));
        var manager = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "send"));
        var other = await app.ClientForAsync(await app.CreateUserAsync(Roles.ServiceManager, null, "send"));

        await (await practitioner.PostAsJsonAsync("/api/v1/exports/anonymised", Body())).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await (await app.ClientForAsync(supervisor)).PostAsJsonAsync("/api/v1/exports/anonymised", Body())).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await manager.PostAsJsonAsync("/api/v1/exports/anonymised", Body("early-help"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        var mine = await manager.PostAsJsonAsync("/api/v1/exports/anonymised", Body());
        await mine.ShouldBeAsync(HttpStatusCode.Accepted);
        var id = (await mine.JsonAsync())["id"]!.GetValue<Guid>();
        await (await other.GetAsync(new Uri($"/api/v1/exports/{id}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync(new Uri($"/api/v1/exports/{id}/download", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id.ToString(), (await (await other.GetAsync(new Uri("/api/v1/exports", UriKind.Relative))).Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_422_naming_each_field()
    {
        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));

        var response = await dpo.PostAsJsonAsync("/api/v1/exports/anonymised",
            new { service = "nowhere", from = "2026-02-30", to = "", include = new[] { "cases", "diaries" }, purpose = " ", k = 2 });

        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["from", "include", "k", "purpose", "service", "to"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        var backwards = await dpo.PostAsJsonAsync("/api/v1/exports/anonymised", new { from = "2026-06-01", to = "2026-01-01", include = new[] { "cases" }, purpose = "x" });
        await backwards.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await backwards.JsonAsync())["errors"]!["to"]);
    }

    [Fact]
    public async Task One_note_is_anonymised_for_those_who_may_see_it_and_audited()
    {
        var a = await ArrangeAsync("early-help");
        var (personId, caseId, noteId, given, family) = a.People[0];
        var stranger = await app.ClientForAsync(await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId));

        var response = await a.Practitioner.GetAsync(new Uri($"/api/v1/cases/{caseId}/notes/{noteId}/anonymised", UriKind.Relative));

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(given, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(family, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("07700", body, StringComparison.Ordinal);
        Assert.DoesNotContain(caseId.ToString(), body.Replace(noteId.ToString(), "", StringComparison.Ordinal), StringComparison.Ordinal);
        var note = await response.JsonAsync();
        Assert.StartsWith("Home visit. the young person and the young person's Mother were present.", note["whatHappened"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("the young person and Mother", note["presentAndSpokenTo"]!.GetValue<string>());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.NoteAnonymised && e.CaseId == caseId && e.PersonId == personId)));
        await (await stranger.GetAsync(new Uri($"/api/v1/cases/{caseId}/notes/{noteId}/anonymised", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    private static Dictionary<string, string> Unzip(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }
}

public sealed class AnonymisedExportTests_Sqlite(DataProtectionSqliteApp app) : AnonymisedExportTests(app), IClassFixture<DataProtectionSqliteApp>;

public sealed class AnonymisedExportTests_Postgres(DataProtectionPostgresApp app) : AnonymisedExportTests(app), IClassFixture<DataProtectionPostgresApp>;
