using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Reports;

namespace Caseload.Bench.Scale;

/// <summary>
/// A report's rows by one hand-written SQL statement, on the benchmark's own connection: the floor the app's report is timed
/// beside, and the rows it must equal (the same groups with the same numbers), each row as a line of its values.
/// </summary>
public sealed class ReportFloor(string sql, Func<DbDataReader, string> row, Func<JsonNode, string> appRow)
{
    public async Task<List<string>> RowsAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(row(reader));
        return rows;
    }

    /// <summary>Whether the app's JSON rows are the floor's: both sorted, compared line by line; the first difference in words if not.</summary>
    public async Task<string> CheckAsync(DbConnection connection, string json)
    {
        var floor = (await RowsAsync(connection)).Order(StringComparer.Ordinal).ToList();
        var app = JsonNode.Parse(json)!["rows"]!.AsArray().Select(r => appRow(r!)).Order(StringComparer.Ordinal).ToList();
        if (floor.SequenceEqual(app, StringComparer.Ordinal)) return $"rows equal to the floor's: {app.Count}";
        var onlyApp = app.Except(floor, StringComparer.Ordinal).FirstOrDefault();
        var onlyFloor = floor.Except(app, StringComparer.Ordinal).FirstOrDefault();
        return $"ROWS DIFFER from the floor's: app {app.Count}, floor {floor.Count}; app has [{onlyApp}], floor has [{onlyFloor}]";
    }
}

/// <summary>The reports that have a floor of their own, by name.</summary>
public static class ReportFloors
{
    /// <summary>
    /// The floor of a report for a reader over a scope (a team, or all their services), or null when it has none yet. The reader's
    /// view is written out for the benchmark's two readers: every case of the scope that is not restricted (a supervisor of the
    /// team, a service manager of every service), and the restricted ones naming them.
    /// </summary>
    public static ReportFloor? For(string name, DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to) => name switch
    {
        ReportNames.Demand when DemandReportRules.Monthly(from, to) => Demand(provider, team, readerId, from, to),
        _ => null,
    };

    private static string Day(DatabaseProvider provider, DateOnly d) => provider == DatabaseProvider.Postgres
        ? string.Create(CultureInfo.InvariantCulture, $"DATE '{d:yyyy-MM-dd}'")
        : string.Create(CultureInfo.InvariantCulture, $"'{d:yyyy-MM-dd}'");

    private static string InView(int? team, string readerId) =>
        $"""(NOT c."Restricted" OR c."Id" IN (SELECT r."CaseId" FROM "CaseRestrictedAccess" r WHERE r."UserId" = '{readerId.Replace("'", "''", StringComparison.Ordinal)}'))"""
        + (team is { } t ? string.Create(CultureInfo.InvariantCulture, $""" AND c."TeamId" = {t}""") : "");

    /// <summary>
    /// Demand, month by month: referrals, cases opened and closed by month and service, and the referrals by group of source, in one
    /// statement (each case's referral, opening and closing in the period as an event, grouped).
    /// </summary>
    private static ReportFloor Demand(DatabaseProvider provider, int? team, string readerId, DateOnly from, DateOnly to)
    {
        string Month(string column) => provider == DatabaseProvider.Postgres ? $"""to_char(c."{column}", 'YYYY-MM')""" : $"""substr(c."{column}", 1, 7)""";
        var (f, t) = (Day(provider, from), Day(provider, to));
        string Codes(string group) => string.Join(", ", ReferralSources.All.Where(s => s.Group == group).Select(s => $"'{s.Code}'"));
        var groups = string.Join(",\n", ReferralSources.Groups.Select(g => $"SUM(CASE WHEN e.referred = 1 AND e.src IN ({Codes(g)}) THEN 1 ELSE 0 END)"));
        var sql = $"""
            SELECT e.m, e."Service", SUM(e.referred), SUM(e.opened), SUM(e.closed),
            {groups},
            SUM(CASE WHEN e.referred = 1 AND e.src IS NULL THEN 1 ELSE 0 END)
            FROM (
              SELECT {Month("ReferredOn")} AS m, c."Service", 1 AS referred, 0 AS opened, 0 AS closed, c."ReferralSource" AS src
              FROM "Cases" c WHERE {InView(team, readerId)} AND c."ReferredOn" >= {f} AND c."ReferredOn" <= {t}
              UNION ALL
              SELECT {Month("OpenedOn")}, c."Service", 0, 1, 0, NULL
              FROM "Cases" c WHERE {InView(team, readerId)} AND c."OpenedOn" >= {f} AND c."OpenedOn" <= {t}
              UNION ALL
              SELECT {Month("ClosedOn")}, c."Service", 0, 0, 1, NULL
              FROM "Cases" c WHERE {InView(team, readerId)} AND c."Status" = 'Closed' AND c."ClosedOn" >= {f} AND c."ClosedOn" <= {t}
            ) e
            GROUP BY e.m, e."Service"
            """;
        static string Label(string month) => DemandReportRules.Label(DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), monthly: true);
        return new ReportFloor(sql,
            r =>
            {
                var counts = Enumerable.Range(2, 3 + ReferralSources.Groups.Count + 1).Select(i => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture)).ToList();
                var (referred, opened, closed) = (counts[0], counts[1], counts[2]);
                return string.Join('|', [Label(r.GetString(0)), Services.Title(r.GetString(1)), referred.ToString(CultureInfo.InvariantCulture),
                    opened.ToString(CultureInfo.InvariantCulture), closed.ToString(CultureInfo.InvariantCulture), (opened - closed).ToString(CultureInfo.InvariantCulture),
                    .. counts.Skip(3).Select(c => c.ToString(CultureInfo.InvariantCulture))]);
            },
            j => string.Join('|', DemandReport.Columns.Select(c => j[c.Key]?.ToString() ?? "")));
    }
}
