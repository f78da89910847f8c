using System.Globalization;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Deadlines;

public sealed record DeadlineRequest(string? Timescale, DateOnly? StartDate, string? Title, DateOnly? DueDate, string? Reason);

public sealed record MetRequest(DateOnly? MetOn, string? MissedReason);

public sealed record DeadlinePatchRequest(DateOnly? StartDate, string? Reason);

public sealed record PauseRequest(string? Reason, DateOnly? From, DateOnly? Until);

public sealed record ResumeRequest(DateOnly? On);

public sealed record DeadlinePauseDto(string Reason, DateOnly From, DateOnly? Until);

public sealed record SkippedHolidayDto(DateOnly Date, string Title, bool Calculated);

public sealed record DeadlineChangeDto(DateTimeOffset At, string By, string What, string? Reason);

public sealed record DeadlineDto(Guid Id, Guid CaseId, string? Timescale, string Title, bool Statutory, DateOnly? StartDate, DateOnly DueDate,
    string? Reason, string Status, int WorkingDaysLeft, int WorkingDaysOverdue, DateOnly? MetOn, string? MissedReason, string Summary,
    string Explanation, string Division, int Version, IReadOnlyList<DeadlineChangeDto> History, bool Pausable, string? PauseAllowedBy,
    DeadlinePauseDto? Pause)
{
    public static DeadlineDto From(DeadlineView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var d = v.Deadline;
        return new(d.Id, d.CaseId, d.TimescaleCode, d.Title, d.IsStatutory, d.StartDate, d.DueDate, d.Reason, DeadlinesApi.StatusCode(v.State.Status),
            v.State.WorkingDaysLeft, v.State.WorkingDaysLate, d.MetOn, d.MissedReason, v.State.Summary, v.Explanation, v.Division.ToCode(), d.Version,
            d.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new DeadlineChangeDto(h.At, h.ByName, h.What, h.Reason)).ToList(),
            v.MayPause, v.Timescale?.PauseAllowedBy,
            d.PauseReason is not null && d.PausedFrom is { } from ? new DeadlinePauseDto(d.PauseReason, from, d.PausedUntil) : null);
    }
}

public static class DeadlinesApi
{
    /// <summary>Working days ahead a partner may ask for: about ten years.</summary>
    public const int MaxDays = 2600;

    public static string StatusCode(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Upcoming => "upcoming",
        DeadlineStatus.DueSoon => "due-soon",
        DeadlineStatus.DueToday => "due-today",
        DeadlineStatus.Overdue => "overdue",
        DeadlineStatus.Met => "met",
        DeadlineStatus.Missed => "missed",
        DeadlineStatus.Paused => "paused",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static void MapDeadlinesApi(this IEndpointRouteBuilder app)
    {
        // Public reference data from GOV.UK's published list: no case data, so no sign-in is needed.
        var calendar = app.MapGroup("/api/v1/calendar").AllowAnonymous().WithTags("Calendar");
        calendar.MapGet("/working-days/add", IResult (Calendars calendars, string? division, string? start, string? days) =>
        {
            var errors = new Dictionary<string, string>();
            if (!DivisionCodes.TryParse(division, out var d)) errors["division"] = "Division must be england-and-wales, scotland or northern-ireland";
            if (!TryDate(start, out var s)) errors["start"] = "Start must be a date like 2026-12-21";
            else if (s < WorkingDayCalendar.FirstDate || s > WorkingDayCalendar.LastDate.AddYears(-11)) errors["start"] = $"Start must be between {WorkingDayCalendar.FirstYear} and {WorkingDayCalendar.LastYear - 11}";
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxDays)
            {
                errors["days"] = $"Days must be a whole number from 0 to {MaxDays}";
            }

            if (errors.Count > 0) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);
            var result = calendars.For(d).AddWorkingDaysExplained(s, n);
            return TypedResults.Ok(new
            {
                division = d.ToCode(),
                start = s,
                days = n,
                due = result.Due,
                skipped = result.Skipped.Select(h => new SkippedHolidayDto(h.Date, h.Name, h.IsCalculated)),
            });
        }).WithSummary("N working days after a start date (the start day not counted; weekends and the division's bank holidays skipped).");

