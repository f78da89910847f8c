using System.Globalization;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Time;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Deadlines;

public sealed record NewDeadline(string? Timescale, DateOnly? StartDate, string? Title, DateOnly? DueDate, string? Reason);

/// <summary>A deadline as a practitioner reads it: its state today and how its due date was reached.</summary>
public sealed record DeadlineView(CaseDeadline Deadline, DeadlineState State, string Explanation, Division Division, Timescale? Timescale = null)
{
    public bool MayPause => Timescale is { MayPause: true } && Deadline.MetOn is null;
}

public sealed record MyDeadline(Guid CaseId, Guid PersonId, string PersonName, DeadlineView View, string? AllocatedTo = null)
{
    public bool NeedsAttention => View.State.Status is DeadlineStatus.Overdue or DeadlineStatus.DueToday or DeadlineStatus.DueSoon;
}

/// <summary>The one writer of deadlines. Every command checks the case is visible and editable, and audits in the same commit.</summary>
public sealed class DeadlineService(CaseloadDb db, AuditTrail audit, TimeProvider clock, Calendars calendars, ServiceStandards standards)
{
    // The catalogue in use, read once per request before any view is built.
    private TimescaleCatalogue? _catalogue;

    private TimescaleCatalogue Catalogue => _catalogue ?? throw new InvalidOperationException("Load the catalogue first.");

