using System.Net;
using System.Net.Http.Json;
using Caseload.Data;
using Caseload.Features.Notes;
using Caseload.Features.Reports;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Reports;

/// <summary>
/// The recording report's summary tables, kept by the database's triggers: after every kind of change to what they count — notes
/// saved, late, with findings, amended; a case moved to another team or service, restricted and unrestricted; a case destroyed at
/// the end of retention; many notes saved at once — the stored counts are exactly a recount from the notes
/// (<see cref="RecordingSummarySql.DifferencesAsync"/>), and the day is the UK day of the saving.
/// </summary>
public abstract class RecordingSummaryTests(CaseloadApp app)
{
    private async Task AssertNoDifferencesAsync() => Assert.Empty(await app.WithDbAsync(db => RecordingSummarySql.DifferencesAsync(db)));

    private Task<(int Notes, int Late, int Saved, int WithFindings, int Findings, int Timed, int Reasons)> TotalsAsync(int teamId, string service = "early-help") =>
        app.WithDbAsync(async db =>
        {
            var days = await db.Set<RecordingDay>().Where(d => d.TeamId == teamId && d.Service == service).ToListAsync();
            var findings = await db.Set<RecordingFindingDay>().Where(d => d.TeamId == teamId && d.Service == service).SumAsync(d => (int?)d.Count) ?? 0;
            var timed = await db.Set<RecordingHourDay>().Where(d => d.TeamId == teamId && d.Service == service).SumAsync(d => (int?)d.Notes) ?? 0;
            var reasons = await db.Set<RecordingReasonDay>().Where(d => d.TeamId == teamId && d.Service == service).SumAsync(d => (int?)d.Notes) ?? 0;
            return (days.Sum(d => d.Notes), days.Sum(d => d.Late), days.Sum(d => d.Saved), days.Sum(d => d.WithFindings), findings, timed, reasons);
        });

