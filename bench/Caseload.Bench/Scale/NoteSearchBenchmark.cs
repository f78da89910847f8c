using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Features.Notes.Search;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Bench.Scale;

/// <summary>
/// Note search as the app runs it (NoteSearch: visibility by relationship, ranking, highlights, audit) for a practitioner
/// and for a service manager, beside the same results fetched by hand-written SQL in the same run: the floor. Also, for
/// reference, the plain full-text query a first attempt would write, ranking every match.
/// </summary>
public static class NoteSearchBenchmark
{
    /// <summary>Queries from rare to very common words, as people search: a street, a medicine, a child's name, "school".</summary>
    private static readonly (string Class, string Query)[] Queries =
    [
        ("rare", "\"Ashgrove Close\""),
        ("rare", "Maplecroft"),
        ("rare", "Juniperthorpe"),
        ("rare", "\"Thistlewick Lane\""),
        ("medium", "melatonin"),
        ("medium", "\"hearing aid\""),
        ("medium", "Priya"),
        ("medium", "Oakfield bullying"),
        ("medium", "Priya melatonin"),
        ("common", "school"),
        ("common", "bedding"),
        ("common", "tired"),
    ];

    public static async Task RunAsync(BenchDatabase database, int rounds)
    {
        ArgumentNullException.ThrowIfNull(database);
        CurrentUser practitioner, manager;
        int visibleCases;
        await using (var db = database.CreateDb())
        {
            var loads = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedToId != null)
                .GroupBy(c => c.AllocatedToId).Select(g => new { UserId = g.Key!, Open = g.Count() }).ToListAsync();
            var median = loads.OrderBy(l => l.Open).ThenBy(l => l.UserId, StringComparer.Ordinal).ElementAt(loads.Count / 2);
            practitioner = (await CurrentUserAccessor.LoadAsync(db, median.UserId))!;
            var managerId = await db.Users.Where(u => u.UserName == "service.manager").Select(u => u.Id).SingleAsync();
            manager = (await CurrentUserAccessor.LoadAsync(db, managerId))!;
            visibleCases = await db.VisibleCases(practitioner).CountAsync();
        }

        long notes, versions;
        await using (var db = database.CreateDb())
        {
            notes = await db.Set<Caseload.Features.Notes.CaseNote>().LongCountAsync();
            versions = await db.Set<Caseload.Features.Notes.CaseNoteVersion>().Select(v => v.CaseId).Distinct().LongCountAsync();
        }

        Console.WriteLine($"Note search, {database.Provider}: {notes:N0} notes on {versions:N0} cases; practitioner sees {visibleCases:N0} cases, the service manager every service");
        Console.WriteLine("  matches per query (all current notes, before visibility):");
        foreach (var (cls, q) in Queries) Console.WriteLine($"    {cls,-7} {q,-22} {await CountAsync(database, q),10:N0}");

        foreach (var (role, user) in new[] { ("practitioner", practitioner), ("service manager", manager) })
        {
            // The app and the floor must agree, or comparing their times means nothing.
            foreach (var (_, q) in Queries)
            {
                var app = await AppAsync(database, user, q);
                var floor = await FloorAsync(database, user, q);
                if (!app.SequenceEqual(floor)) throw new InvalidOperationException($"{role}, {q}: the app and the floor found different notes ({app.Count} vs {floor.Count}).");
            }

            var appTimes = new Dictionary<string, List<double>>();
            var floorTimes = new Dictionary<string, List<double>>();
            foreach (var (_, q) in Queries)
            {
                for (var w = 0; w < 3; w++)
                {
                    await AppAsync(database, user, q);
                    await FloorAsync(database, user, q);
                }

                appTimes[q] = [];
                floorTimes[q] = [];
            }

            for (var r = 0; r < rounds; r++)
            {
                foreach (var (_, q) in Queries)
                {
                    appTimes[q].Add(await TimeAsync(() => AppAsync(database, user, q)));
                    floorTimes[q].Add(await TimeAsync(() => FloorAsync(database, user, q)));
                }
            }

            Console.WriteLine($"  {role}: {rounds} rounds of {Queries.Length} queries, each call on a fresh context; p50 / p95 in ms");
            Console.WriteLine($"    {"query",-30} {"app p50",8} {"app p95",8} {"floor p50",10} {"floor p95",10}");
            foreach (var (cls, q) in Queries)
            {
                Console.WriteLine($"    {cls + " " + q,-30} {P(appTimes[q], 0.5),8:F1} {P(appTimes[q], 0.95),8:F1} {P(floorTimes[q], 0.5),10:F1} {P(floorTimes[q], 0.95),10:F1}");
            }

            foreach (var cls in Queries.Select(x => x.Class).Distinct().Append("all"))
            {
                var qs = Queries.Where(x => cls == "all" || x.Class == cls).Select(x => x.Query).ToList();
                var a = qs.SelectMany(q => appTimes[q]).ToList();
                var f = qs.SelectMany(q => floorTimes[q]).ToList();
                Console.WriteLine($"    {"[" + cls + "]",-30} {P(a, 0.5),8:F1} {P(a, 0.95),8:F1} {P(f, 0.5),10:F1} {P(f, 0.95),10:F1}");
            }
        }

