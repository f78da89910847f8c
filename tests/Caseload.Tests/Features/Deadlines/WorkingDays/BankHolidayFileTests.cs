using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Tests.Features.Deadlines.WorkingDays;

public class BankHolidayFileTests
{
    private static readonly string ShippedJson = ReadShippedJson();

    [Fact]
    public void The_shipped_GOV_UK_file_is_accepted_with_every_division_from_2019_to_2027()
    {
        var result = BankHolidayFile.Parse(ShippedJson);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(75, result.Holidays.For(Division.EnglandAndWales).Count);
        Assert.Equal(84, result.Holidays.For(Division.Scotland).Count);
        Assert.Equal(93, result.Holidays.For(Division.NorthernIreland).Count);
        Assert.All(DivisionCodes.All, d => Assert.Equal(Enumerable.Range(2019, 9), result.Holidays.YearsCovered(d)));
    }

    [Fact]
    public void Published_holidays_keep_GOV_UK_titles_and_notes_and_are_not_calculated()
    {
        var boxingDay = BankHolidayFile.Shipped.For(Division.EnglandAndWales).Single(h => h.Date == new DateOnly(2026, 12, 28));

        Assert.Equal(new BankHoliday(new(2026, 12, 28), "Boxing Day", "Substitute day", IsCalculated: false), boxingDay);
        Assert.True(boxingDay.IsSubstitute);
    }