    private async Task<SupervisedTeam> TeamWithNotesAsync()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var first = (await team.PractitionerApi.CreateNoteAsync(team.CaseId))["id"]!.GetValue<Guid>();
        await team.PractitionerApi.CreateNoteAsync(team.CaseId, NoteApi.Note("Observation in the nursery garden.", "2026-11-01T10:00:00Z", "observation")
            .With("lateEntryReason", "Typed up from handwritten notes"));
        await team.PractitionerApi.CreateNoteAsync(team.CaseId, NoteApi.Note("Mum is a hopeless parent.").With("findingsAcknowledged", true));
        await (await team.PractitionerApi.PostJsonAsync($"/api/v1/cases/{team.CaseId}/notes/{first}/amendments",
            NoteApi.Note("Home visit. Mum, her sister and Jordan (9) present.").With("reason", "Added who was present"), "\"1\"")).ShouldBeAsync(HttpStatusCode.Created);
        return team;
    }

    [Fact]
    public async Task Notes_late_entries_findings_and_amendments_are_counted_on_the_uk_day_they_were_saved()
    {
        var team = await TeamWithNotesAsync();

        var findings = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.CaseId == team.CaseId).SumAsync(v => v.FindingsAtSave));
        Assert.True(findings > 0);
        Assert.Equal((3, 1, 4, 1, findings, 3, 1), await TotalsAsync(team.TeamId));
        var day = Assert.Single(await app.WithDbAsync(db => db.Set<RecordingDay>().Where(d => d.TeamId == team.TeamId).Select(d => d.Day).Distinct().ToListAsync()));
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime), day);
        Assert.Equal(["Typed up from handwritten notes"], await app.WithDbAsync(db => db.Set<RecordingReasonDay>().Where(d => d.TeamId == team.TeamId).Select(d => d.Reason).ToListAsync()));
        // Written 1 hour, 1 hour and 22 days after the event.
        Assert.Equal([(1, 2), (528, 1)], (await app.WithDbAsync(db => db.Set<RecordingHourDay>().Where(d => d.TeamId == team.TeamId).ToListAsync()))
            .OrderBy(h => h.Hours).Select(h => (h.Hours, h.Notes)));
        await AssertNoDifferencesAsync();
    }

    [Fact]
    public async Task A_case_moved_to_another_team_or_service_or_restricted_takes_its_counts_with_it()
    {
        var team = await TeamWithNotesAsync();
        var other = await SupervisedTeam.CreateAsync(app);
        var before = await TotalsAsync(team.TeamId);
        Task SetAsync(Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Caseload.Features.Cases.Case>> set) =>
            app.WithDbAsync(db => db.Cases.Where(c => c.Id == team.CaseId).ExecuteUpdateAsync(set));

        await SetAsync(s => s.SetProperty(c => c.TeamId, other.TeamId));
        Assert.Equal(default, await TotalsAsync(team.TeamId));
        Assert.Equal(before, await TotalsAsync(other.TeamId));
        await AssertNoDifferencesAsync();

        await SetAsync(s => s.SetProperty(c => c.Service, "send"));
        Assert.Equal(default, await TotalsAsync(other.TeamId));
        Assert.Equal(before, await TotalsAsync(other.TeamId, "send"));
        await AssertNoDifferencesAsync();

        // Restricted (through the API, which names the practitioner on it), a case is counted live for those named on it, not in
        // the summary, and a note written meanwhile is not counted there either.
        var etag = (await team.PractitionerApi.GetAsync(new Uri($"/api/v1/cases/{team.CaseId}", UriKind.Relative))).Headers.ETag?.Tag;
        await (await team.PractitionerApi.PatchJsonAsync($"/api/v1/cases/{team.CaseId}", new { restricted = true }, etag)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(default, await TotalsAsync(other.TeamId, "send"));
        await team.PractitionerApi.CreateNoteAsync(team.CaseId);
        Assert.Equal(default, await TotalsAsync(other.TeamId, "send"));
        await AssertNoDifferencesAsync();

        // Lifted, its notes are back, the one written while restricted among them.
        await SetAsync(s => s.SetProperty(c => c.Restricted, false));
        Assert.Equal((before.Notes + 1, before.Late, before.Saved + 1, before.WithFindings, before.Findings, before.Timed + 1, before.Reasons),
            await TotalsAsync(other.TeamId, "send"));
        await AssertNoDifferencesAsync();
    }

    [Fact]
    public async Task The_report_counts_a_restricted_case_live_only_for_a_reader_named_on_it_and_never_twice()
    {
        var team = await TeamWithNotesAsync();
        async Task<int?> NotesInReportAsync()
        {
            var json = await (await team.SupervisorApi.GetAsync(new Uri($"/api/v1/reports/recording?team={team.TeamId}", UriKind.Relative))).JsonAsync();
            return json["rows"]!.AsArray().SingleOrDefault()?["notes"]!.GetValue<int>();
        }

        Assert.Equal(3, await NotesInReportAsync());
        async Task RestrictAsync(params string[] to)
        {
            var etag = (await team.PractitionerApi.GetAsync(new Uri($"/api/v1/cases/{team.CaseId}", UriKind.Relative))).Headers.ETag?.Tag;
            await (await team.PractitionerApi.PatchJsonAsync($"/api/v1/cases/{team.CaseId}", new { restricted = true, restrictedTo = to }, etag)).ShouldBeAsync(HttpStatusCode.OK);
        }

        await RestrictAsync(team.Practitioner.UserName);
        Assert.Null(await NotesInReportAsync());
        await RestrictAsync(team.Practitioner.UserName, team.Supervisor.UserName);
        Assert.Equal(3, await NotesInReportAsync());
        await AssertNoDifferencesAsync();
    }

    [Fact]
    public async Task A_case_destroyed_at_the_end_of_retention_leaves_no_counts_behind()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var person = await team.PractitionerApi.CreatePersonAsync("Ottilie", "Quennell", "1990-01-01");
        var caseId = (await team.PractitionerApi.CreateCaseAsync(person, team.Practitioner.UserName, service: "careers-iag"))["id"]!.GetValue<Guid>();
        var noteId = (await team.PractitionerApi.CreateNoteAsync(caseId, NoteApi.Note("Careers interview. Ottilie is lazy.").With("findingsAcknowledged", true)))["id"]!.GetValue<Guid>();
        await (await team.PractitionerApi.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Careers interview. Ottilie said she is lazy.").With("reason", "Her words, not mine"), "\"1\"")).ShouldBeAsync(HttpStatusCode.Created);
        await (await team.PractitionerApi.PostJsonTextAsync($"/api/v1/cases/{caseId}/close", """{"reason":"Needs met: the plan is in place"}""")).ShouldBeAsync(HttpStatusCode.OK);
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedOn, new DateOnly(2010, 1, 4))));
        var counted = await TotalsAsync(team.TeamId, "careers-iag");
        Assert.Equal((1, 2), (counted.Notes, counted.Saved));
        Assert.True(counted.Findings > 0);

        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        await (await dpo.PostAsJsonAsync($"/api/v1/retention/cases/{caseId}/decision", new { decision = "destroy", reason = "Retention period ended; no reason to keep" }))
            .ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(default, await TotalsAsync(team.TeamId, "careers-iag"));
        await AssertNoDifferencesAsync();
    }

    [Fact]
    public async Task Notes_saved_at_the_same_time_on_one_team_are_all_counted()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var practitioners = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var practitioner = await app.CreateUserAsync(Roles.Practitioner, team.TeamId);
            var api = await app.ClientForAsync(practitioner);
            return (Api: api, CaseId: await api.CreateCaseIdAsync(practitioner.UserName));
        }));

        // Every note adds to the same summary rows (one team, service and day) from its own transaction.
        await Task.WhenAll(practitioners.SelectMany(p => Enumerable.Range(0, 5).Select(_ => p.Api.CreateNoteAsync(p.CaseId))));

        Assert.Equal((20, 0, 20, 0, 0, 20, 0), await TotalsAsync(team.TeamId));
        await AssertNoDifferencesAsync();
    }

    [Fact]
    public async Task Counting_every_note_afresh_as_the_migration_does_gives_what_the_triggers_kept()
    {
        await TeamWithNotesAsync();
        var postgres = app.Provider == DatabaseProvider.Postgres;
        var (kept, refilled, differences) = await app.WithDbAsync(async db =>
        {
            // In a transaction rolled back at the end, with the summary locked against other tests' notes until then.
            await using var transaction = await db.Database.BeginTransactionAsync();
            if (postgres) await db.Database.ExecuteSqlRawAsync(string.Concat(RecordingSummarySql.Tables.Select(t => $"LOCK TABLE \"{t}\" IN EXCLUSIVE MODE;")));
            async Task<List<string>> RowsAsync() => [.. (await db.Set<RecordingDay>().ToListAsync()).Where(d => d.Saved != 0)
                .Select(d => $"{d.TeamId} {d.Service} {d.Day} {d.Notes} {d.Late} {d.Saved} {d.WithFindings} {d.Revised}").Order(StringComparer.Ordinal)];
            var before = await RowsAsync();
            foreach (var sql in RecordingSummarySql.Refill(postgres)) await db.Database.ExecuteSqlRawAsync(sql);
            var after = await RowsAsync();
            var found = await RecordingSummarySql.DifferencesAsync(db);
            await transaction.RollbackAsync();
            return (before, after, found);
        });
        Assert.NotEmpty(refilled);
        Assert.Equal(kept, refilled);
        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("2026-03-29T00:59:59Z", "2026-03-29")]
    [InlineData("2026-03-29T23:30:00Z", "2026-03-30")] // British Summer Time from 01:00 UTC on the last Sunday of March
    [InlineData("2026-06-30T22:59:59Z", "2026-06-30")]
    [InlineData("2026-06-30T23:00:00Z", "2026-07-01")]
    [InlineData("2026-10-24T23:30:00Z", "2026-10-25")]
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25")]
    [InlineData("2026-10-25T23:30:00Z", "2026-10-25")] // back to GMT from 01:00 UTC on the last Sunday of October
    [InlineData("2026-12-31T23:59:59Z", "2026-12-31")]
    [InlineData("2027-03-28T01:00:00Z", "2027-03-28")]
    [InlineData("2027-03-28T23:00:00Z", "2027-03-29")]
    public async Task The_day_of_a_saving_is_its_uk_day_in_the_database_as_in_the_app(string instant, string ukDay)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ukDay, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var postgres = app.Provider == DatabaseProvider.Postgres;
        var value = postgres ? $"TIMESTAMPTZ '{at:yyyy-MM-dd HH:mm:ss}+00'" : at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sql = $"SELECT CAST({RecordingSummarySql.UkDay(postgres, value)} AS {(postgres ? "text" : "TEXT")}) AS \"Value\"";
        Assert.Equal(ukDay, await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(sql).SingleAsync()));
    }
}

public sealed class RecordingSummaryTests_Sqlite(SqliteApp app) : RecordingSummaryTests(app);

public sealed class RecordingSummaryTests_Postgres(PostgresApp app) : RecordingSummaryTests(app);
