using Caseload.Data;
using Caseload.Features.Administration;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Time;
using Caseload.Features.Cases;
using Caseload.Features.Notes.Objectivity;
using Caseload.Features.Tasks;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Notes;

/// <summary>Which notes of a case to list: by type and by the UK day they happened.</summary>
public sealed record NoteFilter(string? Type = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 100);

public sealed record NotePage(IReadOnlyList<CaseNote> Items, int Total);

/// <summary>Per team, how often the objectivity check had findings on notes saved: counts only, never the words.</summary>
public sealed record TeamObjectivityCount(int TeamId, string Team, int Saved, int FindingsShown, int Revised, int SavedWithFindings);

/// <summary>
/// The one writer of case notes and drafts. Every command checks that the user may see the case (404 otherwise), and audits
/// in the same transaction; reads are audited as reads of the case.
/// </summary>
public sealed class NoteService(CaseloadDb db, AuditTrail audit, TaskService tasks, TimeProvider clock, IOptions<NoteOptions> options,
    ObjectivityRulesInForce objectivity)
{
    /// <summary>Why a new note is refused on a closed case.</summary>
    public const string ClosedCaseMessage = "The case is closed: record new contact on a new referral. You can still amend or strike through its notes";

    private double LateEntryAfterHours => options.Value.LateEntryAfterHours;

    /// <summary>The check in force: built-in rules with the administrators' rules, as they are at this moment.</summary>
    public ObjectivityCheck Check => objectivity.Check;

    public async Task<Outcome<CaseNote>> CreateAsync(CurrentUser user, Guid caseId, NoteContent content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        var @case = await db.VisibleCases(user).Select(c => new { c.Id, c.PersonId, c.Status }).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<CaseNote>.NotFound();
        // A closed case's record is finished: what happens next is a new referral. Its notes can still be corrected (amended
        // or struck through), so the record stays right without growing after the decision to close.
        if (@case.Status == CaseStatus.Closed) return Outcome<CaseNote>.Invalid("status", ClosedCaseMessage);

        var now = clock.GetUtcNow();
        var errors = NoteRules.Validate(content, now, now, LateEntryAfterHours);
        content = WithDefaultOwners(content, user);
        var owners = await ResolveOwnersAsync(caseId, content, errors, ct);
        var findings = NoteRules.CheckObjectivity(content, Check);
        AcknowledgementError(content, findings, errors);
        if (errors.Count > 0) return Outcome<CaseNote>.Invalid(errors);

        var note = new CaseNote
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            Version = 1,
            RecordedAt = now,
            AuthorId = user.Id,
            AuthorName = user.DisplayName,
        };
        var steps = Steps(content, owners);
        var version = NewVersion(user, note, 1, content, findings.Count, now, note.RecordedAt, NoteRules.NextStepsText(steps.Select(s => (s.Action, s.Owner.DisplayName, s.DueOn, s.ExternalOwner))), reason: null);
        version.FindingCounts.AddRange(NoteFindingCount.Of(findings));
        note.Versions.Add(version);
        db.Set<CaseNote>().Add(note);
        var staged = tasks.Stage(user, caseId, @case.PersonId, note.Id, steps);
        audit.Add(user, AuditActions.NoteCreated, "note", note.Id.ToString(), caseId, @case.PersonId, Describe(version, staged.Count));
        await RemoveDraftAsync(user, caseId, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            if (content.SafeguardingConcern) await RaiseSafeguardingConcernAsync(caseId, now, ct);
            await LastContact.RefreshAsync(db, caseId, ct);
            await transaction.CommitAsync(ct);
        }

        return Outcome<CaseNote>.Ok(await LoadAsync(note.Id, ct));
    }

    /// <summary>A new version of the note, with the reason; the previous version stays readable, marked superseded.</summary>
    public async Task<Outcome<CaseNote>> AmendAsync(CurrentUser user, Guid caseId, Guid noteId, int expectedVersion, NoteContent content, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<CaseNote>.NotFound();
        var note = await db.Set<CaseNote>().Include(n => n.Versions).SingleOrDefaultAsync(n => n.Id == noteId && n.CaseId == caseId, ct);
        if (note is null) return Outcome<CaseNote>.NotFound();
        if (note.Version != expectedVersion) return Outcome<CaseNote>.Stale(await LoadAsync(noteId, ct));
        if (!NotePermissions.CanAmend(user, note, @case)) return Outcome<CaseNote>.Forbidden("Only the note's author, the case's allocated practitioner, their supervisors and service managers amend a note.");
        if (note.IsStruckThrough) return Outcome<CaseNote>.Invalid("status", "The note is struck through and cannot be amended");

        var now = clock.GetUtcNow();
        var errors = NoteRules.Validate(content, now, note.RecordedAt, LateEntryAfterHours);
        if (NoteRules.ValidateReason(reason, "Enter why you are amending the note") is { } reasonError) errors["reason"] = reasonError;
        content = WithDefaultOwners(content, user);
        var owners = await ResolveOwnersAsync(caseId, content, errors, ct);
        var findings = NoteRules.CheckObjectivity(content, Check);
        AcknowledgementError(content, findings, errors);
        if (errors.Count > 0) return Outcome<CaseNote>.Invalid(errors);

        var previous = note.Current;
        previous.IsCurrent = false;
        var steps = Steps(content, owners);
        var added = NoteRules.NextStepsText(steps.Select(s => (s.Action, s.Owner.DisplayName, s.DueOn, s.ExternalOwner)));
        var nextSteps = previous.AgreedNextSteps is null ? added : added is null ? previous.AgreedNextSteps : $"{previous.AgreedNextSteps}\n{added}";
        note.Version++;
        var version = NewVersion(user, note, previous.Number + 1, content, findings.Count, now, note.RecordedAt, nextSteps, reason!.Trim());
        version.FindingCounts.AddRange(NoteFindingCount.Of(findings));
        note.Versions.Add(version);
        var staged = tasks.Stage(user, caseId, @case.PersonId, note.Id, steps);
        audit.Add(user, AuditActions.NoteAmended, "note", note.Id.ToString(), caseId, @case.PersonId, $"version={version.Number}; {Describe(version, staged.Count)}");
        // The author's draft of this amendment goes with the saved amendment: deleted in the same transaction, by id, so a
        // draft discarded in another tab meanwhile is no error.
        var userId = user.Id;
        var draftId = await db.Set<NoteAmendmentDraft>().AsNoTracking().Where(d => d.AuthorId == userId && d.NoteId == noteId && d.CaseId == caseId)
            .Select(d => (Guid?)d.Id).SingleOrDefaultAsync(ct);
        if (draftId is { } id)
        {
            audit.Add(user, AuditActions.NoteAmendmentDraftDiscarded, "note-amendment-draft", id.ToString(), caseId, @case.PersonId, $"note={noteId}");
        }

        return await SaveAsync(note, expectedVersion, content.SafeguardingConcern ? now : null, ct, draftId);
    }

    /// <summary>Marks a note entered on the wrong case as struck through, with the reason. Nothing is deleted.</summary>
    public async Task<Outcome<CaseNote>> StrikeThroughAsync(CurrentUser user, Guid caseId, Guid noteId, int? expectedVersion, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<CaseNote>.NotFound();
        var note = await db.Set<CaseNote>().Include(n => n.Versions).SingleOrDefaultAsync(n => n.Id == noteId && n.CaseId == caseId, ct);
        if (note is null) return Outcome<CaseNote>.NotFound();
        if (expectedVersion is { } v && v != note.Version) return Outcome<CaseNote>.Stale(await LoadAsync(noteId, ct));
        if (!NotePermissions.CanAmend(user, note, @case)) return Outcome<CaseNote>.Forbidden("Only the note's author, the case's allocated practitioner, their supervisors and service managers strike a note through.");
        if (note.IsStruckThrough) return Outcome<CaseNote>.Invalid("status", "The note is already struck through");
        if (NoteRules.ValidateReason(reason, "Enter why the note is being struck through") is { } error) return Outcome<CaseNote>.Invalid("reason", error);

        note.StruckThroughAt = clock.GetUtcNow();
        note.StruckThroughById = user.Id;
        note.StruckThroughByName = user.DisplayName;
        note.StruckThroughReason = reason!.Trim();
        // The ETag changes: someone amending the note from an older copy must see that it was struck through.
        note.Version++;
        audit.Add(user, AuditActions.NoteStruckThrough, "note", note.Id.ToString(), caseId, @case.PersonId, $"reason={note.StruckThroughReason}");
        return await SaveStruckAsync(note, ct);
    }

    /// <summary>
    /// A note of the case the scope found. Opening it records that it was viewed; a form posted back only shows it again, and
    /// the command records what it did (so an amendment is one audit event, not three).
    /// </summary>
    public async Task<CaseNote?> ReadAsync(CaseContext scoped, Guid noteId, bool recordView, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        if (!await db.Set<CaseNote>().AnyAsync(n => n.Id == noteId && n.CaseId == scoped.CaseId, ct)) return null;
        var note = await LoadAsync(noteId, ct);
        if (recordView) await audit.RecordReadAsync(scoped.User, AuditActions.NoteViewed, "note", noteId.ToString(), scoped.CaseId, scoped.PersonId, ct: ct);
        return note;
    }

    /// <summary>A case's notes, newest first by when they happened; null when the user may not see the case. One read of the case is audited.</summary>
    public async Task<NotePage?> ListAsync(CurrentUser user, Guid caseId, NoteFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var @case = await db.VisibleCases(user).Select(c => new { c.Id, c.PersonId }).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return null;

        var current = db.Set<CaseNoteVersion>().AsNoTracking().Where(v => v.CaseId == caseId && v.IsCurrent);
        if (filter.Type is not null) current = current.Where(v => v.Type == filter.Type);
        if (filter.From is { } from)
        {
            var start = UkTime.StartOfDay(from);
            current = current.Where(v => v.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = UkTime.StartOfDay(to.AddDays(1));
            current = current.Where(v => v.OccurredAt < end);
        }

        var total = await current.CountAsync(ct);
        var ids = await current.OrderByDescending(v => v.OccurredAt).ThenByDescending(v => v.RecordedAt)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).Select(v => v.NoteId).ToListAsync(ct);
        var notes = await db.Set<CaseNote>().AsNoTracking().Include(n => n.Versions).Where(n => ids.Contains(n.Id)).ToListAsync(ct);
        var byId = notes.ToDictionary(n => n.Id);
        foreach (var note in notes) note.Versions.Sort((a, b) => a.Number.CompareTo(b.Number));
        await audit.RecordReadAsync(user, AuditActions.NoteListed, "case", caseId.ToString(), caseId, @case.PersonId,
            $"notes={ids.Count}; type={filter.Type ?? "-"}; from={filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}; to={filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}", ct);
        return new NotePage(ids.Select(id => byId[id]).ToList(), total);
    }

    public async Task<NoteDraft?> GetDraftAsync(CurrentUser user, Guid caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await db.VisibleCases(user).AnyAsync(c => c.Id == caseId, ct)) return null;
        var userId = user.Id;
        return await db.Set<NoteDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.AuthorId == userId && d.CaseId == caseId, ct);
    }

    /// <summary>Keeps the author's draft of a note on the server. A draft may be incomplete: it is not checked, only limited in size.</summary>
    public async Task<Outcome<NoteDraft>> SaveDraftAsync(CurrentUser user, Guid caseId, string content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        var @case = await db.VisibleCases(user).Select(c => new { c.Id, c.PersonId, c.Status }).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<NoteDraft>.NotFound();
        // A draft is a note on its way to the record: a closed case takes neither.
        if (@case.Status == CaseStatus.Closed) return Outcome<NoteDraft>.Invalid("status", ClosedCaseMessage);
        if (content.Length > NoteRules.MaxDraftLength) return Outcome<NoteDraft>.Invalid("draft", $"The draft must be {NoteRules.MaxDraftLength:N0} characters or fewer");

        var now = clock.GetUtcNow();
        var userId = user.Id;
        var draft = await db.Set<NoteDraft>().SingleOrDefaultAsync(d => d.AuthorId == userId && d.CaseId == caseId, ct);
        if (draft is null)
        {
            draft = new NoteDraft { Id = Guid.CreateVersion7(), CaseId = caseId, AuthorId = user.Id, Content = content, CreatedAt = now, UpdatedAt = now };
            db.Set<NoteDraft>().Add(draft);
        }
        else
        {
            draft.Content = content;
            draft.UpdatedAt = now;
        }

        audit.Add(user, AuditActions.NoteDraftSaved, "note-draft", draft.Id.ToString(), caseId, @case.PersonId, $"characters={content.Length}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two autosaves of a new draft at once: the unique index kept one; save this content over it.
            db.ChangeTracker.Clear();
            var existing = await db.Set<NoteDraft>().SingleAsync(d => d.AuthorId == userId && d.CaseId == caseId, ct);
            existing.Content = content;
            existing.UpdatedAt = now;
            audit.Add(user, AuditActions.NoteDraftSaved, "note-draft", existing.Id.ToString(), caseId, @case.PersonId, $"characters={content.Length}");
            await db.SaveChangesAsync(ct);
            draft = existing;
        }

        return Outcome<NoteDraft>.Ok(draft);
    }

    public async Task<bool> DiscardDraftAsync(CurrentUser user, Guid caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await db.VisibleCases(user).AnyAsync(c => c.Id == caseId, ct)) return false;
        if (!await RemoveDraftAsync(user, caseId, ct)) return true;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The author's draft amendment of a note on a case they may see, or null.</summary>
    public async Task<NoteAmendmentDraft?> GetAmendmentDraftAsync(CurrentUser user, Guid caseId, Guid noteId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await db.VisibleCases(user).AnyAsync(c => c.Id == caseId, ct)) return null;
        var userId = user.Id;
        return await db.Set<NoteAmendmentDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.AuthorId == userId && d.NoteId == noteId && d.CaseId == caseId, ct);
    }

    /// <summary>
    /// Keeps the author's amendment of a note as a draft, with the note version it started from. Like a note draft it may be
    /// incomplete: it is not checked, only limited in size. Only someone who may amend the note keeps a draft of it.
    /// </summary>
    public async Task<Outcome<NoteAmendmentDraft>> SaveAmendmentDraftAsync(CurrentUser user, Guid caseId, Guid noteId, int basedOnVersion, string content,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        var @case = await db.VisibleCases(user).Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome<NoteAmendmentDraft>.NotFound();
        var note = await db.Set<CaseNote>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == noteId && n.CaseId == caseId, ct);
        if (note is null) return Outcome<NoteAmendmentDraft>.NotFound();
        if (!NotePermissions.CanAmend(user, note, @case) || note.IsStruckThrough) return Outcome<NoteAmendmentDraft>.Forbidden("Only someone who may amend the note keeps a draft amendment of it.");
        if (content.Length > NoteRules.MaxDraftLength) return Outcome<NoteAmendmentDraft>.Invalid("draft", $"The draft must be {NoteRules.MaxDraftLength:N0} characters or fewer");

        var now = clock.GetUtcNow();
        var userId = user.Id;
        var draft = await db.Set<NoteAmendmentDraft>().SingleOrDefaultAsync(d => d.AuthorId == userId && d.NoteId == noteId, ct);
        if (draft is null)
        {
            draft = new NoteAmendmentDraft { Id = Guid.CreateVersion7(), NoteId = noteId, CaseId = caseId, AuthorId = userId, BasedOnVersion = basedOnVersion, Content = content, CreatedAt = now, UpdatedAt = now };
            db.Set<NoteAmendmentDraft>().Add(draft);
        }
        else
        {
            draft.Content = content;
            draft.BasedOnVersion = basedOnVersion;
            draft.UpdatedAt = now;
        }

        audit.Add(user, AuditActions.NoteAmendmentDraftSaved, "note-amendment-draft", draft.Id.ToString(), caseId, @case.PersonId, $"note={noteId}; basedOn={basedOnVersion}; characters={content.Length}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two autosaves of a new draft at once: the unique index kept one; save this content over it.
            db.ChangeTracker.Clear();
            var existing = await db.Set<NoteAmendmentDraft>().SingleAsync(d => d.AuthorId == userId && d.NoteId == noteId, ct);
            existing.Content = content;
            existing.BasedOnVersion = basedOnVersion;
            existing.UpdatedAt = now;
            audit.Add(user, AuditActions.NoteAmendmentDraftSaved, "note-amendment-draft", existing.Id.ToString(), caseId, @case.PersonId, $"note={noteId}; basedOn={basedOnVersion}; characters={content.Length}");
            await db.SaveChangesAsync(ct);
            draft = existing;
        }

        return Outcome<NoteAmendmentDraft>.Ok(draft);
    }

    public async Task<bool> DiscardAmendmentDraftAsync(CurrentUser user, Guid caseId, Guid noteId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var personId = await db.VisibleCases(user).Where(c => c.Id == caseId).Select(c => (Guid?)c.PersonId).SingleOrDefaultAsync(ct);
        if (personId is null) return false;
        var userId = user.Id;
        var draftId = await db.Set<NoteAmendmentDraft>().AsNoTracking().Where(d => d.AuthorId == userId && d.NoteId == noteId && d.CaseId == caseId)
            .Select(d => (Guid?)d.Id).SingleOrDefaultAsync(ct);
        if (draftId is not { } id) return true;
        // Deleted by id in the audit's transaction: an amendment saved meanwhile in another tab may already have removed it.
        audit.Add(user, AuditActions.NoteAmendmentDraftDiscarded, "note-amendment-draft", id.ToString(), caseId, personId, $"note={noteId}");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Set<NoteAmendmentDraft>().Where(d => d.Id == id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Notes and amendments saved since a time by the members of each team the user supervises (every team, for a service
    /// manager): how many had objectivity findings, were revised, or were saved with findings. Counts only.
    /// </summary>
    public async Task<IReadOnlyList<TeamObjectivityCount>> TeamObjectivityCountsAsync(CurrentUser user, DateTimeOffset since, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var allTeams = user.IsInRole(Roles.ServiceManager);
        var teams = user.SupervisedTeamIds;
        if (!allTeams && teams.Count == 0) return [];
        var rows = await (from v in db.Set<CaseNoteVersion>().AsNoTracking()
                          join u in db.Users on v.AuthorId equals u.Id
                          where v.RecordedAt >= since && u.TeamId != null && (allTeams || teams.Contains(u.TeamId.Value))
                          group v by u.TeamId into g
                          select new
                          {
                              TeamId = g.Key!.Value,
                              Saved = g.Count(),
                              Shown = g.Count(x => x.FindingsShown > 0),
                              Revised = g.Count(x => x.ObjectivityReview == ObjectivityReview.Revised),
                              Accepted = g.Count(x => x.ObjectivityReview == ObjectivityReview.Accepted),
                          }).ToListAsync(ct);
        var names = await db.Teams.AsNoTracking().Where(t => allTeams || teams.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return names.OrderBy(n => n.Value, StringComparer.Ordinal)
            .Select(n => rows.SingleOrDefault(r => r.TeamId == n.Key) is { } r
                ? new TeamObjectivityCount(n.Key, n.Value, r.Saved, r.Shown, r.Revised, r.Accepted)
                : new TeamObjectivityCount(n.Key, n.Value, 0, 0, 0, 0))
            .ToList();
    }

    private async Task<bool> RemoveDraftAsync(CurrentUser user, Guid caseId, CancellationToken ct)
    {
        var userId = user.Id;
        var draft = await db.Set<NoteDraft>().SingleOrDefaultAsync(d => d.AuthorId == userId && d.CaseId == caseId, ct);
        if (draft is null) return false;
        db.Set<NoteDraft>().Remove(draft);
        audit.Add(user, AuditActions.NoteDraftDiscarded, "note-draft", draft.Id.ToString(), caseId);
        return true;
    }

    private async Task<IReadOnlyDictionary<string, CaseloadUser>> ResolveOwnersAsync(Guid caseId, NoteContent content, Dictionary<string, string> errors, CancellationToken ct)
    {
        var steps = content.NextSteps ?? [];
        if (steps.Count == 0 || steps.Count > NoteRules.MaxNextSteps) return new Dictionary<string, CaseloadUser>();
        // Owners already refused by the rules (missing) are not looked up again.
        var owners = steps.Select((s, i) => errors.ContainsKey($"nextSteps[{i}].owner") ? null : s.Owner).ToList();
        return await tasks.ResolveOwnersAsync(caseId, owners, errors, ct);
    }

    private static List<(string Action, CaseloadUser Owner, DateOnly DueOn, string? ExternalOwner)> Steps(NoteContent content, IReadOnlyDictionary<string, CaseloadUser> owners) =>
        (content.NextSteps ?? []).Select(s => (s.Action!.Trim(), owners[s.Owner!.Trim()], s.DueOn!.Value, string.IsNullOrWhiteSpace(s.ExternalOwner) ? null : s.ExternalOwner.Trim())).ToList();

    /// <summary>A next step without a Caseload owner is the writer's: theirs to do, or to follow up when someone outside Caseload does it.</summary>
    private static NoteContent WithDefaultOwners(NoteContent content, CurrentUser user) => content.NextSteps is null ? content : content with
    {
        NextSteps = content.NextSteps.Select(s => s is not null && string.IsNullOrWhiteSpace(s.Owner) ? s with { Owner = user.UserName } : s!).ToList(),
    };

    private static void AcknowledgementError(NoteContent content, IReadOnlyList<FieldFinding> findings, Dictionary<string, string> errors)
    {
        if (findings.Count > 0 && !content.FindingsAcknowledged)
        {
            errors["findingsAcknowledged"] = findings.Count == 1
                ? "The objectivity check found 1 phrase that records opinion rather than fact: change it, or confirm you have read the finding"
                : $"The objectivity check found {findings.Count} phrases that record opinion rather than fact: change them, or confirm you have read the findings";
        }
    }

    private CaseNoteVersion NewVersion(CurrentUser user, CaseNote note, int number, NoteContent content, int findingsAtSave, DateTimeOffset now,
        DateTimeOffset firstRecordedAt, string? nextSteps, string? reason) =>
        NoteRules.NewVersion(note, number, content, now, firstRecordedAt, (user.Id, user.DisplayName), nextSteps, reason, LateEntryAfterHours,
            content.FindingsShown, findingsAtSave);

    /// <summary>
    /// A note with a safeguarding concern opens a concern on the case, which puts it in the red band on every worklist
    /// until the risk is re-rated (CaseService closes it then).
    /// </summary>
    private Task<int> RaiseSafeguardingConcernAsync(Guid caseId, DateTimeOffset now, CancellationToken ct) =>
        db.Cases.Where(c => c.Id == caseId && c.SafeguardingConcernSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SafeguardingConcernSince, now), ct);

    private static string Describe(CaseNoteVersion v, int taskCount) =>
        $"type={v.Type}; occurredAt={v.OccurredAt:O}; lateEntry={v.IsLateEntry}; safeguarding={v.SafeguardingConcern}; objectivity={v.ObjectivityReview.ToCode()} ({v.FindingsAtSave} of {v.FindingsShown}); tasks={taskCount}";

    private async Task<Outcome<CaseNote>> SaveAsync(CaseNote note, int expected, DateTimeOffset? concernRaisedAt, CancellationToken ct, Guid? amendmentDraftId = null)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (amendmentDraftId is { } draftId) await db.Set<NoteAmendmentDraft>().Where(d => d.Id == draftId).ExecuteDeleteAsync(ct);
            if (concernRaisedAt is { } at) await RaiseSafeguardingConcernAsync(note.CaseId, at, ct);
            await LastContact.RefreshAsync(db, note.CaseId, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else amended the note between our read and our write: the unique version number or the
            // concurrency token refused ours. Nothing of ours was saved.
            db.ChangeTracker.Clear();
            var current = await LoadAsync(note.Id, ct);
            if (current.Version != expected) return Outcome<CaseNote>.Stale(current);
            throw;
        }

        return Outcome<CaseNote>.Ok(await LoadAsync(note.Id, ct));
    }

    private async Task<Outcome<CaseNote>> SaveStruckAsync(CaseNote note, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await LastContact.RefreshAsync(db, note.CaseId, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<CaseNote>.Stale(await LoadAsync(note.Id, ct));
        }

        return Outcome<CaseNote>.Ok(await LoadAsync(note.Id, ct));
    }

    private async Task<CaseNote> LoadAsync(Guid noteId, CancellationToken ct)
    {
        var note = await db.Set<CaseNote>().AsNoTracking().Include(n => n.Versions).SingleAsync(n => n.Id == noteId, ct);
        note.Versions.Sort((a, b) => a.Number.CompareTo(b.Number));
        return note;
    }
}

/// <summary>Who may amend or strike through a note on a case they can already see. Pure.</summary>
public static class NotePermissions
{
    public static bool CanAmend(CurrentUser user, CaseNote note, Case @case)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(note);
        return note.AuthorId == user.Id || CasePermissions.CanEdit(user, @case);
    }

    /// <summary>Anyone who works with cases and can see this one records notes on it.</summary>
    public static bool CanWrite(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.WorksWithCases;
    }
}