        calendar.MapGet("/bank-holidays", IResult (Calendars calendars, string? division, string? year) =>
        {
            var errors = new Dictionary<string, string>();
            if (!DivisionCodes.TryParse(division, out var d)) errors["division"] = "Division must be england-and-wales, scotland or northern-ireland";
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < WorkingDayCalendar.FirstYear || y > WorkingDayCalendar.LastYear)
            {
                errors["year"] = $"Year must be from {WorkingDayCalendar.FirstYear} to {WorkingDayCalendar.LastYear}";
            }

            if (errors.Count > 0) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);
            var holidays = calendars.For(d).BankHolidays(y);
            return TypedResults.Ok(new
            {
                division = d.ToCode(),
                year = y,
                published = holidays.Count > 0 && holidays.All(h => !h.IsCalculated),
                source = calendars.Current.Source,
                holidays = holidays.Select(h => new { date = h.Date, title = h.Title, notes = h.Notes, calculated = h.IsCalculated, status = h.IsCalculated ? "calculated, not yet published" : "published" }),
            });
        }).WithSummary("A division's bank holidays for a year; years beyond the published list are calculated by rule and marked so.");

        app.MapGet("/api/v1/timescales", async (ServiceStandards standards, CancellationToken ct) =>
        {
            var catalogue = await standards.CatalogueAsync(ct);
            return TypedResults.Ok(new
            {
            items = catalogue.All.Select(t => new
            {
                code = t.Code, title = t.Title, startEvent = t.StartEvent, length = t.Length, unit = t.Unit.ToString(), lengthText = t.LengthText,
                kind = t.Kind.ToString(), nations = NationCodes.All.Where(t.AppliesIn).Select(n => n.ToCode()), services = t.Services, source = t.Source,
                followedBy = t.FollowedBy, pausable = t.MayPause, pauseAllowedBy = t.PauseAllowedBy, retired = catalogue.IsRetired(t.Code),
            }),
        });
        }).RequireAuthorization(Policies.SignedIn).WithTags("Deadlines").WithSummary("The catalogue of statutory and organisational timescales.");

        app.MapGet("/api/v1/deadlines", async Task<IResult> (CurrentUserAccessor users, DeadlineService service, Platform.Audit.AuditTrail audit, CancellationToken ct,
            string? scope = null) =>
        {
            if (scope is not (null or "mine" or "team")) return ApiProblems.Validation(new Dictionary<string, string> { ["scope"] = "Scope must be mine or team" }, StatusCodes.Status400BadRequest);
            var user = await users.GetAsync(ct);
            IReadOnlyList<MyDeadline> items;
            var unseen = 0;
            if (scope == "team")
            {
                if (!user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.ServiceManager)) return ApiProblems.Forbidden("Only supervisors and service managers see a team's deadlines.");
                (items, unseen) = await service.OfTeamsAsync(user, ct);
            }
            else
            {
                items = await service.MineAsync(user, ct);
            }

            await audit.RecordListAsync(user, Platform.Audit.AuditActions.CaseListed, items.Select(i => i.CaseId), ct);
            return TypedResults.Ok(new
            {
                scope = scope ?? "mine",
                items = items.Select(i => new { caseId = i.CaseId, personId = i.PersonId, personName = i.PersonName, allocatedTo = i.AllocatedTo, deadline = DeadlineDto.From(i.View) }),
                restrictedCases = unseen,
            });
        }).RequireAuthorization(Policies.CaseWork).WithTags("Deadlines").WithName("getDeadlines")
          .WithSummary("Open deadlines on the caller's cases, most overdue first; ?scope=team those of the teams a supervisor or service manager looks after, with restrictedCases: how many restricted cases of those teams with an open deadline the caller may not see (counted, never listed).");

        var deadlines = app.MapGroup("/api/v1/cases/{caseId:guid}/deadlines").RequireAuthorization(Policies.CaseWork).WithCaseScope("caseId").WithTags("Deadlines");
        deadlines.MapGet("/", async Task<IResult> (Guid caseId, CurrentUserAccessor users, DeadlineService service, CancellationToken ct) =>
        {
            var list = await service.ListAsync(await users.GetAsync(ct), caseId, ct);
            return list is null ? ApiProblems.NotFound("No case with this id was found") : TypedResults.Ok(new { items = list.Select(DeadlineDto.From) });
        }).WithSummary("The case's deadlines with their state today.");

        deadlines.MapPost("/", async Task<IResult> (Guid caseId, HttpRequest request, CurrentUserAccessor users, DeadlineService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<DeadlineRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.AddAsync(await users.GetAsync(ct), caseId, new NewDeadline(body!.Timescale, body.StartDate, body.Title, body.DueDate, body.Reason), ct);
            return ApiProblems.From(outcome, v => TypedResults.Created($"/api/v1/cases/{caseId}/deadlines/{v.Deadline.Id}", DeadlineDto.From(v)));
        }).WithSummary("Add a deadline: {timescale, startDate} from the catalogue, or a one-off {title, dueDate, reason}.").Accepts<DeadlineRequest>("application/json");

        deadlines.MapPost("/{deadlineId:guid}/met", async Task<IResult> (Guid caseId, Guid deadlineId, HttpRequest request, CurrentUserAccessor users, DeadlineService service, CancellationToken ct) =>
        {
            MetRequest body = new(null, null);
            if (request.ContentLength is > 0 || request.ContentType is not null)
            {
                var (read, problem) = await JsonBody.ReadAsync<MetRequest>(request, ct);
                if (problem is not null) return problem;
                body = read!;
            }

            var outcome = await service.MeetAsync(await users.GetAsync(ct), caseId, deadlineId, body.MetOn, body.MissedReason, ct);
            return ApiProblems.From(outcome, v => TypedResults.Ok(DeadlineDto.From(v)));
        }).WithSummary("Record the deadline as met (today unless metOn is given); met late needs missedReason.").Accepts<MetRequest>(isOptional: true, "application/json")
            .WithName("markCaseDeadlineMet");

        deadlines.MapPatch("/{deadlineId:guid}", async Task<IResult> (Guid caseId, Guid deadlineId, HttpRequest request, CurrentUserAccessor users, DeadlineService service, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var version, out var preconditionProblem)) return preconditionProblem!;
            var (body, problem) = await JsonBody.ReadAsync<DeadlinePatchRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.ChangeStartAsync(await users.GetAsync(ct), caseId, deadlineId, version, body!.StartDate, body.Reason, ct);
            return Answer(outcome);
        }).WithSummary("Correct a deadline's start date (If-Match with its version); the due date is recomputed and the history kept.").Accepts<DeadlinePatchRequest>("application/json").RequiresIfMatch();

        deadlines.MapPost("/{deadlineId:guid}/pause", async Task<IResult> (Guid caseId, Guid deadlineId, HttpRequest request, CurrentUserAccessor users, DeadlineService service, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var version, out var preconditionProblem)) return preconditionProblem!;
            var (body, problem) = await JsonBody.ReadAsync<PauseRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.PauseAsync(await users.GetAsync(ct), caseId, deadlineId, version, body!.Reason, body.From, body.Until, ct);
            return Answer(outcome);
        }).WithSummary("Stop the clock where the timescale's rule allows it (If-Match with its version); with an end date the due date moves on at once.").Accepts<PauseRequest>("application/json").RequiresIfMatch();

        deadlines.MapPost("/{deadlineId:guid}/resume", async Task<IResult> (Guid caseId, Guid deadlineId, HttpRequest request, CurrentUserAccessor users, DeadlineService service, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var version, out var preconditionProblem)) return preconditionProblem!;
            ResumeRequest body = new(null);
            if (request.ContentLength is > 0 || request.ContentType is not null)
            {
                var (read, problem) = await JsonBody.ReadAsync<ResumeRequest>(request, ct);
                if (problem is not null) return problem;
                body = read!;
            }

            var outcome = await service.ResumeAsync(await users.GetAsync(ct), caseId, deadlineId, version, body.On, ct);
            return Answer(outcome);
        }).WithSummary("Restart the clock (today unless on is given; If-Match with its version): the due date moves on by the time paused.").Accepts<ResumeRequest>(isOptional: true, "application/json").RequiresIfMatch();
    }

    private static IResult Answer(Outcome<DeadlineView> outcome) =>
        ApiProblems.From(outcome, v => v.Deadline.Version, v => TypedResults.Ok(DeadlineDto.From(v)));

    private static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
