using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Closure;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Notes.Objectivity;
using Caseload.Features.Reports;
using Caseload.Platform.Time;

namespace Caseload.Bench.Scale;

/// <summary>
/// A report's rows by one hand-written SQL statement, on the benchmark's own connection: the floor the app's report is timed
/// beside, and the rows it must equal (the same groups with the same numbers), each row as a line of its values.
/// </summary>
public sealed class ReportFloor(string sql, Func<DbDataReader, string> row, Func<JsonNode, string> appRow, Func<DbDataReader, IEnumerable<string>>? order = null,
    string? timedSql = null)
{
    public string Sql => sql;

    /// <summary>
    /// The statement timed beside the app: the floor's own, unless the report reads what the database keeps for it (the recording
    /// report's summary by day), when the floor timed reads the same and the statement above is the check from the raw rows.
    /// </summary>
    public string TimedSql => timedSql ?? sql;

    /// <summary>Runs the timed statement and reads every value of every row; the number of rows.</summary>
    public async Task<int> TimedAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = TimedSql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }

        return rows;
    }

    public async Task<List<string>> RowsAsync(DbConnection connection) => (await KeyedRowsAsync(connection)).Select(r => r.Line).ToList();

    /// <summary>Each row as a line with the keys the report orders its rows by (joined so that they compare in turn, ordinally).</summary>
    private async Task<List<(string Line, string Key)>> KeyedRowsAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((row(reader), order is null ? "" : string.Join('\u0001', order(reader))));
        return rows;
    }

    /// <summary>
    /// Whether the app's JSON rows are the floor's: the same lines (both sorted, compared line by line), and the app's in the
    /// report's order (each row's keys, as the floor reads them, no less than the row's before); the first difference in words if not.
    /// </summary>
    public async Task<string> CheckAsync(DbConnection connection, string json)
    {
        var keyed = await KeyedRowsAsync(connection);
        var floor = keyed.Select(r => r.Line).Order(StringComparer.Ordinal).ToList();
        var received = JsonNode.Parse(json)!["rows"]!.AsArray().Select(r => appRow(r!)).ToList();
        var app = received.Order(StringComparer.Ordinal).ToList();
        if (!floor.SequenceEqual(app, StringComparer.Ordinal))
        {
            var onlyApp = app.Except(floor, StringComparer.Ordinal).FirstOrDefault();
            var onlyFloor = floor.Except(app, StringComparer.Ordinal).FirstOrDefault();
            return $"ROWS DIFFER from the floor's: app {app.Count}, floor {floor.Count}; app has [{onlyApp}], floor has [{onlyFloor}]";
        }

        if (order is null) return $"rows equal to the floor's: {app.Count} (order not checked)";
        var keys = keyed.GroupBy(r => r.Line, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        for (var i = 1; i < received.Count; i++)
        {
            if (string.CompareOrdinal(keys[received[i - 1]], keys[received[i]]) > 0)
            {
                return $"ROWS OUT OF ORDER: the app's row {i + 1} [{received[i]}] comes after [{received[i - 1]}]";
            }
        }

        return $"rows equal to the floor's, in order: {app.Count}";
    }

    /// <summary>A report's JSON row as a line: each column's value in the report's order, numbers written as <see cref="Value"/> writes them.</summary>
    public static Func<JsonNode, string> AppRow(IReadOnlyList<ReportColumn> columns) => j => string.Join('|', columns.Select(c => j[c.Key] switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Value(v.GetValue<decimal>()),
        var v => v.ToString(),
    }));

    /// <summary>A value as a line holds it: blank for none, numbers without trailing zeros (12.50 and 12.5 are one figure), words as they are.</summary>
    public static string Value(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        decimal d => (d / 1.000000000000000000000000000000000m).ToString("0.##########", CultureInfo.InvariantCulture),
        double d => Value((decimal)d),
        IConvertible c => Value(c.ToDecimal(CultureInfo.InvariantCulture)),
        _ => value.ToString() ?? "",
    };
}

/// <summary>What a floor needs besides the database: the scheme in force, the working-day calendars and the day the reports are read.</summary>
public sealed record FloorRules(CapacityRules Capacity, Calendars Calendars, WorkingDayCalendar SupervisionCalendar, TimescaleCatalogue Timescales, DateOnly Today);

/// <summary>The reports' floors, by name: each report's own rows by one hand-written statement.</summary>
public static class ReportFloors
{
    /// <summary>
    /// The floor of a report for a reader over a scope (a team, or all the reader's teams and services), or null when it has none.
    /// The reader's view is written out in SQL as the app's rule is: a case not restricted that the reader holds, co-works, or
    /// that lies in a team they supervise (or one beneath it) or a service they manage, and a restricted case naming them; the
    /// practitioners reported on are the active members of the teams they supervise and those holding a case not closed in the
    /// services they manage.
    /// </summary>
    public static ReportFloor? For(string name, DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to, FloorRules rules) => name switch
    {
        ReportNames.Demand when DemandReportRules.Monthly(from, to) => Demand(provider, team, readerId, from, to),
        ReportNames.Workload => Workload(provider, team, readerId, rules),
        ReportNames.Deadlines => Deadlines(provider, team, readerId, from, to, rules),
        ReportNames.Outcomes => Outcomes(provider, team, readerId, from, to),
        ReportNames.Supervision => Supervision(provider, team, readerId, from, to, rules),
        ReportNames.Recording => Recording(provider, team, readerId, from, to),
        _ => null,
    };

