using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Features.Shared;
using Caseload.Features.Supervision;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Capacity;

/// <summary>One practitioner's row on a team's capacity table and heat map, without the case list.</summary>
public sealed record CapacityRow(
    Supervisee Practitioner,
    string? Team,
    CapacityBasis Basis,
    int Cases,
    int RedCases,
    int OverdueDeadlines,
    int DriftingCases,
    DateOnly? LastSupervisionOn,
    int OpenEscalations,
    decimal LoadPoints,
    decimal CapacityPoints,
    decimal? Utilisation,
    CapacityBand Band);

/// <summary>A team's figures (or every team's, with no team id): its practitioners' rows added up, utilisation of the sums.</summary>
public sealed record TeamTotals(
    int? TeamId,
    string Team,
    int Practitioners,
    int Over,
    int Near,
    int Cases,
    decimal LoadPoints,
    decimal CapacityPoints,
    decimal? Utilisation,
    CapacityBand Band,
    int RedCases,
    int OverdueDeadlines,
    int DriftingCases,
    int OpenEscalations);

/// <summary>Weekly utilisation of each team in a view (or of all of them together when there are too many to draw apart).</summary>
public sealed record UtilisationHistory(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<ChartSeries> Series);

/// <summary>What a supervisor or service manager sees of their teams' capacity: rows, team totals, the whole view's totals and its weekly history.</summary>
public sealed record TeamCapacityView(
    IReadOnlyList<CapacityRow> Rows,
    IReadOnlyList<TeamTotals> Teams,
    TeamTotals Total,
    UtilisationHistory History,
    IReadOnlyList<(int Id, string Name)> TeamChoices,
    int? SelectedTeam,
    bool TeamsOnly = false);

/// <summary>The team view's pure rules: totals, the heat map's levels, and the weeks its history covers. No I/O.</summary>
public static class TeamViewRules
{
    public const int HistoryWeeks = 12;

    /// <summary>A count on the heat map (red cases, overdue deadlines, drifting cases, open escalations): none, some (1–2) or many (3 or more).</summary>
    public const int ManyFrom = 3;

    public static readonly IReadOnlyList<string> Measures = ["Utilisation", "Red cases", "Overdue deadlines", "Drifting cases", "Open escalations"];

    /// <summary>The Monday that starts the week of <paramref name="day"/>: snapshots are kept one a practitioner a week, keyed on it.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The starts of the last <see cref="HistoryWeeks"/> weeks, oldest first, ending with the week of <paramref name="today"/>.</summary>
    public static IReadOnlyList<DateOnly> HistoryWeekStarts(DateOnly today)
    {
        var current = WeekStart(today);
        return Enumerable.Range(0, HistoryWeeks).Select(i => current.AddDays(-7 * (HistoryWeeks - 1 - i))).ToList();
    }

    public static TeamTotals Totals(int? teamId, string team, IReadOnlyCollection<CapacityRow> rows, CapacityRules rules)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rules);
        var load = rows.Sum(r => r.LoadPoints);
        var capacity = rows.Sum(r => r.CapacityPoints);
        return new TeamTotals(teamId, team, rows.Count, rows.Count(r => r.Band == CapacityBand.Over), rows.Count(r => r.Band == CapacityBand.Near),
            rows.Sum(r => r.Cases), load, capacity, CapacityRules.Utilisation(load, capacity), rules.Band(load, capacity),
            rows.Sum(r => r.RedCases), rows.Sum(r => r.OverdueDeadlines), rows.Sum(r => r.DriftingCases), rows.Sum(r => r.OpenEscalations));
    }

    public static HeatCell CountCell(int count) => count switch
    {
        0 => new HeatCell("0", HeatLevel.Low, "none"),
        < ManyFrom => new HeatCell(count.ToString(System.Globalization.CultureInfo.InvariantCulture), HeatLevel.Medium, "some"),
        _ => new HeatCell(count.ToString(System.Globalization.CultureInfo.InvariantCulture), HeatLevel.High, "many"),
    };

    public static HeatCell UtilisationCell(decimal? utilisation, CapacityBand band) => new(
        CapacityCodes.Percent(utilisation),
        band switch { CapacityBand.Over => HeatLevel.High, CapacityBand.Near => HeatLevel.Medium, _ => HeatLevel.Low },
        band switch { CapacityBand.Over => "over", CapacityBand.Near => "near", _ => "under" });

    /// <summary>A practitioner's heat map row: utilisation by its band, then each count by how many.</summary>
    public static HeatRow HeatRow(CapacityRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new HeatRow(r.Practitioner.DisplayName,
            [UtilisationCell(r.Utilisation, r.Band), CountCell(r.RedCases), CountCell(r.OverdueDeadlines), CountCell(r.DriftingCases), CountCell(r.OpenEscalations)]);
    }

    /// <summary>
    /// Utilisation a week for each series: the sum of the snapshots' load over the sum of their capacity (a team's utilisation is
    /// not the mean of its members'). A week with no snapshot has no value.
    /// </summary>
    public static UtilisationHistory History(IReadOnlyList<DateOnly> weeks, IEnumerable<(string Series, DateOnly Week, decimal Load, decimal Capacity)> sums)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(sums);
        var series = sums.GroupBy(s => s.Series, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var byWeek = g.GroupBy(s => s.Week).ToDictionary(w => w.Key, w => (Load: w.Sum(x => x.Load), Capacity: w.Sum(x => x.Capacity)));
                return new ChartSeries(g.Key, weeks.Select(w => byWeek.TryGetValue(w, out var f) ? CapacityRules.Utilisation(f.Load, f.Capacity) : null).ToList());
            })
            .ToList();
        return new UtilisationHistory(weeks, series);
    }
}

