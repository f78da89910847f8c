using System.Globalization;
using System.Text;
using Caseload.Platform.Http;
using SpreadCheetah;

namespace Caseload.Features.Reports;

/// <summary>
/// Writes a report's rows as CSV (RFC 4180, through <see cref="CsvText"/>) or XLSX, row by row to the response as they come, so a
/// long export is never held whole in memory. The columns and values are the page's and the JSON's: the same figures everywhere.
/// </summary>
public static class ReportExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const int FlushEvery = 500;

    public static string FileName(ReportData report, string extension)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture, $"{report.Name}-{report.Filter.From:yyyy-MM-dd}-to-{report.Filter.To:yyyy-MM-dd}.{extension}");
    }

    /// <summary>Whether an export asks for a row per case (<c>rows=cases</c>) rather than the report's own rows.</summary>
    public static bool CaseRows(string? rows) => string.Equals(rows?.Trim(), WorkloadCases.RowsParameter, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What is wrong with the <c>rows</c> filter, or null: the report's own rows (none given, or "report"), or a row per case, which
    /// only the workload report has and only as a file.
    /// </summary>
    public static string? ParseRows(string name, string? rows, ReportChannel channel)
    {
        if (string.IsNullOrWhiteSpace(rows) || string.Equals(rows.Trim(), "report", StringComparison.OrdinalIgnoreCase)) return null;
        if (!CaseRows(rows)) return "Choose the rows: report or cases";
        if (name != ReportNames.Workload) return "Only the workload report has a row per case: leave rows out";
        return channel is ReportChannel.Csv or ReportChannel.Xlsx ? null : "A row per case is an export: choose format=csv or format=xlsx";
    }

    /// <summary>A value as a CSV cell: numbers as they are (a negative number is not a formula), text guarded by <see cref="CsvText.Cell"/>.</summary>
    public static string CsvCell(object? value, ColumnKind kind) => value switch
    {
        null => "",
        string s => CsvText.Cell(s),
        decimal d => d.ToString("0.###", CultureInfo.InvariantCulture),
        _ => CsvText.Cell(ReportText.Format(value, kind)),
    };

    public static async Task WriteCsvAsync(ReportData report, IAsyncEnumerable<IReadOnlyList<object?>> rows, Stream body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(body, CsvText.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvText.Row(report.Columns.Select(c => c.Title)).AsMemory(), ct);
        var n = 0;
        var line = new StringBuilder();
        await foreach (var row in rows.WithCancellation(ct))
        {
            line.Clear();
            for (var i = 0; i < report.Columns.Count; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(CsvCell(i < row.Count ? row[i] : null, report.Columns[i].Kind));
            }

            line.Append("\r\n");
            await writer.WriteAsync(line, ct);
            if (++n % FlushEvery == 0) await writer.FlushAsync(ct);
        }

        await writer.FlushAsync(ct);
    }

    /// <summary>One worksheet, a header row then a row per report row; numbers as numbers (shares as fractions, 0.857).</summary>
    public static async Task WriteXlsxAsync(ReportData report, IAsyncEnumerable<IReadOnlyList<object?>> rows, Stream body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(rows);
        await using var sheet = await Spreadsheet.CreateNewAsync(body, cancellationToken: ct);
        await sheet.StartWorksheetAsync(report.Title, token: ct);
        await sheet.AddRowAsync(report.Columns.Select(c => new DataCell(c.Title)).ToArray(), ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            var cells = new DataCell[report.Columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = (i < row.Count ? row[i] : null) switch
                {
                    null => new DataCell(),
                    int v => new DataCell(v),
                    decimal v => new DataCell(v),
                    string v => new DataCell(v),
                    var v => new DataCell(ReportText.Format(v, report.Columns[i].Kind)),
                };
            }

            await sheet.AddRowAsync(cells, ct);
        }

        await sheet.FinishAsync(ct);
    }

    /// <summary>The rows of a built report, one at a time: the writers take a stream of rows, so a report read from a cursor streams too.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(ReportData report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var row in report.Rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}

/// <summary>One point of a series as the JSON gives it.</summary>
public sealed record ReportPointDto(string Label, decimal? Value);

/// <summary>One series of one chart: the chart's id and title, the series' name, and its points.</summary>
public sealed record ReportSeriesDto(string Chart, string Title, string Name, IReadOnlyList<ReportPointDto> Points);

public sealed record ReportColumnDto(string Key, string Title, string Kind);

public sealed record ReportFiltersDto(DateOnly From, DateOnly To, int? Team, string? Service, string? Practitioner);

/// <summary>An event marked on a chart: the chart, the point's label it falls in, its short label (E1) and its words.</summary>
public sealed record ReportMarkerDto(string Chart, string Point, string Label, string Text);

/// <summary>A report as JSON: the summary sentence, the rows (an object per row keyed by column), every chart's series and the events marked on them.</summary>
public sealed record ReportDto(string Name, string Title, string Summary, ReportFiltersDto Filters, IReadOnlyList<ReportColumnDto> Columns,
    IReadOnlyList<Dictionary<string, object?>> Rows, IReadOnlyList<ReportSeriesDto> Series, IReadOnlyList<ReportMarkerDto> Markers)
{
    public static ReportDto Of(ReportData r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = r.Rows.Select(row => r.Columns.Select((c, i) => (c.Key, Value: i < row.Count ? row[i] : null))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal)).ToList();
        var series = r.Charts.SelectMany(c => c.Series.Select(s => new ReportSeriesDto(c.Id, c.Title, s.Name,
            c.Labels.Select((l, i) => new ReportPointDto(l, i < s.Values.Count ? s.Values[i] : null)).ToList()))).ToList();
        return new ReportDto(r.Name, r.Title, r.Summary, new ReportFiltersDto(r.Filter.From, r.Filter.To, r.Filter.TeamId, r.Filter.Service, r.Filter.PractitionerUserName),
            r.Columns.Select(c => new ReportColumnDto(c.Key, c.Title, c.Kind.ToString().ToLowerInvariant())).ToList(), rows, series,
            r.Charts.SelectMany(c => (c.Markers ?? []).Select(m => new ReportMarkerDto(c.Id, c.Labels[m.Point], m.Label, m.Text))).ToList());
    }
}
