using System.Net;
using Caseload.Features.Capacity;
using Caseload.Features.Capacity.Escalations;
using Caseload.Features.Notes;
using Caseload.Features.Reports;
using Caseload.Platform.Http;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.Features.Supervision;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Reports;

/// <summary>
/// The supervision and recording reports on a small known dataset: supervisions held against the frequency, escalations raised,
/// answered and how fast, adjustments agreed; notes written late with their reasons, objectivity findings counted by kind (and
/// never their words), and the time from event to record; the same rows in CSV and XLSX; practitioners refused.
/// </summary>
public abstract class SupervisionRecordingReportsTests(CaseloadApp app)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_practitioner_is_refused_the_supervision_and_recording_reports()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        foreach (var url in new[] { "/api/v1/reports/supervision", "/api/v1/reports/recording", "/api/v1/reports/supervision?format=csv", "/api/v1/reports/recording?format=xlsx" })
        {
            await (await team.PractitionerApi.GetAsync(Url(url))).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_supervision_report_gives_sessions_against_the_frequency_escalations_and_how_fast_they_were_answered_and_adjustments()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var other = await SupervisedTeam.CreateAsync(app);
        var who = team.Practitioner.UserName;
        await team.SupervisorApi.RecordAsync(SupervisionApi.Session(who, team.CaseId, who, occurredOn: "2026-10-01"));
        await team.SupervisorApi.RecordAsync(SupervisionApi.Session(who, team.CaseId, who, occurredOn: "2026-11-20"));
        await other.SupervisorApi.RecordAsync(SupervisionApi.Session(other.Practitioner.UserName, other.CaseId, other.Practitioner.UserName, occurredOn: "2026-11-20"));
        CapacityEscalation Escalation(string raised, string? responded) => new()
        {
            Id = Guid.CreateVersion7(), PractitionerId = team.Practitioner.Id, PractitionerUserName = who, PractitionerName = "test", RaisedByName = "test",
            RaisedAt = At(raised), Reason = "Two new court cases", Band = "over", Status = responded is null ? EscalationStatus.Open : EscalationStatus.Closed,
            RespondedAt = responded is null ? null : At(responded), Decision = responded is null ? null : "reallocate",
        };
        await app.WithDbAsync(async db =>
        {
            db.AddRange(
                Escalation("2026-11-02T09:00:00Z", "2026-11-05T15:00:00Z"), // answered 3 working days later
                Escalation("2026-11-16T09:00:00Z", null),
                Escalation("2026-08-03T09:00:00Z", "2026-08-04T09:00:00Z")); // before the period
            db.Add(new CapacityAdjustment
            {
                Id = Guid.CreateVersion7(), UserId = team.Practitioner.Id, Kind = AdjustmentKind.Reduction, Points = 10m, Reason = "Court cases", From = new DateOnly(2026, 11, 5),
                AgreedById = team.Supervisor.Id, AgreedByName = "test", RecordedAt = At("2026-11-05T15:00:00Z"), RecordedByName = "test",
            });
            return await db.SaveChangesAsync();
        });

        // 1 September to 23 November 2026: 60 working days in England, three sessions at the default of every 20.
        var response = await team.SupervisorApi.GetAsync(Url("/api/v1/reports/supervision?from=2026-09-01&to=2026-11-23"));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        var row = Assert.Single(json["rows"]!.AsArray())!;
        Assert.Equal((20m, 3, 2, 0.667m, "2026-11-20"), (row["everyWorkingDays"]!.GetValue<decimal>(), row["required"]!.GetValue<int>(), row["held"]!.GetValue<int>(),
            row["heldShare"]!.GetValue<decimal>(), row["lastHeld"]!.GetValue<string>()));
        Assert.Equal((2, 1, 1, 3m, 1), (row["escalationsRaised"]!.GetValue<int>(), row["escalationsResponded"]!.GetValue<int>(), row["escalationsAwaiting"]!.GetValue<int>(),
            row["medianWorkingDaysToRespond"]!.GetValue<decimal>(), row["adjustmentsAgreed"]!.GetValue<int>()));
        Assert.Equal("2 of 3 supervisions required from 1 Sep 2026 to 23 Nov 2026 were held (67%) for 1 practitioner; 2 escalations raised, 1 responded to in a median of 3 working days "
            + "and 1 awaiting a response; 1 capacity adjustment agreed.", json["summary"]!.GetValue<string>());

        var series = json["series"]!.AsArray();
        decimal?[] Values(string chart) => series.Single(s => s!["chart"]!.GetValue<string>() == chart)!["points"]!.AsArray().Select(p => p!["value"]?.GetValue<decimal>()).ToArray();
        Assert.Equal([0.667m], Values("supervision-teams"));
        Assert.Equal([2m, 1m, 1m, 1m], Values("supervision-escalations"));
        Assert.Equal([0m, 0m, 1m, 0m, 0m], Values("supervision-response"));

        var csv = (await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/supervision?from=2026-09-01&to=2026-11-23&format=csv"))).Content.ReadAsStringAsync())
            .TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(CsvText.Row(SupervisionReport.Columns.Select(c => c.Title)).TrimEnd('\r', '\n'), csv[0]);
        Assert.Equal($"{csv[1].Split(',')[0]},{csv[1].Split(',')[1]},20,3,2,0.667,2026-11-20,2,1,1,3,1", csv[1]);
        var sheet = XlsxReader.Read(await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/supervision?from=2026-09-01&to=2026-11-23&format=xlsx"))).Content.ReadAsByteArrayAsync());
        Assert.Equal(SupervisionReport.Columns.Select(c => row[c.Key]?.ToString() ?? ""), sheet[1]);

        // Another team's supervisor is refused this team.
        await (await other.SupervisorApi.GetAsync(Url($"/api/v1/reports/supervision?team={team.TeamId}"))).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_recording_report_counts_late_notes_with_their_reasons_findings_by_kind_and_the_time_to_record()
    {
        var team = await SupervisedTeam.CreateAsync(app);
        var other = await SupervisedTeam.CreateAsync(app);
        await team.PractitionerApi.CreateNoteAsync(team.CaseId);
        await team.PractitionerApi.CreateNoteAsync(team.CaseId, NoteApi.Note("Observation in the nursery garden.", "2026-11-01T10:00:00Z", "observation")
            .With("lateEntryReason", "Typed up from handwritten notes"));
        await team.PractitionerApi.CreateNoteAsync(team.CaseId, NoteApi.Note("Mum is a hopeless parent.").With("findingsAcknowledged", true));
        await other.PractitionerApi.CreateNoteAsync(other.CaseId, NoteApi.Note("Mum is a hopeless parent.").With("findingsAcknowledged", true));
        var findings = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.CaseId == team.CaseId).SumAsync(v => v.FindingsAtSave));
        Assert.True(findings > 0);

        var json = await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/recording"))).JsonAsync();
        var row = Assert.Single(json["rows"]!.AsArray())!;
        Assert.Equal("Early help", row["service"]!.GetValue<string>());
        // Written 1 hour, 1 hour and 22 days (528 hours) after the event.
        Assert.Equal((3, 1, 0.333m, 1m), (row["notes"]!.GetValue<int>(), row["late"]!.GetValue<int>(), row["lateShare"]!.GetValue<decimal>(), row["medianHoursToRecord"]!.GetValue<decimal>()));
        Assert.Equal((3, 1, 0), (row["saved"]!.GetValue<int>(), row["savedWithFindings"]!.GetValue<int>(), row["revised"]!.GetValue<int>()));
        Assert.True(row["findingsValueLaden"]!.GetValue<int>() >= 1);
        Assert.Equal(findings, Caseload.Features.Notes.Objectivity.ObjectivityCategoryCodes.All.Sum(c => row[RecordingReport.KindKey(c)]!.GetValue<int>()));

        var series = json["series"]!.AsArray();
        JsonPoint[] Points(string chart) => series.Single(s => s!["chart"]!.GetValue<string>() == chart)!["points"]!.AsArray()
            .Select(p => new JsonPoint(p!["label"]!.GetValue<string>(), p["value"]?.GetValue<decimal>())).ToArray();
        Assert.Equal([new JsonPoint("Typed up from handwritten notes", 1m)], Points("recording-late-reasons"));
        Assert.Equal([2m, 0m, 0m, 1m, 0m], Points("recording-time").Select(p => p.Value));
        Assert.Equal((decimal)findings, Points("recording-findings").Sum(p => p.Value));
        Assert.Equal([0.333m], Points("recording-late-teams").Select(p => p.Value));
        Assert.StartsWith("3 notes written from 31 Aug 2026 to 23 Nov 2026, 1 of them late (33%), half of them within 1 hour of the event; 1 of 3 notes and amendments saved still had objectivity findings.",
            json["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        // Counts only: the words of the notes are nowhere in the report.
        Assert.DoesNotContain("hopeless", json.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var csv = (await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/recording?format=csv"))).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(CsvText.Row(RecordingReport.Columns.Select(c => c.Title)).TrimEnd('\r', '\n'), csv[0]);
        Assert.Equal(3, csv.Length);
        var sheet = XlsxReader.Read(await (await team.SupervisorApi.GetAsync(Url("/api/v1/reports/recording?format=xlsx"))).Content.ReadAsByteArrayAsync());
        Assert.Equal(RecordingReport.Columns.Select(c => row[c.Key]?.ToString() ?? ""), sheet[1]);
    }

    private sealed record JsonPoint(string Label, decimal? Value);
}

public sealed class SupervisionRecordingReportsTests_Sqlite(SqliteApp app) : SupervisionRecordingReportsTests(app);

public sealed class SupervisionRecordingReportsTests_Postgres(PostgresApp app) : SupervisionRecordingReportsTests(app);
