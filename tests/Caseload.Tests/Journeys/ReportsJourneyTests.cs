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
        await max.WaitForURLAsync(url => url.Contains("to=2027-06-30", StringComparison.Ordinal));
        await Assertions.Expect(max.Locator($"svg#{chart}[role=img]")).ToBeVisibleAsync();

        // The same figures as the API: the summary, and each value in the chart's table.
        // The API takes a bearer token, as a client would use it.
        var token = await max.Context.APIRequest.PostAsync("/api/v1/auth/token", new() { DataObject = new { userName = "max.manager", password = BrowserApp.DemoPassword } });
        var bearer = JsonNode.Parse(await token.TextAsync())!["accessToken"]!.GetValue<string>();
        var api = await max.Context.APIRequest.GetAsync($"/api/v1/reports/{name}?from=2026-01-01&to=2027-06-30", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {bearer}" } });
        Assert.Equal(200, api.Status);
        var json = JsonNode.Parse(await api.TextAsync())!;
        await Assertions.Expect(max.GetByTestId("report-summary")).ToHaveTextAsync(json["summary"]!.GetValue<string>());
        var points = json["series"]!.AsArray().Single(s => s!["chart"]!.GetValue<string>() == chart)!["points"]!.AsArray();
        var labels = await max.GetByTestId($"{chart}-table").Locator("tbody tr th").AllInnerTextsAsync();
        var values = await max.GetByTestId($"{chart}-table").Locator("tbody tr td").AllInnerTextsAsync();
        Assert.Equal(points.Select(p => p!["label"]!.GetValue<string>()), labels);
        Assert.Equal(points.Select(p => p!["value"]!.GetValue<decimal>().ToString("0.##", CultureInfo.InvariantCulture)), values);
        // The demo data seeds caseloads but no deadlines yet: only the workload chart is sure to have something to show.
        if (name == ReportNames.Workload) Assert.True(points.Sum(p => p!["value"]!.GetValue<decimal>()) > 0, "The demo data gives the chart something to show.");

        // The exports linked from the page hold the page's rows: first column and every count, in order.
        var pageRows = max.GetByTestId("report-rows").Locator("tbody tr");
        var shown = new List<IReadOnlyList<string>>();
        for (var i = 0; i < await pageRows.CountAsync(); i++) shown.Add(await pageRows.Nth(i).Locator("td").AllInnerTextsAsync());
        if (name == ReportNames.Workload) Assert.NotEmpty(shown);
        var columns = name switch
        {
            ReportNames.Workload => WorkloadReport.Columns,
            ReportNames.Deadlines => DeadlinesReport.Columns,
            ReportNames.Outcomes => OutcomesReport.Columns,
            _ => DemandReport.Columns,
        };

        var csv = await max.Context.APIRequest.GetAsync((await max.GetByTestId("export-csv").GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // A title with a comma is quoted (RFC 4180), as every cell is.
        Assert.Equal(Caseload.Platform.Http.CsvText.Row(columns.Select(c => c.Title)).TrimEnd('\r', '\n'), lines[0]);
        Assert.Equal(shown.Count, lines.Length - 1);

        var xlsx = await max.Context.APIRequest.GetAsync((await max.GetByTestId("export-xlsx").GetAttributeAsync("href"))!);
        Assert.Equal(200, xlsx.Status);
        var sheet = XlsxReader.Read(await xlsx.BodyAsync());
        Assert.Equal(columns.Select(c => c.Title), sheet[0]);
        Assert.Equal(shown.Count, sheet.Count - 1);
        for (var r = 0; r < shown.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (columns[c].Kind is ColumnKind.Text or ColumnKind.Count) Assert.Equal(shown[r][c], sheet[r + 1][c]);
            }
        }

        await max.Context.CloseAsync();
    }
}
