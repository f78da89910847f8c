using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Plans;

public sealed record GoalRequest(string? Description, string? PersonsWords, string? Measure, decimal? Baseline, decimal? Target, DateOnly? TargetDate, string? AgreedBy);

public sealed record ActionRequest(string? Action, string? Owner, DateOnly? DueOn, int? GoalIndex);

public sealed record PlanRequest(IReadOnlyList<GoalRequest?>? Goals, IReadOnlyList<ActionRequest?>? Actions, DateOnly? ReviewOn);

public sealed record ProgressRequest(DateOnly? RecordedOn, decimal? Value, string? PersonsView, string? Comment, string? Status, string? Reason);

public sealed record ProgressDto(Guid Id, Guid GoalId, Guid PlanId, DateOnly RecordedOn, decimal? Value, string? PersonsView, string Comment, string Status,
    string? Reason, DateTimeOffset RecordedAt, string RecordedBy)
{
    public static ProgressDto From(GoalProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.GoalId, p.PlanId, p.RecordedOn, p.Value, p.PersonsView, p.Comment, p.Status, p.Reason, p.RecordedAt, p.RecordedByName);
    }
}

public sealed record GoalDto(Guid Id, int Index, string Description, string? PersonsWords, string Measure, string? Unit, decimal Baseline, decimal Target,
    DateOnly TargetDate, string? AgreedBy, string? Status, IReadOnlyList<ProgressDto> Progress)
{
    public static GoalDto From(PlanGoal g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new(g.Id, g.Number, g.Description, g.PersonsWords, g.Measure, g.Unit, g.Baseline, g.Target, g.TargetDate, g.AgreedBy, g.Status,
            PlanRules.InDateOrder(g.Progress).Select(ProgressDto.From).ToList());
    }
}

public sealed record ActionDto(int Index, string Action, string Owner, string? OwnerUserName, Guid? TaskId, DateOnly DueOn, int? GoalIndex)
{
    public static ActionDto From(PlanAction a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Number, a.Action, a.Owner, a.OwnerUserName, a.TaskId, a.DueOn, a.GoalNumber);
    }
}

/// <summary>A plan's approval where its service needs one: pending, approved or returned, by whom, when and with what comment.</summary>
public sealed record PlanApprovalDto(string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment)
{
    public static PlanApprovalDto? From(Plan p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Approval is { } a ? new(a.ToString().ToLowerInvariant(), p.DecidedByName, p.DecidedAt, p.DecisionComment) : null;
    }
}

public sealed record PlanDto(Guid Id, Guid CaseId, int Version, DateOnly AgreedOn, DateOnly ReviewOn, DateTimeOffset RecordedAt, string RecordedBy,
    IReadOnlyList<GoalDto> Goals, IReadOnlyList<ActionDto> Actions, string Status, PlanApprovalDto? Approval)
{
    /// <summary>The version with its status among its case's versions: in-force, awaiting-approval, returned or superseded (<see cref="CasePlans.StatusOf"/>).</summary>
    public static PlanDto From(Plan p, string status)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.CaseId, p.Version, p.AgreedOn, p.ReviewOn, p.RecordedAt, p.RecordedByName,
            p.Goals.OrderBy(g => g.Number).Select(GoalDto.From).ToList(), p.Actions.OrderBy(a => a.Number).Select(ActionDto.From).ToList(),
            status, PlanApprovalDto.From(p));
    }

    /// <summary>A version just agreed or decided: the newest of its case, so in force unless it awaits approval or was returned.</summary>
    public static PlanDto FromNewest(Plan p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return From(p, PlanApprovalRules.StatusOf(p.Approval, p.Version, PlanApprovalRules.IsEffective(p.Approval) ? p.Version : null, p.Version));
    }
}

public sealed record PlansDto(PlanDto? Current, IReadOnlyList<PlanDto> History);

public sealed record PlanDecisionRequest(bool? Approve, string? Comment);

