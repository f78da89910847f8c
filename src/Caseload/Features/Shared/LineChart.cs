using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Caseload.Features.Shared;

/// <summary>One point of a line chart: its label on the x axis (a date, say) and its value.</summary>
public sealed record ChartPoint(string Label, decimal Value);

/// <summary>
/// A server-rendered SVG line chart, accessible without JavaScript: a title and a description the SVG is labelled by, each
/// point marked and labelled with its value (never colour alone), and an optional dashed, labelled target line. The page shows
/// the same data as a table beside it (DESIGN.md §6). GOV.UK colours; no inline style.
/// </summary>
public static class LineChart
{
    private const int Width = 640;
    private const int Height = 260;
    private const int Left = 48;
    private const int Right = 24;
    private const int Top = 20;
    private const int Bottom = 44;
    private static readonly decimal[] Steps = [1m, 2m, 5m, 10m];

    public static IHtmlContent Render(string id, string title, string description, IReadOnlyList<ChartPoint> points, decimal min, decimal max,
        decimal? target = null, string? targetLabel = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (max <= min) max = min + 1;
        var e = HtmlEncoder.Default;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"app-chart\" id=\"{e.Encode(id)}\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-labelledby=\"{e.Encode(id)}-title {e.Encode(id)}-desc\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{e.Encode(id)}-title\">{e.Encode(title)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<desc id=\"{e.Encode(id)}-desc\">{e.Encode(description)}</desc>");
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(decimal v) => Top + plotHeight - (double)((v - min) / (max - min)) * plotHeight;
        double X(int i) => points.Count <= 1 ? Left + plotWidth / 2.0 : Left + i * (plotWidth / (double)(points.Count - 1));

        // Axes and a few gridlines with their values.
        foreach (var tick in Ticks(min, max))
        {
            var y = Y(tick);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#0b0c0c\">{Num(tick)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotHeight}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>");
        if (target is { } t && t >= min && t <= max)
        {
            var y = Y(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#00703c\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{F(y - 6)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#00703c\">{e.Encode(targetLabel ?? $"Target {Num(t)}")}</text>");
        }

        if (points.Count > 1)
        {
            var path = string.Join(' ', points.Select((p, i) => $"{F(X(i))},{F(Y(p.Value))}"));
            sb.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{path}\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\"/>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = (X(i), Y(points[i].Value));
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"5\" fill=\"#1d70b8\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y - 10)}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"#0b0c0c\">{Num(points[i].Value)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#0b0c0c\">{e.Encode(points[i].Label)}</text>");
        }

        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>Up to about six round values from min to max, both included.</summary>
    public static IReadOnlyList<decimal> Ticks(decimal min, decimal max)
    {
        var span = max - min;
        if (span <= 0) return [min];
        var raw = span / 5;
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)raw)));
        var step = Steps.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<decimal>();
        for (var v = Math.Ceiling(min / step) * step; v <= max; v += step) ticks.Add(v);
        return ticks;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Num(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
