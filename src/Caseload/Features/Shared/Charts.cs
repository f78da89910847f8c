using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Caseload.Features.Shared;

/// <summary>How a heat map cell reads: a value's level, each with a GOV.UK tint, a text colour that passes contrast, and a word.</summary>
public enum HeatLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>One cell of a heat map: the value as text and the words for its level (never the colour alone).</summary>
public sealed record HeatCell(string Text, HeatLevel Level, string LevelWords);

/// <summary>One row of a heat map: its label and a cell per column.</summary>
public sealed record HeatRow(string Label, IReadOnlyList<HeatCell> Cells);

/// <summary>One line of a line chart: its name and a value per point on the x axis (null where there is none).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>An event marked on a line chart: a vertical line at a point on the x axis with a short label (E1); the page lists what each is.</summary>
public sealed record ChartMarker(int Point, string Label);

/// <summary>
/// Server-rendered, accessible SVG charts (they work without JavaScript and need no inline style): each has a title and a
/// description read out in place of its drawing, and each is shown beside its data as a table, which the page renders.
/// Values are written on the chart as text, and lines differ by dash and marker as well as colour.
/// </summary>
public static class Charts
{
    // GOV.UK tag tints and their text colours (each pair passes WCAG AA contrast).
    private static readonly (string Fill, string Text)[] HeatColours = [("#cce2d8", "#005a30"), ("#fff7bf", "#594d00"), ("#f4cdc6", "#2a0b06")];

    // GOV.UK colours for lines, each with a dash pattern and a marker of its own.
    private static readonly (string Colour, string Dash, string Marker)[] LineStyles =
    [
        ("#1d70b8", "", "circle"), ("#d4351c", "8 4", "square"), ("#00703c", "2 3", "triangle"),
        ("#4c2c92", "12 4 2 4", "diamond"), ("#505a5f", "4 4", "circle"), ("#f47738", "10 2", "square"),
    ];

    public static int MaxLines => LineStyles.Length;

