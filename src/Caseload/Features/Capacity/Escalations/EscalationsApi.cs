using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Capacity.Escalations;

public sealed record EscalationStepDto(DateTimeOffset At, string? To, string Why);

/// <summary>An agreed action: its id as a task, what it is, its owner and due date, and once closed its status (done or not-done) and outcome.</summary>
public sealed record EscalationActionDto(Guid Id, string Action, string Owner, DateOnly DueOn, string Status, string? Outcome, DateTimeOffset? ClosedAt, string? ClosedBy);

public sealed record EscalationDto(Guid Id, string Practitioner, string PractitionerName, string RaisedBy, bool RaisedBySystem, DateTimeOffset RaisedAt,
    string Reason, decimal LoadPoints, decimal CapacityPoints, decimal? Utilisation, string Band, string Status, string? Recipient, DateOnly? RespondBy,
    string? Decision, string? Rationale, DateTimeOffset? RespondedAt, string? RespondedBy, Guid? AdjustmentId,
    IReadOnlyList<EscalationStepDto> Steps, IReadOnlyList<EscalationActionDto> Actions)
{
    public static EscalationDto Of(CapacityEscalation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.PractitionerUserName, e.PractitionerName, e.RaisedByName, e.RaisedById is null, e.RaisedAt, e.Reason, e.LoadPoints, e.CapacityPoints,
            e.Utilisation, e.Band, e.Status == EscalationStatus.Open ? "open" : "closed", e.RecipientName, e.RespondBy, e.Decision, e.Rationale, e.RespondedAt,
            e.RespondedByName, e.AdjustmentId,
            e.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new EscalationStepDto(s.At, s.ToName, s.Why)).ToList(),
            e.Actions.OrderBy(a => a.Id).Select(a => new EscalationActionDto(a.TaskId, a.Action, a.OwnerName, a.DueOn,
                Tasks.CaseTaskStatusCodes.ToCode(a.Status), a.Outcome, a.ClosedAt, a.ClosedByName)).ToList());
    }
}

public sealed record EscalationListDto(IReadOnlyList<EscalationDto> Items);

public sealed record RaiseEscalationRequest(string? Practitioner, string? Reason);

public sealed record EscalationActionRequest(string? Action, string? Owner, DateOnly? DueOn);

public sealed record EscalationResponseRequest(string? Decision, string? Rationale, IReadOnlyList<EscalationActionRequest?>? Actions,
    int? Points, int? Percent, DateOnly? From, DateOnly? Until);

public static class EscalationsApi
{
    public static void MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/escalations").WithTags("Capacity");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, EscalationService escalations, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<RaiseEscalationRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await escalations.RaiseAsync(await users.GetAsync(ct), body!.Practitioner, body.Reason, ct);
            return ApiProblems.From(outcome, e => TypedResults.Created($"/api/v1/escalations/{e.Id}", EscalationDto.Of(e)));
        }).RequireAuthorization(Policies.CaseWork).WithName("createEscalation").Accepts<RaiseEscalationRequest>("application/json").Produces<EscalationDto>(StatusCodes.Status201Created)
          .WithSummary("Raise a capacity concern in words, for yourself or (as their supervisor) a supervisee; it records the figures now and goes to the practitioner's line manager.");

        group.MapGet("/", async Task<IResult> (string? status, CurrentUserAccessor users, EscalationService escalations, CancellationToken ct) =>
            ApiProblems.From(await escalations.ListAsync(await users.GetAsync(ct), status, ct), list => TypedResults.Ok(new EscalationListDto(list.Select(EscalationDto.Of).ToList()))))
            .RequireAuthorization(Policies.CaseWork)
            .WithName("listEscalations")
            .Produces<EscalationListDto>()
            .WithSummary("The capacity escalations the caller raised, received, is the subject of or oversees; status open, closed or all (the default).");

        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CurrentUserAccessor users, EscalationService escalations, CancellationToken ct) =>
            ApiProblems.From(await escalations.ReadAsync(await users.GetAsync(ct), id, ct), v => TypedResults.Ok(EscalationDto.Of(v.Escalation))))
            .RequireAuthorization(Policies.CaseWork)
            .WithName("getEscalation")
            .Produces<EscalationDto>()
            .WithSummary("One capacity escalation with its route and answer; 404 for anyone with no part in it.");

        group.MapPost("/{id:guid}/response", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, EscalationService escalations, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<EscalationResponseRequest>(request, ct);
            if (problem is not null) return problem;
            var input = new EscalationResponseInput(body!.Decision, body.Rationale,
                body.Actions?.Select(a => a is null ? null : new EscalationActionInput(a.Action, a.Owner, a.DueOn)).ToList(), body.Points, body.Percent, body.From, body.Until);
            return ApiProblems.From(await escalations.RespondAsync(await users.GetAsync(ct), id, input, ct), e => TypedResults.Ok(EscalationDto.Of(e)));
        }).RequireAuthorization(Policies.Supervise).WithName("respondToEscalation").Accepts<EscalationResponseRequest>("application/json").Produces<EscalationDto>()
          .WithSummary("The current recipient's answer: decision (reallocate, temporary-reduction with points or percent, from and until, additional-support, accept-with-mitigation, escalate), rationale and actions, each with an owner and due date.");

        group.MapPost("/actions/{id:guid}/outcome", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, EscalationService escalations,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<Tasks.TaskOutcomeRequest>(request, ct);
            if (problem is not null) return problem;
            if (!Tasks.CaseTaskStatusCodes.TryParseClosed(body!.Status, out var status))
            {
                return ApiProblems.Validation(new Dictionary<string, string> { ["status"] = "Status must be done or not-done" });
            }

            var outcome = await escalations.CloseActionAsync(await users.GetAsync(ct), id, expected, status, body.Outcome, ct);
            return ApiProblems.From(outcome, a => a.Version, a => TypedResults.Ok(Tasks.TaskDto.From(a, Platform.Time.UkTime.Today(clock))));
        }).RequireAuthorization(Policies.CaseWork).WithName("recordEscalationActionOutcome").Accepts<Tasks.TaskOutcomeRequest>("application/json").Produces<Tasks.TaskDto>()
          .AcceptsIfMatch()
          .WithSummary("The owner of an escalation action (a task on their list) records that it was done or not done, with what came of it.");
    }
}
