using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Platform.Audit;
using Caseload.Platform.Hosting;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Drift;

/// <summary>Drift lists for the right people only, each case shown audited; and the one writer of the drift thresholds.</summary>
public sealed class DriftService(CaseloadDb db, AuditTrail audit, TimeProvider clock, Calendars calendars, DriftSettings settings, ServiceStandards standards)
{
    public DateOnly Today => UkTime.Today(clock);

    public DateTimeOffset Now => clock.GetUtcNow();

    public DriftThresholds Thresholds => settings.Rules.Thresholds;

    /// <summary>
    /// How long each referral (its service and the day it was referred) has waited for allocation today, against its service's
    /// standard (<see cref="ReferralWaitingRules"/>). No case data is read: the caller has the referrals it may see.
    /// </summary>
    public async Task<IReadOnlyList<ReferralWait>> ReferralWaitsAsync(IReadOnlyList<(string Service, DateOnly ReferredOn)> referrals, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(referrals);
        if (referrals.Count == 0) return [];
        var catalogue = await standards.CatalogueAsync(ct);
        var thresholds = Thresholds;
        var today = Today;
        var byService = new Dictionary<string, Timescale?>(StringComparer.Ordinal);
        return referrals.Select(r =>
        {
            if (!byService.TryGetValue(r.Service, out var standard)) standard = byService[r.Service] = DriftQuery.ReferralStandard(thresholds, catalogue, calendars, r.Service);
            return ReferralWaitingRules.On(r.ReferredOn, today, calendars.ForService(r.Service), standard, thresholds.ReferralWaitingWorkingDays);
        }).ToList();
    }

