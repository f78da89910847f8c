using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Caseload.Features.Deadlines.WorkingDays;

/// <summary>
/// Reads and checks a bank holiday file in GOV.UK's format (https://www.gov.uk/bank-holidays.json): one entry per
/// division, each with its events (title, date, notes). An administrator uploads newer files through this, so a
/// file is either accepted whole or refused with every problem found, in words they can act on.
/// </summary>
public static class BankHolidayFile
{
    /// <summary>GOV.UK's file is about 30 KB; anything far bigger is not a bank holiday file.</summary>
    public const int MaxBytes = 1024 * 1024;

    private const int MaxErrorsListed = 50;
    private const string ShippedResource = "Caseload.Features.Deadlines.WorkingDays.uk-bank-holidays.json";

    private static readonly Lazy<PublishedBankHolidays> ShippedHolidays = new(LoadShipped);

    /// <summary>The GOV.UK list shipped with Caseload (2019 to 2027).</summary>
    public static PublishedBankHolidays Shipped => ShippedHolidays.Value;

    public static BankHolidayFileResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Encoding.UTF8.GetByteCount(json) > MaxBytes ? TooLarge() : Parse(Encoding.UTF8.GetBytes(json));
    }

    public static BankHolidayFileResult Parse(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);

        // Read at most one byte past the limit so that an oversized upload is refused without being held whole.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = utf8Json.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return TooLarge();
            }
        }

        return Parse(buffer.ToArray());
    }

    private static BankHolidayFileResult Parse(byte[] utf8Json)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var content = utf8Json.AsMemory();
        if (content.Span.StartsWith(bom))
        {
            content = content[bom.Length..];
        }

        if (content.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Refused(["The file is empty."]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" The problem is on line {line + 1}, near character {(e.BytePositionInLine ?? 0) + 1}."
                : "";
            return Refused([$"The file is not valid JSON.{where} Download the file again from GOV.UK rather than editing it by hand."]);
        }

        using (document)
        {
            var errors = new List<string>();
            var holidays = Read(document.RootElement, errors);
            return errors.Count == 0 ? new BankHolidayFileResult(new PublishedBankHolidays(holidays), []) : Refused(errors);
        }
    }

    private static Dictionary<Division, IReadOnlyList<BankHoliday>> Read(JsonElement root, List<string> errors)
    {
        var byDivision = new Dictionary<Division, IReadOnlyList<BankHoliday>>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(
                $"The file must be a JSON object with an entry for each division ({DivisionCodes.EnglandAndWales}, "
                + $"{DivisionCodes.Scotland} and {DivisionCodes.NorthernIreland}), like GOV.UK’s bank-holidays.json.");
            return byDivision;
        }

        foreach (var entry in root.EnumerateObject())
        {
            // Exact codes only: a near miss ("Scotland", "wales") is more likely a mistake than a new division.
            if (!DivisionCodes.TryParse(entry.Name, out var division) || division.ToCode() != entry.Name)
            {
                errors.Add(
                    $"“{entry.Name}” is not a division. The divisions are {DivisionCodes.EnglandAndWales}, "
                    + $"{DivisionCodes.Scotland} and {DivisionCodes.NorthernIreland}.");
                continue;
            }

            if (byDivision.ContainsKey(division))
            {
                errors.Add($"The division “{entry.Name}” appears more than once.");
                continue;
            }

            byDivision[division] = ReadDivision(division, entry.Value, errors);
        }

        foreach (var division in DivisionCodes.All.Where(d => !byDivision.ContainsKey(d)))
        {
            errors.Add($"The file has no “{division.ToCode()}” division. It must give the bank holidays of all three divisions.");
        }

        return byDivision;
    }

    private static List<BankHoliday> ReadDivision(Division division, JsonElement element, List<string> errors)
    {
        var code = division.ToCode();
        var holidays = new List<BankHoliday>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"The “{code}” entry must be an object with a “division” and a list of “events”.");
            return holidays;
        }

        if (!element.TryGetProperty("division", out var named) || named.ValueKind != JsonValueKind.String)
        {
            errors.Add($"The “{code}” entry has no “division” field.");
        }
        else if (named.GetString() != code)
        {
            errors.Add($"The “{code}” entry says its division is “{named.GetString()}”.");
        }

        if (!element.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"The “{code}” entry has no list of “events”.");
            return holidays;
        }

        if (events.GetArrayLength() == 0)
        {
            errors.Add($"The “{code}” division has no events.");
            return holidays;
        }

        var errorsBefore = errors.Count;
        var byDate = new Dictionary<DateOnly, BankHoliday>();
        var number = 0;
        foreach (var item in events.EnumerateArray())
        {
            number++;
            if (ReadEvent(item, $"{code}, event {number}", errors) is not { } holiday)
            {
                continue;
            }

            if (byDate.TryGetValue(holiday.Date, out var earlier))
            {
                errors.Add($"{code}: “{earlier.Title}” and “{holiday.Title}” are both on {holiday.Date:yyyy-MM-dd}. A date can appear only once.");
                continue;
            }

            byDate.Add(holiday.Date, holiday);
            holidays.Add(holiday);
        }

        // A year the file mentions replaces the rules for that year, so a year cut short would silently drop holidays.
        // Checked only when every event was sound, so that a refused event is not reported twice.
        if (errors.Count == errorsBefore)
        {
            foreach (var year in holidays.GroupBy(h => h.Date.Year).OrderBy(g => g.Key))
            {
                var expected = BankHolidayRules.For(division, year.Key).Count;
                if (year.Count() < expected)
                {
                    errors.Add(
                        $"{code}: {year.Key} lists {Count(year.Count(), "bank holiday")} but every year has at least {expected}. "
                        + "Give all of a year’s bank holidays, or leave the year out so that Caseload works it out.");
                }
            }
        }

        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return holidays;
    }

    private static BankHoliday? ReadEvent(JsonElement item, string label, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{label}: each event must be an object with a “title” and a “date”.");
            return null;
        }

        var title = item.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "";
        if (title.Length == 0)
        {
            errors.Add($"{label}: the event has no title.");
            return null;
        }

        label = $"{label} (“{title}”)";
        var notes = "";
        if (item.TryGetProperty("notes", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{label}: the notes must be text.");
                return null;
            }

            notes = n.GetString()!.Trim();
        }

        if (!item.TryGetProperty("date", out var d) || d.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{label}: the event has no date.");
            return null;
        }

        var text = d.GetString();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add($"{label}: “{text}” is not a real date in the form YYYY-MM-DD, for example 2026-12-25.");
            return null;
        }

        if (date.Year is < WorkingDayCalendar.FirstYear or > WorkingDayCalendar.LastYear)
        {
            errors.Add($"{label}: {text} is outside the years Caseload works with ({WorkingDayCalendar.FirstYear} to {WorkingDayCalendar.LastYear}).");
            return null;
        }

        if (BankHolidayRules.IsWeekend(date))
        {
            errors.Add($"{label}: {text} is a {date.DayOfWeek}. Bank holidays are taken on weekdays, so a weekend holiday is listed on its substitute day.");
            return null;
        }

        return new BankHoliday(date, title, notes, IsCalculated: false);
    }

    private static BankHolidayFileResult TooLarge() =>
        Refused([$"The file is larger than {MaxBytes / 1024 / 1024} MB. GOV.UK’s bank holiday file is about 30 KB: check that this is the right file."]);

    private static BankHolidayFileResult Refused(List<string> errors)
    {
        if (errors.Count > MaxErrorsListed)
        {
            var more = errors.Count - MaxErrorsListed;
            errors = [.. errors.Take(MaxErrorsListed), $"… and {Count(more, "more problem")}."];
        }

        return new BankHolidayFileResult(null, errors);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static PublishedBankHolidays LoadShipped()
    {
        using var stream = typeof(BankHolidayFile).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"The shipped bank holiday list ({ShippedResource}) is missing from the assembly.");
        var result = Parse(stream);
        return result.IsValid
            ? result.Holidays
            : throw new InvalidOperationException("The shipped bank holiday list is invalid: " + string.Join(" ", result.Errors));
    }
}

/// <summary>Either the holidays of an accepted file, or why the file was refused (and then nothing else).</summary>
public sealed record BankHolidayFileResult(PublishedBankHolidays? Holidays, IReadOnlyList<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Holidays))]
    public bool IsValid => Holidays is not null && Errors.Count == 0;
}