/// <summary>
/// The team view: each practitioner of a supervisor's teams or a service manager's services with their load, capacity and
/// what needs attention (red cases, overdue deadlines, drifting cases, supervision, escalations), team totals, and weekly
/// utilisation from the snapshots. Every figure is gathered for the whole set of practitioners at once: a fixed number of
/// queries whatever the team's size.
/// </summary>
public sealed class TeamCapacityService(CaseloadDb db, AuditTrail audit, TimeProvider clock, WeightingSettings settings, CapacityService capacity)
{
    /// <summary>A practitioner the view or the weekly snapshot covers, with their team.</summary>
    public sealed record Member(Supervisee Supervisee, string? Team);

    public CapacityRules Rules => settings.Rules;

    public DateOnly Today => UkTime.Today(clock);

    /// <summary>
    /// The practitioners a supervisor or service manager oversees: active members of the teams they supervise, and anyone holding
    /// a case that is not closed in the services they manage. A query, so callers filter and count by it in SQL.
    /// </summary>
    public static IQueryable<Administration.CaseloadUser> PractitionersInView(CaseloadDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var teams = user.SupervisedTeamIds;
        var services = user.ManagedServices;
        var userId = user.Id;
        var inView = db.Users.AsNoTracking().Where(u => u.IsActive && u.Id != userId);
        if (services.Count == 0) return inView.Where(u => u.TeamId != null && teams.Contains(u.TeamId.Value));
        // Asked of each person (a seek on the index of holder, service and status) rather than by listing every holder of every case
        // in the services, which reads all of a service's cases.
        return inView.Where(u => (u.TeamId != null && teams.Contains(u.TeamId.Value))
                                 || db.Cases.Any(c => c.AllocatedToId == u.Id && services.Contains(c.Service) && c.Status != CaseStatus.Closed));
    }