    private async Task LoadCatalogueAsync(CancellationToken ct) => _catalogue ??= await standards.CatalogueAsync(ct);

    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<DeadlineView>> AddAsync(CurrentUser user, Guid caseId, NewDeadline input, CancellationToken ct = default)
    {
        await LoadCatalogueAsync(ct);
        ArgumentNullException.ThrowIfNull(input);
        var @case = await EditableCaseAsync(user, caseId, ct);
        if (@case.Outcome is { } refused) return refused;
        var division = calendars.DivisionOf(@case.Case!.Service);
        var calendar = calendars.For(division);
        var errors = new Dictionary<string, string>();
        CaseDeadline deadline;
        if (!string.IsNullOrWhiteSpace(input.Timescale))
        {
            var service = @case.Case.Service;
            var nation = calendars.NationOf(service);
            var timescale = Catalogue.Find(input.Timescale.Trim());
            if (timescale is null) errors["timescale"] = $"Select a timescale from the catalogue: {string.Join(", ", Catalogue.OfferedFor(nation, service).Select(t => t.Code))}";
            else if (Catalogue.IsRetired(timescale.Code)) errors["timescale"] = $"{timescale.Title} is retired; select a standard in use";
            else if (!timescale.AppliesIn(nation)) errors["timescale"] = $"{timescale.Title} does not apply in {nation.Title()}, where this case is";
            else if (!timescale.AppliesTo(service)) errors["timescale"] = $"{timescale.Title} is not a timescale of the {Services.Title(service)} service";
            if (input.StartDate is null) errors["startDate"] = "Enter the date the timescale starts from";
            else if (StartDateError(input.StartDate.Value) is { } startError) errors["startDate"] = startError;
            if (input.Title is not null || input.DueDate is not null) errors["dueDate"] = "Send either a timescale and a start date, or a title, a due date and a reason";
            if (errors.Count > 0) return Outcome<DeadlineView>.Invalid(errors);
            deadline = NewFrom(timescale!, input.StartDate!.Value, caseId, calendar, user);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.Title)) errors["title"] = "Enter what is due";
            else if (input.Title.Trim().Length > DeadlineLimits.TitleLength) errors["title"] = $"Title must be {DeadlineLimits.TitleLength} characters or fewer";
            if (input.DueDate is null) errors["dueDate"] = "Enter the due date";
            else if (input.DueDate > Today.AddYears(5) || input.DueDate < Today.AddYears(-5)) errors["dueDate"] = "Due date must be within 5 years of today";
            if (string.IsNullOrWhiteSpace(input.Reason)) errors["reason"] = "Enter why this deadline is set";
            else if (input.Reason.Trim().Length > DeadlineLimits.ReasonLength) errors["reason"] = $"Reason must be {DeadlineLimits.ReasonLength} characters or fewer";
            if (input.StartDate is not null) errors["startDate"] = "A one-off deadline has a due date, not a start date";
            if (errors.Count > 0) return Outcome<DeadlineView>.Invalid(errors);
            deadline = new CaseDeadline
            {
                Id = Guid.CreateVersion7(), CaseId = caseId, Title = input.Title!.Trim(), DueDate = input.DueDate!.Value, Reason = input.Reason!.Trim(),
                CreatedAt = clock.GetUtcNow(), CreatedByName = user.UserName, Version = 1,
            };
        }

        db.Set<CaseDeadline>().Add(deadline);
        audit.Add(user, AuditActions.DeadlineCreated, "deadline", deadline.Id.ToString(), caseId, @case.Case.PersonId,
            $"{deadline.TimescaleCode ?? "one-off"}; due={deadline.DueDate:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return Outcome<DeadlineView>.Ok(View(deadline, division));
    }

    /// <summary>The case's deadlines if the user may see the case (audited as a read of it), open ones first by due date.</summary>
    public async Task<IReadOnlyList<DeadlineView>?> ListAsync(CurrentUser user, Guid caseId, CancellationToken ct = default)
    {
        await LoadCatalogueAsync(ct);
        var @case = await db.VisibleCases(user).Select(c => new { c.Id, c.PersonId, c.Service }).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return null;
        await audit.RecordReadAsync(user, AuditActions.DeadlinesViewed, "case", caseId.ToString(), caseId, @case.PersonId, ct: ct);
        return await ViewsForAsync(caseId, @case.Service, ct);
    }

    /// <summary>The deadlines of the case the case scope found (it checked the user may see it and audits the read).</summary>
    public Task<IReadOnlyList<DeadlineView>> ViewsForAsync(CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        return ViewsForAsync(scoped.CaseId, scoped.Service, ct);
    }

    private async Task<IReadOnlyList<DeadlineView>> ViewsForAsync(Guid caseId, string service, CancellationToken ct)
    {
        await LoadCatalogueAsync(ct);
        var deadlines = await db.Set<CaseDeadline>().AsNoTracking().Include(d => d.History).Where(d => d.CaseId == caseId).ToListAsync(ct);
        var division = calendars.DivisionOf(service);
        return deadlines.Select(d => View(d, division)).OrderBy(v => v.Deadline.MetOn is not null).ThenBy(v => v.Deadline.DueDate).ToList();
    }

    /// <summary>Open deadlines on the user's own cases (allocated or co-worker), most urgent first; reads are audited per case by the caller.</summary>
    public async Task<IReadOnlyList<MyDeadline>> MineAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var myCaseIds = db.CaseIdsHeldBy(user.Id);
        return await OpenOnAsync(db.VisibleCases(user).Where(c => myCaseIds.Contains(c.Id)), ct);
    }

    /// <summary>
    /// The open deadlines on the cases the user may see of the teams they look after (<see cref="Supervision.TeamsInView"/>), most
    /// overdue first, and how many restricted cases of those teams with an open deadline they may not see (counted, never named).
    /// </summary>
    public async Task<(IReadOnlyList<MyDeadline> Items, int RestrictedUnseen)> OfTeamsAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var teams = await Supervision.TeamsInView.IdsAsync(db, user, ct);
        var items = await OpenOnAsync(db.VisibleCases(user).Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value)), ct);
        var withDeadline = db.Set<CaseDeadline>().Where(d => d.MetOn == null).Select(d => d.CaseId);
        var unseen = await Supervision.TeamsInView.RestrictedUnseenAsync(db, user,
            db.Cases.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value) && withDeadline.Contains(c.Id)), ct);
        return (items, unseen);
    }

    private async Task<IReadOnlyList<MyDeadline>> OpenOnAsync(IQueryable<Case> cases, CancellationToken ct)
    {
        await LoadCatalogueAsync(ct);
        var rows = await cases
            .Where(c => c.Status != CaseStatus.Closed)
            .Join(db.Set<CaseDeadline>().Where(d => d.MetOn == null), c => c.Id, d => d.CaseId,
                (c, d) => new { c.Id, c.PersonId, Name = c.Person.GivenName + " " + c.Person.FamilyName, c.Service, AllocatedTo = c.AllocatedTo != null ? c.AllocatedTo.DisplayName : null, Deadline = d })
            .AsNoTracking()
            .ToListAsync(ct);
        return rows.Select(r => new MyDeadline(r.Id, r.PersonId, r.Name, View(r.Deadline, calendars.DivisionOf(r.Service)), r.AllocatedTo))
            .OrderByDescending(m => m.View.State.WorkingDaysLate).ThenBy(m => m.View.Deadline.DueDate).ThenBy(m => m.PersonName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Records the deadline as met; late means a reason is needed. A chained timescale starts its next deadline from the date met.</summary>
    public Task<Outcome<DeadlineView>> MeetAsync(CurrentUser user, Guid caseId, Guid deadlineId, DateOnly? metOn, string? missedReason, CancellationToken ct = default) =>
        // Met takes no version: a deadline already met is refused by the rule itself, so there is nothing to overwrite.
        ChangeAsync(user, caseId, deadlineId, expectedVersion: null, AuditActions.DeadlineMet, (deadline, calendar) =>
        {
            if (deadline.MetOn is not null) return Outcome<DeadlineView>.Invalid("metOn", $"This deadline was already met on {UkTime.Format(deadline.MetOn.Value)}");
            var met = metOn ?? Today;
            // Met before its clock started (or, for a one-off, before any date the calendar knows) is a slip of the keyboard.
            var earliest = deadline.StartDate ?? WorkingDayCalendar.FirstDate;
            if (met < earliest) return Outcome<DeadlineView>.Invalid("metOn", $"The date the deadline was met must be on or after {UkTime.Format(earliest)}");
            var reason = string.IsNullOrWhiteSpace(missedReason) ? null : missedReason.Trim();
            if (reason is { Length: > DeadlineLimits.ReasonLength }) return Outcome<DeadlineView>.Invalid("missedReason", $"Reason must be {DeadlineLimits.ReasonLength} characters or fewer");
            if (DeadlineRules.MetError(deadline.DueDate, met, reason, Today) is { } error)
            {
                return Outcome<DeadlineView>.Invalid(met > deadline.DueDate && reason is null ? "missedReason" : "metOn", error);
            }

            deadline.MetOn = met;
            deadline.MissedReason = met > deadline.DueDate ? reason : null;
            var next = deadline.TimescaleCode is not null && Catalogue.Find(deadline.TimescaleCode) is { } timescale
                ? Catalogue.StartedWhenMet(timescale).Select(t => NewFrom(t, met, caseId, calendar, user)).ToList()
                : [];
            db.Set<CaseDeadline>().AddRange(next);
            return Change.Applied(
                $"metOn={met:yyyy-MM-dd}; due={deadline.DueDate:yyyy-MM-dd}{(deadline.MissedReason is null ? "" : "; late")}{string.Concat(next.Select(n => $"; next={n.TimescaleCode} due {n.DueDate:yyyy-MM-dd}"))}");
        }, ct);

    /// <summary>A timescale's start date, set or corrected: within the last 5 years and the next year; anything else is a mistyped year.</summary>
    private string? StartDateError(DateOnly start) =>
        start > Today.AddYears(1) || start < Today.AddYears(-5) ? "Start date must be within the last 5 years and the next year" : null;

    /// <summary>A corrected start date recomputes the due date; the old dates stay in the history with the reason.</summary>
    public Task<Outcome<DeadlineView>> ChangeStartAsync(CurrentUser user, Guid caseId, Guid deadlineId, int expectedVersion, DateOnly? startDate,
        string? reason, CancellationToken ct = default) =>
        ChangeAsync(user, caseId, deadlineId, expectedVersion, AuditActions.DeadlineChanged, (deadline, calendar) =>
        {
            var errors = new Dictionary<string, string>();
            if (deadline.TimescaleCode is null || Catalogue.Find(deadline.TimescaleCode) is not { } timescale) return Outcome<DeadlineView>.Invalid("startDate", "A one-off deadline has no start date to change");
            if (startDate is null) errors["startDate"] = "Enter the corrected start date";
            else if (StartDateError(startDate.Value) is { } startError) errors["startDate"] = startError;
            if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = "Enter why the start date changed";
            else if (reason.Trim().Length > DeadlineLimits.ReasonLength) errors["reason"] = $"Reason must be {DeadlineLimits.ReasonLength} characters or fewer";
            if (deadline.MetOn is not null) errors["startDate"] = "The deadline is met; its dates can no longer change";
            if (errors.Count > 0) return Outcome<DeadlineView>.Invalid(errors);

            // Time already paused still counts: the new due date moves on by the same amount as the old one had.
            var due = DeadlineRules.MoveDue(timescale.Unit, DeadlineRules.DueDate(timescale, startDate!.Value, calendar), deadline.PausedLength, calendar);
            db.Set<DeadlineChange>().Add(new DeadlineChange
            {
                DeadlineId = deadline.Id, At = clock.GetUtcNow(), ByName = user.UserName, Reason = reason!.Trim(),
                What = $"Start date {Format(deadline.StartDate)} to {Format(startDate)}; due date {Format(deadline.DueDate)} to {Format(due)}",
            });
            deadline.StartDate = startDate;
            deadline.DueDate = due;
            return Change.Applied($"start={startDate:yyyy-MM-dd}; due={due:yyyy-MM-dd}");
        }, ct);

    /// <summary>
    /// Stops the clock where the timescale's rule allows it. With an end date the due date moves on at once by the time
    /// paused; open-ended, it moves on when the clock restarts (<see cref="ResumeAsync"/>). The history keeps each pause.
    /// </summary>
    public Task<Outcome<DeadlineView>> PauseAsync(CurrentUser user, Guid caseId, Guid deadlineId, int expectedVersion, string? reason,
        DateOnly? from, DateOnly? until, CancellationToken ct = default) =>
        ChangeAsync(user, caseId, deadlineId, expectedVersion, AuditActions.DeadlinePaused, (deadline, calendar) =>
        {
            var timescale = deadline.TimescaleCode is null ? null : Catalogue.Find(deadline.TimescaleCode);
            if (timescale is null) return Outcome<DeadlineView>.Invalid("timescale", "A one-off deadline cannot be paused; its due date was set by hand");
            if (!timescale.MayPause) return Outcome<DeadlineView>.Invalid("timescale", $"{timescale.Title} cannot be paused: its rule allows no exceptions");
            if (deadline.MetOn is not null) return Outcome<DeadlineView>.Invalid("from", "The deadline is met; it can no longer be paused");
            if (IsPaused(deadline, Today)) return Outcome<DeadlineView>.Invalid("from", "The deadline is already paused; restart the clock before pausing it again");

            var errors = new Dictionary<string, string>();
            if (from is null) errors["from"] = "Enter the date the clock stopped";
            else if (from > Today) errors["from"] = "The date the clock stopped must be today or in the past";
            else if (deadline.StartDate is { } start && from <= start) errors["from"] = $"The date the clock stopped must be after the start date, {UkTime.Format(start)}";
            else if (from > deadline.DueDate) errors["from"] = $"The date the clock stopped must be on or before the due date, {UkTime.Format(deadline.DueDate)}";
            else if (deadline.PausedUntil is { } lastEnd && from <= lastEnd) errors["from"] = $"The date the clock stopped must be after the last pause ended, {UkTime.Format(lastEnd)}";
            if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = "Enter why the clock is stopped";
            else if (reason.Trim().Length > DeadlineLimits.ReasonLength) errors["reason"] = $"Reason must be {DeadlineLimits.ReasonLength} characters or fewer";
            if (from is not null && until is not null)
            {
                if (until < from) errors["until"] = "The date the pause ends must be the same as or after the date it starts";
                else if (until > from.Value.AddYears(1)) errors["until"] = "A pause can last at most a year";
            }

            if (errors.Count > 0) return Outcome<DeadlineView>.Invalid(errors);

            var oldDue = deadline.DueDate;
            string what;
            if (until is { } end)
            {
                var length = DeadlineRules.PausedLength(timescale.Unit, from!.Value, end, calendar);
                deadline.DueDate = DeadlineRules.MoveDue(timescale.Unit, oldDue, length, calendar);
                deadline.PausedLength += length;
                what = $"Paused from {Format(from)} to {Format(end)} ({DeadlineRules.PausedLengthText(timescale.Unit, length)}); due date {Format(oldDue)} to {Format(deadline.DueDate)}";
            }
            else
            {
                what = $"Paused from {Format(from)} until the clock restarts; the due date moves on by the time paused";
            }

            deadline.PauseReason = reason!.Trim();
            deadline.PausedFrom = from;
            deadline.PausedUntil = until;
            db.Set<DeadlineChange>().Add(new DeadlineChange { DeadlineId = deadline.Id, At = clock.GetUtcNow(), ByName = user.UserName, Reason = deadline.PauseReason, What = what });
            return Change.Applied(
                $"from={from:yyyy-MM-dd}; until={(until is null ? "open" : until.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}; due={deadline.DueDate:yyyy-MM-dd}");
        }, ct);

    /// <summary>
    /// Restarts the clock on <paramref name="on"/> (today if not given): the pause covers the days before it, and the due
    /// date moves on by exactly that time (an end date set when pausing is replaced by the real one).
    /// </summary>
    public Task<Outcome<DeadlineView>> ResumeAsync(CurrentUser user, Guid caseId, Guid deadlineId, int expectedVersion, DateOnly? on,
        CancellationToken ct = default) =>
        ChangeAsync(user, caseId, deadlineId, expectedVersion, AuditActions.DeadlineResumed, (deadline, calendar) =>
        {
            var restart = on ?? Today;
            if (!IsPaused(deadline, Today) || deadline.PausedFrom is not { } from) return Outcome<DeadlineView>.Invalid("on", "The deadline is not paused");
            if (restart > Today) return Outcome<DeadlineView>.Invalid("on", "The date the clock restarted must be today or in the past");
            if (restart < from) return Outcome<DeadlineView>.Invalid("on", $"The date the clock restarted must be on or after the date it stopped, {UkTime.Format(from)}");
            var timescale = Catalogue.Find(deadline.TimescaleCode!)!;

            var planned = deadline.PausedUntil is { } plannedEnd ? DeadlineRules.PausedLength(timescale.Unit, from, plannedEnd, calendar) : 0;
            var actual = DeadlineRules.PausedLength(timescale.Unit, from, restart.AddDays(-1), calendar);
            var oldDue = deadline.DueDate;
            deadline.DueDate = DeadlineRules.MoveDue(timescale.Unit, oldDue, actual - planned, calendar);
            deadline.PausedLength += actual - planned;
            if (restart == from)
            {
                // Restarted the day it stopped: nothing was paused, so no pause is left on the deadline (the history keeps it).
                deadline.PauseReason = null;
                deadline.PausedFrom = null;
                deadline.PausedUntil = null;
            }
            else
            {
                deadline.PausedUntil = restart.AddDays(-1);
            }

            db.Set<DeadlineChange>().Add(new DeadlineChange
            {
                DeadlineId = deadline.Id, At = clock.GetUtcNow(), ByName = user.UserName,
                What = $"Clock restarted on {Format(restart)} after {DeadlineRules.PausedLengthText(timescale.Unit, actual)} paused; due date {Format(oldDue)} to {Format(deadline.DueDate)}",
            });
            return Change.Applied($"on={restart:yyyy-MM-dd}; due={deadline.DueDate:yyyy-MM-dd}");
        }, ct);

    /// <summary>
    /// The one path of every command on a deadline: the case must be visible and editable, the deadline on it and (when
    /// <paramref name="expectedVersion"/> is given) unchanged since the caller read it; then the command's own rule runs, and
    /// the change, its version and its audit event commit together. A save that loses to a concurrent change writes nothing,
    /// leaves the change tracker clean for the next command in the scope, and answers the deadline as stored.
    /// </summary>
    private async Task<Outcome<DeadlineView>> ChangeAsync(CurrentUser user, Guid caseId, Guid deadlineId, int? expectedVersion, string auditAction,
        Func<CaseDeadline, WorkingDayCalendar, Change> change, CancellationToken ct)
    {
        await LoadCatalogueAsync(ct);
        var @case = await EditableCaseAsync(user, caseId, ct);
        if (@case.Outcome is { } refused) return refused;
        var deadline = await db.Set<CaseDeadline>().SingleOrDefaultAsync(d => d.Id == deadlineId && d.CaseId == caseId, ct);
        if (deadline is null) return Outcome<DeadlineView>.NotFound();
        var division = calendars.DivisionOf(@case.Case!.Service);
        if (expectedVersion is { } expected && deadline.Version != expected) return Outcome<DeadlineView>.Stale(View(deadline, division));

        var applied = change(deadline, calendars.For(division));
        if (applied.Refused is { } refusal) return refusal;
        deadline.Version++;
        audit.Add(user, auditAction, "deadline", deadline.Id.ToString(), caseId, @case.Case.PersonId, applied.AuditDetail);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Set<CaseDeadline>().AsNoTracking().Include(d => d.History).SingleOrDefaultAsync(d => d.Id == deadlineId && d.CaseId == caseId, ct);
            return stored is null ? Outcome<DeadlineView>.NotFound() : Outcome<DeadlineView>.Stale(View(stored, division));
        }

        await db.Entry(deadline).Collection(d => d.History).LoadAsync(ct);
        return Outcome<DeadlineView>.Ok(View(deadline, division));
    }

    /// <summary>A command's rule applied to its deadline: refused with an outcome, or applied with what its audit event records.</summary>
    private readonly record struct Change(Outcome<DeadlineView>? Refused, string? AuditDetail)
    {
        public static Change Applied(string auditDetail) => new(null, auditDetail);

        // Lets a rule answer a refusal as the outcome itself.
        public static implicit operator Change(Outcome<DeadlineView> refused) => new(refused, null);
    }

    /// <summary>The clock is stopped today: the same rule the deadline's state is judged by (<see cref="DeadlinePause.IsActiveOn"/>).</summary>
    public static bool IsPaused(CaseDeadline deadline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return deadline.MetOn is null && deadline.ToRule().Pause is { } pause && pause.IsActiveOn(today);
    }

    private DeadlineView View(CaseDeadline deadline, Division division)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var calendar = calendars.For(division);
        var state = DeadlineRules.Evaluate(deadline.ToRule(), Today, calendar);
        var timescale = deadline.TimescaleCode is null ? null : Catalogue.Find(deadline.TimescaleCode);
        return new DeadlineView(deadline, state, Explain(deadline, timescale, calendar), division, timescale);
    }

    private static string Explain(CaseDeadline deadline, Timescale? timescale, WorkingDayCalendar calendar)
    {
        if (timescale is null || deadline.StartDate is not { } start) return $"Due {UkTime.Format(deadline.DueDate)}, set by {deadline.CreatedByName}: {deadline.Reason}";
        var calculation = DeadlineRules.Calculate(timescale, start, calendar);
        if (calculation.Due == deadline.DueDate) return calculation.Explanation;
        var shift = deadline.PausedLength;
        return shift > 0 && DeadlineRules.MoveDue(timescale.Unit, calculation.Due, shift, calendar) == deadline.DueDate
            ? $"Due {UkDateText.Date(deadline.DueDate)} — {timescale.LengthText} after {UkDateText.Date(start, start.Year != deadline.DueDate.Year)}, moved on {DeadlineRules.PausedLengthText(timescale.Unit, shift)} for time paused (without pauses: {UkDateText.Date(calculation.Due)})"
            : $"Due {UkDateText.Date(deadline.DueDate)} — {timescale.LengthText} after {UkDateText.Date(start, start.Year != deadline.DueDate.Year)}, as the timescale stood when the deadline was set";
    }

    private CaseDeadline NewFrom(Timescale timescale, DateOnly start, Guid caseId, WorkingDayCalendar calendar, CurrentUser user) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        TimescaleCode = timescale.Code,
        Title = timescale.Title,
        IsStatutory = timescale.Kind == TimescaleKind.Statutory,
        StartDate = start,
        DueDate = DeadlineRules.DueDate(timescale, start, calendar),
        CreatedAt = clock.GetUtcNow(),
        CreatedByName = user.UserName,
        Version = 1,
    };

    private async Task<(Case? Case, Outcome<DeadlineView>? Outcome)> EditableCaseAsync(CurrentUser user, Guid caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var @case = await db.VisibleCases(user).AsNoTracking().Include(c => c.RestrictedTo).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return (null, Outcome<DeadlineView>.NotFound());
        if (!CasePermissions.CanEdit(user, @case)) return (null, Outcome<DeadlineView>.Forbidden("Only the allocated practitioner, their supervisors and service managers set deadlines on a case."));
        if (@case.Status == CaseStatus.Closed) return (null, Outcome<DeadlineView>.Invalid("status", "The case is closed"));
        return (@case, null);
    }

    private static string Format(DateOnly? date) => date is { } day ? UkTime.Format(day) : "none";
}
