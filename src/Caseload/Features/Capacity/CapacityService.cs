using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Features.Supervision;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Capacity;

/// <summary>One open case on a practitioner's load: its points and why. A restricted case the reader may not see has no id or name.</summary>
public sealed record CaseLoadLine(Guid? CaseId, Guid? PersonId, string? PersonName, string? Service, Risk? Risk, decimal Points, string Explanation);

/// <summary>A practitioner's capacity as their supervisor chain, their service managers and they themselves see it.</summary>
public sealed record PractitionerCapacityView(
    Supervisee Practitioner,
    CapacityBasis Basis,
    int Version,
    string? LastChange,
    CapacityFigure Capacity,
    decimal LoadPoints,
    decimal? Utilisation,
    CapacityBand Band,
    IReadOnlyList<CaseLoadLine> Cases,
    IReadOnlyList<CapacityAdjustment> Adjustments,
    bool MayChange,
    DateOnly Today,
    IReadOnlyList<Escalations.CapacityEscalation> OpenEscalations);

/// <summary>Open cases a practitioner holds in one service: how many, how many red, and their points.</summary>
public sealed record ServiceLoad(int Cases, int RedCases, decimal Points);

/// <summary>A practitioner's capacity facts today: settings, capacity after adjustments, and their open cases by service.</summary>
public sealed record HolderLoad(CapacityBasis Basis, decimal CapacityPoints, IReadOnlyDictionary<string, ServiceLoad> ByService)
{
    public int Cases => ByService.Values.Sum(s => s.Cases);
    public int RedCases => ByService.Values.Sum(s => s.RedCases);
    public decimal LoadPoints => ByService.Values.Sum(s => s.Points);
}

/// <summary>A practitioner's capacity and load for allocating a case: the load without that case, and the services they work in.</summary>
public sealed record PractitionerLoad(CapacityBasis Basis, decimal CapacityPoints, decimal LoadPoints, IReadOnlySet<string> Services, bool HoldsCase);

public sealed record CapacitySettingsInput(decimal? Fte, bool? NewlyQualified, int? FullTimePoints, string? Reason);

public sealed record AdjustmentInput(string? Kind, int? Points, int? Percent, string? Reason, DateOnly? From, DateOnly? Until, string? AgreedBy);

/// <summary>
/// Weighted caseloads against capacity, for the right people only: a practitioner, their supervisor chain and the service managers of
/// their services read it (anyone else is told it does not exist); the chain and those service managers change the settings and agree
/// adjustments. The one writer of capacity settings, adjustments and the weighting scheme, each audited.
/// </summary>
public sealed class CapacityService(CaseloadDb db, AuditTrail audit, TimeProvider clock, WeightingSettings settings, Escalations.EscalationRouting escalations)
{
    internal sealed record HeldRow(Guid CaseId, Guid PersonId, string PersonName, string Holder, string Service, Risk Risk, Complexity? Complexity,
        bool Restricted, bool ChildProtectionPlan, bool LookedAfter, bool CourtWork, int Workers);

    public DateOnly Today => UkTime.Today(clock);

    public CapacityRules Rules => settings.Rules;

    public async Task<Outcome<PractitionerCapacityView>> ForPractitionerAsync(CurrentUser user, string? userName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var practitioner = string.IsNullOrWhiteSpace(userName) ? await SupervisionAccess.FindByIdAsync(db, user.Id, ct) : await SupervisionAccess.FindAsync(db, userName, ct);
        if (practitioner is null || !await SupervisionAccess.MayReadAsync(db, user, practitioner, ct)) return Outcome<PractitionerCapacityView>.NotFound();
        var view = await LoadViewAsync(user, practitioner, ct);
        // One view: whose capacity and its figures, with the cases it showed (those the reader may see).
        await audit.RecordListAsync(user, AuditActions.CapacityViewed, view.Cases.Where(c => c.CaseId is not null).Select(c => c.CaseId!.Value),
            $"practitioner={practitioner.UserName}; load={CapacityRules.Format(view.LoadPoints)}; capacity={CapacityRules.Format(view.Capacity.CapacityPoints)}; band={view.Band.ToCode()}",
            personId: null, ct);
        return Outcome<PractitionerCapacityView>.Ok(view);
    }