    [Fact]
    public void A_file_read_from_a_stream_with_a_byte_order_mark_is_accepted()
    {
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ShippedJson)]);

        var result = BankHolidayFile.Parse(stream);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(75, result.Holidays.For(Division.EnglandAndWales).Count);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var result = BankHolidayFile.Parse("  \n ");

        Assert.Null(result.Holidays);
        Assert.Equal(["The file is empty."], result.Errors);
    }

    [Fact]
    public void Broken_JSON_is_refused_with_the_line_of_the_problem()
    {
        var result = BankHolidayFile.Parse("{\n  \"england-and-wales\": {\n    \"division\": \"england-and-wales\",,\n  }\n}");

        Assert.Null(result.Holidays);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("The file is not valid JSON. The problem is on line 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSON_array_instead_of_an_object_is_refused()
    {
        var result = BankHolidayFile.Parse("[]");

        Assert.False(result.IsValid);
        Assert.Contains("must be a JSON object with an entry for each division", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_division_is_refused_and_nothing_is_accepted()
    {
        var result = Parse(root => root.Remove("scotland"));

        Assert.Null(result.Holidays);
        Assert.Equal(["The file has no “scotland” division. It must give the bank holidays of all three divisions."], result.Errors);
    }

    [Fact]
    public void An_unknown_division_is_refused()
    {
        var result = Parse(root => root["wales"] = new JsonObject { ["division"] = "wales", ["events"] = new JsonArray() });

        Assert.Contains("“wales” is not a division. The divisions are england-and-wales, scotland and northern-ireland.", result.Errors);
    }

    [Fact]
    public void A_division_entry_naming_another_division_is_refused()
    {
        var result = Parse(root => root["scotland"]!["division"] = "england-and-wales");

        Assert.Equal(["The “scotland” entry says its division is “england-and-wales”."], result.Errors);
    }

    [Fact]
    public void A_division_without_events_is_refused()
    {
        var result = Parse(root => root["northern-ireland"]!["events"] = new JsonArray());

        Assert.Equal(["The “northern-ireland” division has no events."], result.Errors);
    }

    [Fact]
    public void An_impossible_date_is_refused_naming_the_event()
    {
        var result = Parse(root => Event(root, "england-and-wales", "2026-12-25")["date"] = "2026-13-25");

        Assert.Equal(
            ["england-and-wales, event 66 (“Christmas Day”): “2026-13-25” is not a real date in the form YYYY-MM-DD, for example 2026-12-25."],
            result.Errors);
    }

    [Fact]
    public void A_date_in_another_format_is_refused()
    {
        var result = Parse(root => Event(root, "scotland", "2026-12-25")["date"] = "25/12/2026");

        Assert.Contains(result.Errors, e => e.Contains("“25/12/2026” is not a real date in the form YYYY-MM-DD", StringComparison.Ordinal));
    }

    [Fact]
    public void A_holiday_on_a_weekend_is_refused()
    {
        var result = Parse(root => Event(root, "england-and-wales", "2026-12-28")["date"] = "2026-12-26");

        Assert.Equal(
            ["england-and-wales, event 67 (“Boxing Day”): 2026-12-26 is a Saturday. Bank holidays are taken on weekdays, so a weekend holiday is listed on its substitute day."],
            result.Errors);
    }

    [Fact]
    public void Two_events_on_the_same_date_are_refused()
    {
        var result = Parse(root => Event(root, "scotland", "2026-12-28")["date"] = "2026-12-25");

        Assert.Equal(["scotland: “Christmas Day” and “Boxing Day” are both on 2026-12-25. A date can appear only once."], result.Errors);
    }

    [Fact]
    public void An_event_without_a_title_is_refused()
    {
        var result = Parse(root => Event(root, "northern-ireland", "2026-03-17").Remove("title"));

        Assert.Contains("northern-ireland, event 75: the event has no title.", result.Errors);
    }

    [Fact]
    public void A_year_with_holidays_missing_is_refused_rather_than_half_used()
    {
        var result = Parse(root =>
        {
            var events = root["england-and-wales"]!["events"]!.AsArray();
            events.Add(new JsonObject { ["title"] = "New Year’s Day", ["date"] = "2028-01-03", ["notes"] = "Substitute day" });
        });

        Assert.Equal(
            ["england-and-wales: 2028 lists 1 bank holiday but every year has at least 8. Give all of a year’s bank holidays, or leave the year out so that Caseload works it out."],
            result.Errors);
    }

    [Fact]
    public void A_date_outside_the_years_Caseload_works_with_is_refused()
    {
        var result = Parse(root => Event(root, "england-and-wales", "2019-01-01")["date"] = "1999-12-31");

        Assert.Contains("england-and-wales, event 1 (“New Year’s Day”): 1999-12-31 is outside the years Caseload works with (2000 to 2099).", result.Errors);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var result = Parse(root =>
        {
            root.Remove("northern-ireland");
            Event(root, "scotland", "2026-12-25")["date"] = "2026-12-32";
        });

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Contains("northern-ireland", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("2026-12-32", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_without_reading_it_all()
    {
        using var stream = new MemoryStream(new byte[BankHolidayFile.MaxBytes * 2]);

        var result = BankHolidayFile.Parse(stream);

        Assert.Equal(["The file is larger than 1 MB. GOV.UK’s bank holiday file is about 30 KB: check that this is the right file."], result.Errors);
        Assert.True(stream.Position < stream.Length);
    }

    [Fact]
    public void A_newer_file_replaces_the_rules_for_the_years_it_covers()
    {
        var result = Parse(root =>
        {
            var events = root["england-and-wales"]!["events"]!.AsArray();
            foreach (var holiday in BankHolidayRules.For(Division.EnglandAndWales, 2028))
            {
                events.Add(new JsonObject { ["title"] = holiday.Title, ["date"] = holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["notes"] = holiday.Notes });
            }

            events.Add(new JsonObject { ["title"] = "An extra bank holiday", ["date"] = "2028-06-02", ["notes"] = "" });
        });
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));

        var calendar = WorkingDayCalendar.Create(Division.EnglandAndWales, result.Holidays);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2028, 6, 2)));
        Assert.All(calendar.BankHolidays(2028), h => Assert.False(h.IsCalculated));
        Assert.True(WorkingDayCalendar.Shipped(Division.EnglandAndWales).IsWorkingDay(new DateOnly(2028, 6, 2)));
    }

    private static BankHolidayFileResult Parse(Action<JsonObject> spoil)
    {
        var root = JsonNode.Parse(ShippedJson)!.AsObject();
        spoil(root);
        return BankHolidayFile.Parse(root.ToJsonString());
    }

    private static JsonObject Event(JsonObject root, string division, string date) =>
        root[division]!["events"]!.AsArray().Single(e => (string?)e!["date"] == date)!.AsObject();

    private static string ReadShippedJson()
    {
        using var stream = typeof(BankHolidayFile).Assembly.GetManifestResourceStream("Caseload.Features.Deadlines.WorkingDays.uk-bank-holidays.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
