using Caseload.Data;
using Caseload.Features.Deadlines.WorkingDays;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Deadlines;

/// <summary>
/// The working-day calendars in force: GOV.UK's list shipped with the app, or the newest file an administrator loaded,
/// with rules for the years neither covers. A case's division comes from its service (Deadlines:Divisions:{service},
/// else Deadlines:DefaultDivision, else England and Wales).
/// </summary>
public sealed class Calendars(IConfiguration config, IServiceScopeFactory scopes)
{
    private volatile CalendarSet _current = new(BankHolidayFile.Shipped, "Published list shipped with Caseload", null);

    public CalendarSet Current => _current;

    public WorkingDayCalendar For(Division division) => _current.Calendars[(int)division];

    public Division DivisionOf(string service)
    {
        var code = config[$"Deadlines:Divisions:{service}"] ?? config["Deadlines:DefaultDivision"] ?? DivisionCodes.EnglandAndWales;
        return DivisionCodes.TryParse(code, out var division)
            ? division
            : throw new InvalidOperationException($"Deadlines: '{code}' is not a division; use england-and-wales, scotland or northern-ireland.");
    }

    public WorkingDayCalendar ForService(string service) => For(DivisionOf(service));

    /// <summary>Loads the newest uploaded file, if any (at start-up and after an upload).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var latest = await db.Set<BankHolidayUpload>().AsNoTracking().OrderByDescending(u => u.Id).FirstOrDefaultAsync(ct);
        if (latest is null) return;
        var parsed = BankHolidayFile.Parse(latest.Json);
        if (parsed.IsValid) _current = new CalendarSet(parsed.Holidays!, $"File loaded by {latest.UploadedByName}", latest.UploadedAt);
    }
}

public sealed class CalendarSet
{
    public CalendarSet(PublishedBankHolidays holidays, string source, DateTimeOffset? loadedAt)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        Holidays = holidays;
        Source = source;
        LoadedAt = loadedAt;
        Calendars = [.. DivisionCodes.All.Select(d => WorkingDayCalendar.Create(d, holidays))];
    }

    public PublishedBankHolidays Holidays { get; }
    public string Source { get; }
    public DateTimeOffset? LoadedAt { get; }
    public IReadOnlyList<WorkingDayCalendar> Calendars { get; }
}