    /// <summary>A practitioner's capacity for a form that changes it: not found, forbidden, or the view (no cases are shown, so none audited).</summary>
    public async Task<Outcome<PractitionerCapacityView>> ToChangeAsync(CurrentUser user, string? userName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (practitioner, refused) = await FindToChangeAsync<PractitionerCapacityView>(user, userName, ct);
        return practitioner is null ? refused! : Outcome<PractitionerCapacityView>.Ok(await LoadViewAsync(user, practitioner, ct));
    }

    /// <summary>Changes a practitioner's FTE, full-time points or newly qualified protection, against the version last read.</summary>
    public async Task<Outcome<PractitionerCapacityView>> SaveSettingsAsync(CurrentUser user, string? userName, int expectedVersion, CapacitySettingsInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var (practitioner, refused) = await FindToChangeAsync<PractitionerCapacityView>(user, userName, ct);
        if (practitioner is null) return refused!;
        var row = await db.Set<PractitionerCapacity>().SingleOrDefaultAsync(s => s.UserId == practitioner.Id, ct);
        if ((row?.Version ?? 0) != expectedVersion) return Outcome<PractitionerCapacityView>.Stale(await LoadViewAsync(user, practitioner, ct));

        var errors = new Dictionary<string, string>();
        if (input.Fte is not { } fte) errors["fte"] = "Enter the FTE, from 0.1 to 1";
        else if (fte < CapacityLimits.MinFte || fte > CapacityLimits.MaxFte || fte != Math.Round(fte, 2)) errors["fte"] = "FTE must be from 0.1 to 1, with at most 2 decimal places, like 0.8";
        if (input.NewlyQualified is null) errors["newlyQualified"] = "Say whether the practitioner is newly qualified: true or false";
        var fullTime = WeightingScheme.Numbers.Single(n => n.Name == nameof(WeightingScheme.FullTimePoints));
        if (input.FullTimePoints is { } points && (points < fullTime.Min || points > fullTime.Max)) errors["fullTimePoints"] = $"Full-time points must be from {fullTime.Min} to {fullTime.Max}, or left out for the scheme's";
        var why = input.Reason?.Trim();
        if (string.IsNullOrEmpty(why)) errors["reason"] = "Enter why the capacity settings are changing";
        else if (why.Length > CapacityLimits.ReasonLength) errors["reason"] = $"Reason must be {CapacityLimits.ReasonLength} characters or fewer";
        if (errors.Count > 0) return Outcome<PractitionerCapacityView>.Invalid(errors);

        var before = row?.ToBasis() ?? new CapacityBasis();
        if (row is null)
        {
            row = new PractitionerCapacity { UserId = practitioner.Id, ChangedByName = user.UserName, Reason = why! };
            db.Set<PractitionerCapacity>().Add(row);
        }

        row.Fte = input.Fte!.Value;
        row.NewlyQualified = input.NewlyQualified!.Value;
        row.FullTimePoints = input.FullTimePoints;
        row.ChangedAt = clock.GetUtcNow();
        row.ChangedByName = user.UserName;
        row.Reason = why!;
        row.Version++;
        audit.Add(user, AuditActions.CapacitySettingsChanged, "capacity", practitioner.UserName, details:
            $"{why}; fte {CapacityRules.Format(before.Fte)}→{CapacityRules.Format(row.Fte)}; newlyQualified {before.NewlyQualified}→{row.NewlyQualified}; fullTimePoints {before.FullTimePoints?.ToString(CultureInfo.InvariantCulture) ?? "-"}→{row.FullTimePoints?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved at the same time (a second first save, or a newer version): theirs stands, as a stale change.
            db.ChangeTracker.Clear();
            return Outcome<PractitionerCapacityView>.Stale(await LoadViewAsync(user, practitioner, ct));
        }

        var view = await LoadViewAsync(user, practitioner, ct);
        // The answer shows the capacity with its cases, as a read does.
        await audit.RecordListAsync(user, AuditActions.CapacityCaseListed, view.Cases.Where(c => c.CaseId is not null).Select(c => c.CaseId!.Value), ct);
        return Outcome<PractitionerCapacityView>.Ok(view);
    }

