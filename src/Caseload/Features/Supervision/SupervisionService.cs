using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Supervision;

/// <summary>A case a reader may see, as a session names it.</summary>
public sealed record CaseLabel(Guid CaseId, Guid PersonId, string PersonName);

/// <summary>
/// A session as one reader may see it: every part of the record, but only the case discussions about cases the reader may
/// see (<see cref="Cases"/>); the others are counted, never shown.
/// </summary>
public sealed record SessionView(SupervisionSession Session, IReadOnlyDictionary<Guid, CaseLabel> Cases, bool IsSupervisee, bool MayAmend)
{
    public IEnumerable<SupervisionCaseDiscussion> Visible(SupervisionSessionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.CaseDiscussions.Where(d => Cases.ContainsKey(d.CaseId)).OrderBy(d => d.Position);
    }

    public int Withheld(SupervisionSessionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.CaseDiscussions.Count(d => !Cases.ContainsKey(d.CaseId));
    }

    public SupervisionResponse? ResponseTo(int versionNumber) => Session.Responses.SingleOrDefault(r => r.VersionNumber == versionNumber);
}

/// <summary>One practitioner's place in their supervisor's view: how often, when last, when next due.</summary>
public sealed record SupervisionDueRow(string UserName, string DisplayName, string Team, int EveryWorkingDays, DateOnly? LastOn, SupervisionDue Due, int AwaitingAgreement);

/// <summary>One case decision made in supervision, as the case page shows it (management oversight).</summary>
public sealed record OversightEntry(SupervisionCaseDiscussion Discussion, SupervisionKind Kind, bool IsCurrent, string? AmendmentReason);

/// <summary>The frequency in force for a practitioner, and the change that set it (none: the default).</summary>
public sealed record SupervisionFrequency(int EveryWorkingDays, SupervisionFrequencyChange? SetBy);

/// <summary>
/// The one writer of supervision records. Only the supervisee's supervisor chain records and amends; only the supervisee
/// agrees or disagrees; only the supervisee, the chain and the service managers of the supervisee's service read (others
/// get 404, as for a session that does not exist). Every read and write is audited, and each case discussion also against
/// its case, because it is management oversight on that child's record.
/// </summary>
public sealed class SupervisionService(CaseloadDb db, AuditTrail audit, TaskService tasks, TimeProvider clock, Calendars calendars, IConfiguration config)
{
    public DateOnly Today => UkTime.Today(clock);

    /// <summary>Working days are counted on the authority's default division (practitioners, unlike cases, have no service).</summary>
    public WorkingDayCalendar Calendar =>
        calendars.For(DivisionCodes.TryParse(config["Deadlines:DefaultDivision"] ?? DivisionCodes.EnglandAndWales, out var d) ? d : Division.EnglandAndWales);

    public async Task<Outcome<SupervisionSession>> RecordAsync(CurrentUser user, string? practitionerUserName, SessionContent content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        if (string.IsNullOrWhiteSpace(practitionerUserName)) return Outcome<SupervisionSession>.Invalid("practitioner", "Enter the user name of the supervisee");
        var practitioner = await SupervisionAccess.FindAsync(db, practitionerUserName, ct);
        if (practitioner is null || !practitioner.IsActive) return Outcome<SupervisionSession>.Invalid("practitioner", $"No active user named {practitionerUserName.Trim()}");
        if (!SupervisionAccess.Supervises(user, practitioner)) return Outcome<SupervisionSession>.Forbidden(NotTheirSupervisor);

        var today = Today;
        var errors = SupervisionRules.Validate(content, today);
        var checkedContent = await CheckCasesAndOwnersAsync(user, content, errors, ct);
        if (errors.Count > 0) return Outcome<SupervisionSession>.Invalid(errors);

        var now = clock.GetUtcNow();
        var session = new SupervisionSession
        {
            Id = Guid.CreateVersion7(),
            PractitionerId = practitioner.Id,
            PractitionerUserName = practitioner.UserName,
            PractitionerName = practitioner.DisplayName,
            SupervisorId = user.Id,
            SupervisorName = user.DisplayName,
            RecordedAt = now,
            Version = 1,
            CurrentVersion = 1,
            OccurredOn = content.OccurredOn!.Value,
            Kind = SupervisionCodes.TryParseKind(content.Kind, out var kind) ? kind : SupervisionKind.OneToOne,
            NextSessionOn = content.NextSessionOn,
            Status = SupervisionStatus.AwaitingAgreement,
        };
        var version = NewVersion(user, session, 1, content, checkedContent, now, reason: null, previous: null);
        session.Versions.Add(version);
        db.Add(session);
        audit.Add(user, AuditActions.SupervisionRecorded, "supervision", session.Id.ToString(), details: Describe(session, version));
        AuditDiscussions(user, session, version, checkedContent);
        await db.SaveChangesAsync(ct);
        return Outcome<SupervisionSession>.Ok(session);
    }

