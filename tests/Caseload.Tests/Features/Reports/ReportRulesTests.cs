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

    [Fact]
    public void Demand_is_cut_into_weeks_from_monday_up_to_16_weeks_and_into_months_beyond()
    {
        Assert.False(DemandReportRules.Monthly(new DateOnly(2026, 8, 3), new DateOnly(2026, 11, 22)));
        Assert.True(DemandReportRules.Monthly(new DateOnly(2026, 8, 2), new DateOnly(2026, 11, 22)));
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16)],
            DemandReportRules.Buckets(new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 22), monthly: false));
        Assert.Equal([new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)],
            DemandReportRules.Buckets(new DateOnly(2025, 12, 31), new DateOnly(2026, 2, 1), monthly: true));
        Assert.Equal("Jan 2026", DemandReportRules.Label(new DateOnly(2026, 1, 1), monthly: true));
    }

    [Fact]
    public void An_events_before_and_after_averages_count_its_own_week_as_after()
    {
        Assert.Equal((2.0m, 5.0m), DemandReportRules.BeforeAfter([1, 3, 4, 6], 2));
        Assert.Equal(((decimal?)null, 3.5m), DemandReportRules.BeforeAfter([1, 3, 4, 6], 0));
    }

    [Fact]
    public void A_month_is_set_against_the_same_month_of_every_earlier_year_since_the_first_counting_a_quiet_year_as_none()
    {
        var counts = new Dictionary<(int, int), int> { [(2024, 9)] = 10, [(2025, 9)] = 16, [(2024, 3)] = 4 };
        Assert.Equal(13m, DemandReportRules.SameMonthEarlierYears(counts, 2026, 9, 2024));
        Assert.Equal(2m, DemandReportRules.SameMonthEarlierYears(counts, 2026, 3, 2024));
        Assert.Null(DemandReportRules.SameMonthEarlierYears(counts, 2024, 9, 2024));
    }

    [Fact]
    public void An_average_is_to_one_place_and_none_without_a_count() =>
        Assert.Equal((81.5m, (decimal?)null), (OutcomesReportRules.Average(163, 2)!.Value, OutcomesReportRules.Average(5, 0)));

    [Fact]
    public void A_period_requires_a_session_for_each_whole_frequency_in_it_and_none_when_shorter() =>
        Assert.Equal((3, 2, 0, 0), (SupervisionReportRules.Required(60, 20), SupervisionReportRules.Required(59, 20), SupervisionReportRules.Required(19, 20),
            SupervisionReportRules.Required(60, 0)));

    [Fact]
    public void Response_times_fall_in_their_band_by_working_days() =>
        Assert.Equal(["The same day", "1 working day", "2 to 5 working days", "2 to 5 working days", "6 to 10 working days", "More than 10 working days"],
            new[] { 0, 1, 2, 5, 6, 11 }.Select(SupervisionReportRules.BandOf));

    [Fact]
    public void Time_to_record_is_counted_up_to_the_whole_hour_then_the_whole_day_and_its_median_is_the_middle_note()
    {
        var at = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal((0, 1, 48, 72, 72), (RecordingReportRules.HoursToRecord(at, at.AddHours(-1)), RecordingReportRules.HoursToRecord(at, at.AddMinutes(20)),
            RecordingReportRules.HoursToRecord(at, at.AddHours(47.5)), RecordingReportRules.HoursToRecord(at, at.AddHours(48.1)), RecordingReportRules.HoursToRecord(at, at.AddHours(72))));
        static KeyValuePair<int, long>[] Notes(params int[] hours) => [.. hours.GroupBy(h => h).Select(g => KeyValuePair.Create(g.Key, (long)g.Count()))];
        Assert.Equal((2, 1, 30, (int?)null), (RecordingReportRules.MedianHours(Notes(1, 2, 3, 30))!.Value, RecordingReportRules.MedianHours(Notes(1, 1, 528))!.Value,
            RecordingReportRules.MedianHours(Notes(1, 30, 30))!.Value, RecordingReportRules.MedianHours([])));
        Assert.Equal(["Within 24 hours", "1 to 2 days", "3 to 7 days", "8 to 28 days", "More than 28 days"], new[] { 24, 25, 96, 528, 696 }.Select(RecordingReportRules.BandOf));
    }

    [Fact]
    public void An_axis_is_labelled_at_every_point_that_has_room_and_every_other_one_when_labels_would_touch()
    {
        Assert.Equal(1, Caseload.Features.Shared.Charts.LabelEvery(["Jan 2026", "Feb 2026"], 80));
        Assert.Equal(2, Caseload.Features.Shared.Charts.LabelEvery(["2026-08-24", "2026-08-31"], 60));
        Assert.Equal(1, Caseload.Features.Shared.Charts.LabelEvery([], 60));
    }
}