    /// <summary>Records an agreed adjustment: a record of what was negotiated, with who agreed it, never a setting changed in place.</summary>
    public async Task<Outcome<CapacityAdjustment>> AddAdjustmentAsync(CurrentUser user, string? userName, AdjustmentInput input, bool raiseIfOver = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var (practitioner, refused) = await FindToChangeAsync<CapacityAdjustment>(user, userName, ct);
        if (practitioner is null) return refused!;

        var errors = new Dictionary<string, string>();
        var kind = AdjustmentKind.Reduction;
        if (string.IsNullOrWhiteSpace(input.Kind)) errors["kind"] = "Select the kind of adjustment: reduction, responsibility or leave";
        else if (!CapacityCodes.TryParseKind(input.Kind, out kind)) errors["kind"] = "Kind must be reduction, responsibility or leave";
        if (input.Points is null && input.Percent is null) errors["points"] = "Enter the points or the percent the adjustment takes off capacity";
        else if (input.Points is not null && input.Percent is not null) errors["percent"] = "Enter points or a percent, not both";
        else if (input.Points is { } points && points is < 1 or > CapacityLimits.MaxAdjustmentPoints) errors["points"] = $"Points must be a whole number from 1 to {CapacityLimits.MaxAdjustmentPoints}";
        else if (input.Percent is { } percent && percent is < 1 or > 100) errors["percent"] = "Percent must be a whole number from 1 to 100";
        var why = input.Reason?.Trim();
        if (string.IsNullOrEmpty(why)) errors["reason"] = "Enter the reason for the adjustment";
        else if (why.Length > CapacityLimits.ReasonLength) errors["reason"] = $"Reason must be {CapacityLimits.ReasonLength} characters or fewer";
        var today = Today;
        if (input.From is not { } from) errors["from"] = "Enter the date the adjustment starts";
        else if (from < today.AddYears(-1) || from > today.AddYears(2)) errors["from"] = "The start must be within a year before today and two years after";
        if (input.Until is { } until && input.From is { } start && until < start) errors["until"] = "The end must be on or after the start";
        else if (input.Until is { } end && end > today.AddYears(5)) errors["until"] = "The end must be within five years of today";
        Supervisee? agreedBy = null;
        if (string.IsNullOrWhiteSpace(input.AgreedBy)) errors["agreedBy"] = "Enter the user name of who agreed the adjustment";
        else if ((agreedBy = await SupervisionAccess.FindAsync(db, input.AgreedBy, ct)) is null || !agreedBy.IsActive) errors["agreedBy"] = "No active user with this user name";
        if (errors.Count > 0) return Outcome<CapacityAdjustment>.Invalid(errors);

        var adjustment = new CapacityAdjustment
        {
            Id = Guid.CreateVersion7(),
            UserId = practitioner.Id,
            Kind = kind,
            Points = input.Points,
            Percent = input.Percent,
            Reason = why!,
            From = input.From!.Value,
            Until = input.Until,
            AgreedById = agreedBy!.Id,
            AgreedByName = agreedBy.UserName,
            RecordedAt = clock.GetUtcNow(),
            RecordedByName = user.UserName,
        };
        db.Set<CapacityAdjustment>().Add(adjustment);
        audit.Add(user, AuditActions.CapacityAdjustmentAgreed, "capacity-adjustment", adjustment.Id.ToString(), details:
            $"practitioner={practitioner.UserName}; kind={kind.ToCode()}; {(adjustment.Percent is { } p ? $"percent={p}" : $"points={CapacityRules.Format(adjustment.Points!.Value)}")}; from={adjustment.From:yyyy-MM-dd}; until={adjustment.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}; agreedBy={agreedBy.UserName}; {why}");
        await db.SaveChangesAsync(ct);
        if (raiseIfOver) await RaiseIfOverAsync(practitioner.Id, $"a {kind.ToCode()} adjustment", ct);
        return Outcome<CapacityAdjustment>.Ok(adjustment);
    }

    public async Task<IReadOnlyList<WeightingSchemeVersion>> SchemeVersionsAsync(CancellationToken ct = default) =>
        await db.Set<WeightingSchemeVersion>().AsNoTracking().OrderByDescending(v => v.Id).Take(50).ToListAsync(ct);