    /// <summary>
    /// A practitioner's drifting cases (allocated or co-worker): their own, or, for a supervisor, a practitioner in a team they
    /// supervise; a service manager may ask for anyone's and sees the cases of their services. As the worklist decides it.
    /// </summary>
    public async Task<Outcome<(CaseloadUser Practitioner, IReadOnlyList<DriftItem> Items)>> ForPractitionerAsync(CurrentUser user, string? userName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalised = userName?.Trim().ToUpperInvariant();
        var target = string.IsNullOrEmpty(normalised)
            ? await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, ct)
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalised, ct);
        if (target is null) return Outcome<(CaseloadUser, IReadOnlyList<DriftItem>)>.Invalid("userName", "No user with this user name");
        var own = target.Id == user.Id;
        var supervises = target.TeamId is { } team && user.SupervisedTeamIds.Contains(team);
        if (!own && !supervises && !user.IsInRole(Roles.ServiceManager))
        {
            return Outcome<(CaseloadUser, IReadOnlyList<DriftItem>)>.Forbidden("You can see your own drifting cases and those of practitioners in teams you supervise.");
        }

        var theirs = db.CaseIdsHeldBy(target.Id);
        var items = await LoadAsync(user, db.VisibleCases(user).Where(c => theirs.Contains(c.Id)), null, ct);
        return Outcome<(CaseloadUser, IReadOnlyList<DriftItem>)>.Ok((target, items));
    }

    /// <summary>Every drifting case of the teams a supervisor supervises and the services a service manager manages.</summary>
    public async Task<Outcome<IReadOnlyList<DriftItem>>> ForTeamsAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.ServiceManager))
        {
            return Outcome<IReadOnlyList<DriftItem>>.Forbidden("Only supervisors and service managers see a team's drifting cases.");
        }

        return Outcome<IReadOnlyList<DriftItem>>.Ok(await LoadAsync(user, TeamCases(user), null, ct));
    }

    /// <summary>
    /// For a supervisor's home: the team's drifting cases with drift new since the last daily scan first (what that scan found,
    /// and any signal it has not seen yet), then the most recently found; at most <paramref name="take"/> of them, with how many
    /// cases drift in all and how many have new drift. Only the cases shown are audited.
    /// </summary>
    public async Task<TeamDriftView> NewestForTeamsAsync(CurrentUser user, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var total = 0;
        var withNew = 0;
        var now = Now;
        var lastScan = await LastScanAsync(ct);
        bool IsNew(DriftItem i) => i.Signals.Any(s => DriftDisplay.IsNew(s, now, lastScan));
        IReadOnlyList<DriftItem> Newest(IReadOnlyList<DriftItem> items) =>
            items.OrderBy(i => IsNew(i) ? 0 : 1).ThenByDescending(i => i.NewestFoundAt(now)).ThenBy(i => i, DriftQuery.MostSevereFirst).Take(take).ToList();
        if (user.ManagedServices.Count > 0 && lastScan is { } scanned)
        {
            // A service manager's services hold tens of thousands of cases: assessing them all for one panel would take seconds.
            // The daily scan's open records say which cases drift and since when: one statement reads each drifting case's newest
            // record, joined to the cases the reader may see (a key look-up a record). The newest of them are assessed now, so the
            // list shows what still drifts, in today's words. The drift page assesses every case.
            var open = await (from r in db.Set<DriftSignalRecord>()
                              join c in TeamCases(user) on r.CaseId equals c.Id
                              where r.ClearedAt == null
                              group r by r.CaseId into g
                              select new { CaseId = g.Key, Newest = g.Max(r => r.FoundAt) }).ToListAsync(ct);
            var countedNew = open.Count(c => c.Newest >= scanned);
            // Twice as many as shown: a case that stopped drifting since the scan leaves room for the next.
            var newestIds = open.OrderByDescending(c => c.Newest).ThenBy(c => c.CaseId).Take(take * 2).Select(c => c.CaseId).ToList();
            var fromScan = await LoadAsync(user, db.VisibleCases(user).Where(c => newestIds.Contains(c.Id)), Newest, ct);
            return new TeamDriftView(fromScan, open.Count, countedNew, lastScan, now, FromScan: true);
        }

        var shown = await LoadAsync(user, TeamCases(user), all =>
        {
            total = all.Count;
            withNew = all.Count(IsNew);
            return Newest(all);
        }, ct);
        return new TeamDriftView(shown, total, withNew, lastScan, now);
    }

    /// <summary>
    /// The drift of these cases, by case, for a page that lists them and audits each case it shows itself (the caseload review,
    /// the worklist, the supervision agenda): nothing is audited here. Only the cases <paramref name="user"/> may see; a case
    /// with no signal is absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, DriftItem>> OfCasesAsync(CurrentUser user, IReadOnlyCollection<Guid> caseIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(caseIds);
        var found = new Dictionary<Guid, DriftItem>();
        if (caseIds.Count == 0) return found;
        var catalogue = await standards.CatalogueAsync(ct);
        // Up to 2,000 cases a query, as the worklist does: within every database's parameter limit.
        foreach (var chunk in caseIds.Distinct().Chunk(2000))
        {
            foreach (var item in await DriftQuery.LoadAsync(db, db.VisibleCases(user).Where(c => chunk.Contains(c.Id)), settings.Rules, calendars, catalogue, Today, ct))
            {
                found[item.CaseId] = item;
            }
        }

        return found;
    }

    /// <summary>
    /// When the last daily scan that completed began (its signals were found from then), or null when none has completed: the
    /// drift it found, and any it has not seen yet, is new to a supervisor who looks once a day.
    /// </summary>
    public async Task<DateTimeOffset?> LastScanAsync(CancellationToken ct = default)
    {
        var lease = await db.Set<WorkLease>().AsNoTracking().Where(l => l.Name == DriftScan.JobName)
            .Select(l => new { l.AcquiredAt, l.LastCompletedAt }).SingleOrDefaultAsync(ct);
        if (lease?.LastCompletedAt is not { } completed) return null;
        // A run in progress has moved AcquiredAt on; the completed run began no later than it completed.
        return lease.AcquiredAt is { } began && began <= completed ? began : completed;
    }

    private IQueryable<Case> TeamCases(CurrentUser user)
    {
        var teams = user.SupervisedTeamIds;
        var services = user.ManagedServices;
        return db.VisibleCases(user).Where(c => (c.TeamId != null && teams.Contains(c.TeamId.Value)) || services.Contains(c.Service));
    }

    private async Task<IReadOnlyList<DriftItem>> LoadAsync(CurrentUser user, IQueryable<Case> cases, Func<IReadOnlyList<DriftItem>, IReadOnlyList<DriftItem>>? select,
        CancellationToken ct)
    {
        var items = await DriftQuery.LoadAsync(db, cases, settings.Rules, calendars, await standards.CatalogueAsync(ct), Today, ct);
        if (select is not null) items = select(items);
        await audit.RecordListAsync(user, AuditActions.DriftViewed, items.Select(i => i.CaseId), ct);
        return items;
    }

    /// <summary>The timescales a service's referrals may be allocated within: those offered on it in its nation and not retired.</summary>
    public async Task<IReadOnlyList<Timescale>> ReferralStandardOptionsAsync(string service, CancellationToken ct = default)
    {
        var catalogue = await standards.CatalogueAsync(ct);
        return catalogue.OfferedFor(calendars.NationOf(service), service).Where(t => !catalogue.IsRetired(t.Code)).ToList();
    }

    public async Task<IReadOnlyList<DriftThresholdsVersion>> VersionsAsync(CancellationToken ct = default) =>
        await db.Set<DriftThresholdsVersion>().AsNoTracking().OrderByDescending(v => v.Id).Take(50).ToListAsync(ct);

    /// <summary>Saves new thresholds as a version with its reason, audited, once they are within their safe limits.</summary>
    public async Task<Outcome<DriftThresholdsVersion>> SaveThresholdsAsync(CurrentUser user, DriftThresholds thresholds, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(thresholds);
        var errors = new Dictionary<string, string>();
        foreach (var n in DriftThresholds.Numbers)
        {
            var value = n.Get(thresholds);
            if (value < n.Min || value > n.Max) errors[n.Name] = $"{n.Label} must be from {n.Min} to {n.Max}";
        }

        foreach (var problem in thresholds.Validate().Where(p => !DriftThresholds.Numbers.Any(n => p.StartsWith(n.Label, StringComparison.Ordinal))))
        {
            errors.TryAdd("referralStandards", problem);
        }

        foreach (var (service, code) in thresholds.ReferralStandards.Where(s => Services.IsKnown(s.Key)))
        {
            if (!(await ReferralStandardOptionsAsync(service, ct)).Any(t => t.Code == code))
            {
                errors[$"referralStandards.{service}"] = $"Select a timescale offered on {Services.Title(service)} cases, or none";
            }
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why)) errors["reason"] = "Enter why you are changing the thresholds";
        else if (why.Length > DriftLimits.ReasonLength) errors["reason"] = $"Reason must be {DriftLimits.ReasonLength} characters or fewer";
        if (errors.Count > 0) return Outcome<DriftThresholdsVersion>.Invalid(errors);

        var json = DriftSettings.ToJson(thresholds);
        var version = new DriftThresholdsVersion { Json = json, ChangedAt = clock.GetUtcNow(), ChangedByName = user.UserName, Reason = why! };
        db.Set<DriftThresholdsVersion>().Add(version);
        audit.Add(user, AuditActions.DriftThresholdsChanged, "drift-thresholds", null, details: $"{why}; {System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString()}");
        await db.SaveChangesAsync(ct);
        await settings.ReloadAsync(ct);
        return Outcome<DriftThresholdsVersion>.Ok(version);
    }
}