    private static bool Pg(DatabaseProvider provider) => provider == DatabaseProvider.Postgres;

    private static string Day(DatabaseProvider provider, DateOnly d) => Pg(provider)
        ? string.Create(CultureInfo.InvariantCulture, $"DATE '{d:yyyy-MM-dd}'")
        : string.Create(CultureInfo.InvariantCulture, $"'{d:yyyy-MM-dd}'");

    /// <summary>An instant as stored: a timestamp on PostgreSQL, UTC ticks on SQLite.</summary>
    private static string Instant(DatabaseProvider provider, DateTimeOffset at) => Pg(provider)
        ? string.Create(CultureInfo.InvariantCulture, $"TIMESTAMPTZ '{at.UtcDateTime:yyyy-MM-dd HH:mm:ss.fffffff}+00'")
        : at.UtcTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>An instant column as UTC ticks, as text (to aggregate a few of them into one value).</summary>
    private static string Ticks(DatabaseProvider provider, string column) => Pg(provider)
        ? $"(((EXTRACT(EPOCH FROM {column}) * 10000000)::bigint) + 621355968000000000)::text"
        : $"CAST({column} AS TEXT)";

    private static string Aggregate(DatabaseProvider provider, string expression) => Pg(provider) ? $"string_agg({expression}, ';')" : $"group_concat({expression}, ';')";

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The teams the reader supervises and every team beneath them (a recursive common table expression named st).</summary>
    private static string Supervised(string readerId) => $"""
        st("Id") AS (SELECT "Id" FROM "Teams" WHERE "SupervisorId" = {Quote(readerId)}
                     UNION SELECT t."Id" FROM "Teams" t JOIN st ON t."ParentTeamId" = st."Id")
        """;

    /// <summary>Whether the reader may see the case <paramref name="a"/> (as <c>CaseAccess.VisibleCases</c>, with no break-glass grant), needing st.</summary>
    private static string Visible(string a, string readerId)
    {
        var r = Quote(readerId);
        return $"""
            ((NOT {a}."Restricted" AND ({a}."AllocatedToId" = {r}
                OR {a}."Service" IN (SELECT m."Service" FROM "ManagedServices" m WHERE m."UserId" = {r})
                OR {a}."TeamId" IN (SELECT "Id" FROM st)
                OR {a}."Id" IN (SELECT w."CaseId" FROM "CaseCoWorkers" w WHERE w."UserId" = {r})))
             OR ({a}."Restricted" AND {a}."Id" IN (SELECT x."CaseId" FROM "CaseRestrictedAccess" x WHERE x."UserId" = {r})))
            """;
    }

    /// <summary>The cases a report counts: those the reader may see, in the team asked for.</summary>
    private static string InView(string a, int? team, string readerId) =>
        Visible(a, readerId) + (team is { } t ? string.Create(CultureInfo.InvariantCulture, $""" AND {a}."TeamId" = {t}""") : "");

    /// <summary>The practitioners a report counts (as <c>ReportFilters.PractitionersInView</c>), in the team asked for; needs st.</summary>
    private static string PractitionerInView(string u, int? team, string readerId)
    {
        var r = Quote(readerId);
        return $"""
            {u}."IsActive" AND {u}."Id" <> {r}
            AND ({u}."TeamId" IN (SELECT "Id" FROM st)
                 OR EXISTS (SELECT 1 FROM "Cases" h WHERE h."AllocatedToId" = {u}."Id" AND h."Status" <> 'Closed'
                            AND h."Service" IN (SELECT m."Service" FROM "ManagedServices" m WHERE m."UserId" = {r})))
            """ + (team is { } t ? string.Create(CultureInfo.InvariantCulture, $""" AND {u}."TeamId" = {t}""") : "");
    }

    private static string Text(DbDataReader r, int i) => r.IsDBNull(i) ? "" : r.GetString(i);

    private static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static string Line(params object?[] values) => string.Join('|', values.Select(ReportFloor.Value));

