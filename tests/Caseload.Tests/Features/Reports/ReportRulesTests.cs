using Caseload.Features.Reports;

namespace Caseload.Tests.Features.Reports;

public sealed class ReportRulesTests
{
    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 7 }, 7.0)]
    [InlineData(new[] { 13, 10, 12 }, 12.0)]
    [InlineData(new[] { 10, 13, 12, 11 }, 11.5)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_middle_two(int[] values, double? expected) =>
        Assert.Equal(expected is null ? null : (decimal)expected.Value, DeadlinesReportRules.Median(values));

    [Fact]
    public void Lateness_reasons_group_trimmed_and_in_any_case_and_a_blank_reads_as_none_given()
    {
        Assert.Equal(DeadlinesReportRules.ReasonKey("Family cancelled"), DeadlinesReportRules.ReasonKey("  family CANCELLED "));
        Assert.Equal("Family cancelled", DeadlinesReportRules.ReasonLabel(DeadlinesReportRules.ReasonKey(" FAMILY cancelled")));
        Assert.Equal("No reason given", DeadlinesReportRules.ReasonLabel(DeadlinesReportRules.ReasonKey(null)));
    }

    [Theory]
    [InlineData(0.2, "Below 50%")]
    [InlineData(0.5, "50% to 79%")]
    [InlineData(0.999, "80% to 99%")]
    [InlineData(1.0, "100% to 119%")]
    [InlineData(1.35, "120% or more")]
    public void Utilisation_falls_in_the_band_of_its_lower_bound(double utilisation, string band) =>
        Assert.Equal(band, WorkloadReport.BucketOf((decimal)utilisation));

    [Fact]
    public void Csv_cells_keep_numbers_as_numbers_and_quote_and_defuse_text()
    {
        Assert.Equal("-1.5", ReportExport.CsvCell(-1.5m, ColumnKind.Points));
        Assert.Equal("0.857", ReportExport.CsvCell(0.857m, ColumnKind.Share));
        Assert.Equal("3", ReportExport.CsvCell(3, ColumnKind.Count));
        Assert.Equal("", ReportExport.CsvCell(null, ColumnKind.Count));
        Assert.Equal("\"Smith, \"\"Jo\"\"\"", ReportExport.CsvCell("Smith, \"Jo\"", ColumnKind.Text));
        Assert.Equal("'-cmd", ReportExport.CsvCell("-cmd", ColumnKind.Text));
        Assert.Equal("\"line one\nline two\"", ReportExport.CsvCell("line one\nline two", ColumnKind.Text));
    }

    [Fact]
    public void Shares_show_as_whole_percents_and_round_to_three_places()
    {
        Assert.Equal("86%", ReportText.Format(0.857m, ColumnKind.Share));
        Assert.Equal(0.333m, ReportText.Share(1, 3));
        Assert.Null(ReportText.Share(1, 0));
    }
}
