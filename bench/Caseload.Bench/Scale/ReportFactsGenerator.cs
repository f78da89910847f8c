using System.Globalization;
using Caseload.Data;
using Caseload.Features.Deadlines;
using Caseload.Features.Notes.Objectivity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Bench.Scale;

/// <summary>
/// What the reports count beyond cases and notes, added to the reports' copy of the authority (never to the authority the other
/// benchmarks reuse), so every column of every report has figures to be checked against its floor: a deadline on each case
/// (one-off or statutory; met on time, met late with a reason, unmet, or paused), feedback on a third of the closed cases,
/// drift signals on a fifth of the open cases (half of them cleared), and the findings of the notes saved with findings. Each
/// is one INSERT … SELECT over the cases, chosen by the day of the case's referral, so the same authority gets the same facts.
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
            SELECT {NewId("c.\"Id\"", "D")}, c."Id", {now}, 'bench', 'Assessment', CASE WHEN {x} % 2 = 0 THEN NULL ELSE '{statutory}' END, {(pg ? "false" : "0")},
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
        await using var db = database.CreateDb();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var added = new List<int>();
        foreach (var sql in statements) added.Add(await db.Database.ExecuteSqlRawAsync(sql));
        Console.WriteLine($"  report facts added to the copy: {added[0]:N0} deadlines, {added[1]:N0} pieces of feedback, {added[2]:N0} drift signals, {added[3]:N0} note finding counts");
    }
}
