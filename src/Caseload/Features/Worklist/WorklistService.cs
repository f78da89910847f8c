using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Time;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Notes;
using Caseload.Features.People;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Worklist;

public sealed record PriorityHistoryEvent(DateTimeOffset At, string Kind, string Detail, string By);

/// <summary>A case whose priority band would change under proposed weights.</summary>
public sealed record BandChange(Guid CaseId, string PersonName, string Service, string? AllocatedTo, PriorityBand From, PriorityBand To, int ScoreBefore, int ScoreAfter);

/// <summary>Where a case stands on its practitioner's worklist, among the open cases the viewer may see there.</summary>
/// <param name="Position">1 for the case to work first.</param>
/// <param name="Of">How many open cases that worklist holds (as the viewer sees it).</param>
/// <param name="Practitioner">Whose worklist: the allocated practitioner's display name.</param>
/// <param name="Yours">The viewer's own worklist.</param>
public sealed record WorklistRank(int Position, int Of, string Practitioner, bool Yours);

/// <summary>Why a case is where it is; Rank is null when the case is allocated to nobody, so on no worklist.</summary>
public sealed record PriorityHistory(WorklistItem Current, IReadOnlyList<PriorityHistoryEvent> Events, IReadOnlyList<PriorityOverrideRecord> Overrides,
    WorklistRank? Rank = null);

/// <summary>Worklists for the right people only, and the one writer of priority overrides; all audited.</summary>
public sealed class WorklistService(CaseloadDb db, AuditTrail audit, TimeProvider clock, Calendars calendars, PrioritySettings settings)
{
    public DateOnly Today => UkTime.Today(clock);