        // Reference: ranking every match, as a first hand-written attempt would. A few calls only: it is slow on common words.
        Console.WriteLine("  reference, service manager: plain full-text query ranking every match (3 calls each), p50 ms");
        foreach (var (cls, q) in Queries)
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++) times.Add(await TimeAsync(() => UnboundedAsync(database, manager, q)));
            Console.WriteLine($"    {cls + " " + q,-30} {P(times, 0.5),8:F1}");
        }
    }

    private static async Task<IReadOnlyList<Guid>> AppAsync(BenchDatabase database, CurrentUser user, string q)
    {
        await using var db = database.CreateDb();
        var search = new NoteSearch(db, new AuditTrail(db, new HttpContextAccessor(), TimeProvider.System));
        var result = await search.SearchAsync(user, SearchQuery.Parse(q), 20);
        return result.Items.Select(i => i.NoteId).ToList();
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double P(List<double> times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    // Hand-written visibility, the same rule as CaseAccess.VisibleCases for these two users (no teams supervised).
    private static string Visible(CurrentUser user, bool sqlite)
    {
        var restricted = sqlite ? """c."Restricted" = 0""" : """NOT c."Restricted" """;
        var named = """EXISTS (SELECT 1 FROM "CaseRestrictedAccess" r WHERE r."CaseId" = c."Id" AND r."UserId" = @u)""";
        if (user.ManagedServices.Count > 0)
        {
            var services = string.Join(", ", user.ManagedServices.Select(s => $"'{s}'"));
            return $"""(({restricted} AND c."Service" IN ({services})) OR (c."Restricted" AND {named}) OR ({restricted} AND c."AllocatedToId" = @u))""";
        }

        return $"""
            c."Id" IN (SELECT "Id" FROM "Cases" WHERE "AllocatedToId" = @u UNION SELECT "CaseId" FROM "CaseCoWorkers" WHERE "UserId" = @u
                       UNION SELECT "CaseId" FROM "CaseRestrictedAccess" WHERE "UserId" = @u)
            AND ({restricted} OR {named})
            """;
    }

    private static async Task<IReadOnlyList<Guid>> FloorAsync(BenchDatabase database, CurrentUser user, string q)
    {
        await using var db = database.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var query = SearchQuery.Parse(q);
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        var visible = Visible(user, sqlite);
        await using var command = connection.CreateCommand();
        Add(command, "u", user.Id);
        if (sqlite)
        {
            var match = query.ToFts5(NoteSearchSql.TextColumns);
            var candidateMatch = match;
            if (user.ManagedServices.Count == 0)
            {
                // A practitioner's few cases narrow the full-text query itself, as FTS5 allows.
                var keys = new List<string>();
                await using (var ids = connection.CreateCommand())
                {
                    ids.CommandText = $"""SELECT c."Id" FROM "Cases" c WHERE {visible}""";
                    Add(ids, "u", user.Id);
                    await using var reader = await ids.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) keys.Add("k" + reader.GetString(0).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
                }

                candidateMatch = $"{match} AND CaseKey : ({(keys.Count == 0 ? "k0" : string.Join(" OR ", keys))})";
            }

            command.CommandText = $"""
                WITH cand AS (
                    SELECT f.rowid AS id, -bm25("CaseNoteSearch", 0.6, 1.0, 0.8, 0.6, 0.8, 0.0) AS score
                    FROM "CaseNoteSearch" f
                    JOIN "CaseNoteVersions" v ON v."Id" = f.rowid
                    JOIN "CaseNotes" n ON n."Id" = v."NoteId"
                    JOIN "Cases" c ON c."Id" = v."CaseId"
                    WHERE "CaseNoteSearch" MATCH @cm AND v."IsCurrent" AND n."StruckThroughAt" IS NULL AND {visible}
                    ORDER BY f.rowid DESC LIMIT {NoteSearch.Candidates}),
                top AS (SELECT id, score FROM cand ORDER BY score DESC, id DESC LIMIT 20)
                SELECT v."NoteId", p."GivenName" || ' ' || p."FamilyName", v."Type", v."OccurredAt",
                       snippet("CaseNoteSearch", -1, char(2), char(3), '…', 24)
                FROM top
                JOIN "CaseNoteSearch" f ON f.rowid = top.id
                JOIN "CaseNoteVersions" v ON v."Id" = top.id
                JOIN "Cases" c ON c."Id" = v."CaseId"
                JOIN "People" p ON p."Id" = c."PersonId"
                WHERE "CaseNoteSearch" MATCH @m
                ORDER BY top.score DESC, top.id DESC
                """;
            Add(command, "cm", candidateMatch);
            Add(command, "m", match);
        }
        else
        {
            command.CommandText = $"""
                WITH cand AS (
                    SELECT v."Id" AS id
                    FROM "CaseNoteVersions" v
                    JOIN "CaseNotes" n ON n."Id" = v."NoteId"
                    JOIN "Cases" c ON c."Id" = v."CaseId"
                    WHERE v."IsCurrent" AND v."SearchVector" @@ websearch_to_tsquery('english', @q) AND n."StruckThroughAt" IS NULL AND {visible}
                    ORDER BY v."Id" DESC LIMIT {NoteSearch.Candidates}),
                top AS (
                    SELECT cand.id, ts_rank(v."SearchVector", websearch_to_tsquery('english', @q))::float8 AS score
                    FROM cand JOIN "CaseNoteVersions" v ON v."Id" = cand.id
                    ORDER BY score DESC, cand.id DESC LIMIT 20)
                SELECT v."NoteId", p."GivenName" || ' ' || p."FamilyName", v."Type", v."OccurredAt",
                       ts_headline('english', concat_ws(E'\n', v."WhatHappened", v."WhatWasDone", v."Outcome", v."PresentAndSpokenTo", v."AgreedNextSteps"), websearch_to_tsquery('english', @q),
                                   'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "')
                FROM top
                JOIN "CaseNoteVersions" v ON v."Id" = top.id
                JOIN "Cases" c ON c."Id" = v."CaseId"
                JOIN "People" p ON p."Id" = c."PersonId"
                ORDER BY top.score DESC, top.id DESC
                """;
            // The query's terms written where each use is, not once in a CTE joined in: the planner then sees the terms and
            // estimates how many notes match them, as it does for the app's query.
            Add(command, "q", query.ToWebSearch());
        }

        var found = new List<Guid>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync()) found.Add(rows.GetValue(0) switch { Guid g => g, string s => Guid.Parse(s), var o => throw new InvalidOperationException(o.GetType().Name) });
        return found;
    }

    private static async Task<int> UnboundedAsync(BenchDatabase database, CurrentUser user, string q)
    {
        await using var db = database.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var query = SearchQuery.Parse(q);
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        Add(command, "u", user.Id);
        command.CommandText = sqlite
            ? $"""
               SELECT f.rowid FROM "CaseNoteSearch" f JOIN "CaseNoteVersions" v ON v."Id" = f.rowid JOIN "Cases" c ON c."Id" = v."CaseId"
               WHERE "CaseNoteSearch" MATCH @m AND v."IsCurrent" AND {Visible(user, true)}
               ORDER BY bm25("CaseNoteSearch", 0.6, 1.0, 0.8, 0.6, 0.8, 0.0) LIMIT 20
               """
            : $"""
               SELECT v."Id" FROM "CaseNoteVersions" v JOIN "Cases" c ON c."Id" = v."CaseId", websearch_to_tsquery('english', @m) q
               WHERE v."IsCurrent" AND v."SearchVector" @@ q AND {Visible(user, false)}
               ORDER BY ts_rank(v."SearchVector", q) DESC LIMIT 20
               """;
        Add(command, "m", sqlite ? query.ToFts5(NoteSearchSql.TextColumns) : query.ToWebSearch());
        var n = 0;
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync()) n++;
        return n;
    }

    private static async Task<long> CountAsync(BenchDatabase database, string q)
    {
        await using var db = database.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var query = SearchQuery.Parse(q);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = database.Provider == DatabaseProvider.Sqlite
            ? """SELECT count(*) FROM "CaseNoteSearch" WHERE "CaseNoteSearch" MATCH @m"""
            : """SELECT count(*) FROM "CaseNoteVersions" WHERE "IsCurrent" AND "SearchVector" @@ websearch_to_tsquery('english', @m)""";
        Add(command, "m", database.Provider == DatabaseProvider.Sqlite ? query.ToFts5(NoteSearchSql.TextColumns) : query.ToWebSearch());
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
