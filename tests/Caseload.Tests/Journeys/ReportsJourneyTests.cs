using System.Globalization;
using System.Text.Json.Nodes;
using Caseload.Features.Reports;
using Caseload.Tests.Features.Reports;
using Microsoft.Playwright;

namespace Caseload.Tests.Journeys;

/// <summary>
/// A service manager opens each report from the reports page: the chart's table carries the API's figures, the summary is the
/// API's, and the CSV and XLSX exports linked from the page hold the rows the page shows; axe checks every page.
/// </summary>
public sealed class ReportsJourneyTests(BrowserApp app)
{
    [Theory]
    [InlineData("workload", "Workload", "workload-distribution")]
    [InlineData("deadlines", "Deadlines", "deadlines-outcomes")]
    [InlineData("outcomes", "Outcomes", "outcomes-goals")]
    [InlineData("demand", "Demand", "demand-sources")]
    [InlineData("supervision", "Supervision", "supervision-escalations")]
    [InlineData("recording", "Recording", "recording-time")]
    public async Task A_service_manager_opens_a_report_with_the_api_figures_and_exports_the_rows_it_shows(string name, string title, string chart)
    {
        var max = await app.SignInAsync("max.manager");
        await max.GotoAsync("/");
        await max.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = "Reports", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(max);

        await max.GetByTestId("report-links").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = $"{title} report" })).ToBeVisibleAsync();
        await Assertions.Expect(max.Locator($"svg#{chart}[role=img]")).ToBeVisibleAsync();
        await Axe.CheckAsync(max);

        // The filters are a plain GET form: a period from the start of the year to next summer takes in the demo's deadlines.
        await max.GetByLabel("From", new() { Exact = true }).FillAsync("2026-01-01");
        await max.GetByLabel("To", new() { Exact = true }).FillAsync("2027-06-30");
        await max.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await max.ArrivesAtAsync(url => url.Contains("to=2027-06-30", StringComparison.Ordinal));
        await Assertions.Expect(max.Locator($"svg#{chart}[role=img]")).ToBeVisibleAsync();

        // The same figures as the API, and the exports linked from the page hold the page's rows. Other journeys run beside this
        // one on the same app (escalations raised, supervisions recorded): when a figure moved between the page and the API, the
        // page is read again, and the last of a few reads must agree in full.
        // The API takes a bearer token, as a client would use it.
        var token = await max.Context.APIRequest.PostAsync("/api/v1/auth/token", new() { DataObject = new { userName = "max.manager", password = BrowserApp.DemoPassword } });
        var bearer = JsonNode.Parse(await token.TextAsync())!["accessToken"]!.GetValue<string>();
        List<string> differences = [];
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (attempt > 1) await max.ReloadAsync();
            differences = await DifferencesAsync(max, bearer, name, chart);
            if (differences.Count == 0) break;
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
        await max.Context.CloseAsync();
    }

    [Fact]
    public async Task A_service_manager_opens_the_dashboard_records_a_funding_change_and_sees_it_on_the_demand_chart()
    {
        var max = await app.SignInAsync("max.manager");
        await max.GotoAsync("/");
        await max.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        foreach (var (name, reportTitle) in ReportNames.Titles)
        {
            var panel = max.GetByTestId($"dashboard-{name}");
            await Assertions.Expect(panel.GetByRole(AriaRole.Link, new() { Name = $"{reportTitle} report" })).ToHaveAttributeAsync("href", $"/Reports/{name}");
            Assert.Equal(3, await panel.GetByTestId("dashboard-figure").CountAsync());
        }

        await Axe.CheckAsync(max);

        await max.GetByTestId("dashboard-demand").GetByRole(AriaRole.Link, new() { Name = "Demand report" }).ClickAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = "Demand report" })).ToBeVisibleAsync();
        await max.GetByTestId("record-event").ClickAsync();
        await Assertions.Expect(max.GetByRole(AriaRole.Heading, new() { Name = "Record an event" })).ToBeVisibleAsync();
        await Axe.CheckAsync(max);

        // Submitted without a kind or title: the error summary names both, and nothing is recorded.
        await max.GetByLabel("Title", new() { Exact = true }).FillAsync("");
        await max.GetByRole(AriaRole.Button, new() { Name = "Record event" }).ClickAsync();
        await Assertions.Expect(max.Locator(".govuk-error-summary")).ToHaveCountAsync(1);
        await Assertions.Expect(max.Locator(".govuk-error-summary")).ToContainTextAsync("Select the kind of event");
        await Assertions.Expect(max.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a title for the event");
        await Axe.CheckAsync(max);

        var title = "Family support grant cut by a fifth";
        await max.GetByLabel("Day", new() { Exact = true }).FillAsync("2");
        await max.GetByLabel("Month", new() { Exact = true }).FillAsync("11");
        await max.GetByLabel("Year", new() { Exact = true }).FillAsync("2026");
        await max.GetByLabel("Funding change", new() { Exact = true }).CheckAsync();
        await max.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await max.GetByLabel("Description (optional)").FillAsync("Two family support posts were not renewed");
        await max.GetByLabel("Early help", new() { Exact = true }).CheckAsync();
        await max.GetByRole(AriaRole.Button, new() { Name = "Record event" }).ClickAsync();

        await max.ArrivesAtAsync(url => url.Contains("/Reports/demand?from=2026-09-21&to=2026-12-14", StringComparison.Ordinal));
        await Assertions.Expect(max.Locator(".govuk-notification-banner")).ToContainTextAsync(title);
        var marked = max.GetByTestId("demand-trend-events").Locator(".govuk-summary-list__row", new() { HasText = title });
        await Assertions.Expect(marked).ToContainTextAsync("2 Nov 2026: funding change");
        var label = (await marked.Locator("dt").InnerTextAsync()).Trim();
        await Assertions.Expect(max.Locator("svg#demand-trend text", new() { HasTextString = label }).First).ToBeAttachedAsync();
        await Axe.CheckAsync(max);
        await max.Context.CloseAsync();
    }

    /// <summary>
    /// Where the page differs from the API (the summary and each value of the chart's table) and from its CSV and XLSX exports
    /// (every row, first column and every count in order; the CSV's every cell, shares as fractions there and percents on the page).
    /// </summary>
    private static async Task<List<string>> DifferencesAsync(IPage max, string bearer, string name, string chart)
    {
        var differences = new List<string>();
        void Same<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual)) differences.Add($"{what}: expected {expected}, the page shows {actual}");
        }

        var api = await max.Context.APIRequest.GetAsync($"/api/v1/reports/{name}?from=2026-01-01&to=2027-06-30", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {bearer}" } });
        Assert.Equal(200, api.Status);
        var json = JsonNode.Parse(await api.TextAsync())!;
        // The summary as a reader sees it, its white space collapsed.
        Same(json["summary"]!.GetValue<string>(), string.Join(' ', (await max.GetByTestId("report-summary").InnerTextAsync()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), "the summary");
        var points = json["series"]!.AsArray().Single(s => s!["chart"]!.GetValue<string>() == chart)!["points"]!.AsArray();
        var labels = await max.GetByTestId($"{chart}-table").Locator("tbody tr th").AllInnerTextsAsync();
        var values = await max.GetByTestId($"{chart}-table").Locator("tbody tr td").AllInnerTextsAsync();
        Same(string.Join(" | ", points.Select(p => p!["label"]!.GetValue<string>())), string.Join(" | ", labels), "the chart's labels");
        Same(string.Join(" | ", points.Select(p => p!["value"]!.GetValue<decimal>().ToString("0.##", CultureInfo.InvariantCulture))), string.Join(" | ", values), "the chart's values");
        // The demo data seeds caseloads but no deadlines yet: only the workload chart is sure to have something to show.
        if (name == ReportNames.Workload) Assert.True(points.Sum(p => p!["value"]!.GetValue<decimal>()) > 0, "The demo data gives the chart something to show.");

        var pageRows = max.GetByTestId("report-rows").Locator("tbody tr");
        var shown = new List<IReadOnlyList<string>>();
        for (var i = 0; i < await pageRows.CountAsync(); i++) shown.Add(await pageRows.Nth(i).Locator("td").AllInnerTextsAsync());
        if (name == ReportNames.Workload) Assert.NotEmpty(shown);
        var columns = name switch
        {
            ReportNames.Workload => WorkloadReport.Columns,
            ReportNames.Deadlines => DeadlinesReport.Columns,
            ReportNames.Outcomes => OutcomesReport.Columns,
            ReportNames.Supervision => SupervisionReport.Columns,
            ReportNames.Recording => RecordingReport.Columns,
            _ => DemandReport.Columns,
        };

        var csv = await max.Context.APIRequest.GetAsync((await max.GetByTestId("export-csv").GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // A title with a comma is quoted (RFC 4180), as every cell is.
        Assert.Equal(Caseload.Platform.Http.CsvText.Row(columns.Select(c => c.Title)).TrimEnd('\r', '\n'), lines[0]);
        Same(lines.Length - 1, shown.Count, "the CSV's rows");
        for (var r = 0; r < Math.Min(shown.Count, lines.Length - 1); r++)
        {
            var cells = CsvCells(lines[r + 1]).Select(x => x.TrimStart('\'')).ToList();
            Assert.Equal(columns.Count, cells.Count);
            for (var c = 0; c < columns.Count; c++)
            {
                var expected = columns[c].Kind == ColumnKind.Share && cells[c].Length > 0
                    ? ReportText.Percent(decimal.Parse(cells[c], CultureInfo.InvariantCulture))
                    : columns[c].Kind is ColumnKind.Text ? cells[c] : cells[c].Length > 0 ? ReportText.Format(decimal.Parse(cells[c], CultureInfo.InvariantCulture), columns[c].Kind) : "";
                Same(expected, shown[r][c], $"the CSV's row {r + 1}, {columns[c].Title}");
            }
        }

        var xlsx = await max.Context.APIRequest.GetAsync((await max.GetByTestId("export-xlsx").GetAttributeAsync("href"))!);
        Assert.Equal(200, xlsx.Status);
        var sheet = XlsxReader.Read(await xlsx.BodyAsync());
        Assert.Equal(columns.Select(c => c.Title), sheet[0]);
        Same(sheet.Count - 1, shown.Count, "the XLSX's rows");
        for (var r = 0; r < Math.Min(shown.Count, sheet.Count - 1); r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (columns[c].Kind is ColumnKind.Text or ColumnKind.Count) Same(sheet[r + 1][c], shown[r][c], $"the XLSX's row {r + 1}, {columns[c].Title}");
            }
        }

        return differences;
    }

    /// <summary>The cells of one CSV line (RFC 4180: quoted cells may hold commas and doubled quotes), formula guards taken off.</summary>
    private static List<string> CsvCells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