    /// <summary>A practitioner's worklist: their own, or, for a supervisor or manager, a practitioner they supervise.</summary>
    public async Task<Outcome<(CaseloadUser Practitioner, IReadOnlyList<WorklistItem> Items)>> ForPractitionerAsync(CurrentUser user, string? userName,
        WorklistFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalised = userName?.Trim().ToUpperInvariant();
        var target = string.IsNullOrEmpty(normalised)
            ? await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, ct)
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalised, ct);
        if (target is null) return Outcome<(CaseloadUser, IReadOnlyList<WorklistItem>)>.Invalid("userName", "No user with this user name");
        var own = target.Id == user.Id;
        var supervises = target.TeamId is { } team && user.SupervisedTeamIds.Contains(team);
        if (!own && !supervises && !user.IsInRole(Roles.ServiceManager))
        {
            return Outcome<(CaseloadUser, IReadOnlyList<WorklistItem>)>.Forbidden("You can see your own worklist and those of practitioners in teams you supervise.");
        }

        var items = await WorklistQuery.LoadAsync(db, user, WorklistScope.Of(target.Id), filter, settings.Rules, calendars, Today, ct);
        await audit.RecordListAsync(user, AuditActions.WorklistViewed, items.Select(i => i.CaseId), ct);
        return Outcome<(CaseloadUser, IReadOnlyList<WorklistItem>)>.Ok((target, items));
    }

    /// <summary>
    /// A team worklist: every open case the user may see of the teams they look after (a supervisor's teams, a service manager's
    /// teams of their services: <see cref="Supervision.TeamsInView"/>).
    /// </summary>
    public async Task<IReadOnlyList<WorklistItem>> ForTeamsAsync(CurrentUser user, WorklistFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var teams = await Supervision.TeamsInView.IdsAsync(db, user, ct);
        var items = await WorklistQuery.LoadAsync(db, user, WorklistScope.Teams(teams), filter, settings.Rules, calendars, Today, ct);
        await audit.RecordListAsync(user, AuditActions.WorklistViewed, items.Select(i => i.CaseId), ct);
        return items;
    }

    /// <summary>
    /// The restricted open cases of a worklist that the user may not see, counted without details: a practitioner's
    /// (<paramref name="practitionerUserName"/>, the user's own when empty) or, when <paramref name="team"/>, the teams in view.
    /// </summary>
    public async Task<int> RestrictedUnseenAsync(CurrentUser user, string? practitionerUserName, bool team, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (team)
        {
            var teams = await Supervision.TeamsInView.IdsAsync(db, user, ct);
            return await Supervision.TeamsInView.RestrictedUnseenAsync(db, user, db.Cases.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value)), ct);
        }

        var normalised = practitionerUserName?.Trim().ToUpperInvariant();
        var id = string.IsNullOrEmpty(normalised) ? user.Id : await db.Users.Where(u => u.NormalizedUserName == normalised).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (id is null) return 0;
        var held = db.CaseIdsHeldBy(id);
        return await Supervision.TeamsInView.RestrictedUnseenAsync(db, user, db.Cases.Where(c => held.Contains(c.Id)), ct);
    }

    /// <summary>
    /// Which open cases the user may see would change band under proposed weights, and how, worst first. Audited as a list of
    /// the cases shown.
    /// </summary>
    public async Task<IReadOnlyList<BandChange>> PreviewAsync(CurrentUser user, PriorityRules proposed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(proposed);
        var now = await WorklistQuery.LoadAsync(db, user, WorklistScope.Visible(), new WorklistFilter(), settings.Rules, calendars, Today, ct);
        var then = (await WorklistQuery.LoadAsync(db, user, WorklistScope.Visible(), new WorklistFilter(), proposed, calendars, Today, ct))
            .ToDictionary(i => i.CaseId);
        var changes = now.Where(i => then.TryGetValue(i.CaseId, out var t) && t.Assessment.Band != i.Assessment.Band)
            .Select(i => new BandChange(i.CaseId, i.PersonName, i.Service, i.AllocatedTo, i.Assessment.Band, then[i.CaseId].Assessment.Band, i.Assessment.Score, then[i.CaseId].Assessment.Score))
            .OrderByDescending(c => c.To).ThenByDescending(c => c.ScoreAfter).ThenBy(c => c.CaseId).ToList();
        await audit.RecordListAsync(user, AuditActions.PriorityWeightsPreviewed, changes.Select(c => c.CaseId), ct);
        return changes;
    }

    public async Task<Outcome<PriorityOverrideRecord>> OverrideAsync(CurrentUser user, Guid caseId, string? direction, string? rationale, DateOnly? expiresOn,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var @case = await db.VisibleCases(user).AsNoTracking().Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<PriorityOverrideRecord>.NotFound();
        if (!CasePermissions.CanEdit(user, @case)) return Outcome<PriorityOverrideRecord>.Forbidden("Only the allocated practitioner, their supervisors and service managers change a case's priority.");
        var errors = new Dictionary<string, string>();
        OverrideDirection dir = OverrideDirection.Raise;
        if (direction?.Trim().ToLowerInvariant() is "raise") dir = OverrideDirection.Raise;
        else if (direction?.Trim().ToLowerInvariant() is "lower") dir = OverrideDirection.Lower;
        else errors["direction"] = "Select whether to raise or lower the priority";
        if (string.IsNullOrWhiteSpace(rationale)) errors["rationale"] = "Enter the rationale for changing the priority";
        else if (rationale.Trim().Length > WorklistLimits.RationaleLength) errors["rationale"] = $"Rationale must be {WorklistLimits.RationaleLength} characters or fewer";
        if (expiresOn is { } e && e < Today) errors["expiresOn"] = "The override must end today or later";
        // An override answers something happening now; one meant to last for years is a mistyped date.
        else if (expiresOn is { } far && far > Today.AddYears(1)) errors["expiresOn"] = "The override must end within a year";
        if (@case.Status == CaseStatus.Closed) errors["status"] = "The case is closed";
        if (errors.Count > 0) return Outcome<PriorityOverrideRecord>.Invalid(errors);

        var now = clock.GetUtcNow();
        // One override in force at a time: a new one ends the last, which stays in the history.
        foreach (var previous in await db.Set<PriorityOverrideRecord>().Where(o => o.CaseId == caseId && o.EndedAt == null).ToListAsync(ct))
        {
            previous.EndedAt = now;
            previous.EndedByName = user.UserName;
        }

        var record = new PriorityOverrideRecord
        {
            Id = Guid.CreateVersion7(), CaseId = caseId, Direction = dir, Rationale = rationale!.Trim(), ExpiresOn = expiresOn,
            CreatedAt = now, AuthorId = user.Id, AuthorName = user.UserName,
        };
        if (PriorityRules.ValidateOverride(new PriorityOverride(dir, record.Rationale, record.AuthorName, expiresOn)) is { } invalid)
        {
            return Outcome<PriorityOverrideRecord>.Invalid("rationale", invalid);
        }

        db.Set<PriorityOverrideRecord>().Add(record);
        audit.Add(user, AuditActions.PriorityOverridden, "case", caseId.ToString(), caseId, @case.PersonId,
            $"{dir.ToString().ToLowerInvariant()}; until={expiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}; rationale={record.Rationale}");
        await db.SaveChangesAsync(ct);
        return Outcome<PriorityOverrideRecord>.Ok(record);
    }

    /// <summary>
    /// The case's priority now, for the case page's summary: computed as the worklist computes it, for the caller's visible open
    /// cases (null when the case is closed). Not audited here: the case page records its own read.
    /// </summary>
    public async Task<WorklistItem?> CurrentAsync(CurrentUser user, Guid caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await WorklistQuery.LoadAsync(db, user, WorklistScope.OfCase(caseId), new WorklistFilter(), settings.Rules, calendars, Today, ct))
            .SingleOrDefault(i => i.CaseId == caseId);
    }

    /// <summary>Why the case is where it is now, and the facts that moved it over time.</summary>
    public async Task<PriorityHistory?> HistoryAsync(CurrentUser user, Guid caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The worklist query filters by the caller's visible open cases: an invisible or closed case is null here.
        var current = await CurrentAsync(user, caseId, ct);
        if (current is null) return null;

        // The real rank: the case's place on the viewer's own worklist when they hold it (allocated or co-worker), else on its
        // allocated practitioner's; computed as that worklist is.
        WorklistRank? rank = null;
        var holder = await db.CaseIdsHeldBy(user.Id).ContainsAsync(caseId, ct)
            ? new { AllocatedToId = (string?)user.Id, DisplayName = user.DisplayName }
            : await db.Cases.AsNoTracking().Where(c => c.Id == caseId && c.AllocatedToId != null)
                .Select(c => new { c.AllocatedToId, c.AllocatedTo!.DisplayName }).SingleOrDefaultAsync(ct);
        if (holder is not null)
        {
            var worklist = await WorklistQuery.LoadAsync(db, user, WorklistScope.Of(holder.AllocatedToId!), new WorklistFilter(), settings.Rules, calendars, Today, ct);
            if (worklist.FirstOrDefault(i => i.CaseId == caseId) is { } placed)
            {
                current = current with { Rank = placed.Rank };
                rank = new WorklistRank(placed.Rank, worklist.Count, holder.DisplayName, holder.AllocatedToId == user.Id);
            }
        }

        var events = new List<PriorityHistoryEvent>();
        events.AddRange((await db.RiskChanges.AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync(ct))
            .Select(r => new PriorityHistoryEvent(r.ChangedAt, "risk", r.From is null ? $"Risk rated {r.To.ToCode()}: {r.Reason}" : $"Risk changed from {r.From.Value.ToCode()} to {r.To.ToCode()}: {r.Reason}", r.ChangedByName)));
        var overrides = await db.Set<PriorityOverrideRecord>().AsNoTracking().Where(o => o.CaseId == caseId).OrderByDescending(o => o.CreatedAt).ToListAsync(ct);
        events.AddRange(overrides.Select(o => new PriorityHistoryEvent(o.CreatedAt, "override",
            $"Priority {(o.Direction == OverrideDirection.Raise ? "raised" : "lowered")}{(o.ExpiresOn is { } e ? $" until {UkTime.Format(e)}" : "")}: {o.Rationale}", o.AuthorName)));
        events.AddRange(overrides.Where(o => o.EndedAt is not null).Select(o => new PriorityHistoryEvent(o.EndedAt!.Value, "override-ended", "Override replaced", o.EndedByName ?? "")));
        events.AddRange((await CharacteristicHistory.ForAsync(db, user, current.PersonId, ct))
            .Select(x => new PriorityHistoryEvent(x.ChangedAt, "vulnerability",
                $"{Characteristics.Title(x.Code)} {(x.Added ? "added" : "removed")}: {x.ReasonShown}", x.ChangedByName)));
        events.AddRange((await db.Set<CaseNoteVersion>().AsNoTracking().Where(v => v.CaseId == caseId && v.IsCurrent && v.SafeguardingConcern).ToListAsync(ct))
            .Select(v => new PriorityHistoryEvent(v.RecordedAt, "safeguarding", $"Safeguarding concern recorded in a {NoteTypes.Title(v.Type).ToLowerInvariant()} note", v.AuthorName)));
        events.AddRange((await db.Set<CaseDeadline>().AsNoTracking().Where(d => d.CaseId == caseId).ToListAsync(ct))
            .SelectMany(d => d.MetOn is { } met
                ? new[] { new PriorityHistoryEvent(d.CreatedAt, "deadline", $"{d.Title} due {UkTime.Format(d.DueDate)}", d.CreatedByName), new PriorityHistoryEvent(UkTime.StartOfDay(met), "deadline-met", $"{d.Title} met on {UkTime.Format(met)}", "") }
                : new[] { new PriorityHistoryEvent(d.CreatedAt, "deadline", $"{d.Title} due {UkTime.Format(d.DueDate)}", d.CreatedByName) }));
        await audit.RecordReadAsync(user, AuditActions.PriorityViewed, "case", caseId.ToString(), caseId, current.PersonId, ct: ct);
        return new PriorityHistory(current, events.OrderByDescending(e => e.At).ToList(), overrides, rank);
    }
}
