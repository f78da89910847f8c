using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Features.Cases;
using Caseload.Features.DataProtection.LegalHolds;
using Caseload.Features.DataProtection.Retention;
using Caseload.Features.Notes;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.DataProtection.Retention;

/// <summary>
/// Retention through the API: the DPO's schedule (versioned, If-Match), the queue of closed cases due for review, and destroy,
/// extend and hold; legal holds block destruction. A destroyed case leaves nothing a search, the API or the database can find
/// but its destruction record and audit events that keep ids. The class has an app of its own: it places service-wide holds.
/// </summary>
public abstract class RetentionTests(CaseloadApp app)
{
    private sealed record Arranged(TestUser Practitioner, HttpClient Api, Guid PersonId, Guid CaseId, string FamilyName, string Word);

    /// <summary>
    /// An early help case of a person born in 1990, with a note, its amendment (two versions), a draft and a feedback link (an
    /// append-only row), closed through the API and then dated back to 2010, so its period (25 years from birth) has ended.
    /// </summary>
    private async Task<Arranged> ArrangeDueAsync(string service = Services.EarlyHelp, string closedOn = "2010-01-04", string dob = "1990-01-01")
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, (await app.CreateTeamAsync()).TeamId);
        var api = await app.ClientForAsync(practitioner);
        var family = "Quennell" + Guid.NewGuid().ToString("N")[..6];
        var word = "zephyrine" + Guid.NewGuid().ToString("N")[..6];
        var personId = await api.CreatePersonAsync("Ottilie", family, dob);
        var caseId = (await api.CreateCaseAsync(personId, practitioner.UserName, service: service))["id"]!.GetValue<Guid>();
        var noteId = (await api.CreateNoteAsync(caseId, NoteApi.Note($"Home visit. Ottilie spoke about {word} at school.")))["id"]!.GetValue<Guid>();
        await (await api.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note($"Home visit. Ottilie and her aunt spoke about {word} at school.").With("reason", "Added who was present"), "\"1\"")).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PostAsync(new Uri($"/api/v1/cases/{caseId}/feedback-links", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.PostJsonTextAsync($"/api/v1/cases/{caseId}/close", """{"reason":"Needs met: the plan is in place"}""")).ShouldBeAsync(HttpStatusCode.OK);
        var closed = DateOnly.Parse(closedOn, System.Globalization.CultureInfo.InvariantCulture);
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedOn, closed)));
        return new Arranged(practitioner, api, personId, caseId, family, word);
    }

    private async Task<HttpClient> DpoAsync() => await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));

    private static async Task<JsonArray> DueAsync(HttpClient dpo, string? on = null)
    {
        var response = await dpo.GetAsync(new Uri("/api/v1/retention/due" + (on is null ? "" : $"?on={on}"), UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray();
    }

    private static JsonNode? Item(JsonArray items, Guid caseId) => items.SingleOrDefault(i => i!["caseId"]!.GetValue<Guid>() == caseId);

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid caseId, object body) =>
        client.PostAsJsonAsync($"/api/v1/retention/cases/{caseId}/decision", body);

    [Fact]
    public async Task Destroying_a_due_case_leaves_nothing_of_it_to_find_but_its_destruction_record_and_audit_ids()
    {
        var a = await ArrangeDueAsync();
        var dpo = await DpoAsync();
        // Before: the person and the note are found.
        Assert.NotEmpty((await (await a.Api.GetAsync(new Uri($"/api/v1/people?q={a.FamilyName}", UriKind.Relative))).JsonAsync())["items"]!.AsArray());
        Assert.NotEmpty((await (await a.Api.GetAsync(new Uri($"/api/v1/search/notes?q={a.Word}", UriKind.Relative))).JsonAsync())["items"]!.AsArray());
        var due = Item(await DueAsync(dpo), a.CaseId)!;
        Assert.Equal("early-help", due["recordClass"]!.GetValue<string>());
        Assert.Equal("2015-01-01", due["reviewOn"]!.GetValue<string>());
        Assert.Equal("2015-01-01", due["personReviewOn"]!.GetValue<string>());
        Assert.False(due["held"]!.GetValue<bool>());

        var response = await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Retention period ended; no reason to keep" });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var destruction = (await response.JsonAsync())["destruction"]!;
        Assert.Equal("early-help", destruction["recordClass"]!.GetValue<string>());
        Assert.True(destruction["personDestroyed"]!.GetValue<bool>());
        Assert.Equal("2010-01-04", destruction["closedOn"]!.GetValue<string>());

        // The API, searches and pages find nothing.
        await (await a.Api.GetAsync(new Uri($"/api/v1/cases/{a.CaseId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await a.Api.GetAsync(new Uri($"/api/v1/people/{a.PersonId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await a.Api.GetAsync(new Uri($"/api/v1/people?q={a.FamilyName}", UriKind.Relative))).JsonAsync())["items"]!.AsArray());
        Assert.Empty((await (await a.Api.GetAsync(new Uri($"/api/v1/search/notes?q={a.Word}", UriKind.Relative))).JsonAsync())["items"]!.AsArray());
        using (var browser = await PageClient.SignInAsync(app, a.Practitioner))
        {
            // The pages echo the words searched for; what they must not show is the case or the person.
            Assert.DoesNotContain(a.CaseId.ToString(), await browser.GetStringAsync(new Uri($"/Notes/Search?Q={a.Word}", UriKind.Relative)), StringComparison.OrdinalIgnoreCase);
            var people = await browser.GetStringAsync(new Uri($"/People/Search?Q={a.FamilyName}", UriKind.Relative));
            Assert.DoesNotContain(a.PersonId.ToString(), people, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Ottilie", people, StringComparison.Ordinal);
            await (await browser.GetAsync(new Uri($"/Cases/{a.CaseId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);
        }

        Assert.Null(Item(await DueAsync(dpo), a.CaseId));

        // In the database: no row of any table that names the case or the person, but the destruction record and the audit trail.
        var left = await app.WithDbAsync(async db =>
        {
            var found = new List<string>();
            foreach (var type in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.ClrType.Namespace!.StartsWith("Caseload.Platform.Audit", StringComparison.Ordinal)
                         && t.ClrType != typeof(RetentionDestruction) && t.ClrType != typeof(LegalHold)))
            {
                foreach (var column in new[] { "CaseId", "PersonId" }.Where(c => type.FindProperty(c) is not null))
                {
                    var id = column == "CaseId" ? a.CaseId : a.PersonId;
                    var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{type.GetTableName()}\" WHERE \"{type.FindProperty(column)!.GetColumnName()}\" = {{0}}";
                    if (await db.Database.SqlQueryRaw<int>(sql, id).SingleAsync() > 0) found.Add($"{type.GetTableName()}.{column}");
                }
            }

            if (await db.People.AnyAsync(p => p.Id == a.PersonId)) found.Add("People");
            if (await db.Set<RetentionErasure>().AnyAsync()) found.Add("RetentionErasures (a mark left behind)");
            return found;
        });
        Assert.Empty(left);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseNoteVersion>().CountAsync(v => v.CaseId == a.CaseId)));
        var record = await app.WithDbAsync(db => db.Set<RetentionDestruction>().SingleAsync(d => d.CaseId == a.CaseId));
        Assert.Equal("Retention period ended; no reason to keep", record.Reason);

        // The audit trail keeps its events about the case, by id, and none holds the person's name.
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == a.CaseId || e.PersonId == a.PersonId).ToListAsync());
        Assert.Contains(events, e => e.Action == AuditActions.NoteCreated);
        var destroyed = Assert.Single(events, e => e.Action == AuditActions.RetentionCaseDestroyed);
        Assert.Equal($"destruction {record.Id}", destroyed.Details);
        Assert.Single(events, e => e.Action == AuditActions.RetentionPersonDestroyed);
        // No event holds the person's name, in its details or its route: searches keep what they found by id, not the words typed.
        var all = await app.WithDbAsync(db => db.AuditEvents.Select(e => new { e.Details, e.Route }).ToListAsync());
        Assert.All(all, e => Assert.DoesNotContain(a.FamilyName, (e.Details ?? "") + e.Route, StringComparison.OrdinalIgnoreCase));

        // Once destroyed, there is nothing to decide on.
        await (await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Again" })).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_person_stays_while_another_case_holds_them()
    {
        var a = await ArrangeDueAsync();
        var other = (await a.Api.CreateCaseAsync(a.PersonId, a.Practitioner.UserName, service: Services.YouthSupport))["id"]!.GetValue<Guid>();
        var dpo = await DpoAsync();
        Assert.Null(Item(await DueAsync(dpo), a.CaseId)!["personReviewOn"]);

        var response = await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Period ended" });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.False((await response.JsonAsync())["destruction"]!["personDestroyed"]!.GetValue<bool>());
        await (await a.Api.GetAsync(new Uri($"/api/v1/cases/{other}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Id == a.PersonId)));
        Assert.False(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Id == a.CaseId)));
    }

    [Fact]
    public async Task A_case_not_yet_due_is_not_destroyed_and_an_extension_needs_a_reason_and_a_later_date()
    {
        var a = await ArrangeDueAsync(dob: "2014-05-01", closedOn: "2025-06-30");
        var dpo = await DpoAsync();
        Assert.Null(Item(await DueAsync(dpo), a.CaseId));
        Assert.NotNull(Item(await DueAsync(dpo, "2039-05-01"), a.CaseId));

        var early = await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Tidy up" });
        await early.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("not-due", (await early.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Id == a.CaseId)));

        var noDate = await DecideAsync(dpo, a.CaseId, new { decision = "extend", reason = "" });
        await noDate.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["reason", "until"], (await noDate.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        var unknown = await DecideAsync(dpo, a.CaseId, new { decision = "shred", reason = "x" });
        await unknown.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["decision"], (await unknown.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));

        var extended = await DecideAsync(dpo, a.CaseId, new { decision = "extend", reason = "Sibling's proceedings ongoing", until = "2045-01-31" });
        await extended.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("2045-01-31", (await extended.JsonAsync())["keptUntil"]!.GetValue<string>());
        Assert.Null(Item(await DueAsync(dpo, "2045-01-30"), a.CaseId));
        var later = Item(await DueAsync(dpo, "2045-01-31"), a.CaseId)!;
        Assert.True(later["extended"]!.GetValue<bool>());
        Assert.Equal("2039-05-01", later["scheduledOn"]!.GetValue<string>());

        var open = await a.Api.CreateCaseIdAsync(a.Practitioner.UserName);
        var notClosed = await DecideAsync(dpo, open, new { decision = "destroy", reason = "x" });
        await notClosed.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("case-not-closed", (await notClosed.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == a.CaseId).Select(e => e.Action).ToListAsync()), x => x == AuditActions.RetentionExtended);
    }

    [Fact]
    public async Task A_legal_hold_on_the_person_the_case_or_the_service_blocks_destruction_until_released()
    {
        var a = await ArrangeDueAsync();
        var dpo = await DpoAsync();

        var placed = await dpo.PostAsJsonAsync("/api/v1/legal-holds", new { personId = a.PersonId, reason = "Public inquiry into placements", reference = "Inquiry 2026/14" });
        await placed.ShouldBeAsync(HttpStatusCode.Created);
        var holdId = (await placed.JsonAsync())["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/v1/legal-holds/{holdId}", placed.Headers.Location!.ToString());
        var held = Item(await DueAsync(dpo), a.CaseId)!;
        Assert.True(held["held"]!.GetValue<bool>());
        Assert.Equal([holdId], held["legalHoldIds"]!.AsArray().Select(i => i!.GetValue<Guid>()));

        var refused = await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Period ended" });
        await refused.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("legal-hold", (await refused.JsonAsync())["errorCode"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Id == a.CaseId)));

        await (await dpo.PostAsync(new Uri($"/api/v1/legal-holds/{holdId}/release", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.OK);
        var again = await dpo.PostAsync(new Uri($"/api/v1/legal-holds/{holdId}/release", UriKind.Relative), null);
        await again.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-released", (await again.JsonAsync())["errorCode"]!.GetValue<string>());

        // A hold on the whole service, then one the queue's own "hold" places on the case.
        var service = await dpo.PostAsJsonAsync("/api/v1/legal-holds", new { service = "early-help", reason = "Service review by the regulator", reference = "REG-7" });
        await service.ShouldBeAsync(HttpStatusCode.Created);
        var serviceHold = (await service.JsonAsync())["id"]!.GetValue<Guid>();
        Assert.Equal("legal-hold", (await (await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Period ended" })).JsonAsync())["errorCode"]!.GetValue<string>());
        await (await dpo.PostAsync(new Uri($"/api/v1/legal-holds/{serviceHold}/release", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.OK);
        var hold = await DecideAsync(dpo, a.CaseId, new { decision = "hold", reason = "Complaint open" });
        await hold.ShouldBeAsync(HttpStatusCode.OK);
        var caseHold = (await hold.JsonAsync())["hold"]!["id"]!.GetValue<Guid>();
        await (await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Period ended" })).ShouldBeAsync(HttpStatusCode.Conflict);

        await (await dpo.PostAsync(new Uri($"/api/v1/legal-holds/{caseHold}/release", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.OK);
        await (await DecideAsync(dpo, a.CaseId, new { decision = "destroy", reason = "Period ended" })).ShouldBeAsync(HttpStatusCode.OK);
        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == a.CaseId || e.PersonId == a.PersonId).Select(e => e.Action).ToListAsync());
        Assert.Equal(3, actions.Count(x => x == AuditActions.RetentionDestructionRefused));
        Assert.Contains(AuditActions.LegalHoldPlaced, actions);
        Assert.Contains(AuditActions.LegalHoldReleased, actions);
    }

    [Fact]
    public async Task A_legal_hold_covers_exactly_one_thing_that_exists_and_needs_a_reason_and_a_reference()
    {
        var a = await ArrangeDueAsync();
        var dpo = await DpoAsync();

        var two = await dpo.PostAsJsonAsync("/api/v1/legal-holds", new { personId = a.PersonId, caseId = a.CaseId, reason = "r", reference = "x" });
        await two.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["personId"], (await two.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var bare = await dpo.PostAsJsonAsync("/api/v1/legal-holds", new { service = "circus" });
        await bare.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["reason", "reference", "service"], (await bare.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        var missing = await dpo.PostAsJsonAsync("/api/v1/legal-holds", new { caseId = Guid.NewGuid(), reason = "r", reference = "x" });
        await missing.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["caseId"], (await missing.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        await (await dpo.PostAsync(new Uri($"/api/v1/legal-holds/{Guid.NewGuid()}/release", UriKind.Relative), null)).ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.False(await app.WithDbAsync(db => db.Set<LegalHold>().AnyAsync(h => h.PersonId == a.PersonId || h.CaseId == a.CaseId)));
    }

    [Fact]
    public async Task The_schedule_is_versioned_with_reasons_and_a_stale_or_missing_if_match_is_refused()
    {
        var dpo = await DpoAsync();
        var read = await dpo.GetAsync(new Uri("/api/v1/retention/schedule", UriKind.Relative));
        await read.ShouldBeAsync(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag;
        var schedule = await read.JsonAsync();
        var rules = schedule["rules"]!.AsArray();
        var looked = rules.Single(r => r!["recordClass"]!.GetValue<string>() == "looked-after")!;
        Assert.Equal(75, looked["years"]!.GetValue<int>());
        Assert.Equal("date-of-birth", looked["runsFrom"]!.GetValue<string>());
        Assert.Contains("reg 50", looked["source"]!.GetValue<string>(), StringComparison.Ordinal);

        var changed = rules.Select(r => r!.DeepClone()).ToList();
        var youth = changed.Single(r => r!["recordClass"]!.GetValue<string>() == "youth-support")!;
        youth["years"] = 26;
        var body = new JsonObject { ["rules"] = new JsonArray([.. changed]), ["reason"] = "Align youth work with the youth justice schedule" };

        await (await dpo.PutAsJsonAsync("/api/v1/retention/schedule", body)).ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        var bad = body.DeepClone().AsObject();
        bad["rules"]![0]!["years"] = 0;
        var invalid = await Put(dpo, bad, etag);
        await invalid.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["rules[0].years"], (await invalid.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));

        var saved = await Put(dpo, body, etag);
        await saved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        Assert.Equal(26, (await saved.JsonAsync())["rules"]!.AsArray().Single(r => r!["recordClass"]!.GetValue<string>() == "youth-support")!["years"]!.GetValue<int>());
        var stale = await Put(dpo, body, etag);
        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("stale-etag", (await stale.JsonAsync())["errorCode"]!.GetValue<string>());

        var now = await (await dpo.GetAsync(new Uri("/api/v1/retention/schedule", UriKind.Relative))).JsonAsync();
        Assert.Equal("Align youth work with the youth justice schedule", now["reason"]!.GetValue<string>());
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.RetentionScheduleChanged)));
        // Restore: the other tests assume the default periods.
        var restore = new JsonObject { ["rules"] = new JsonArray([.. rules.Select(r => r!.DeepClone())]), ["reason"] = "Back to the default" };
        await (await Put(dpo, restore, saved.Headers.ETag!.Tag)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<RetentionScheduleVersion>().CountAsync()));
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, JsonObject body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/retention/schedule") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }

    [Theory]
    [InlineData(Roles.Practitioner)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.Administrator)]
    public async Task Nobody_but_the_dpo_reaches_retention_or_legal_holds(string role)
    {
        var a = await ArrangeDueAsync();
        var other = await app.CreateUserAsync(role);
        var api = await app.ClientForAsync(other);

        await (await api.GetAsync(new Uri("/api/v1/retention/schedule", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.GetAsync(new Uri("/api/v1/retention/due", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await DecideAsync(api, a.CaseId, new { decision = "destroy", reason = "x" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.PostAsJsonAsync("/api/v1/legal-holds", new { caseId = a.CaseId, reason = "r", reference = "x" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.GetAsync(new Uri("/api/v1/legal-holds", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.Forbidden);
        using var browser = await PageClient.SignInAsync(app, other);
        foreach (var page in new[] { "/DataProtection/Retention", "/DataProtection/Retention/Schedule", $"/DataProtection/Retention/Cases/{a.CaseId}", "/DataProtection/LegalHolds" })
        {
            var refused = await browser.GetAsync(new Uri(page, UriKind.Relative));
            await refused.ShouldBeAsync(HttpStatusCode.Redirect);
            Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.True(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Id == a.CaseId)));
    }

    [Fact]
    public async Task The_dpo_destroys_through_the_pages_and_a_held_case_is_refused_with_the_reason()
    {
        var a = await ArrangeDueAsync();
        var b = await ArrangeDueAsync();
        var dpoUser = await app.CreateUserAsync(Roles.DataProtectionOfficer);
        using var browser = await PageClient.SignInAsync(app, dpoUser);
        var queue = await browser.GetStringAsync(new Uri("/DataProtection/Retention", UriKind.Relative));
        Assert.Contains($"/DataProtection/Retention/Cases/{a.CaseId}", queue, StringComparison.Ordinal);
        Assert.DoesNotContain(a.FamilyName, queue, StringComparison.Ordinal);

        var placed = await browser.PostFormAsync("/DataProtection/LegalHolds", new() { ["Covers"] = "case", ["CaseId"] = b.CaseId.ToString(), ["Reason"] = "Claim", ["Reference"] = "CLAIM-9" });
        await placed.ShouldBeAsync(HttpStatusCode.Redirect);
        Assert.Contains("CLAIM-9", await browser.GetStringAsync(new Uri("/DataProtection/LegalHolds", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Held", await browser.GetStringAsync(new Uri("/DataProtection/Retention", UriKind.Relative)), StringComparison.Ordinal);

        var blank = await browser.PostFormAsync($"/DataProtection/Retention/Cases/{a.CaseId}", new());
        await blank.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Select destroy, extend or hold", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var destroyed = await browser.PostFormAsync($"/DataProtection/Retention/Cases/{a.CaseId}", new() { ["Decision"] = "destroy", ["Reason"] = "Period ended" });
        await destroyed.ShouldBeAsync(HttpStatusCode.Redirect);
        Assert.False(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Id == a.CaseId)));
        await (await browser.GetAsync(new Uri($"/DataProtection/Retention/Cases/{a.CaseId}", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.NotFound);

        var refused = await browser.PostFormAsync($"/DataProtection/Retention/Cases/{b.CaseId}", new() { ["Decision"] = "destroy", ["Reason"] = "Period ended" });
        Assert.Contains("A legal hold covers this case (CLAIM-9)", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Id == b.CaseId)));
    }
}

public sealed class RetentionTests_Sqlite(DataProtectionSqliteApp app) : RetentionTests(app), IClassFixture<DataProtectionSqliteApp>;

public sealed class RetentionTests_Postgres(DataProtectionPostgresApp app) : RetentionTests(app), IClassFixture<DataProtectionPostgresApp>;