public static class PlansApi
{
    public static void MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/{id:guid}/plans").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Plans");

        group.MapGet("/", async Task<IResult> (Guid id, CaseScope scope, PlanService plans, CancellationToken ct) =>
        {
            var found = await plans.ListAsync(scope.Case, ct: ct);
            return TypedResults.Ok(new PlansDto(found.Current is { } c ? PlanDto.From(c, found.StatusOf(c)) : null,
                found.Earlier.Select(p => PlanDto.From(p, found.StatusOf(p))).ToList()));
        }).WithName("listCasePlans")
            .WithSummary("The case's plan in force (current; null when none is) with its other versions (history, newest first: earlier versions, and a "
                         + "newer one awaiting approval or returned). Each version has its status (in-force, awaiting-approval, returned, superseded) and "
                         + "approval (null where the service needs none; else status pending, approved or returned, decidedBy, decidedAt, comment). Each "
                         + "goal carries its progress in date order and its status (the newest progress's; null with none).");

        group.MapPost("/", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, PlanService plans, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PlanRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await plans.AgreeAsync(scope.Case, ToInput(body!), ct);
            return ApiProblems.From(outcome, p => TypedResults.Created($"/api/v1/cases/{id}/plans", PlanDto.FromNewest(p)));
        }).WithName("createCasePlan").Accepts<PlanRequest>("application/json")
            .WithSummary("Agree a new version of the case's plan; the previous version stays readable. goals (1-10): description, personsWords (optional, the "
                         + "person's own words), measure (\"scale\" for a 1-10 scale, or the unit of a number such as \"% attendance\"), baseline, target, "
                         + "targetDate (today or later) and agreedBy (optional). A goal missing one: 422 naming it, e.g. goals[0].measure. actions (0-20): "
                         + "action, owner (a Caseload user name, who gets a task on the case, or anyone outside Caseload), dueOn, goalIndex (optional, "
                         + "0-based). reviewOn: when the plan is reviewed. A closed case: 422 naming status. Where the service needs a supervisor's "
                         + "approval (Plans:ApprovalRequiredFor) the new version is awaiting-approval, not in force, and its tasks are made when it is "
                         + "approved; one agreed by a supervisor of the case is in force at once.");

        group.MapPost("/{planId:guid}/decision", async Task<IResult> (Guid id, Guid planId, HttpRequest request, CaseScope scope, PlanService plans, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PlanDecisionRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await plans.DecideAsync(scope.Case, planId, new PlanDecisionInput(body!.Approve, body.Comment), ct);
            return outcome.Kind == Platform.Http.OutcomeKind.NotFound
                ? ApiProblems.NotFound("No plan with this id was found on this case")
                : ApiProblems.From(outcome, p => TypedResults.Ok(PlanDto.FromNewest(p)));
        }).WithName("decideCasePlan").Accepts<PlanDecisionRequest>("application/json").Produces<PlanDto>()
            .WithSummary("Approve (it comes into force, and its actions owned by Caseload users become their tasks) or return (comment required: 422 naming "
                         + "comment) a plan version awaiting approval: {\"approve\":bool,\"comment\"}. By a supervisor of the case (its team's supervisor or "
                         + "a service manager of its service) who did not agree it: 403 otherwise. 409 plan-not-awaiting-approval when it was decided "
                         + "already or a newer version replaced it. Answers 200 with the plan and its new status.");

        group.MapPost("/{planId:guid}/goals/{goalId:guid}/progress", async Task<IResult> (Guid id, Guid planId, Guid goalId, HttpRequest request, CaseScope scope,
            PlanService plans, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ProgressRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await plans.RecordProgressAsync(scope.Case, planId, goalId,
                new ProgressInput(body!.RecordedOn, body.Value, body.PersonsView, body.Comment, body.Status, body.Reason), ct);
            return outcome.Kind == Platform.Http.OutcomeKind.NotFound
                ? ApiProblems.NotFound("No goal with this id was found on this plan of this case")
                : ApiProblems.From(outcome, p => TypedResults.Created($"/api/v1/cases/{id}/plans", ProgressDto.From(p)));
        }).WithName("recordCasePlanGoalProgress").Accepts<ProgressRequest>("application/json")
            .WithSummary("Record progress on a goal of the plan in force: recordedOn (not in the future, not before the plan was agreed), value (the score "
                         + "1-10 or the number), personsView (optional), comment, status (on-track, at-risk, achieved, not-achieved, abandoned) and reason "
                         + "(required when abandoned: why; value may then be left out). A goal of an earlier version: 422 naming planId.");
    }

    internal static PlanInput ToInput(PlanRequest body) => new(
        body.Goals?.Select(g => g is null ? null : new GoalInput(g.Description, g.PersonsWords, g.Measure, g.Baseline, g.Target, g.TargetDate, g.AgreedBy)).ToList(),
        body.Actions?.Select(a => a is null ? null : new ActionInput(a.Action, a.Owner, a.DueOn, a.GoalIndex)).ToList(),
        body.ReviewOn);
}