    /// <summary>Saves a new weighting scheme as a version with its reason, audited, once it is within its safe limits.</summary>
    public async Task<Outcome<WeightingSchemeVersion>> SaveSchemeAsync(CurrentUser user, WeightingScheme scheme, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scheme);
        var errors = new Dictionary<string, string>(scheme.Validate());
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why)) errors["reason"] = "Enter why you are changing the weighting scheme";
        else if (why.Length > CapacityLimits.ReasonLength) errors["reason"] = $"Reason must be {CapacityLimits.ReasonLength} characters or fewer";
        if (errors.Count > 0) return Outcome<WeightingSchemeVersion>.Invalid(errors);

        var json = WeightingSettings.ToJson(scheme);
        var version = new WeightingSchemeVersion { Json = json, ChangedAt = clock.GetUtcNow(), ChangedByName = user.UserName, Reason = why! };
        db.Set<WeightingSchemeVersion>().Add(version);
        audit.Add(user, AuditActions.CapacitySchemeChanged, "weighting-scheme", null, details: $"{why}; {System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString()}");
        await db.SaveChangesAsync(ct);
        await settings.ReloadAsync(ct);
        return Outcome<WeightingSchemeVersion>.Ok(version);
    }

    /// <summary>The practitioner's supervisor chain, and service managers of their services, change capacity; the practitioner does not.</summary>
    public async Task<bool> MayChangeAsync(CurrentUser user, Supervisee practitioner, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(practitioner);
        if (practitioner.Id == user.Id || !practitioner.IsActive) return false;
        if (SupervisionAccess.Supervises(user, practitioner)) return true;
        return user.IsInRole(Roles.ServiceManager) && await SupervisionAccess.MayReadAsync(db, user, practitioner, ct);
    }

    private async Task<(Supervisee? Practitioner, Outcome<T>? Refused)> FindToChangeAsync<T>(CurrentUser user, string? userName, CancellationToken ct)
    {
        var practitioner = await SupervisionAccess.FindAsync(db, userName, ct);
        if (practitioner is null || !await SupervisionAccess.MayReadAsync(db, user, practitioner, ct)) return (null, Outcome<T>.NotFound());
        if (!await MayChangeAsync(user, practitioner, ct))
        {
            return (null, Outcome<T>.Forbidden("A practitioner's supervisor chain and the service managers of their services change their capacity."));
        }

        return (practitioner, null);
    }

    private async Task<PractitionerCapacityView> LoadViewAsync(CurrentUser user, Supervisee practitioner, CancellationToken ct)
    {
        var today = Today;
        var rules = Rules;
        var row = await db.Set<PractitionerCapacity>().AsNoTracking().SingleOrDefaultAsync(s => s.UserId == practitioner.Id, ct);
        var basis = row?.ToBasis() ?? new CapacityBasis();
        var adjustments = await db.Set<CapacityAdjustment>().AsNoTracking().Where(a => a.UserId == practitioner.Id)
            .OrderByDescending(a => a.From).ThenByDescending(a => a.RecordedAt).ToListAsync(ct);
        var held = await HeldAsync([practitioner.Id], ct);
        var heldIds = held.Select(h => h.CaseId).ToList();
        var visible = (await db.VisibleCases(user).Where(c => heldIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var lines = held.Select(h =>
            {
                var weight = rules.Weigh(Facts(h));
                return visible.Contains(h.CaseId)
                    ? new CaseLoadLine(h.CaseId, h.PersonId, h.PersonName, h.Service, h.Risk, weight.Points, weight.Explanation)
                    : new CaseLoadLine(null, null, null, null, null, weight.Points, $"A restricted case you are not named on: {CapacityRules.Format(weight.Points)} points");
            })
            .OrderByDescending(l => l.Points).ThenBy(l => l.PersonName, StringComparer.Ordinal).ToList();
        var load = lines.Sum(l => l.Points);
        var capacity = rules.CapacityOn(basis, adjustments.Select(a => a.ToFacts()), today);
        var lastChange = row is null ? null : $"{UkTime.Format(row.ChangedAt)} by {row.ChangedByName}: {row.Reason}";
        return new PractitionerCapacityView(practitioner, basis, row?.Version ?? 0, lastChange, capacity, load,
            CapacityRules.Utilisation(load, capacity.CapacityPoints), rules.Band(load, capacity.CapacityPoints), lines, adjustments,
            await MayChangeAsync(user, practitioner, ct), today,
            await db.Set<Escalations.CapacityEscalation>().AsNoTracking()
                .Where(e => e.PractitionerId == practitioner.Id && e.Status == Escalations.EscalationStatus.Open).OrderBy(e => e.RaisedAt).ToListAsync(ct));
    }

    /// <summary>A practitioner's load, capacity, utilisation and band today, with no case named (for escalations: not audited as a read).</summary>
    public async Task<(decimal Load, decimal Capacity, decimal? Utilisation, CapacityBand Band)> FiguresAsync(string practitionerId, CancellationToken ct = default)
    {
        var loads = await LoadsAsync(db.Users.Where(u => u.Id == practitionerId).Select(u => u.Id), ct);
        var mine = loads.GetValueOrDefault(practitionerId) ?? NoLoad(Today);
        return (mine.LoadPoints, mine.CapacityPoints, CapacityRules.Utilisation(mine.LoadPoints, mine.CapacityPoints), Rules.Band(mine.LoadPoints, mine.CapacityPoints));
    }

    /// <summary>After a change to a practitioner's load or capacity: raises an escalation when it put them over and none is open.</summary>
    public async Task RaiseIfOverAsync(string practitionerId, string trigger, CancellationToken ct = default) =>
        await escalations.RaiseIfOverAsync(practitionerId, await FiguresAsync(practitionerId, ct), trigger, ct);

    /// <summary>After an allocation over capacity made with a rationale: raises the escalation (or adds to the open one) with it.</summary>
    public async Task RaiseForAllocationAsync(string practitionerId, string trigger, CurrentUser allocatedBy, string rationale, CancellationToken ct = default) =>
        await escalations.RaiseForAllocationAsync(practitionerId, await FiguresAsync(practitionerId, ct), trigger, allocatedBy, rationale, ct);

    /// <summary>
    /// The capacity facts of everyone in <paramref name="holders"/> today, the one loader every capacity figure comes from: their
    /// settings and adjustments in force, and the open cases they hold (allocated or as a co-worker) summed by service, from the
    /// points stored on each case. A case whose stored points were weighed under another scheme (until the background job
    /// re-weighs it) is weighed live here. The holders are a query, not a list, so everyone in a service manager's services
    /// is a subquery rather than thousands of parameters. No case is named, so nothing is audited here. Only those with a
    /// case, settings or an adjustment are in the answer; anyone else has <see cref="NoLoad(DateOnly)"/>.
    /// </summary>
    public async Task<Dictionary<string, HolderLoad>> LoadsAsync(IQueryable<string> holders, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(holders);
        var today = Today;
        var rules = Rules;
        var stamp = rules.Stamp;
        var open = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Open);
        // Stored points, summed in the database by holder and service: allocated, then co-worked (a co-worker who also holds
        // the case counts it once).
        // (Cases weighed under another scheme are counted apart, and weighed live below.)
        var allocated = await open.Where(c => c.AllocatedToId != null && holders.Contains(c.AllocatedToId))
            .GroupBy(c => new { Holder = c.AllocatedToId!, c.Service })
            .Select(g => new HeldSum(g.Key.Holder, g.Key.Service, g.Count(c => c.WeightStamp == stamp), g.Count(c => c.WeightStamp == stamp && c.Risk == Risk.Red),
                g.Sum(c => c.WeightStamp == stamp ? c.WeightTenths ?? 0 : 0), g.Count(c => c.WeightStamp != stamp)))
            .ToListAsync(ct);
        var coWorked = await (from w in db.CaseCoWorkers
                              join c in open on w.CaseId equals c.Id
                              where holders.Contains(w.UserId) && w.UserId != c.AllocatedToId
                              group c by new { Holder = w.UserId, c.Service } into g
                              select new HeldSum(g.Key.Holder, g.Key.Service, g.Count(c => c.WeightStamp == stamp), g.Count(c => c.WeightStamp == stamp && c.Risk == Risk.Red),
                                  g.Sum(c => c.WeightStamp == stamp ? c.WeightTenths ?? 0 : 0), g.Count(c => c.WeightStamp != stamp)))
            .ToListAsync(ct);
        var sums = allocated.Concat(coWorked).Where(h => h.Cases > 0).Select(h => (h.Holder, h.Service, h.Cases, h.RedCases, Points: h.Tenths / 10m)).ToList();

        // Not weighed under the scheme in force yet (after a change of scheme, until the job reaches them): weighed live, case by case.
        var staleAllocated = open.Where(c => c.AllocatedToId != null && holders.Contains(c.AllocatedToId) && c.WeightStamp != stamp)
            .Select(c => new { Holder = c.AllocatedToId!, CaseId = c.Id });
        var staleCoWorked = from w in db.CaseCoWorkers
                            join c in open on w.CaseId equals c.Id
                            where holders.Contains(w.UserId) && w.UserId != c.AllocatedToId && c.WeightStamp != stamp
                            select new { Holder = w.UserId, CaseId = c.Id };
        var stale = allocated.Concat(coWorked).Any(h => h.Stale > 0) ? await staleAllocated.Concat(staleCoWorked).ToListAsync(ct) : [];
        if (stale.Count > 0)
        {
            var staleIds = stale.Select(s => s.CaseId).Distinct().ToList();
            var weighed = await CaseWeights.FactsOf(db, db.Cases.AsNoTracking().Where(c => staleIds.Contains(c.Id))).ToDictionaryAsync(c => c.CaseId, ct);
            sums.AddRange(stale.Select(s => weighed[s.CaseId]).Zip(stale, (c, s) =>
                (s.Holder, c.Service, 1, c.Risk == Risk.Red ? 1 : 0, rules.Weigh(c.Facts).Points)));
        }

        var bases = await db.Set<PractitionerCapacity>().AsNoTracking().Where(s => holders.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
        var adjustments = (await db.Set<CapacityAdjustment>().AsNoTracking()
                .Where(a => holders.Contains(a.UserId) && a.From <= today && (a.Until == null || a.Until >= today)).ToListAsync(ct))
            .ToLookup(a => a.UserId);
        var held = sums.ToLookup(s => s.Holder, StringComparer.Ordinal);
        var ids = held.Select(g => g.Key).Concat(bases.Keys).Concat(adjustments.Select(g => g.Key)).ToHashSet(StringComparer.Ordinal);
        return ids.ToDictionary(id => id, id =>
        {
            var basis = bases.GetValueOrDefault(id)?.ToBasis() ?? new CapacityBasis();
            var byService = held[id].GroupBy(h => h.Service, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new ServiceLoad(g.Sum(h => h.Cases), g.Sum(h => h.RedCases), g.Sum(h => h.Points)), StringComparer.Ordinal);
            return new HolderLoad(basis, rules.CapacityOn(basis, adjustments[id].Select(a => a.ToFacts()), today).CapacityPoints, byService);
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// People already found, as a query each figure reads them from: their ids go as one parameter (a JSON array on SQLite, an
    /// array on PostgreSQL), not as a parameter an id, which makes a service manager's thousands a statement too long to prepare
    /// quickly, nor as the query that found them, which each statement would evaluate again.
    /// </summary>
    public IQueryable<string> Holders(IEnumerable<string> userIds)
    {
        var ids = userIds.ToList();
        return db.Users.Where(u => EF.Parameter(ids).Contains(u.Id)).Select(u => u.Id);
    }

    /// <summary>
    /// For allocation: each candidate's capacity today, the load they carry without <paramref name="caseId"/>, the services of
    /// the open cases they hold, and whether they hold that case already (from <see cref="LoadsAsync"/>, less the case).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PractitionerLoad>> LoadsForAllocationAsync(IQueryable<string> candidates, Guid? caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var loads = await LoadsAsync(candidates, ct);
        // The case itself, if open: who carries it and what it weighs for each of them, to take off their load.
        (HashSet<string> Holders, string Service, decimal Points)? the = null;
        if (caseId is { } id)
        {
            var stamp = Rules.Stamp;
            var found = await db.Cases.AsNoTracking().Where(c => c.Id == id && c.Status == CaseStatus.Open)
                .Select(c => new { c.AllocatedToId, c.Service, c.WeightTenths, c.WeightStamp, CoWorkers = c.CoWorkers.Select(w => w.UserId).ToList() })
                .SingleOrDefaultAsync(ct);
            if (found is not null)
            {
                var points = found.WeightStamp == stamp && found.WeightTenths is { } tenths
                    ? tenths / 10m
                    : Rules.Weigh((await CaseWeights.FactsOf(db, db.Cases.AsNoTracking().Where(c => c.Id == id)).SingleAsync(ct)).Facts).Points;
                var holders = found.CoWorkers.ToHashSet(StringComparer.Ordinal);
                if (found.AllocatedToId is { } holder) holders.Add(holder);
                the = (holders, found.Service, points);
            }
        }

        return loads.ToDictionary(l => l.Key, l =>
        {
            var load = l.Value;
            var holds = the is { } t && t.Holders.Contains(l.Key);
            var services = load.ByService.Where(s => !(holds && s.Key == the!.Value.Service && s.Value.Cases <= 1)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            return new PractitionerLoad(load.Basis, load.CapacityPoints, load.LoadPoints - (holds ? the!.Value.Points : 0m), services, holds);
        }, StringComparer.Ordinal);
    }

    /// <summary>The load of someone with no open case, no settings and no adjustment: the scheme's full-time capacity.</summary>
    public PractitionerLoad NoLoad() => new(new CapacityBasis(), Rules.CapacityOn(new CapacityBasis(), [], Today).CapacityPoints, 0m, new HashSet<string>(StringComparer.Ordinal), false);

    /// <summary>As <see cref="NoLoad()"/>, as the loader answers it.</summary>
    public HolderLoad NoLoad(DateOnly today) => new(new CapacityBasis(), Rules.CapacityOn(new CapacityBasis(), [], today).CapacityPoints, new Dictionary<string, ServiceLoad>());

    private sealed record HeldSum(string Holder, string Service, int Cases, int RedCases, int Tenths, int Stale);

    /// <summary>The open cases the practitioners hold, allocated or as a co-worker, with what the scheme weighs. Two indexed queries.</summary>
    internal async Task<List<HeldRow>> HeldAsync(List<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var allocated = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Open && c.AllocatedToId != null && ids.Contains(c.AllocatedToId))
            .Select(c => new HeldRow(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName, c.AllocatedToId!, c.Service, c.Risk, c.Complexity, c.Restricted,
                c.Person.Characteristics.Any(ch => ch.Code == Characteristics.ChildProtectionPlan),
                c.Person.Characteristics.Any(ch => ch.Code == Characteristics.LookedAfter),
                c.Person.Characteristics.Any(ch => ch.Code == Characteristics.YouthJustice),
                1 + c.CoWorkers.Count(w => w.UserId != c.AllocatedToId)))
            .ToListAsync(ct);
        var coWorked = await (from w in db.CaseCoWorkers
                              join c in db.Cases on w.CaseId equals c.Id
                              where ids.Contains(w.UserId) && c.Status == CaseStatus.Open && w.UserId != c.AllocatedToId
                              select new HeldRow(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName, w.UserId, c.Service, c.Risk, c.Complexity, c.Restricted,
                                  c.Person.Characteristics.Any(ch => ch.Code == Characteristics.ChildProtectionPlan),
                                  c.Person.Characteristics.Any(ch => ch.Code == Characteristics.LookedAfter),
                                  c.Person.Characteristics.Any(ch => ch.Code == Characteristics.YouthJustice),
                                  (c.AllocatedToId != null ? 1 : 0) + c.CoWorkers.Count(x => x.UserId != c.AllocatedToId)))
            .ToListAsync(ct);
        allocated.AddRange(coWorked);
        return allocated;
    }

    internal static CaseLoadFacts Facts(HeldRow h) => new(h.Service, h.Complexity, h.ChildProtectionPlan, h.LookedAfter, h.CourtWork, h.Restricted, h.Workers);
}
