using System.Security.Cryptography;
using Caseload.Data;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.People;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>A request with where its clock stands today.</summary>
public sealed record SubjectAccessView(SubjectAccessRequest Request, SubjectAccessClockState Clock);

/// <summary>What the DPO typed to log a request.</summary>
public sealed record SubjectAccessInput(Guid? PersonId, string? RequesterName, string? Relationship, DateOnly? ReceivedOn, DateOnly? IdentityVerifiedOn);

/// <summary>A person the DPO's search found.</summary>
public sealed record SubjectAccessPerson(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth);

/// <summary>A bundle to download: the bytes and whether they are the copy kept as sent.</summary>
public sealed record SubjectAccessDownload(string FileName, byte[] Content, bool AsSent, string Sha256);

/// <summary>
/// Subject access requests: the one writer of <see cref="SubjectAccessRequest"/>. Every read and write is audited against the
/// person's id, with ids and codes only. The DPO sees every person: a subject access request covers every case and service.
/// </summary>
public sealed class SubjectAccessService(CaseloadDb db, AuditTrail audit, TimeProvider clock, Calendars calendars, IConfiguration config)
{
    private const string Entity = "subject-access-request";

    public DateOnly Today => UkTime.Today(clock);

    /// <summary>The authority's bank holiday division (Deadlines:DefaultDivision, else England and Wales), which a request's dates keep to.</summary>
    public Division AuthorityDivision =>
        DivisionCodes.TryParse(config["Deadlines:DefaultDivision"] ?? DivisionCodes.EnglandAndWales, out var d) ? d : Division.EnglandAndWales;

    public SubjectAccessView View(SubjectAccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var division = DivisionCodes.TryParse(request.Division, out var d) ? d : AuthorityDivision;
        var today = request.SentOn ?? Today;
        var state = SubjectAccessClock.On(calendars.For(division), request.ReceivedOn, request.IdentityVerifiedOn,
            request.Pauses.OrderBy(p => p.From).Select(p => new ClockStop(p.From, p.ResumedOn)), request.Extended, today, request.Completed);
        return new SubjectAccessView(request, state);
    }

