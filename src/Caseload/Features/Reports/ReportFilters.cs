using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>The filters as they arrive (query string or form), unparsed, so a bad one is answered naming its field.</summary>
public sealed record ReportQuery(string? From, string? To, string? Team, string? Service, string? Practitioner);

/// <summary>A report's filters once checked: the period (UK dates, both included) and the optional team, service and practitioner.</summary>
public sealed record ReportFilter(DateOnly From, DateOnly To, int? TeamId, string? TeamName, string? Service, string? PractitionerId, string? PractitionerUserName)
{
    /// <summary>The filters in words for the audit trail: what the reader asked to see, so a DPO can tell one view from another.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"from={From:yyyy-MM-dd}; to={To:yyyy-MM-dd}; team={(TeamId is { } t ? $"{t} ({TeamName})" : "all")}; service={Service ?? "all"}; practitioner={PractitionerUserName ?? "all"}");

    /// <summary>The filters as a query string, for export links and the page's form.</summary>
    public string QueryString()
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}") };
        if (TeamId is { } t) parts.Add(string.Create(CultureInfo.InvariantCulture, $"team={t}"));
        if (Service is not null) parts.Add("service=" + Uri.EscapeDataString(Service));
        if (PractitionerUserName is not null) parts.Add("practitioner=" + Uri.EscapeDataString(PractitionerUserName));
        return string.Join('&', parts);
    }
}

/// <summary>What a reader may narrow a report to: the teams and services they report on, and the practitioners in them.</summary>
public sealed record ReportChoices(IReadOnlyList<(int Id, string Name)> Teams, IReadOnlyList<string> Services, IReadOnlyList<(string UserName, string Name)> Practitioners);

/// <summary>
/// Checks a report's filters for a reader. Supervisors report on the teams they supervise (and those beneath them), service
/// managers on the services they manage: a team or service outside that is refused (403), a filter that is not a date, a team,
/// a service or a practitioner at all answers 400 naming the field. The period defaults to the last 12 weeks to today (UK).
/// </summary>
public sealed class ReportFilters(CaseloadDb db, TimeProvider clock)
{
    public const int DefaultWeeks = 12;

    /// <summary>Three years and a day: two years of history and a year to compare it with, and no query of the whole history at once.</summary>
    public const int MaxDays = (3 * 366) + 1;

    public static bool MayReport(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ServiceManager);
    }

    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<ReportFilter>> ParseAsync(CurrentUser user, ReportQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        if (!MayReport(user)) return Outcome<ReportFilter>.Forbidden("Reports are for supervisors and service managers.");
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var today = Today;
        var to = ParseDate(query.To, "to", "end", errors) ?? today;
        var from = ParseDate(query.From, "from", "start", errors) ?? to.AddDays(-7 * DefaultWeeks);
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (from > to) errors["from"] = "The start date must be the same as or before the end date";
            else if (to.DayNumber - from.DayNumber > MaxDays) errors["from"] = "The period can be at most 3 years: choose a later start date";
        }

        int? teamId = null;
        string? teamName = null;
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            if (!int.TryParse(query.Team.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                errors["team"] = "Select a team from the list";
            }
            else
            {
                teamName = await db.Teams.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).SingleOrDefaultAsync(ct);
                if (teamName is null) errors["team"] = "Select a team from the list";
                else teamId = id;
            }
        }

        string? service = null;
        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            if (!Services.IsKnown(query.Service.Trim())) errors["service"] = $"Select a service: {string.Join(", ", Services.Titles.Keys)}";
            else service = query.Service.Trim();
        }

        string? practitionerId = null, practitionerUserName = null;
        if (!string.IsNullOrWhiteSpace(query.Practitioner))
        {
            var name = query.Practitioner.Trim();
            practitionerId = name.Length > 256 ? null : await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => u.Id).SingleOrDefaultAsync(ct);
            if (practitionerId is null) errors["practitioner"] = "Select a practitioner from the list";
            else practitionerUserName = name;
        }

        if (errors.Count > 0) return Outcome<ReportFilter>.Invalid(errors);

        // Supervisors report on their teams; service managers on their services, whatever team holds the cases.
        var manages = user.IsInRole(Roles.ServiceManager);
        if (teamId is { } team && !manages && !user.SupervisedTeamIds.Contains(team))
        {
            return Outcome<ReportFilter>.Forbidden("You can report only on the teams you supervise.");
        }

        if (service is not null && !user.IsInRole(Roles.Supervisor) && !user.ManagedServices.Contains(service))
        {
            return Outcome<ReportFilter>.Forbidden("You can report only on the services you manage.");
        }

        return Outcome<ReportFilter>.Ok(new ReportFilter(from, to, teamId, teamName, service, practitionerId, practitionerUserName));
    }

    /// <summary>The teams, services and practitioners the page offers as filters.</summary>
    public async Task<ReportChoices> ChoicesAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var manages = user.IsInRole(Roles.ServiceManager);
        var supervised = user.SupervisedTeamIds;
        var teams = (await db.Teams.AsNoTracking().Where(t => manages || supervised.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (t.Id, t.Name)).ToList();
        var services = user.IsInRole(Roles.Supervisor) ? Services.Titles.Keys.ToList() : user.ManagedServices.ToList();
        var people = (await PractitionersInView(user).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct))
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal).Select(p => (p.UserName!, p.DisplayName)).ToList();
        return new ReportChoices(teams, services, people);
    }

    /// <summary>The practitioners a reader reports on: those of the team capacity view (<see cref="Capacity.TeamCapacityService.PractitionersInView"/>).</summary>
    public IQueryable<Administration.CaseloadUser> PractitionersInView(CurrentUser user) => Capacity.TeamCapacityService.PractitionersInView(db, user);

    /// <summary>The practitioners a report counts: those in view, narrowed to the filter's team, practitioner and service (holding open cases in it).</summary>
    public IQueryable<Administration.CaseloadUser> PractitionersInView(CurrentUser user, ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var inView = PractitionersInView(user);
        if (filter.TeamId is { } team) inView = inView.Where(u => u.TeamId == team);
        if (filter.PractitionerId is { } practitioner) inView = inView.Where(u => u.Id == practitioner);
        if (filter.Service is { } service)
        {
            inView = inView.Where(u => db.Cases.Any(c => c.AllocatedToId == u.Id && c.Status != CaseStatus.Closed && c.Service == service));
        }

        return inView;
    }

    /// <summary>The cases a report counts: those the reader may see, narrowed to the filter's team, service and practitioner.</summary>
    public static IQueryable<Case> CasesInView(CaseloadDb db, CurrentUser user, ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var cases = db.VisibleCases(user);
        if (filter.TeamId is { } team) cases = cases.Where(c => c.TeamId == team);
        if (filter.Service is { } service) cases = cases.Where(c => c.Service == service);
        if (filter.PractitionerId is { } practitioner) cases = cases.Where(c => c.AllocatedToId == practitioner);
        return cases;
    }

    private static DateOnly? ParseDate(string? text, string field, string which, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 2000 and <= 2099)
        {
            return day;
        }

        errors[field] = $"Enter the {which} date as a real date, for example 2026-04-01";
        return null;
    }
}