    /// <summary>
    /// The view for a supervisor (their teams) or a service manager (practitioners holding cases in their services), narrowed to one
    /// team on request; <paramref name="alsoShown"/> says what else the same page showed, for its one audit event.
    /// </summary>
    public async Task<Outcome<TeamCapacityView>> ForTeamsAsync(CurrentUser user, int? teamId = null, string? alsoShown = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.ServiceManager))
        {
            return Outcome<TeamCapacityView>.Forbidden("Only supervisors and service managers see a team's capacity.");
        }

        var inView = PractitionersInView(db, user);

        // Everyone in the view in one query (who holds cases in a service is the costly part): the team choices come from it,
        // and a chosen team narrows it.
        var everyone = await inView
            .OrderBy(u => u.Team!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new Member(new Supervisee(u.Id, u.UserName!, u.DisplayName, u.TeamId, u.IsActive), u.Team!.Name))
            .ToListAsync(ct);
        var choices = everyone.Where(m => m.Supervisee.TeamId is not null).Select(m => (Id: m.Supervisee.TeamId!.Value, Name: m.Team!)).Distinct()
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var selected = teamId is { } t0 && choices.Any(c => c.Id == t0) ? teamId : null;
        var people = selected is { } only ? everyone.Where(m => m.Supervisee.TeamId == only).ToList() : everyone;
        var today = Today;
        var rows = await FiguresAsync(people, today, ct);
        var rules = Rules;
        var byTeam = rows.GroupBy(r => (r.Practitioner.TeamId, r.Team))
            .Select(g => TeamViewRules.Totals(g.Key.TeamId, g.Key.Team ?? "No team", g.ToList(), rules))
            .OrderBy(t => t.Team, StringComparer.Ordinal).ToList();
        var total = TeamViewRules.Totals(null, selected is null ? "All teams" : byTeam.FirstOrDefault()?.Team ?? "All teams", rows, rules);
        var history = await HistoryAsync(rows, Holders(people), byTeam.Count, today, ct);

        if (selected is null && user.IsInRole(Roles.ServiceManager) && byTeam.Count > 1)
        {
            // A service manager's whole view is a row a team, with its totals, and a link into each: counts and points, no
            // practitioner's row and no case named. One event records it as an aggregate view (what it counted, not a case list),
            // so a search of who saw a case does not find it, truthfully; opening a team records that team's cases as its list.
            audit.Add(user, AuditActions.CapacityTeamsViewed, TeamsViewEntityType, null, details:
                $"teams={byTeam.Count}; practitioners={rows.Count}; cases={total.Cases}; over={total.Over}; near={total.Near}; load={CapacityRules.Format(total.LoadPoints)}; capacity={CapacityRules.Format(total.CapacityPoints)}{(alsoShown is null ? "" : "; " + alsoShown)}");
            await db.SaveChangesAsync(ct);
            return Outcome<TeamCapacityView>.Ok(new TeamCapacityView([], byTeam, total, history, choices, null, TeamsOnly: true));
        }

        // One view, with the open cases behind its figures that the reader may see (a restricted case they are not named on
        // weighs on the load but is neither shown nor audited against them).
        var ids = people.Select(p => p.Supervisee.Id).ToList();
        var visible = db.VisibleCases(user).Where(c => c.Status == CaseStatus.Open);
        var shown = new List<Guid>();
        if (rows.Sum(r => r.Cases) > 0)
        {
            // The cases they co-work are read by their ids first: asked as a sub-query, PostgreSQL priced a look-up of each by key
            // with the visibility rule's sub-plans charged every time, and scanned every open case instead (66 ms for a team of 15).
            var coWorked = await db.CaseCoWorkers.Where(w => ids.Contains(w.UserId)).Select(w => w.CaseId).Distinct().ToListAsync(ct);
            var held = visible.Where(c => c.AllocatedToId != null && ids.Contains(c.AllocatedToId)).Select(c => c.Id);
            shown = coWorked.Count == 0
                ? await held.ToListAsync(ct)
                : await held.Union(visible.Where(c => coWorked.Contains(c.Id)).Select(c => c.Id)).ToListAsync(ct);
        }

        await audit.RecordListAsync(user, AuditActions.CapacityListed, shown,
            $"practitioners={rows.Count}; team={(selected is null ? "all" : total.Team)}; load={CapacityRules.Format(total.LoadPoints)}; capacity={CapacityRules.Format(total.CapacityPoints)}{(alsoShown is null ? "" : "; " + alsoShown)}",
            personId: null, ct);
        return Outcome<TeamCapacityView>.Ok(new TeamCapacityView(rows, byTeam, total, history, choices, selected));
    }

    /// <summary>The entity type of a service manager's view of every team: an aggregate view, which names no case.</summary>
    public const string TeamsViewEntityType = "capacity-teams";

    /// <summary>
    /// Each practitioner's figures on <paramref name="today"/>, gathered set-wise: their load and capacity from the one capacity
    /// loader (<see cref="CapacityService.LoadsAsync"/>: stored points summed in the database), and overdue deadlines, drifting
    /// cases, last supervision and open escalations counted per practitioner in the database, every statement reading the people as one parameter
    /// (<see cref="Holders"/>). Not audited: the callers are the view (which audits
    /// what it shows) and the weekly snapshot (which shows nobody anything).
    /// </summary>
    public async Task<List<CapacityRow>> FiguresAsync(IReadOnlyList<Member> people, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (people.Count == 0) return [];
        var holders = Holders(people);

        var loads = await capacity.LoadsAsync(holders, ct);
        var open = db.Cases.Where(c => c.Status == CaseStatus.Open);
        var overdue = await (from d in db.Set<CaseDeadline>()
                             join c in open on d.CaseId equals c.Id
                             where c.AllocatedToId != null && holders.Contains(c.AllocatedToId)
                                   && d.MetOn == null && d.PausedFrom == null && d.DueDate < today
                             group d by c.AllocatedToId into g
                             select new { Holder = g.Key!, Count = g.Count() }).ToDictionaryAsync(g => g.Holder, g => g.Count, ct);
        // Open cases with a drift signal the daily scan found and has not cleared, counted per practitioner holding them.
        var signals = db.Set<DriftSignalRecord>().Where(r => r.ClearedAt == null);
        var drifting = (await open.Where(c => c.AllocatedToId != null && holders.Contains(c.AllocatedToId) && signals.Any(r => r.CaseId == c.Id))
                .GroupBy(c => c.AllocatedToId!).Select(g => new { Holder = g.Key, Count = g.Count() }).ToListAsync(ct))
            .Concat(await (from w in db.CaseCoWorkers
                           join c in open on w.CaseId equals c.Id
                           where holders.Contains(w.UserId) && w.UserId != c.AllocatedToId && signals.Any(r => r.CaseId == c.Id)
                           group w by w.UserId into g
                           select new { Holder = g.Key, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(d => d.Holder, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Count), StringComparer.Ordinal);
        var lastSupervision = await db.Set<SupervisionSession>().AsNoTracking().Where(s => holders.Contains(s.PractitionerId))
            .GroupBy(s => s.PractitionerId).Select(g => new { g.Key, Last = g.Max(s => s.OccurredOn) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        var escalations = await db.Set<Escalations.CapacityEscalation>().AsNoTracking()
            .Where(e => e.Status == Escalations.EscalationStatus.Open && holders.Contains(e.PractitionerId))
            .GroupBy(e => e.PractitionerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rules = Rules;
        var none = capacity.NoLoad(today);
        return people.Select(p =>
        {
            var id = p.Supervisee.Id;
            var mine = loads.GetValueOrDefault(id) ?? none;
            var load = mine.LoadPoints;
            var points = mine.CapacityPoints;
            return new CapacityRow(p.Supervisee, p.Team, mine.Basis, mine.Cases, mine.RedCases, overdue.GetValueOrDefault(id),
                drifting.GetValueOrDefault(id), lastSupervision.TryGetValue(id, out var last) ? last : null, escalations.GetValueOrDefault(id),
                load, points, CapacityRules.Utilisation(load, points), rules.Band(load, points));
        }).ToList();
    }

    /// <summary>
    /// The people as a query that each figure reads them from: their ids go as one parameter (a JSON array on SQLite, an array on
    /// PostgreSQL), not as a parameter an id, which makes a service manager's thousands a statement too long to prepare quickly,
    /// nor as the view's own query, which each statement would evaluate again.
    /// </summary>
    private IQueryable<string> Holders(IReadOnlyList<Member> people) => capacity.Holders(people.Select(p => p.Supervisee.Id));

    /// <summary>
    /// The last 12 weeks' utilisation of the view's practitioners from their weekly snapshots, a line per team (their team now),
    /// or one line for all of them when there are more teams than a chart can tell apart.
    /// </summary>
    private async Task<UtilisationHistory> HistoryAsync(List<CapacityRow> rows, IQueryable<string> holders, int teamCount, DateOnly today, CancellationToken ct)
    {
        var weeks = TeamViewRules.HistoryWeekStarts(today);
        if (rows.Count == 0) return new UtilisationHistory(weeks, []);
        var from = weeks[0];
        var snapshots = await db.Set<CapacitySnapshot>().AsNoTracking().Where(s => holders.Contains(s.UserId) && s.WeekStart >= from)
            .Select(s => new { s.UserId, s.WeekStart, s.LoadPoints, s.CapacityPoints }).ToListAsync(ct);
        var together = teamCount > Charts.MaxLines;
        var teamOf = rows.ToDictionary(r => r.Practitioner.Id, r => together ? $"All {teamCount} teams" : r.Team ?? "No team", StringComparer.Ordinal);
        return TeamViewRules.History(weeks, snapshots.Where(s => teamOf.ContainsKey(s.UserId)).Select(s => (teamOf[s.UserId], s.WeekStart, s.LoadPoints, s.CapacityPoints)));
    }
}
