using System.Globalization;
using Caseload.Data;
using Caseload.Features.Deadlines;
using Caseload.Features.Notes.Objectivity;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Bench.Scale;

/// <summary>
/// What the reports count beyond cases and notes, added to the reports' copy of the authority (never to the authority the other
/// benchmarks reuse), so every column of every report has figures to be checked against its floor: a deadline on each case
/// (one-off or statutory; met on time, met late with a reason, unmet, or paused), feedback on a third of the closed cases,
/// drift signals on a fifth of the open cases (half of them cleared), the findings of the notes saved with findings; and for
/// some practitioners part-time capacity settings, adjustments in force today, changes of supervision frequency, a year's
/// supervisions and capacity escalations (some answered). Each is one INSERT … SELECT over the cases or the practitioners,
/// chosen by the day of the case's referral or the number in the practitioner's user name, so the same authority gets the same facts.
/// </summary>
public static class ReportFactsGenerator
{
    public static async Task AddAsync(BenchDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var pg = database.Provider == DatabaseProvider.Postgres;
        // A number a case: the day of its referral counted from 2000, the same on both databases.
        var x = pg ? """(c."ReferredOn" - DATE '2000-01-01')""" : """CAST(julianday(c."ReferredOn") - julianday('2000-01-01') AS INTEGER)""";
        string Days(string column, int days) => pg ? $"""({column} + {days})""" : $"""date({column}, '{days:+0;-0} days')""";
        var now = pg ? "TIMESTAMPTZ '2026-11-23 09:00:00+00'" : new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).UtcTicks.ToString(CultureInfo.InvariantCulture);
        string NewId(string from, string tag) => pg ? $"md5({from}::text || '{tag}')::uuid" : $"substr({from}, 1, 35) || '{tag}'";
        // Met late: 25 to 27 days after the referral, against 20 allowed.
        var late = pg ? $"""(c."ReferredOn" + 25 + {x} % 3)""" : $"""date(c."ReferredOn", '+' || (25 + {x} % 3) || ' days')""";
        var statutory = Timescales.Statutory[0].Code;
        var kinds = ObjectivityCategoryCodes.All;
        var kind = string.Join(" ", kinds.Select((k, i) => $"WHEN {i} THEN '{k}'"));
        string[] statements =
        [
            $"""
            INSERT INTO "CaseDeadline" ("Id", "CaseId", "CreatedAt", "CreatedByName", "Title", "TimescaleCode", "IsStatutory", "StartDate", "DueDate", "MetOn", "MissedReason",
                                        "PausedFrom", "PausedUntil", "PausedLength", "Version")
            SELECT {NewId("c.\"Id\"", "D")}, c."Id", {now}, 'bench', 'Assessment', CASE WHEN ({x} / 4) % 2 = 0 THEN NULL ELSE '{statutory}' END, {(pg ? "false" : "0")},
                   c."ReferredOn", {Days("c.\"ReferredOn\"", 20)},
                   CASE {x} % 4 WHEN 0 THEN {Days("c.\"ReferredOn\"", 15)} WHEN 1 THEN {late} END,
                   CASE WHEN {x} % 4 = 1 THEN CASE {x} % 3 WHEN 0 THEN 'Waiting for a school report' WHEN 1 THEN 'waiting for a school report ' ELSE 'Staff sickness' END END,
                   CASE WHEN {x} % 8 = 3 THEN {Days("c.\"ReferredOn\"", 10)} END, NULL, 0, 1
            FROM "Cases" c
            """,
            $"""
            INSERT INTO "CaseFeedback" ("Id", "CaseId", "PersonId", "From", "Method", "Rating", "ReceivedOn", "RecordedAt", "RecordedByName")
            SELECT {NewId("c.\"Id\"", "F")}, c."Id", c."PersonId", 'young person', 'paper', 1 + {x} % 5, c."ClosedOn", {now}, 'bench'
            FROM "Cases" c WHERE c."Status" = 'Closed' AND {x} % 3 = 0
            """,
            $"""
            INSERT INTO "DriftSignals" ("CaseId", "Code", "Detail", "FoundAt", "Since", "ClearedAt")
            SELECT c."Id", 'no-contact', 'No contact within the expected time', {now}, {Days("c.\"ReferredOn\"", 30)}, CASE WHEN {x} % 10 = 0 THEN {now} END
            FROM "Cases" c WHERE c."Status" = 'Open' AND {x} % 5 = 0
            """,
            $"""
            INSERT INTO "CaseNoteFindingCounts" ("VersionId", "Category", "Count")
            SELECT v."Id", CASE v."Id" % {kinds.Count} {kind} END, 1 + v."Id" % 2 FROM "CaseNoteVersions" v WHERE v."FindingsAtSave" > 0
            """,
        ];
        // The practitioners' facts, chosen by the number in each practitioner's user name; dated from today, as the reports read them.
        var n = pg ? """CAST(substr(u."UserName", 14) AS integer)""" : """CAST(substr(u."UserName", 14) AS INTEGER)""";
        var today = UkTime.Today(TimeProvider.System);
        string On(int daysFromToday) => pg
            ? string.Create(CultureInfo.InvariantCulture, $"DATE '{today.AddDays(daysFromToday):yyyy-MM-dd}'")
            : string.Create(CultureInfo.InvariantCulture, $"'{today.AddDays(daysFromToday):yyyy-MM-dd}'");
        string DaysBefore(string day, string days) => pg ? $"({day} - ({days}))" : $"date({day}, '-' || ({days}) || ' days')";
        // An instant some days after another, as stored.
        string After(string at, string days) => pg ? $"({at} + ({days}) * INTERVAL '1 day')" : $"({at} + ({days}) * 864000000000)";
        var supervisor = """(SELECT t."SupervisorId" FROM "Teams" t WHERE t."Id" = u."TeamId")""";
        var practitioners = """FROM "AspNetUsers" u WHERE u."UserName" LIKE 'practitioner.%'""";
        string UserId(string tag) => pg ? $"md5(u.\"Id\" || '{tag}')::uuid" : $"upper(substr(u.\"Id\", 1, 35)) || '{tag}'";
        string SessionId() => pg ? "md5(u.\"Id\" || 's' || k.k)::uuid" : "upper(substr(u.\"Id\", 1, 34)) || printf('%02d', k.k)";
        var twelve = string.Join(" UNION ALL ", Enumerable.Range(0, 12).Select(i => $"SELECT {i} AS k"));
        string[] people =
        [
            $"""
            INSERT INTO "PractitionerCapacities" ("UserId", "Fte", "FullTimePoints", "NewlyQualified", "ChangedAt", "ChangedByName", "Reason", "Version")
            SELECT u."Id", {(pg ? "0.8" : "'0.8'")}, CASE WHEN {n} % 9 = 0 THEN 60 END, {n} % 6 = 0, {now}, 'bench', 'Part time', 1 {practitioners} AND {n} % 3 = 0
            """,
            $"""
            INSERT INTO "CapacityAdjustments" ("Id", "UserId", "Kind", "Points", "Percent", "From", "Until", "Reason", "AgreedById", "AgreedByName", "RecordedAt", "RecordedByName")
            SELECT {UserId("A")}, u."Id", CASE WHEN {n} % 8 = 1 THEN 'Reduction' ELSE 'Leave' END, CASE WHEN {n} % 8 = 1 THEN {(pg ? "5" : "'5'")} END,
                   CASE WHEN {n} % 8 = 5 THEN 20 END, {On(-30)}, CASE WHEN {n} % 8 = 5 THEN {On(30)} END, 'Agreed in supervision', {supervisor}, 'bench', {now}, 'bench'
            {practitioners} AND {n} % 4 = 1
            """,
            $"""
            INSERT INTO "SupervisionFrequencyChanges" ("PractitionerId", "EveryWorkingDays", "ChangedAt", "ChangedById", "ChangedByName", "Reason")
            SELECT u."Id", 20, {now}, {supervisor}, 'bench', 'Monthly' {practitioners} AND {n} % 5 = 0
            """,
            $"""
            INSERT INTO "SupervisionFrequencyChanges" ("PractitionerId", "EveryWorkingDays", "ChangedAt", "ChangedById", "ChangedByName", "Reason")
            SELECT u."Id", 40, {now}, {supervisor}, 'bench', 'Every two months' {practitioners} AND {n} % 10 = 0
            """,
            $"""
            INSERT INTO "SupervisionSessions" ("Id", "PractitionerId", "PractitionerName", "PractitionerUserName", "SupervisorId", "SupervisorName", "OccurredOn", "Kind", "Status",
                                               "RecordedAt", "CurrentVersion", "Version")
            SELECT {SessionId()}, u."Id", u."DisplayName", u."UserName", {supervisor}, 'bench', {DaysBefore(On(0), $"k.k * 40 + {n} % 20")}, 'OneToOne', 'Agreed', {now}, 1, 1
            FROM "AspNetUsers" u CROSS JOIN ({twelve}) k WHERE u."UserName" LIKE 'practitioner.%' AND ({n} + k.k) % 3 <> 0
            """,
            $"""
            INSERT INTO "CapacityEscalations" ("Id", "PractitionerId", "PractitionerName", "PractitionerUserName", "Band", "LoadPoints", "CapacityPoints", "Utilisation",
                                               "RaisedAt", "RaisedById", "RaisedByName", "Reason", "RecipientId", "RecipientName", "RespondedAt", "RespondedByName", "Status", "Version")
            SELECT {UserId("E")}, u."Id", u."DisplayName", u."UserName", 'over', {(pg ? "60, 50, 1.2" : "'60', '50', '1.2'")},
                   {After(now, $"-({n} % 50)")}, {supervisor}, 'bench', 'Over capacity', {supervisor}, 'bench',
                   CASE WHEN {n} % 14 = 0 THEN {After(After(now, $"-({n} % 50)"), $"{n} % 9")} END, CASE WHEN {n} % 14 = 0 THEN 'bench' END,
                   CASE WHEN {n} % 14 = 0 THEN 'Closed' ELSE 'Open' END, 1
            {practitioners} AND {n} % 7 = 0
            """,
        ];
        statements = [.. statements, .. people];
        await using var db = database.CreateDb();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var added = new List<int>();
        // The findings are loaded in bulk: the recording summary's triggers off, and the summary counted afresh after.
        await NoteGenerator.RecordingSummaryOffAsync(database);
        foreach (var sql in statements) added.Add(await db.Database.ExecuteSqlRawAsync(sql));
        await NoteGenerator.RecordingSummaryOnAsync(database);
        Console.WriteLine($"  report facts added to the copy: {added[0]:N0} deadlines, {added[1]:N0} pieces of feedback, {added[2]:N0} drift signals, {added[3]:N0} note finding counts, "
                          + $"{added[4]:N0} capacity settings, {added[5]:N0} adjustments, {added[6] + added[7]:N0} changes of supervision frequency, {added[8]:N0} supervisions, {added[9]:N0} escalations");
    }
}