    public async Task<Outcome<SubjectAccessView>> LogAsync(CurrentUser dpo, SubjectAccessInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        ArgumentNullException.ThrowIfNull(input);
        var today = Today;
        var name = input.RequesterName?.Trim();
        var errors = new Dictionary<string, string>();
        if (input.PersonId is null || input.PersonId == Guid.Empty) errors["personId"] = "Select the person the request is about";
        if (string.IsNullOrEmpty(name)) errors["requesterName"] = "Enter the name of the person making the request";
        else if (name.Length > SubjectAccessRequest.MaxNameLength) errors["requesterName"] = $"The requester's name must be {SubjectAccessRequest.MaxNameLength} characters or fewer";
        if (string.IsNullOrWhiteSpace(input.Relationship)) errors["relationship"] = "Select the requester's relationship to the person";
        else if (!SubjectAccessRelationships.IsKnown(input.Relationship.Trim())) errors["relationship"] = $"Relationship must be one of {string.Join(", ", SubjectAccessRelationships.All)}";
        if (input.ReceivedOn is not { } received) errors["receivedOn"] = "Enter the date the request was received";
        else if (DayError(received, WorkingDayCalendar.FirstDate, today, "The date received") is { } e) errors["receivedOn"] = e;
        if (input.IdentityVerifiedOn is { } verified && DayError(verified, WorkingDayCalendar.FirstDate, today, "The date identity was confirmed") is { } v) errors["identityVerifiedOn"] = v;
        if (errors.Count > 0) return Outcome<SubjectAccessView>.Invalid(errors);
        if (!await db.People.AnyAsync(p => p.Id == input.PersonId, ct)) return Outcome<SubjectAccessView>.Invalid("personId", "No person has this id");

        var request = new SubjectAccessRequest
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            PersonId = input.PersonId!.Value,
            RequesterName = name!,
            Relationship = input.Relationship!.Trim(),
            ReceivedOn = input.ReceivedOn!.Value,
            IdentityVerifiedOn = input.IdentityVerifiedOn,
            Division = AuthorityDivision.ToCode(),
            LoggedAt = clock.GetUtcNow(),
            LoggedByName = dpo.DisplayName,
        };
        db.Add(request);
        audit.Add(dpo, AuditActions.SubjectAccessLogged, Entity, request.Id.ToString(), personId: request.PersonId,
            details: $"relationship={request.Relationship}; receivedOn={UkTime.Machine(request.ReceivedOn)}; identity={(request.IdentityVerifiedOn is null ? "awaited" : "confirmed")}");
        await db.SaveChangesAsync(ct);
        return Outcome<SubjectAccessView>.Ok(View(request));
    }

    /// <summary>Open requests, soonest due first (completed ones too when <paramref name="all"/>). The view is audited.</summary>
    public async Task<IReadOnlyList<SubjectAccessView>> ListAsync(CurrentUser dpo, bool all, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var q = db.Set<SubjectAccessRequest>().AsNoTracking().Include(r => r.Pauses).AsQueryable();
        if (!all) q = q.Where(r => r.CompletedAt == null);
        var requests = await q.OrderBy(r => r.ReceivedOn).Take(1000).ToListAsync(ct);
        var views = requests.Select(View).OrderBy(v => v.Request.Completed).ThenBy(v => v.Clock.DueOn).ThenBy(v => v.Request.ReceivedOn).ToList();
        await audit.RecordReadAsync(dpo, AuditActions.SubjectAccessListed, Entity, null, details: $"{(all ? "all" : "open")}; requests={views.Count}", ct: ct);
        return views;
    }

    public async Task<SubjectAccessView?> GetAsync(CurrentUser dpo, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var request = await LoadAsync(id, tracked: false, ct);
        if (request is null) return null;
        await audit.RecordReadAsync(dpo, AuditActions.SubjectAccessViewed, Entity, id.ToString(), personId: request.PersonId, ct: ct);
        return View(request);
    }

    /// <summary>The person a request is about, for the DPO's page (null when their records have since been destroyed).</summary>
    public Task<SubjectAccessPerson?> PersonAsync(Guid personId, CancellationToken ct) =>
        db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new SubjectAccessPerson(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth)).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The DPO's search for the person a request is about: the app's person search (<see cref="PersonSearch.Parse"/>: name words,
    /// a date of birth or an id) over every person, as a request covers every case and service. Audited with the count, not the words.
    /// </summary>
    public async Task<IReadOnlyList<SubjectAccessPerson>> FindPeopleAsync(CurrentUser dpo, string? query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var terms = PersonSearch.Parse(query);
        if (terms.IsEmpty) return [];
        var found = await PersonSearch.Matching(db, db.People.AsNoTracking(), terms).OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id).Take(PersonSearch.MaxResults)
            .Select(p => new SubjectAccessPerson(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth)).ToListAsync(ct);
        await audit.RecordReadAsync(dpo, AuditActions.SubjectAccessPeopleSearched, "person", null, personId: found.Count == 1 ? found[0].Id : null,
            details: $"people={found.Count}", ct: ct);
        return found;
    }

    public Task<Outcome<SubjectAccessView>> PauseAsync(CurrentUser dpo, Guid id, int? expected, string? reason, DateOnly? from, CancellationToken ct) =>
        ChangeAsync(dpo, id, expected, (request, view) =>
        {
            reason = reason?.Trim();
            var errors = new Dictionary<string, string>();
            if (string.IsNullOrEmpty(reason)) errors["reason"] = "Enter why the clock stops (for example, clarification asked for)";
            else if (reason.Length > SubjectAccessRequest.MaxReasonLength) errors["reason"] = $"The reason must be {SubjectAccessRequest.MaxReasonLength} characters or fewer";
            var lastResumed = request.Pauses.Max(p => p.ResumedOn) ?? request.ReceivedOn;
            if (from is not { } f) errors["from"] = "Enter the date the clock stopped";
            else if (DayError(f, lastResumed, Today, "The date the clock stopped") is { } e) errors["from"] = e;
            if (errors.Count > 0) return (Outcome<SubjectAccessView>.Invalid(errors), null);
            if (view.Clock.Awaiting is not null)
            {
                return (Outcome<SubjectAccessView>.Conflict("clock-stopped", $"The clock is already stopped: {view.Clock.Awaiting} is awaited. Resume it first."), null);
            }

            request.Pauses.Add(new SubjectAccessPause { From = from!.Value, Reason = reason!, RecordedAt = clock.GetUtcNow(), RecordedByName = dpo.DisplayName });
            return (null, (AuditActions.SubjectAccessPaused, $"from={UkTime.Machine(from.Value)}"));
        }, ct);

    public Task<Outcome<SubjectAccessView>> ResumeAsync(CurrentUser dpo, Guid id, int? expected, DateOnly? on, CancellationToken ct) =>
        ChangeAsync(dpo, id, expected, (request, view) =>
        {
            var open = request.Pauses.SingleOrDefault(p => p.ResumedOn is null);
            if (open is null && request.IdentityVerifiedOn is not null) return (Outcome<SubjectAccessView>.Conflict("clock-running", "The clock is running: there is nothing to resume."), null);
            var earliest = open?.From ?? request.ReceivedOn;
            if (on is not { } day) return (Outcome<SubjectAccessView>.Invalid("on", "Enter the date the clock restarts (the day what was awaited arrived)"), null);
            if (DayError(day, earliest, Today, "The date the clock restarts") is { } e) return (Outcome<SubjectAccessView>.Invalid("on", e), null);
            // An open stop (clarification) is closed; with none, what was awaited is the requester's identity, and day one is then.
            if (open is not null) open.ResumedOn = day;
            else request.IdentityVerifiedOn = day;
            return (null, (AuditActions.SubjectAccessResumed, $"on={UkTime.Machine(day)}; {(open is null ? "identity confirmed" : "clarification received")}"));
        }, ct);

    public Task<Outcome<SubjectAccessView>> ExtendAsync(CurrentUser dpo, Guid id, int? expected, string? reason, DateOnly? toldRequesterOn, CancellationToken ct) =>
        ChangeAsync(dpo, id, expected, (request, view) =>
        {
            reason = reason?.Trim();
            var errors = new Dictionary<string, string>();
            if (string.IsNullOrEmpty(reason)) errors["reason"] = "Enter why the request needs longer (what makes it complex)";
            else if (reason.Length > SubjectAccessRequest.MaxReasonLength) errors["reason"] = $"The reason must be {SubjectAccessRequest.MaxReasonLength} characters or fewer";
            if (toldRequesterOn is not { } told) errors["toldRequesterOn"] = "Enter the date the requester was told of the extension";
            else if (DayError(told, request.ReceivedOn, Today, "The date the requester was told") is { } e) errors["toldRequesterOn"] = e;
            if (errors.Count > 0) return (Outcome<SubjectAccessView>.Invalid(errors), null);
            if (request.Extended) return (Outcome<SubjectAccessView>.Conflict("already-extended", "This request has already been extended: it can be extended once, by up to two months."), null);
            if (!SubjectAccessClock.ExtensionInTime(view.Clock, toldRequesterOn!.Value))
            {
                return (Outcome<SubjectAccessView>.Conflict(ExtensionTooLate,
                    $"The requester must be told of an extension within the first month, by {UkTime.Format(view.Clock.FirstMonthEndsOn)}."), null);
            }

            request.ExtensionReason = reason;
            request.ExtensionToldRequesterOn = toldRequesterOn;
            return (null, (AuditActions.SubjectAccessExtended, $"toldRequesterOn={UkTime.Machine(toldRequesterOn.Value)}"));
        }, ct);

    /// <summary>The conflict code of an extension told too late: the API answers it 422 (the date given is what is wrong).</summary>
    public const string ExtensionTooLate = "extension-too-late";

    /// <summary>Records a redaction or withholding of an item (or one field of it) that the bundle holds, with its reason.</summary>
    public async Task<Outcome<(SubjectAccessView View, SubjectAccessRedaction Redaction)>> RedactAsync(CurrentUser dpo, Guid id, int? expected, string? item, string? field,
        string? action, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        item = item?.Trim();
        field = string.IsNullOrWhiteSpace(field) ? null : field.Trim();
        action = action?.Trim();
        reason = reason?.Trim();
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(item)) errors["item"] = "Enter the item to redact (for example, CaseNoteVersions/12)";
        else if (item.Length > SubjectAccessRedaction.MaxItemLength) errors["item"] = "Item is not one the bundle holds";
        if (!RedactionActions.IsKnown(action)) errors["action"] = "Select redact or withhold";
        if (string.IsNullOrEmpty(reason)) errors["reason"] = "Enter the reason or exemption (for example, third-party information (DPA 2018 Sch 2 para 16))";
        else if (reason.Length > SubjectAccessRequest.MaxReasonLength) errors["reason"] = $"The reason must be {SubjectAccessRequest.MaxReasonLength} characters or fewer";
        if (errors.Count > 0) return Outcome<(SubjectAccessView, SubjectAccessRedaction)>.Invalid(errors);

        var request = await LoadAsync(id, tracked: true, ct);
        if (request is null) return Outcome<(SubjectAccessView, SubjectAccessRedaction)>.NotFound();
        if (expected is { } v && v != request.Version) return Outcome<(SubjectAccessView, SubjectAccessRedaction)>.Stale((View(request), null!));
        if (request.Completed) return Outcome<(SubjectAccessView, SubjectAccessRedaction)>.Conflict("request-completed", Completed);
        var records = await SubjectAccessGathering.GatherAsync(db, request.PersonId, ct);
        var fields = records.Items.FirstOrDefault(i => i.Key == item)?.Fields.Select(f => f.Name).ToList()
            ?? (records.Viewers.Any(w => w.Key == item) ? [] : null);
        if (fields is null) return Outcome<(SubjectAccessView, SubjectAccessRedaction)>.Invalid("item", "Item is not one the bundle holds");
        if (field is not null && !fields.Contains(field, StringComparer.Ordinal)) return Outcome<(SubjectAccessView, SubjectAccessRedaction)>.Invalid("field", "Field is not one of the item's fields");

        var redaction = new SubjectAccessRedaction { Item = item!, Field = field, Action = action!, Reason = reason!, RecordedAt = clock.GetUtcNow(), RecordedByName = dpo.DisplayName };
        request.Redactions.Add(redaction);
        request.Version++;
        audit.Add(dpo, AuditActions.SubjectAccessRedactionRecorded, Entity, request.Id.ToString(), personId: request.PersonId,
            details: $"item={item}{(field is null ? "" : $"; field={field}")}; action={action}");
        await db.SaveChangesAsync(ct);
        return Outcome<(SubjectAccessView, SubjectAccessRedaction)>.Ok((View(request), redaction));
    }

    /// <summary>
    /// Withdraws a redaction before the request is completed, with the reason: the redaction stays as a record (who decided it,
    /// who withdrew it and why); the bundle shows what it had hidden again.
    /// </summary>
    public Task<Outcome<SubjectAccessView>> WithdrawRedactionAsync(CurrentUser dpo, Guid id, long redactionId, int? expected, string? reason, CancellationToken ct) =>
        ChangeAsync(dpo, id, expected, (request, _) =>
        {
            var redaction = request.Redactions.SingleOrDefault(r => r.Id == redactionId);
            if (redaction is null) return (Outcome<SubjectAccessView>.NotFound(), null);
            if (redaction.Withdrawn) return (Outcome<SubjectAccessView>.Conflict("already-withdrawn", "This redaction has already been withdrawn."), null);
            reason = reason?.Trim();
            if (string.IsNullOrEmpty(reason)) return (Outcome<SubjectAccessView>.Invalid("reason", "Enter why the redaction is withdrawn"), null);
            if (reason.Length > SubjectAccessRequest.MaxReasonLength)
            {
                return (Outcome<SubjectAccessView>.Invalid("reason", $"The reason must be {SubjectAccessRequest.MaxReasonLength} characters or fewer"), null);
            }

            redaction.WithdrawnAt = clock.GetUtcNow();
            redaction.WithdrawnByName = dpo.DisplayName;
            redaction.WithdrawalReason = reason;
            return (null, (AuditActions.SubjectAccessRedactionWithdrawn, $"redaction={redaction.Id}; item={redaction.Item}{(redaction.Field is null ? "" : $"; field={redaction.Field}")}"));
        }, ct);

    /// <summary>
    /// Closes the request: the bundle is made once more, as sent, and kept byte for byte with its SHA-256; every later download
    /// returns that copy, and the request takes no more changes.
    /// </summary>
    public Task<Outcome<SubjectAccessView>> CompleteAsync(CurrentUser dpo, Guid id, int? expected, DateOnly? sentOn, CancellationToken ct) =>
        ChangeWithAsync(dpo, id, expected, async (request, view) =>
        {
            if (sentOn is not { } sent) return (Outcome<SubjectAccessView>.Invalid("sentOn", "Enter the date the response was sent"), null);
            if (DayError(sent, request.ReceivedOn, Today, "The date sent") is { } e) return (Outcome<SubjectAccessView>.Invalid("sentOn", e), null);
            var bytes = await BuildAsync(request, view, sent, ct);
            db.Add(new SubjectAccessRelease
            {
                RequestId = request.Id, SentOn = sent, FileName = SubjectAccessBundle.FileName(request.Id), Content = bytes, Sha256 = Hash(bytes), CreatedAt = clock.GetUtcNow(),
            });
            request.SentOn = sent;
            request.CompletedAt = clock.GetUtcNow();
            request.CompletedByName = dpo.DisplayName;
            var due = view.Clock.DueOn;
            return (null, (AuditActions.SubjectAccessCompleted, $"sentOn={UkTime.Machine(sent)}; dueOn={UkTime.Machine(due)}; {(sent > due ? "late" : "in time")}; sha256={Hash(bytes)}"));
        }, ct);

    /// <summary>The bundle: while open, gathered now with the redactions so far; once completed, the copy kept as sent. Audited.</summary>
    public async Task<Outcome<SubjectAccessDownload>> DownloadAsync(CurrentUser dpo, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var request = await LoadAsync(id, tracked: false, ct);
        if (request is null) return Outcome<SubjectAccessDownload>.NotFound();
        SubjectAccessDownload download;
        if (request.Completed)
        {
            var kept = await db.Set<SubjectAccessRelease>().AsNoTracking().SingleAsync(r => r.RequestId == id, ct);
            download = new SubjectAccessDownload(kept.FileName, kept.Content, true, kept.Sha256);
        }
        else
        {
            var bytes = await BuildAsync(request, View(request), null, ct);
            download = new SubjectAccessDownload(SubjectAccessBundle.FileName(id), bytes, false, Hash(bytes));
        }

        await audit.RecordReadAsync(dpo, AuditActions.SubjectAccessBundleDownloaded, Entity, id.ToString(), personId: request.PersonId,
            details: $"{(download.AsSent ? "as sent" : "draft")}; sha256={download.Sha256}", ct: ct);
        return Outcome<SubjectAccessDownload>.Ok(download);
    }

    /// <summary>What the bundle holds, for the DPO's review page (third-party marks, items to redact). Audited.</summary>
    public async Task<(SubjectAccessView View, GatheredRecords Records)?> ReviewAsync(CurrentUser dpo, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var request = await LoadAsync(id, tracked: false, ct);
        if (request is null) return null;
        var records = await SubjectAccessGathering.GatherAsync(db, request.PersonId, ct);
        await audit.RecordReadAsync(dpo, AuditActions.SubjectAccessBundleReviewed, Entity, id.ToString(), personId: request.PersonId, ct: ct);
        return (View(request), records);
    }

    private async Task<byte[]> BuildAsync(SubjectAccessRequest request, SubjectAccessView view, DateOnly? sentOn, CancellationToken ct)
    {
        var records = await SubjectAccessGathering.GatherAsync(db, request.PersonId, ct);
        var heading = new BundleHeading(request.Id, request.PersonId, request.ReceivedOn, view.Clock.DueOn, clock.GetUtcNow(), sentOn);
        return SubjectAccessBundle.Zip(heading, records, request.Redactions.Where(r => !r.Withdrawn).OrderBy(r => r.Id).ToList());
    }

    private const string Completed = "This request has been completed: the bundle was kept as sent and the request takes no more changes.";

    private Task<Outcome<SubjectAccessView>> ChangeAsync(CurrentUser dpo, Guid id, int? expected,
        Func<SubjectAccessRequest, SubjectAccessView, (Outcome<SubjectAccessView>? Refused, (string Action, string Details)? Audit)> change, CancellationToken ct) =>
        ChangeWithAsync(dpo, id, expected, (r, v) => Task.FromResult(change(r, v)), ct);

    // Loads the request, checks its version and state, applies the change, bumps the version and saves it with its audit event.
    private async Task<Outcome<SubjectAccessView>> ChangeWithAsync(CurrentUser dpo, Guid id, int? expected,
        Func<SubjectAccessRequest, SubjectAccessView, Task<(Outcome<SubjectAccessView>? Refused, (string Action, string Details)? Audit)>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var request = await LoadAsync(id, tracked: true, ct);
        if (request is null) return Outcome<SubjectAccessView>.NotFound();
        if (expected is { } v && v != request.Version) return Outcome<SubjectAccessView>.Stale(View(request));
        if (request.Completed) return Outcome<SubjectAccessView>.Conflict("request-completed", Completed);
        var (refused, audited) = await change(request, View(request));
        if (refused is not null) return refused;
        request.Version++;
        audit.Add(dpo, audited!.Value.Action, Entity, request.Id.ToString(), personId: request.PersonId, details: audited.Value.Details);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<SubjectAccessView>.Stale(View((await LoadAsync(id, tracked: false, ct))!));
        }

        return Outcome<SubjectAccessView>.Ok(View(request));
    }

    private async Task<SubjectAccessRequest?> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var q = db.Set<SubjectAccessRequest>().Include(r => r.Pauses).Include(r => r.Redactions).AsSplitQuery();
        return await (tracked ? q : q.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    private static string? DayError(DateOnly day, DateOnly earliest, DateOnly today, string what)
    {
        if (day > today) return $"{what} must be today or in the past";
        if (day < earliest) return $"{what} must be on or after {UkTime.Format(earliest)}";
        if (day > SubjectAccessDueDate.LastReceivable) return $"{what} must be before {UkTime.Format(SubjectAccessDueDate.LastReceivable)}";
        return null;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