    /// <summary>
    /// Demand, month by month: referrals, cases opened and closed by month and service, and the referrals by group of source, in one
    /// statement (each case's referral, opening and closing in the period as an event, grouped).
    /// </summary>
    private static ReportFloor Demand(DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to)
    {
        string Month(string column) => Pg(provider) ? $"""to_char(c."{column}", 'YYYY-MM')""" : $"""substr(c."{column}", 1, 7)""";
        var (f, t) = (Day(provider, from), Day(provider, to));
        string Codes(string group) => string.Join(", ", ReferralSources.All.Where(s => s.Group == group).Select(s => $"'{s.Code}'"));
        var groups = string.Join(",\n", ReferralSources.Groups.Select(g => $"SUM(CASE WHEN e.referred = 1 AND e.src IN ({Codes(g)}) THEN 1 ELSE 0 END)"));
        var sql = $"""
            WITH RECURSIVE {Supervised(readerId)}
            SELECT e.m, e."Service", SUM(e.referred), SUM(e.opened), SUM(e.closed),
            {groups},
            SUM(CASE WHEN e.referred = 1 AND e.src IS NULL THEN 1 ELSE 0 END)
            FROM (
              SELECT {Month("ReferredOn")} AS m, c."Service", 1 AS referred, 0 AS opened, 0 AS closed, c."ReferralSource" AS src
              FROM "Cases" c WHERE {InView("c", team, readerId)} AND c."ReferredOn" >= {f} AND c."ReferredOn" <= {t}
              UNION ALL
              SELECT {Month("OpenedOn")}, c."Service", 0, 1, 0, NULL
              FROM "Cases" c WHERE {InView("c", team, readerId)} AND c."OpenedOn" >= {f} AND c."OpenedOn" <= {t}
              UNION ALL
              SELECT {Month("ClosedOn")}, c."Service", 0, 0, 1, NULL
              FROM "Cases" c WHERE {InView("c", team, readerId)} AND c."Status" = 'Closed' AND c."ClosedOn" >= {f} AND c."ClosedOn" <= {t}
            ) e
            GROUP BY e.m, e."Service"
            """;
        static string Label(string month) => DemandReportRules.Label(DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), monthly: true);
        return new ReportFloor(sql,
            r =>
            {
                var counts = Enumerable.Range(2, 3 + ReferralSources.Groups.Count + 1).Select(i => Long(r, i)).ToList();
                var (referred, opened, closed) = (counts[0], counts[1], counts[2]);
                return Line([Label(r.GetString(0)), Services.Title(r.GetString(1)), referred, opened, closed, opened - closed, .. counts.Skip(3).Cast<object?>()]);
            },
            ReportFloor.AppRow(DemandReport.Columns),
            r => [r.GetString(0), Services.Title(r.GetString(1))]);
    }

    /// <summary>
    /// Workload, a row per practitioner in view: the open cases they hold (allocated, or as a co-worker who is not also the
    /// holder), red among them and their stored points summed; their overdue deadlines (unmet, not paused, due before today, on
    /// open cases allocated to them); their open held cases with a drift signal not cleared; and their capacity settings and the
    /// adjustments in force today as facts. Capacity is the scheme's rule (FTE, time kept back, newly qualified protection,
    /// adjustments in order), applied here to those facts as the app applies it, as are utilisation and its band.
    /// </summary>
    private static ReportFloor Workload(DatabaseProvider provider, int? team, string readerId, FloorRules rules)
    {
        var today = Day(provider, rules.Today);
        var adjustment = Pg(provider)
            ? """concat_ws(',', a."From"::text, COALESCE(a."Points"::text, ''), COALESCE(a."Percent"::text, ''))"""
            : """a."From" || ',' || COALESCE(a."Points", '') || ',' || COALESCE(CAST(a."Percent" AS TEXT), '')""";
        var sql = $"""
            WITH RECURSIVE {Supervised(readerId)},
            p AS (SELECT u."Id", u."DisplayName", u."TeamId" FROM "AspNetUsers" u WHERE {PractitionerInView("u", team, readerId)}),
            held AS (
              SELECT c."AllocatedToId" AS holder, c."Id", c."Risk", c."WeightTenths" FROM "Cases" c JOIN p ON p."Id" = c."AllocatedToId" WHERE c."Status" = 'Open'
              UNION ALL
              SELECT w."UserId", c."Id", c."Risk", c."WeightTenths" FROM "CaseCoWorkers" w JOIN p ON p."Id" = w."UserId" JOIN "Cases" c ON c."Id" = w."CaseId"
              WHERE c."Status" = 'Open' AND (c."AllocatedToId" IS NULL OR c."AllocatedToId" <> w."UserId")),
            load AS (
              SELECT h.holder, COUNT(*) AS cases, SUM(CASE WHEN h."Risk" = {(int)Risk.Red} THEN 1 ELSE 0 END) AS red, SUM(COALESCE(h."WeightTenths", 0)) AS tenths,
                     SUM(CASE WHEN EXISTS (SELECT 1 FROM "DriftSignals" s WHERE s."CaseId" = h."Id" AND s."ClearedAt" IS NULL) THEN 1 ELSE 0 END) AS drifting
              FROM held h GROUP BY h.holder),
            overdue AS (
              SELECT c."AllocatedToId" AS holder, COUNT(*) AS n FROM "CaseDeadline" d JOIN "Cases" c ON c."Id" = d."CaseId" JOIN p ON p."Id" = c."AllocatedToId"
              WHERE c."Status" = 'Open' AND d."MetOn" IS NULL AND d."PausedFrom" IS NULL AND d."DueDate" < {today}
              GROUP BY c."AllocatedToId"),
            adjusted AS (
              SELECT a."UserId", {Aggregate(provider, adjustment)} AS facts FROM "CapacityAdjustments" a JOIN p ON p."Id" = a."UserId"
              WHERE a."From" <= {today} AND (a."Until" IS NULL OR a."Until" >= {today}) GROUP BY a."UserId")
            SELECT p."DisplayName", COALESCE(t."Name", 'No team'), COALESCE(l.cases, 0), COALESCE(l.red, 0), COALESCE(l.tenths, 0), COALESCE(l.drifting, 0),
                   COALESCE(o.n, 0), pc."Fte", pc."FullTimePoints", pc."NewlyQualified", ad.facts
            FROM p
            LEFT JOIN "Teams" t ON t."Id" = p."TeamId"
            LEFT JOIN load l ON l.holder = p."Id"
            LEFT JOIN overdue o ON o.holder = p."Id"
            LEFT JOIN "PractitionerCapacities" pc ON pc."UserId" = p."Id"
            LEFT JOIN adjusted ad ON ad."UserId" = p."Id"
            """;
        return new ReportFloor(sql,
            r =>
            {
                var basis = r.IsDBNull(7) ? new CapacityBasis()
                    : new CapacityBasis(Convert.ToDecimal(r.GetValue(7), CultureInfo.InvariantCulture), r.IsDBNull(8) ? null : (int)Long(r, 8), Convert.ToBoolean(r.GetValue(9), CultureInfo.InvariantCulture));
                var adjustments = Text(r, 10).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(a =>
                {
                    var parts = a.Split(',');
                    return new AdjustmentFacts(AdjustmentKind.Reduction, parts[1].Length == 0 ? null : decimal.Parse(parts[1], CultureInfo.InvariantCulture),
                        parts[2].Length == 0 ? null : int.Parse(parts[2], CultureInfo.InvariantCulture), DateOnly.Parse(parts[0], CultureInfo.InvariantCulture), null, "");
                });
                var load = Long(r, 4) / 10m;
                var capacity = rules.Capacity.CapacityOn(basis, adjustments, rules.Today).CapacityPoints;
                var utilisation = CapacityRules.Utilisation(load, capacity);
                return Line(r.GetString(0), r.GetString(1), Long(r, 2), load, capacity,
                    utilisation is { } u ? Math.Round(u, 3, MidpointRounding.AwayFromZero) : null, rules.Capacity.Band(load, capacity).ToCode(), Long(r, 3), Long(r, 5), Long(r, 6));
            },
            ReportFloor.AppRow(WorkloadReport.Columns),
            r => [r.GetString(1), r.GetString(0)]);
    }

    /// <summary>
    /// Deadlines due in the period by timescale and team: met on time, met late, missed (unmet on a closed case), still open (not
    /// yet due, or paused today) and overdue, counted in SQL; and the start, due and met dates of those met, as facts for the
    /// medians of working days (a rule of each service's bank holidays, applied here as the app applies it).
    /// </summary>
    private static ReportFloor Deadlines(DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to, FloorRules rules)
    {
        var (f, t, today) = (Day(provider, from), Day(provider, to), Day(provider, rules.Today));
        var paused = $"""(d."PausedFrom" IS NOT NULL AND d."PausedFrom" <= {today} AND (d."PausedUntil" IS NULL OR d."PausedUntil" >= {today}))""";
        var metFacts = Pg(provider)
            ? """CASE WHEN d."MetOn" IS NOT NULL AND d."StartDate" IS NOT NULL THEN concat_ws(',', c."Service", d."StartDate"::text, d."DueDate"::text, d."MetOn"::text) END"""
            : """CASE WHEN d."MetOn" IS NOT NULL AND d."StartDate" IS NOT NULL THEN c."Service" || ',' || d."StartDate" || ',' || d."DueDate" || ',' || d."MetOn" END""";
        var sql = $"""
            WITH RECURSIVE {Supervised(readerId)}
            SELECT d."TimescaleCode", COALESCE(t."Name", 'No team'), COUNT(*),
                   SUM(CASE WHEN d."MetOn" IS NOT NULL AND d."MetOn" <= d."DueDate" THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d."MetOn" IS NOT NULL AND d."MetOn" > d."DueDate" THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d."MetOn" IS NULL AND c."Status" = 'Closed' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d."MetOn" IS NULL AND c."Status" <> 'Closed' AND (d."DueDate" >= {today} OR {paused}) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d."MetOn" IS NULL AND c."Status" <> 'Closed' AND d."DueDate" < {today} AND NOT {paused} THEN 1 ELSE 0 END),
                   {Aggregate(provider, metFacts)}
            FROM "CaseDeadline" d
            JOIN "Cases" c ON c."Id" = d."CaseId"
            LEFT JOIN "Teams" t ON t."Id" = c."TeamId"
            WHERE {InView("c", team, readerId)} AND d."DueDate" >= {f} AND d."DueDate" <= {t}
            GROUP BY d."TimescaleCode", c."TeamId", t."Name"
            """;
        return new ReportFloor(sql,
            r =>
            {
                var code = r.IsDBNull(0) ? null : r.GetString(0);
                var title = code is null ? DeadlinesReport.OneOff : rules.Timescales.Find(code)?.Title ?? code;
                var (due, onTime, late, missed, open, overdue) = (Long(r, 2), Long(r, 3), Long(r, 4), Long(r, 5), Long(r, 6), Long(r, 7));
                var days = Text(r, 8).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(m =>
                {
                    var p = m.Split(',');
                    var (start, dueOn, met) = (DateOnly.Parse(p[1], CultureInfo.InvariantCulture), DateOnly.Parse(p[2], CultureInfo.InvariantCulture), DateOnly.Parse(p[3], CultureInfo.InvariantCulture));
                    var calendar = rules.Calendars.ForService(p[0]);
                    return (Taken: calendar.CountWorkingDays(start, met), Allowed: calendar.CountWorkingDays(start, dueOn));
                }).ToList();
                return Line(title, r.GetString(1), due, onTime, late, missed, open, overdue, ReportText.Share(onTime, due - open),
                    DeadlinesReportRules.Median(days.Select(d => d.Taken).ToList()), DeadlinesReportRules.Median(days.Select(d => d.Allowed).ToList()));
            },
            ReportFloor.AppRow(DeadlinesReport.Columns),
            r => [r.IsDBNull(0) ? DeadlinesReport.OneOff : rules.Timescales.Find(r.GetString(0))?.Title ?? r.GetString(0), r.GetString(1)]);
    }

    /// <summary>
    /// Outcomes by team and service: cases closed in the period and their days from referral; the goal outcomes recorded at each
    /// such case's last closing; cases referred in the period and those whose person had a case of the same service (one the
    /// reader may see) closed in the 12 months before; and feedback received in the period with its ratings summed. Averages
    /// and shares are the app's rounding of these sums.
    /// </summary>
    private static ReportFloor Outcomes(DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to)
    {
        var (f, t) = (Day(provider, from), Day(provider, to));
        var days = Pg(provider) ? """c."ClosedOn" - c."ReferredOn" """ : """CAST(julianday(c."ClosedOn") - julianday(c."ReferredOn") AS INTEGER)""";
        var yearBefore = Pg(provider)
            ? $"""(c."ReferredOn" - INTERVAL '{OutcomesReport.ReReferralMonths} months')::date"""
            : $"""date(c."ReferredOn", '-{OutcomesReport.ReReferralMonths} months')""";
        var sql = $"""
            WITH RECURSIVE {Supervised(readerId)},
            vc AS (SELECT c."Id", c."TeamId", c."Service", c."Status", c."ClosedOn", c."ReferredOn", c."PersonId" FROM "Cases" c WHERE {InView("c", team, readerId)}),
            closed AS (SELECT c."Id", c."TeamId", c."Service", {days} AS days FROM vc c
                       WHERE c."Status" = 'Closed' AND c."ClosedOn" IS NOT NULL AND c."ClosedOn" >= {f} AND c."ClosedOn" <= {t}),
            k AS (
              SELECT c."TeamId" AS team, c."Service" AS service, 1 AS closed, c.days, 0 AS achieved, 0 AS partly, 0 AS notachieved, 0 AS referred, 0 AS again, 0 AS feedback, 0 AS rating
              FROM closed c
              UNION ALL
              SELECT c."TeamId", c."Service", 0, 0,
                     CASE WHEN o."Outcome" = '{GoalOutcomeCodes.Achieved}' THEN 1 ELSE 0 END, CASE WHEN o."Outcome" = '{GoalOutcomeCodes.PartlyAchieved}' THEN 1 ELSE 0 END,
                     CASE WHEN o."Outcome" = '{GoalOutcomeCodes.NotAchieved}' THEN 1 ELSE 0 END, 0, 0, 0, 0
              FROM "GoalOutcomes" o JOIN closed c ON c."Id" = o."CaseId"
              WHERE o."RecordedAt" = (SELECT MAX(x."RecordedAt") FROM "GoalOutcomes" x WHERE x."CaseId" = o."CaseId")
              UNION ALL
              SELECT c."TeamId", c."Service", 0, 0, 0, 0, 0, 1,
                     CASE WHEN EXISTS (SELECT 1 FROM "Cases" e WHERE e."PersonId" = c."PersonId" AND e."Service" = c."Service" AND e."Id" <> c."Id"
                                       AND e."ClosedOn" IS NOT NULL AND e."ClosedOn" <= c."ReferredOn" AND e."ClosedOn" >= {yearBefore} AND {Visible("e", readerId)})
                          THEN 1 ELSE 0 END, 0, 0
              FROM vc c WHERE c."ReferredOn" >= {f} AND c."ReferredOn" <= {t}
              UNION ALL
              SELECT c."TeamId", c."Service", 0, 0, 0, 0, 0, 0, 0, 1, fb."Rating"
              FROM "CaseFeedback" fb JOIN vc c ON c."Id" = fb."CaseId" WHERE fb."ReceivedOn" >= {f} AND fb."ReceivedOn" <= {t})
            SELECT COALESCE(tm."Name", 'No team'), k.service, SUM(k.closed), SUM(k.days), SUM(k.achieved), SUM(k.partly), SUM(k.notachieved),
                   SUM(k.referred), SUM(k.again), SUM(k.feedback), SUM(k.rating)
            FROM k LEFT JOIN "Teams" tm ON tm."Id" = k.team
            GROUP BY k.team, tm."Name", k.service
            """;
        return new ReportFloor(sql,
            r =>
            {
                var (closed, achieved, partly, not, feedback) = (Long(r, 2), Long(r, 4), Long(r, 5), Long(r, 6), Long(r, 9));
                return Line(r.GetString(0), Services.Title(r.GetString(1)), closed, achieved, partly, not, ReportText.Share(achieved, achieved + partly + not),
                    closed == 0 ? null : OutcomesReportRules.Average(Long(r, 3), (int)closed), Long(r, 7), Long(r, 8), feedback,
                    feedback == 0 ? null : OutcomesReportRules.Average(Long(r, 10), (int)feedback));
            },
            ReportFloor.AppRow(OutcomesReport.Columns),
            r => [r.GetString(0), Services.Title(r.GetString(1))]);
    }

    /// <summary>
    /// Supervision, a row per practitioner in view: the frequency in force (their newest change), the sessions held in the period
    /// and the last up to its end, the escalations of their capacity raised in the period (with the instants raised and answered
    /// of those answered, as facts for the working days to respond), and the adjustments recorded in the period. How many
    /// sessions the period requires and the working days to respond are the app's rules of the calendar, applied to these facts.
    /// </summary>
    private static ReportFloor Supervision(DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to, FloorRules rules)
    {
        var (f, t) = (Day(provider, from), Day(provider, to));
        var (since, until) = (Instant(provider, UkTime.StartOfDay(from)), Instant(provider, UkTime.StartOfDay(to.AddDays(1))));
        var answered = $"""CASE WHEN e."RespondedAt" IS NOT NULL THEN {Ticks(provider, "e.\"RaisedAt\"")} || ',' || {Ticks(provider, "e.\"RespondedAt\"")} END""";
        var sql = $"""
            WITH RECURSIVE {Supervised(readerId)},
            p AS (SELECT u."Id", u."DisplayName", u."TeamId" FROM "AspNetUsers" u WHERE {PractitionerInView("u", team, readerId)}),
            s AS (SELECT x."PractitionerId", SUM(CASE WHEN x."OccurredOn" >= {f} THEN 1 ELSE 0 END) AS held, MAX(x."OccurredOn") AS last
                  FROM "SupervisionSessions" x JOIN p ON p."Id" = x."PractitionerId" WHERE x."OccurredOn" <= {t} GROUP BY x."PractitionerId"),
            e AS (SELECT e."PractitionerId", COUNT(*) AS raised, SUM(CASE WHEN e."RespondedAt" IS NULL THEN 1 ELSE 0 END) AS awaiting, {Aggregate(provider, answered)} AS answered
                  FROM "CapacityEscalations" e JOIN p ON p."Id" = e."PractitionerId" WHERE e."RaisedAt" >= {since} AND e."RaisedAt" < {until} GROUP BY e."PractitionerId"),
            a AS (SELECT a."UserId", COUNT(*) AS n FROM "CapacityAdjustments" a JOIN p ON p."Id" = a."UserId"
                  WHERE a."RecordedAt" >= {since} AND a."RecordedAt" < {until} GROUP BY a."UserId")
            SELECT p."DisplayName", COALESCE(t."Name", 'No team'),
                   (SELECT fc."EveryWorkingDays" FROM "SupervisionFrequencyChanges" fc WHERE fc."PractitionerId" = p."Id" ORDER BY fc."Id" DESC LIMIT 1),
                   COALESCE(s.held, 0), s.last, COALESCE(e.raised, 0), COALESCE(e.awaiting, 0), e.answered, COALESCE(a.n, 0)
            FROM p
            LEFT JOIN "Teams" t ON t."Id" = p."TeamId"
            LEFT JOIN s ON s."PractitionerId" = p."Id"
            LEFT JOIN e ON e."PractitionerId" = p."Id"
            LEFT JOIN a ON a."UserId" = p."Id"
            """;
        var calendar = rules.SupervisionCalendar;
        var workingDays = from == new DateOnly(2000, 1, 1) ? calendar.CountWorkingDays(from, to) : calendar.CountWorkingDays(from.AddDays(-1), to);
        return new ReportFloor(sql,
            r =>
            {
                var every = r.IsDBNull(2) ? Caseload.Features.Supervision.SupervisionRules.DefaultEveryWorkingDays : (int)Long(r, 2);
                var required = SupervisionReportRules.Required(workingDays, every);
                var held = Long(r, 3);
                var last = r.IsDBNull(4) ? null : (r.GetValue(4) switch
                {
                    DateOnly d => d,
                    DateTime d => DateOnly.FromDateTime(d),
                    var d => DateOnly.Parse(Convert.ToString(d, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
                }).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var days = Text(r, 7).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(x =>
                {
                    var p = x.Split(',');
                    DateTimeOffset At(string ticks) => new(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero);
                    return SupervisionReportRules.DaysToRespond(calendar, At(p[0]), At(p[1]));
                }).ToList();
                return Line(r.GetString(0), r.GetString(1), every, required, held, ReportText.Share(held, required), last,
                    Long(r, 5), days.Count, Long(r, 6), DeadlinesReportRules.Median(days), Long(r, 8));
            },
            ReportFloor.AppRow(SupervisionReport.Columns),
            r => [r.GetString(1), r.GetString(0)]);
    }

    /// <summary>
    /// Recording by team and service: the note versions saved in the period on the cases in view; the notes first written (version
    /// 1), the late entries among them, versions saved with findings and those revised; the findings saved counted by kind; and
    /// the hours from event to record within which half the notes were written (the middle note of each group, the earlier of two), in SQL.
    /// </summary>
    private static ReportFloor Recording(DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to)
    {
        var (since, until) = (Instant(provider, UkTime.StartOfDay(from)), Instant(provider, UkTime.StartOfDay(to.AddDays(1))));
        // Hours counted up to the whole hour (none for a note before its event), past two days up to the whole day.
        var whole = Pg(provider)
            ? """CEIL(GREATEST(0, EXTRACT(EPOCH FROM v."RecordedAt" - v."OccurredAt")) / 3600.0)"""
            : """((MAX(0, v."RecordedAt" - v."OccurredAt") + 36000000000 - 1) / 36000000000)""";
        var hours = Pg(provider)
            ? $"CASE WHEN {whole} > 48 THEN CEIL({whole} / 24.0) * 24 ELSE {whole} END"
            : $"CASE WHEN {whole} > 48 THEN (({whole} + 23) / 24) * 24 ELSE {whole} END";
        var kinds = ObjectivityCategoryCodes.All.ToList();
        var byKind = string.Join(", ", kinds.Select((c, i) => $"""SUM(CASE WHEN fc."Category" = '{c}' THEN fc."Count" ELSE 0 END) AS k{i}"""));
        var sql = $"""
            WITH RECURSIVE {Supervised(readerId)},
            v AS (SELECT v."Id", c."TeamId" AS team, c."Service" AS service, v."Number" AS num, v."IsLateEntry" AS late, v."FindingsAtSave" AS findings,
                         v."ObjectivityReview" AS review, {hours} AS hours
                  FROM "CaseNoteVersions" v JOIN "Cases" c ON c."Id" = v."CaseId"
                  WHERE {InView("c", team, readerId)} AND v."RecordedAt" >= {since} AND v."RecordedAt" < {until}),
            g AS (SELECT team, service, SUM(CASE WHEN num = 1 THEN 1 ELSE 0 END) AS notes, SUM(CASE WHEN num = 1 AND late THEN 1 ELSE 0 END) AS late,
                         COUNT(*) AS saved, SUM(CASE WHEN findings > 0 THEN 1 ELSE 0 END) AS withfindings, SUM(CASE WHEN review = 'Revised' THEN 1 ELSE 0 END) AS revised
                  FROM v GROUP BY team, service),
            m AS (SELECT team, service, MIN(hours) AS median
                  FROM (SELECT team, service, hours, ROW_NUMBER() OVER (PARTITION BY team, service ORDER BY hours) AS rn, COUNT(*) OVER (PARTITION BY team, service) AS n
                        FROM v WHERE num = 1) x
                  WHERE rn = (n + 1) / 2 GROUP BY team, service),
            k AS (SELECT v.team, v.service, {byKind} FROM "CaseNoteFindingCounts" fc JOIN v ON v."Id" = fc."VersionId" GROUP BY v.team, v.service)
            SELECT COALESCE(t."Name", 'No team'), g.service, g.notes, g.late, m.median, g.saved, g.withfindings, g.revised,
                   {string.Join(", ", kinds.Select((_, i) => $"COALESCE(k.k{i}, 0)"))}
            FROM g
            LEFT JOIN m ON m.team IS NOT DISTINCT FROM g.team AND m.service = g.service
            LEFT JOIN k ON k.team IS NOT DISTINCT FROM g.team AND k.service = g.service
            LEFT JOIN "Teams" t ON t."Id" = g.team
            """;
        return new ReportFloor(sql,
            r =>
            {
                var (notes, late) = (Long(r, 2), Long(r, 3));
                int? median = r.IsDBNull(4) ? null : Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture);
                return Line([r.GetString(0), Services.Title(r.GetString(1)), notes, late, ReportText.Share(late, notes), median, Long(r, 5), Long(r, 6), Long(r, 7),
                    .. kinds.Select((_, i) => (object?)Long(r, 8 + i))]);
            },
            ReportFloor.AppRow(RecordingReport.Columns),
            r => [r.GetString(0), Services.Title(r.GetString(1))],
            RecordingFromSummary(provider, team, readerId, from, to, since, until, kinds));
    }

    /// <summary>
    /// The recording report as the app reads it, by hand: the days of the period from the summary the database keeps
    /// (<c>RecordingSummarySql</c>) for the reader's teams and services, with the median from the notes counted by hours, plus,
    /// counted from the notes, the cases in view outside that (restricted and naming the reader, or held or co-worked), read
    /// case first (CROSS JOIN keeps that order on SQLite) through the notes' index by case.
    /// </summary>
    private static string RecordingFromSummary(DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to, string since, string until, List<string> kinds)
    {
        var r = Quote(readerId);
        var managed = $"""(SELECT m."Service" FROM "ManagedServices" m WHERE m."UserId" = {r})""";
        // The summary's keys in scope, each (team, service) once, so that each is read by its primary key over the period's days.
        var services = string.Join(" UNION ALL ", Services.Titles.Keys.Select(c => $"SELECT '{c}' AS s"));
        var onTeam = team is { } t ? string.Create(CultureInfo.InvariantCulture, $""" WHERE team = {t}""") : "";
        var days = $"""
            ("TeamId", "Service") IN (SELECT team, service FROM ks) AND "Day" >= {Day(provider, from)} AND "Day" <= {Day(provider, to)}
            """;
        var byKind = string.Join(", ", kinds.Select((c, i) => $"""SUM(CASE WHEN "Category" = '{c}' THEN "Count" ELSE 0 END) AS k{i}"""));
        return $"""
            WITH RECURSIVE {Supervised(readerId)},
            ks0 (team, service) AS (SELECT st."Id", sv.s FROM st CROSS JOIN ({services}) sv
                                    UNION SELECT tt."Id", m.s FROM (SELECT "Id" FROM "Teams" UNION ALL SELECT 0) tt CROSS JOIN (SELECT "Service" AS s FROM "ManagedServices" WHERE "UserId" = {r}) m),
            ks AS (SELECT team, service FROM ks0{onTeam}),
            d AS (SELECT "TeamId" AS team, "Service" AS service, SUM("Notes") AS notes, SUM("Late") AS late, SUM("Saved") AS saved,
                         SUM("WithFindings") AS withfindings, SUM("Revised") AS revised
                  FROM "RecordingDays" WHERE {days} GROUP BY "TeamId", "Service"),
            l AS (SELECT COALESCE(c."TeamId", 0) AS team, c."Service" AS service, SUM(CASE WHEN v."Number" = 1 THEN 1 ELSE 0 END) AS notes, COUNT(*) AS saved
                  FROM "Cases" c CROSS JOIN "CaseNoteVersions" v
                  WHERE v."CaseId" = c."Id" AND {InView("c", team, readerId)} AND (c."Restricted" OR NOT (c."TeamId" IN (SELECT "Id" FROM st) OR c."Service" IN {managed}))
                    AND v."RecordedAt" >= {since} AND v."RecordedAt" < {until}
                  GROUP BY COALESCE(c."TeamId", 0), c."Service"),
            h AS (SELECT team, service, MIN(hours) AS median
                  FROM (SELECT "TeamId" AS team, "Service" AS service, "Hours" AS hours,
                               SUM(SUM("Notes")) OVER (PARTITION BY "TeamId", "Service" ORDER BY "Hours") AS upto,
                               SUM(SUM("Notes")) OVER (PARTITION BY "TeamId", "Service") AS total
                        FROM "RecordingHourDays" WHERE {days} GROUP BY "TeamId", "Service", "Hours") x
                  WHERE upto * 2 >= total + 1 GROUP BY team, service),
            k AS (SELECT "TeamId" AS team, "Service" AS service, {byKind} FROM "RecordingFindingDays" WHERE {days} GROUP BY "TeamId", "Service")
            SELECT COALESCE(tm."Name", 'No team'), d.service, d.notes + COALESCE(l.notes, 0), d.late, h.median, d.saved + COALESCE(l.saved, 0), d.withfindings, d.revised,
                   {string.Join(", ", kinds.Select((_, i) => $"COALESCE(k.k{i}, 0)"))}
            FROM d
            LEFT JOIN l ON l.team = d.team AND l.service = d.service
            LEFT JOIN h ON h.team = d.team AND h.service = d.service
            LEFT JOIN k ON k.team = d.team AND k.service = d.service
            LEFT JOIN "Teams" tm ON tm."Id" = d.team
            """;
    }
}