    /// <summary>A new version of the record with the reason; earlier versions stay readable. The supervisee is asked to agree again.</summary>
    public async Task<Outcome<SupervisionSession>> AmendAsync(CurrentUser user, Guid id, int expectedVersion, SessionContent content, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        var session = await LoadAsync(id, tracked: true, ct);
        if (session is null) return Outcome<SupervisionSession>.NotFound();
        var practitioner = await SupervisionAccess.FindByIdAsync(db, session.PractitionerId, ct);
        if (practitioner is null || !await SupervisionAccess.MayReadAsync(db, user, practitioner, ct)) return Outcome<SupervisionSession>.NotFound();
        if (!SupervisionAccess.Supervises(user, practitioner)) return Outcome<SupervisionSession>.Forbidden("Only the supervisee's supervisors amend the record of a session.");
        // An amendment restates the whole record: whoever cannot see a case it discusses cannot restate that discussion.
        var discussed = session.Current.CaseDiscussions.Select(d => d.CaseId).Distinct().ToList();
        if (await db.VisibleCases(user).CountAsync(c => discussed.Contains(c.Id), ct) != discussed.Count)
        {
            return Outcome<SupervisionSession>.Forbidden("This session discusses a case you may not see: only someone who may see every case it discusses amends it.");
        }

        if (session.Version != expectedVersion) return Outcome<SupervisionSession>.Stale(session);

        var errors = SupervisionRules.Validate(content, Today, session.Versions.Min(v => v.OccurredOn));
        if (SupervisionRules.ValidateReason(reason, "Enter why you are amending the record") is { } reasonError) errors["reason"] = reasonError;
        var checkedContent = await CheckCasesAndOwnersAsync(user, content, errors, ct);
        if (errors.Count > 0) return Outcome<SupervisionSession>.Invalid(errors);

        var now = clock.GetUtcNow();
        var previous = session.Current;
        var version = NewVersion(user, session, previous.Number + 1, content, checkedContent, now, reason!.Trim(), previous);
        session.Versions.Add(version);
        session.CurrentVersion = version.Number;
        session.OccurredOn = version.OccurredOn;
        session.Kind = version.Kind;
        session.NextSessionOn = version.NextSessionOn;
        session.Status = SupervisionStatus.AwaitingAgreement;
        session.Version++;
        audit.Add(user, AuditActions.SupervisionAmended, "supervision", session.Id.ToString(), details: $"{Describe(session, version)}; reason={version.AmendmentReason}");
        AuditDiscussions(user, session, version, checkedContent);
        return await SaveAsync(session, expectedVersion, ct);
    }

