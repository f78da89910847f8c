using Caseload.Data;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Deadlines;

/// <summary>
/// The working-day calendars in force: GOV.UK's list shipped with the app, or the newest file an administrator loaded,
/// with rules for the years neither covers. A case's division comes from its service (Deadlines:Divisions:{service},
/// else Deadlines:DefaultDivision, else England and Wales).
/// </summary>
public sealed class Calendars(IConfiguration config, IServiceScopeFactory scopes, TimeProvider clock) : IRefreshable
{
    private volatile CalendarSet _current = new(BankHolidayFile.Shipped, "Published list shipped with Caseload", null);
    private readonly PeriodicCheck _check = new(clock, Refreshables.Period(config));
    private int _loadedUploadId;

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

    /// <summary>
    /// The nation whose law sets a case's statutory timescales: Deadlines:Nations:{service}, else Deadlines:Nation (a Welsh
    /// authority sets "wales" once), else the division's main nation (England for England and Wales). It must lie in the
    /// service's division, as its bank holidays are the ones counted.
    /// </summary>
    public Nations NationOf(string service)
    {
        var division = DivisionOf(service);
        var code = config[$"Deadlines:Nations:{service}"] ?? config["Deadlines:Nation"];
        if (code is null) return NationCodes.MainNationOf(division);
        if (!NationCodes.TryParse(code, out var nation))
        {
            throw new InvalidOperationException($"Deadlines: '{code}' is not a nation; use england, wales, scotland or northern-ireland.");
        }

        return (NationCodes.NationsOf(division) & nation) != 0
            ? nation
            : throw new InvalidOperationException($"Deadlines: {nation.Title()} is not in the {division.Title()} bank holiday division of the {service} service.");
    }

    /// <summary>Loads the newest uploaded file, if any (at start-up and after an upload).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        _check.Checked();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var latest = await db.Set<BankHolidayUpload>().AsNoTracking().OrderByDescending(u => u.Id).FirstOrDefaultAsync(ct);
        if (latest is null) return;
        var parsed = BankHolidayFile.Parse(latest.Json);
        if (parsed.IsValid) _current = new CalendarSet(parsed.Holidays!, $"File loaded by {latest.UploadedByName}", latest.UploadedAt);
        // Uploads are validated before they are stored, so an invalid newest one is not read again each minute.
        Volatile.Write(ref _loadedUploadId, latest.Id);
    }

    /// <summary>
    /// Another instance may have taken a newer upload: at most once a minute (by the app's clock) one request asks for the
    /// newest upload's id and reloads when it differs; the others carry on with the calendars in use.
    /// </summary>
    public Task RefreshIfDueAsync(CancellationToken ct = default) => _check.RunIfDueAsync(async () =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        var newest = await db.Set<BankHolidayUpload>().MaxAsync(u => (int?)u.Id, ct);
        if (newest is { } id && id != Volatile.Read(ref _loadedUploadId)) await ReloadAsync(ct);
    });
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