    /// <summary>A heat map: rows × columns of cells, each coloured by its level and labelled with its value and level in words.</summary>
    public static IHtmlContent HeatMap(string id, string title, string description, IReadOnlyList<string> columns, IReadOnlyList<HeatRow> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        const int labelWidth = 200, cellWidth = 112, cellHeight = 44, headHeight = 40;
        var width = labelWidth + (columns.Count * cellWidth);
        var height = headHeight + (rows.Count * cellHeight) + 4;
        var svg = Open(id, title, description, width, height);
        for (var c = 0; c < columns.Count; c++)
        {
            svg.Append(Text(labelWidth + (c * cellWidth) + (cellWidth / 2), headHeight - 12, columns[c], "middle", bold: true, size: 14));
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var y = headHeight + (r * cellHeight);
            svg.Append(Text(labelWidth - 8, y + (cellHeight / 2) + 5, Shorten(rows[r].Label, 26), "end", bold: false, size: 14));
            for (var c = 0; c < rows[r].Cells.Count && c < columns.Count; c++)
            {
                var cell = rows[r].Cells[c];
                var (fill, ink) = HeatColours[(int)cell.Level];
                var x = labelWidth + (c * cellWidth);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 1}\" y=\"{y + 1}\" width=\"{cellWidth - 2}\" height=\"{cellHeight - 2}\" fill=\"{fill}\" stroke=\"#ffffff\"/>");
                svg.Append(Text(x + (cellWidth / 2), y + 19, cell.Text, "middle", bold: true, size: 15, ink));
                svg.Append(Text(x + (cellWidth / 2), y + 36, cell.LevelWords, "middle", bold: false, size: 12, ink));
            }
        }

        return Close(svg);
    }

    /// <summary>A line chart of percentages over labelled points (weeks, say): one line per series, each point's value written beside it.</summary>
    public static IHtmlContent PercentLines(string id, string title, string description, IReadOnlyList<string> points, IReadOnlyList<ChartSeries> series, decimal? marker = null) =>
        Lines(id, title, description, points, series, percent: true, marker, []);

    /// <summary>A line chart of counts over labelled points (weeks or months), with events marked as labelled vertical lines.</summary>
    public static IHtmlContent CountLines(string id, string title, string description, IReadOnlyList<string> points, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<ChartMarker> markers) =>
        Lines(id, title, description, points, series, percent: false, null, markers);

    private static HtmlString Lines(string id, string title, string description, IReadOnlyList<string> points, IReadOnlyList<ChartSeries> series, bool percent,
        decimal? marker, IReadOnlyList<ChartMarker> markers)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(markers);
        const int left = 56, right = 24, top = 20, plotHeight = 240, bottom = 56;
        var step = points.Count > 1 ? Math.Max(56, 720 / (points.Count - 1)) : 56;
        var plotWidth = step * Math.Max(1, points.Count - 1);
        var legendHeight = series.Count * 24;
        var width = left + plotWidth + right;
        var height = top + plotHeight + bottom + legendHeight;
        // Percentages are drawn as 0–100 with a tick every 20 (at least up to 120%); counts on ticks of a round step.
        var scale = percent ? 100m : 1m;
        var highest = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value * scale).DefaultIfEmpty(0m).Max();
        var tickStep = percent ? 20m : CountStep(highest);
        var ceiling = percent ? Math.Max(120m, Math.Ceiling(highest / 20m) * 20m) : Math.Max(tickStep, Math.Ceiling(highest / tickStep) * tickStep);
        double Y(decimal shown) => top + plotHeight - (double)(shown / ceiling * plotHeight);
        double X(int i) => left + (i * (double)step);
        string Shown(decimal v) => percent ? $"{v * 100m:0}%" : v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = Open(id, title, description, width, height);
        for (var tick = 0m; tick <= ceiling; tick += tickStep)
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>");
            svg.Append(Text(left - 6, (int)y + 4, percent ? $"{tick:0}%" : tick.ToString("0", CultureInfo.InvariantCulture), "end", bold: false, size: 12));
        }

        foreach (var e in markers.Where(m => m.Point >= 0 && m.Point < points.Count))
        {
            var x = X(e.Point);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{top:0.#}\" y2=\"{top + plotHeight:0.#}\" stroke=\"#0b0c0c\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>");
            svg.Append(Text((int)x + 4, top + 12, e.Label, "start", bold: true, size: 12));
        }

        if (marker is { } m && m * 100m <= ceiling)
        {
            var y = Y(m * 100m);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#0b0c0c\" stroke-width=\"2\" stroke-dasharray=\"2 2\"/>");
            svg.Append(Text(left + plotWidth, (int)y - 4, $"{m * 100m:0}% capacity", "end", bold: true, size: 12));
        }

        // Labels wider than the step between points would overlap: label every other point, or every third, as they need.
        var every = LabelEvery(points, step);
        for (var i = 0; i < points.Count; i += every)
        {
            svg.Append(Text((int)X(i), top + plotHeight + 18, points[i], "middle", bold: false, size: 12));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var (colour, dash, shape) = LineStyles[s % LineStyles.Length];
            var values = series[s].Values;
            var path = new StringBuilder();
            for (var i = 0; i < values.Count && i < points.Count; i++)
            {
                if (values[i] is not { } v) continue;
                path.Append(CultureInfo.InvariantCulture, $"{(path.Length == 0 ? "M" : " L")}{X(i):0.#} {Y(v * scale):0.#}");
            }

            if (path.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\"{(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")}/>");
            }

            for (var i = 0; i < values.Count && i < points.Count; i++)
            {
                if (values[i] is not { } v) continue;
                svg.Append(Marker(shape, X(i), Y(v * scale), colour));
                // With one line the values are written at each point; with several they would overlap, and the table gives them.
                if (series.Count == 1) svg.Append(Text((int)X(i), (int)Y(v * scale) - 10, Shown(v), "middle", bold: false, size: 12));
            }

            var legendY = top + plotHeight + bottom + (s * 24);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + 40}\" y1=\"{legendY - 4}\" y2=\"{legendY - 4}\" stroke=\"{colour}\" stroke-width=\"3\"{(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")}/>");
            svg.Append(Marker(shape, left + 20, legendY - 4, colour));
            svg.Append(Text(left + 50, legendY, series[s].Name, "start", bold: false, size: 14));
        }

        return Close(svg);
    }

    /// <summary>
    /// A horizontal bar chart of one series: a bar per label, its value written at its end (never the length alone), counts or
    /// percentages (<paramref name="percent"/>: values are shares, 0.5 is 50%). A label with no value has no bar and says so.
    /// </summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<decimal?> values, bool percent)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        const int labelWidth = 220, plotWidth = 440, right = 72, barHeight = 28, gap = 12, top = 8;
        var width = labelWidth + plotWidth + right;
        var height = top + (labels.Count * (barHeight + gap)) + 8;
        decimal Shown(decimal v) => percent ? v * 100m : v;
        var highest = values.Where(v => v is not null).Select(v => Shown(v!.Value)).DefaultIfEmpty(0m).Max();
        var ceiling = highest <= 0 ? 1m : highest;
        var svg = Open(id, title, description, width, height);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{labelWidth}\" x2=\"{labelWidth}\" y1=\"{top}\" y2=\"{height - 8}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>");
        for (var i = 0; i < labels.Count; i++)
        {
            var y = top + (i * (barHeight + gap));
            svg.Append(Text(labelWidth - 8, y + (barHeight / 2) + 5, Shorten(labels[i], 30), "end", bold: false, size: 14));
            var value = i < values.Count ? values[i] : null;
            if (value is not { } v)
            {
                svg.Append(Text(labelWidth + 8, y + (barHeight / 2) + 5, "none", "start", bold: false, size: 14));
                continue;
            }

            var length = (double)(Math.Max(0m, Shown(v)) / ceiling) * plotWidth;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{length:0.#}\" height=\"{barHeight}\" fill=\"#1d70b8\"/>");
            var text = percent ? $"{Math.Round(v * 100m, 0, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%" : v.ToString("0.##", CultureInfo.InvariantCulture);
            svg.Append(Text(labelWidth + (int)length + 6, y + (barHeight / 2) + 5, text, "start", bold: true, size: 14));
        }

        return Close(svg);
    }

    /// <summary>
    /// How often the x axis can be labelled without labels touching: every point when each fits in the step between points (a
    /// label at 12px is about 7px a character, with a gap of 8), otherwise every second, third and so on.
    /// </summary>
    public static int LabelEvery(IReadOnlyList<string> points, int step)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || step <= 0) return 1;
        var widest = (points.Max(p => p.Length) * 7) + 8;
        return Math.Max(1, (int)Math.Ceiling(widest / (double)step));
    }

    /// <summary>A round step for about five ticks up to the highest count: 1, 2 or 5 times a power of ten.</summary>
    private static decimal CountStep(decimal highest)
    {
        if (highest <= 5m) return 1m;
        var rough = highest / 5m;
        var power = 1m;
        while (power * 10m <= rough) power *= 10m;
        return rough <= power ? power : rough <= 2m * power ? 2m * power : rough <= 5m * power ? 5m * power : 10m * power;
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height)
    {
        var e = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"caseload-chart\" id=\"{e.Encode(id)}\" role=\"img\" aria-labelledby=\"{e.Encode(id)}-title {e.Encode(id)}-desc\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"GDS Transport, arial, sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{e.Encode(id)}-title\">{e.Encode(title)}</title><desc id=\"{e.Encode(id)}-desc\">{e.Encode(description)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Text(int x, int y, string text, string anchor, bool bold, int size, string colour = "#0b0c0c") =>
        string.Create(CultureInfo.InvariantCulture,
            $"<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" font-size=\"{size}\"{(bold ? " font-weight=\"bold\"" : "")} fill=\"{colour}\">{HtmlEncoder.Default.Encode(text)}</text>");

    private static string Marker(string shape, double x, double y, string colour) => shape switch
    {
        "square" => string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x - 5:0.#}\" y=\"{y - 5:0.#}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>"),
        "triangle" => string.Create(CultureInfo.InvariantCulture, $"<path d=\"M{x:0.#} {y - 6:0.#} L{x + 6:0.#} {y + 5:0.#} L{x - 6:0.#} {y + 5:0.#} Z\" fill=\"{colour}\"/>"),
        "diamond" => string.Create(CultureInfo.InvariantCulture, $"<path d=\"M{x:0.#} {y - 7:0.#} L{x + 7:0.#} {y:0.#} L{x:0.#} {y + 7:0.#} L{x - 7:0.#} {y:0.#} Z\" fill=\"{colour}\"/>"),
        _ => string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"5\" fill=\"{colour}\"/>"),
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