    /// <summary>The supervisee agrees with the version in force, or records their disagreement with a comment; once per version.</summary>
    public async Task<Outcome<SupervisionSession>> RespondAsync(CurrentUser user, Guid id, int? expectedVersion, bool? agreed, string? comment,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = await LoadAsync(id, tracked: true, ct);
        if (session is null) return Outcome<SupervisionSession>.NotFound();
        var practitioner = await SupervisionAccess.FindByIdAsync(db, session.PractitionerId, ct);
        if (practitioner is null || !await SupervisionAccess.MayReadAsync(db, user, practitioner, ct)) return Outcome<SupervisionSession>.NotFound();
        if (practitioner.Id != user.Id) return Outcome<SupervisionSession>.Forbidden("Only the supervisee agrees or disagrees with the record of their supervision.");
        if (expectedVersion is { } expected && expected != session.Version) return Outcome<SupervisionSession>.Stale(session);
        if (session.Responses.Any(r => r.VersionNumber == session.CurrentVersion))
        {
            return Outcome<SupervisionSession>.Invalid("status", session.Status == SupervisionStatus.Agreed
                ? "You have already agreed with this record"
                : "You have already recorded your disagreement with this record");
        }

        var errors = SupervisionRules.ValidateResponse(agreed, comment);
        if (errors.Count > 0) return Outcome<SupervisionSession>.Invalid(errors);

        var readVersion = session.Version;
        var response = new SupervisionResponse
        {
            SessionId = session.Id,
            VersionNumber = session.CurrentVersion,
            Agreed = agreed!.Value,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            At = clock.GetUtcNow(),
            ById = user.Id,
            ByName = user.DisplayName,
        };
        session.Responses.Add(response);
        session.Status = response.Agreed ? SupervisionStatus.Agreed : SupervisionStatus.Disagreed;
        session.Version++;
        audit.Add(user, response.Agreed ? AuditActions.SupervisionAgreed : AuditActions.SupervisionDisagreed, "supervision", session.Id.ToString(),
            details: $"version={response.VersionNumber}");
        return await SaveAsync(session, readVersion, ct);
    }

    /// <summary>A session for a reader who may read it (audited, with each case discussion shown against its case), else null.</summary>
    public async Task<SessionView?> ReadAsync(CurrentUser user, Guid id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = await LoadAsync(id, tracked: false, ct);
        if (session is null) return null;
        var practitioner = await SupervisionAccess.FindByIdAsync(db, session.PractitionerId, ct);
        if (practitioner is null || !await SupervisionAccess.MayReadAsync(db, user, practitioner, ct)) return null;

        var labels = await LabelsAsync(user, session, ct);
        audit.Add(user, AuditActions.SupervisionViewed, "supervision", session.Id.ToString(), details: $"practitioner={session.PractitionerUserName}");
        foreach (var label in labels.Values)
        {
            audit.Add(user, AuditActions.SupervisionDiscussionViewed, "supervision", session.Id.ToString(), label.CaseId, label.PersonId);
        }

        await db.SaveChangesAsync(ct);
        return new SessionView(session, labels, practitioner.Id == user.Id, SupervisionAccess.Supervises(user, practitioner));
    }

    /// <summary>
    /// The session just written, for the writer's answer: the write is its audit event. Case discussions are shown as the
    /// writer may see them (the supervisee agreeing may not see every case their supervisor discussed).
    /// </summary>
    public async Task<SessionView> ViewAfterWriteAsync(CurrentUser user, SupervisionSession session, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var labels = await LabelsAsync(user, session, ct);
        var isSupervisee = session.PractitionerId == user.Id;
        return new SessionView(session, labels, isSupervisee, !isSupervisee);
    }

    /// <summary>A practitioner's sessions, newest first: the caller's own when no user name is given.</summary>
    public async Task<Outcome<(Supervisee Practitioner, IReadOnlyList<SupervisionSession> Sessions)>> ListAsync(CurrentUser user, string? practitionerUserName,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var practitioner = string.IsNullOrWhiteSpace(practitionerUserName)
            ? await SupervisionAccess.FindByIdAsync(db, user.Id, ct)
            : await SupervisionAccess.FindAsync(db, practitionerUserName, ct);
        if (practitioner is null) return Outcome<(Supervisee, IReadOnlyList<SupervisionSession>)>.Invalid("practitioner", $"No user named {practitionerUserName?.Trim()}");
        if (!await SupervisionAccess.MayReadAsync(db, user, practitioner, ct))
        {
            return Outcome<(Supervisee, IReadOnlyList<SupervisionSession>)>.Forbidden(
                "You can read your own supervision and that of the practitioners you supervise, or who work in a service you manage.");
        }

        var practitionerId = practitioner.Id;
        var sessions = await db.Set<SupervisionSession>().AsNoTracking().Where(s => s.PractitionerId == practitionerId)
            .OrderByDescending(s => s.OccurredOn).ThenByDescending(s => s.RecordedAt).Take(500).ToListAsync(ct);
        await audit.RecordReadAsync(user, AuditActions.SupervisionListed, "user", practitioner.Id, details: $"practitioner={practitioner.UserName}; sessions={sessions.Count}", ct: ct);
        return Outcome<(Supervisee, IReadOnlyList<SupervisionSession>)>.Ok((practitioner, sessions));
    }

    /// <summary>How many of the user's own sessions wait for their agreement.</summary>
    public Task<int> AwaitingMyAgreementAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        return db.Set<SupervisionSession>().CountAsync(s => s.PractitionerId == userId && s.Status == SupervisionStatus.AwaitingAgreement, ct);
    }

    /// <summary>Every active member of the teams the user supervises (but the user): when their supervision is next due.</summary>
    public async Task<IReadOnlyList<SupervisionDueRow>> DueForTeamsAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var teams = user.SupervisedTeamIds;
        var userId = user.Id;
        var members = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.TeamId != null && teams.Contains(u.TeamId.Value) && u.Id != userId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, Team = u.Team!.Name })
            .ToListAsync(ct);
        if (members.Count == 0) return [];
        var ids = members.Select(m => m.Id).ToList();
        var sessions = await db.Set<SupervisionSession>().AsNoTracking().Where(s => ids.Contains(s.PractitionerId))
            .Select(s => new { s.PractitionerId, s.OccurredOn, s.NextSessionOn, s.RecordedAt, s.Status }).ToListAsync(ct);
        var frequencies = await FrequenciesAsync(ids, ct);
        var today = Today;
        var calendar = Calendar;
        return members.Select(m =>
            {
                var theirs = sessions.Where(s => s.PractitionerId == m.Id).ToList();
                var last = theirs.OrderByDescending(s => s.OccurredOn).ThenByDescending(s => s.RecordedAt).FirstOrDefault();
                var every = frequencies.TryGetValue(m.Id, out var f) ? f.EveryWorkingDays : SupervisionRules.DefaultEveryWorkingDays;
                var due = SupervisionRules.Due(last?.OccurredOn, last?.NextSessionOn, every, today, calendar);
                return new SupervisionDueRow(m.UserName!, m.DisplayName, m.Team, every, last?.OccurredOn, due,
                    theirs.Count(s => s.Status == SupervisionStatus.AwaitingAgreement));
            })
            // Those waiting longest first: never supervised, then overdue by most, then the soonest due.
            .OrderBy(r => r.Due.State switch { SupervisionDueState.NotYetSupervised => 0, SupervisionDueState.Overdue => 1, SupervisionDueState.DueSoon => 2, _ => 3 })
            .ThenBy(r => r.Due.DueOn).ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<SupervisionFrequency> FrequencyAsync(string practitionerId, CancellationToken ct = default)
    {
        var change = await db.Set<SupervisionFrequencyChange>().AsNoTracking().Where(c => c.PractitionerId == practitionerId)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        return new SupervisionFrequency(change?.EveryWorkingDays ?? SupervisionRules.DefaultEveryWorkingDays, change);
    }

    /// <summary>A practitioner's frequency and when their next session is due, from their sessions newest first.</summary>
    public async Task<(SupervisionFrequency Frequency, SupervisionDue Due)> DueForAsync(Supervisee practitioner, IReadOnlyList<SupervisionSession> newestFirst,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        ArgumentNullException.ThrowIfNull(newestFirst);
        var frequency = await FrequencyAsync(practitioner.Id, ct);
        var last = newestFirst.Count > 0 ? newestFirst[0] : null;
        return (frequency, SupervisionRules.Due(last?.OccurredOn, last?.NextSessionOn, frequency.EveryWorkingDays, Today, Calendar));
    }

    /// <summary>Whether the user may set the practitioner's frequency: a supervisor in their chain, or an administrator.</summary>
    public static bool MaySetFrequency(CurrentUser user, Supervisee practitioner)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SupervisionAccess.Supervises(user, practitioner) || user.IsInRole(Roles.Administrator);
    }

    public async Task<Outcome<SupervisionFrequencyChange>> SetFrequencyAsync(CurrentUser user, string? practitionerUserName, int? everyWorkingDays, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var practitioner = await SupervisionAccess.FindAsync(db, practitionerUserName, ct);
        if (practitioner is null || !practitioner.IsActive) return Outcome<SupervisionFrequencyChange>.NotFound();
        if (!MaySetFrequency(user, practitioner)) return Outcome<SupervisionFrequencyChange>.Forbidden("Only the practitioner's supervisors and administrators set how often they are supervised.");
        var errors = SupervisionRules.ValidateFrequency(everyWorkingDays, reason);
        if (errors.Count > 0) return Outcome<SupervisionFrequencyChange>.Invalid(errors);

        var change = new SupervisionFrequencyChange
        {
            PractitionerId = practitioner.Id,
            EveryWorkingDays = everyWorkingDays!.Value,
            Reason = reason!.Trim(),
            ChangedAt = clock.GetUtcNow(),
            ChangedById = user.Id,
            ChangedByName = user.DisplayName,
        };
        db.Add(change);
        audit.Add(user, AuditActions.SupervisionFrequencyChanged, "user", practitioner.Id,
            details: $"practitioner={practitioner.UserName}; every={change.EveryWorkingDays} working days; reason={change.Reason}");
        await db.SaveChangesAsync(ct);
        return Outcome<SupervisionFrequencyChange>.Ok(change);
    }

    /// <summary>
    /// The case decisions made in supervision about the scoped case, newest session first, the version in force before the
    /// ones it superseded. Only what was said about this case: never the supervisee's wellbeing, workload or learning.
    /// </summary>
    public async Task<IReadOnlyList<OversightEntry>> OversightForCaseAsync(CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var caseId = scoped.CaseId;
        var rows = await (from d in db.Set<SupervisionCaseDiscussion>().AsNoTracking().Include(d => d.Actions)
                          join s in db.Set<SupervisionSession>() on d.SessionId equals s.Id
                          join v in db.Set<SupervisionSessionVersion>() on d.VersionId equals v.Id
                          where d.CaseId == caseId
                          orderby d.OccurredOn descending, d.Id descending
                          select new { Discussion = d, v.Kind, Current = s.CurrentVersion, v.AmendmentReason })
            .Take(1000).ToListAsync(ct);
        return rows
            .OrderByDescending(r => r.Discussion.OccurredOn).ThenByDescending(r => r.Discussion.SessionId)
            .ThenByDescending(r => r.Discussion.VersionNumber == r.Current).ThenByDescending(r => r.Discussion.VersionNumber)
            .Select(r => new OversightEntry(r.Discussion, r.Kind, r.Discussion.VersionNumber == r.Current, r.AmendmentReason))
            .ToList();
    }

    private const string NotTheirSupervisor = "Only a supervisor of the practitioner's team, or of a team above it, records their supervision.";

    /// <summary>The cases the session discusses (in any version) that the user may see.</summary>
    private async Task<Dictionary<Guid, CaseLabel>> LabelsAsync(CurrentUser user, SupervisionSession session, CancellationToken ct)
    {
        var caseIds = session.Versions.SelectMany(v => v.CaseDiscussions).Select(d => d.CaseId).Distinct().ToList();
        return await db.VisibleCases(user).AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new CaseLabel(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName))
            .ToDictionaryAsync(c => c.CaseId, ct);
    }

    private async Task<Dictionary<string, SupervisionFrequencyChange>> FrequenciesAsync(IReadOnlyList<string> practitionerIds, CancellationToken ct)
    {
        var changes = await db.Set<SupervisionFrequencyChange>().AsNoTracking().Where(c => practitionerIds.Contains(c.PractitionerId)).ToListAsync(ct);
        return changes.GroupBy(c => c.PractitionerId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Id).First(), StringComparer.Ordinal);
    }

    private Task<SupervisionSession?> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = db.Set<SupervisionSession>()
            .Include(s => s.Versions).ThenInclude(v => v.CaseDiscussions).ThenInclude(d => d.Actions)
            .Include(s => s.Responses)
            .AsSplitQuery();
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(s => s.Id == id, ct);
    }

    /// <summary>Saves a change to a session read at <paramref name="readVersion"/>; a conflicting write meanwhile answers Stale with the session as it is now.</summary>
    private async Task<Outcome<SupervisionSession>> SaveAsync(SupervisionSession session, int readVersion, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another amendment or response saved meanwhile clashes on the version (or on the one response per version); any
            // other failure is not a conflict and is not hidden as one.
            db.ChangeTracker.Clear();
            var current = await LoadAsync(session.Id, tracked: false, ct);
            if (current is null || current.Version == readVersion) throw;
            return Outcome<SupervisionSession>.Stale(current);
        }

        return Outcome<SupervisionSession>.Ok(session);
    }

    /// <summary>A discussion with the case it is about and its actions' owners, found and checked.</summary>
    private sealed record CheckedDiscussion(Guid CaseId, Guid PersonId, IReadOnlyList<(SupervisionActionInput Input, CaseloadUser Owner)> Actions);

    /// <summary>
    /// Each case discussed must be one the recorder may see (422 naming the case), and each action's owner an active user who
    /// may see that case: a task nobody can open is no task.
    /// </summary>
    private async Task<IReadOnlyList<CheckedDiscussion>> CheckCasesAndOwnersAsync(CurrentUser user, SessionContent content, Dictionary<string, string> errors,
        CancellationToken ct)
    {
        var discussions = content.CaseDiscussions ?? [];
        if (discussions.Count > SupervisionRules.MaxCaseDiscussions) return [];
        var ids = discussions.Where(d => d.CaseId is { } id && id != Guid.Empty).Select(d => d.CaseId!.Value).Distinct().ToList();
        var visible = await db.VisibleCases(user).AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.PersonId })
            .ToDictionaryAsync(c => c.Id, c => c.PersonId, ct);
        var result = new List<CheckedDiscussion>();
        for (var i = 0; i < discussions.Count; i++)
        {
            var d = discussions[i];
            var key = $"caseDiscussions[{i}]";
            if (d.CaseId is not { } caseId || caseId == Guid.Empty || errors.ContainsKey($"{key}.caseId")) continue;
            if (!visible.TryGetValue(caseId, out var personId))
            {
                errors[$"{key}.caseId"] = $"Case discussion {i + 1} names a case you may not see, or no case has this id";
                continue;
            }

            var actions = d.Actions ?? [];
            var owners = new Dictionary<string, CaseloadUser>(StringComparer.OrdinalIgnoreCase);
            if (actions.Count <= SupervisionRules.MaxActions)
            {
                var ownerErrors = new Dictionary<string, string>();
                var names = actions.Select((a, j) => errors.ContainsKey($"{key}.actions[{j}].owner") ? null : a.Owner).ToList();
                foreach (var (name, owner) in await tasks.ResolveOwnersAsync(caseId, names, ownerErrors, ct)) owners[name] = owner;
                // The task service names the owner it refused as a note's next step: here it is this discussion's action.
                foreach (var (k, message) in ownerErrors) errors[k.Replace("nextSteps[", $"{key}.actions[", StringComparison.Ordinal)] = message;
            }

            var resolved = actions
                .Where(a => a.Owner is not null && owners.ContainsKey(a.Owner.Trim()))
                .Select(a => (a, owners[a.Owner!.Trim()]))
                .ToList();
            result.Add(new CheckedDiscussion(caseId, personId, resolved.Count == actions.Count ? resolved : []));
        }

        return result;
    }

    private SupervisionSessionVersion NewVersion(CurrentUser user, SupervisionSession session, int number, SessionContent content,
        IReadOnlyList<CheckedDiscussion> discussions, DateTimeOffset now, string? reason, SupervisionSessionVersion? previous)
    {
        var occurredOn = content.OccurredOn!.Value;
        // Validated before: the kind is known.
        var kind = SupervisionCodes.TryParseKind(content.Kind, out var parsed) ? parsed : SupervisionKind.OneToOne;
        var version = new SupervisionSessionVersion
        {
            SessionId = session.Id,
            Number = number,
            OccurredOn = occurredOn,
            Kind = kind,
            WellbeingRating = content.Wellbeing?.Rating,
            WellbeingNotes = Text(content.Wellbeing?.Notes),
            Workload = Text(content.Workload),
            Learning = Text(content.Learning),
            NextSessionOn = content.NextSessionOn,
            RecordedAt = now,
            AuthorId = user.Id,
            AuthorName = user.DisplayName,
            AmendmentReason = reason,
        };
        var inputs = content.CaseDiscussions ?? [];
        for (var i = 0; i < discussions.Count; i++)
        {
            var input = inputs.Single(d => d.CaseId == discussions[i].CaseId);
            var checkedDiscussion = discussions[i];
            var discussion = new SupervisionCaseDiscussion
            {
                SessionId = session.Id,
                VersionNumber = number,
                Position = i + 1,
                CaseId = checkedDiscussion.CaseId,
                OccurredOn = occurredOn,
                RecordedAt = now,
                DecidedById = user.Id,
                DecidedByName = user.DisplayName,
                Discussion = input.Discussion!.Trim(),
                Decision = input.Decision!.Trim(),
                Rationale = input.Rationale!.Trim(),
            };
            var earlier = previous?.CaseDiscussions.SelectMany(d => d.Actions.Select(a => (d.CaseId, Action: a))).ToList() ?? [];
            var fresh = new List<(SupervisionAction Row, string Action, CaseloadUser Owner, DateOnly DueOn)>();
            var position = 0;
            foreach (var (a, owner) in checkedDiscussion.Actions)
            {
                var row = new SupervisionAction
                {
                    Position = ++position,
                    Action = a.Action!.Trim(),
                    OwnerId = owner.Id,
                    OwnerUserName = owner.UserName!,
                    OwnerName = owner.DisplayName,
                    DueOn = a.DueOn!.Value,
                };
                // Restated unchanged in an amendment, an action keeps the task it made; its owner may have closed it already.
                var same = earlier.FirstOrDefault(e => SupervisionRules.SameAction(discussion.CaseId, row.Action, row.OwnerId, row.DueOn, e.CaseId, e.Action));
                if (same.Action is not null)
                {
                    row.TaskId = same.Action.TaskId;
                    earlier.Remove(same);
                }
                else
                {
                    fresh.Add((row, row.Action, owner, row.DueOn));
                }

                discussion.Actions.Add(row);
            }

            var staged = tasks.Stage(user, discussion.CaseId, checkedDiscussion.PersonId, null, fresh.Select(f => (f.Action, f.Owner, f.DueOn)));
            for (var j = 0; j < fresh.Count; j++) fresh[j].Row.TaskId = staged[j].Id;
            version.CaseDiscussions.Add(discussion);
        }

        return version;
    }

    private void AuditDiscussions(CurrentUser user, SupervisionSession session, SupervisionSessionVersion version, IReadOnlyList<CheckedDiscussion> discussions)
    {
        foreach (var d in version.CaseDiscussions)
        {
            var personId = discussions.First(c => c.CaseId == d.CaseId).PersonId;
            audit.Add(user, AuditActions.SupervisionDiscussionRecorded, "supervision", session.Id.ToString(), d.CaseId, personId,
                $"version={version.Number}; actions={d.Actions.Count}");
        }
    }

    private static string Describe(SupervisionSession session, SupervisionSessionVersion version) =>
        $"practitioner={session.PractitionerUserName}; version={version.Number}; kind={version.Kind.ToCode()}; occurredOn={version.OccurredOn:yyyy-MM-dd}; caseDiscussions={version.CaseDiscussions.Count}";

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
